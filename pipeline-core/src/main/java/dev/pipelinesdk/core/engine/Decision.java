package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.DealEvent;
import org.jspecify.annotations.Nullable;

/**
 * One command's decision before it becomes an outcome (so a batch pays for one outcome, not one
 * per command): the event the command makes, {@link #UNCHANGED}, or a rejection. Exactly one of
 * the fields is set, except in {@link #UNCHANGED}, where neither is.
 */
final class Decision {
  /** The command changes nothing. */
  static final Decision UNCHANGED = new Decision(null, null);

  final @Nullable DealEvent event;
  final Outcome.@Nullable Rejected rejection;

  private Decision(@Nullable DealEvent event, Outcome.@Nullable Rejected rejection) {
    this.event = event;
    this.rejection = rejection;
  }

  static Decision of(DealEvent event) {
    return new Decision(event, null);
  }

  static Decision rejected(Outcome.Rejected rejection) {
    return new Decision(null, rejection);
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Replays histories up to an instant. */
final class Replay {
  private Replay() {}

  /**
   * The deal after every event at or before {@code asOf}; null if it was created later. Uses the
   * history's current deal when no event is later (the common case), so no replay is needed.
   */
  static @Nullable Deal asOf(DealHistory history, Instant asOf) {
    List<DealEvent> events = history.events();
    if (!events.get(events.size() - 1).at().isAfter(asOf)) {
      return history.current();
    }
    Deal deal = ((DealEvent.Created) events.get(0)).deal();
    if (deal.createdAt().isAfter(asOf)) {
      return null;
    }
    for (int i = 1; i < events.size() && !events.get(i).at().isAfter(asOf); i++) {
      deal = deal.apply(events.get(i));
    }
    return deal;
  }
}

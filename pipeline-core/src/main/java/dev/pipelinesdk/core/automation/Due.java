package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule says is due on a deal ({@link AutomationRule#due}): the {@link Agenda} turns it
 * into an {@link AgendaItem}.
 *
 * @param kind what is due
 * @param since when it fell due, at or before the context's instant
 * @param reason why, in words a sales rep reads
 * @param messageKey the key of the message to send the customer (delay contacts), to be
 *     localised by the application
 * @param offer a product to offer (a cross-sell), as the application names it
 */
public record Due(AgendaItem.Kind kind, Instant since, String reason,
    Optional<String> messageKey, Optional<String> offer) {
  /**
   * Checks the values.
   *
   * @param kind what is due
   * @param since when it fell due
   * @param reason why, in words
   * @param messageKey the message key, if any
   * @param offer the product to offer, if any
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the reason is not valid free text, or a message key or
   *     offer is not a valid id (see {@link dev.pipelinesdk.core.StageId})
   */
  public Due {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(since, "since is null");
    Checks.text("reason", reason);
    Objects.requireNonNull(messageKey, "messageKey is null");
    Objects.requireNonNull(offer, "offer is null");
    messageKey.ifPresent(k -> Checks.id("message key", k));
    offer.ifPresent(o -> Checks.id("offer", o));
  }

  /**
   * Something due without a message.
   *
   * @param kind what is due
   * @param since when it fell due
   * @param reason why, in words
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the reason is not valid free text
   */
  public Due(AgendaItem.Kind kind, Instant since, String reason) {
    this(kind, since, reason, Optional.empty(), Optional.empty());
  }
}

package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.StageId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing due on one deal: made by the {@link Agenda} from what a rule said ({@link Due}).
 * Immutable.
 *
 * @param deal the deal
 * @param owner the deal's owner at the agenda's instant, if it has one
 * @param stage the stage the deal is in
 * @param kind what is due
 * @param dueSince when it fell due: never before the deal's last event, never after the
 *     agenda's instant
 * @param rule the id of the rule that produced it ({@link AutomationRule#id()})
 * @param reason why, in words
 * @param messageKey for a delay contact, the key of the message to send the customer; for a
 *     cadence touch, the step's message key, if it has one
 * @param offer for a delay contact, a product to offer, if the rule has one
 * @param snoozedUntil for an item whose snooze ended ({@link Kind#SNOOZE_ENDED}), the date the
 *     snooze lasted until
 */
public record AgendaItem(DealId deal, Optional<String> owner, StageId stage, Kind kind,
    Instant dueSince, String rule, String reason, Optional<String> messageKey,
    Optional<String> offer, Optional<LocalDate> snoozedUntil) {

  /**
   * What is due. The declaration order is the agenda's order of precedence: escalations first,
   * then contacts with the customer (delay contacts, then cadence touches), then snoozes that
   * ended, then idle deals.
   */
  public enum Kind {
    /** A deal has hung at a stage too long: get a yes or no ({@link DecisionTimeout}). */
    ESCALATION,
    /** Contact the customer while a stage takes long ({@link DelayContactRule}). */
    DELAY_CONTACT,
    /** The next planned touch of a cadence is due ({@link Cadence}). */
    CADENCE_TOUCH,
    /** A snoozed item is back: the snooze ended and nothing reset the rule since. */
    SNOOZE_ENDED,
    /** A deal is idle ("rotting") in its stage ({@link IdleRule}). */
    IDLE;

    /** {@return the kind as JSON and files spell it: {@code escalation}, {@code delay-contact}} */
    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** {@return the kind in words: {@code escalation}, {@code delay contact}, ...} */
    public String words() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /**
     * A number of items of this kind in words: {@code 1 escalation}, {@code 4 idle deals},
     * {@code 2 ended snoozes}, {@code 3 cadence touches}.
     *
     * @param n how many
     * @return the text
     */
    public String count(long n) {
      String one = this == IDLE ? "idle deal" : this == SNOOZE_ENDED ? "ended snooze" : words();
      return n + " " + one + (n == 1 ? "" : this == CADENCE_TOUCH ? "es" : "s");
    }
  }

  /**
   * Checks the values.
   *
   * @param deal the deal
   * @param owner the deal's owner
   * @param stage the deal's stage
   * @param kind what is due
   * @param dueSince when it fell due
   * @param rule the rule's id
   * @param reason why, in words
   * @param messageKey the message key
   * @param offer the product to offer
   * @param snoozedUntil the date a snooze lasted until
   * @throws NullPointerException naming the argument if one is null
   */
  public AgendaItem {
    Objects.requireNonNull(deal, "deal is null");
    Objects.requireNonNull(owner, "owner is null");
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(dueSince, "dueSince is null");
    Objects.requireNonNull(rule, "rule is null");
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(messageKey, "messageKey is null");
    Objects.requireNonNull(offer, "offer is null");
    Objects.requireNonNull(snoozedUntil, "snoozedUntil is null");
  }
}

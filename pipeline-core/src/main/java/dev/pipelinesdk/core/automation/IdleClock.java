package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What {@link IdleRule} and {@link DecisionTimeout} share: an idle clock and its words. */
final class IdleClock {
  private IdleClock() {}

  /** The default resets: what {@code Deal.lastActivityAt()} measures from. */
  static final Set<Activity> TOUCH_OR_STAGE_CHANGE =
      java.util.Collections.unmodifiableSet(EnumSet.of(Activity.TOUCH, Activity.STAGE_CHANGE));

  /** A checked, unmodifiable copy of the resets, in enum order. */
  static Set<Activity> resets(Collection<Activity> resets, String rule) {
    Objects.requireNonNull(resets, "resets is null");
    if (resets.isEmpty()) {
      throw new IllegalArgumentException("rule '" + rule + "': at least one activity must reset"
          + " the idle clock (such as touch or stage change)");
    }
    for (Activity a : resets) {
      Objects.requireNonNull(a, "reset activity is null");
    }
    return java.util.Collections.unmodifiableSet(EnumSet.copyOf(resets));
  }

  static String checkedId(String id) {
    return Checks.id("rule id", id);
  }

  /** {@code a touch or stage change}, {@code a touch, stage change or attribute change}. */
  static String anyOf(Set<Activity> resets) {
    List<String> words = resets.stream().map(Activity::words).collect(Collectors.toList());
    String last = words.remove(words.size() - 1);
    return "a " + (words.isEmpty() ? last : String.join(", ", words) + " or " + last);
  }

  /** {@code no touch or stage change}. */
  static String none(Set<Activity> resets) {
    return "no " + anyOf(resets).substring(2);
  }

  /**
   * When the clock ran out, if by the context's instant: the threshold after the last reset,
   * and not before the deal entered its stage.
   */
  static Optional<Instant> due(RuleContext c, Span after, Set<Activity> resets) {
    Instant since = c.lastActivity(resets);
    Instant due = after.from(since, c.calendar());
    if (due.isBefore(c.stageEnteredAt())) {
      due = c.stageEnteredAt();
    }
    return due.isAfter(c.asOf()) ? Optional.empty() : Optional.of(due);
  }

  /**
   * {@code no touch or stage change in Decision since 2026-05-12 (19 days; timeout 5 business
   * days)}: what is missing, since when, how long ago, and the rule's span.
   */
  static String idleFor(RuleContext c, Set<Activity> resets, String what, Span after) {
    Instant since = c.lastActivity(resets);
    return none(resets) + " in " + c.stage().name() + " since " + c.calendar().date(since)
        + " (" + days(Duration.between(since, c.asOf())) + "; " + what + " " + after + ")";
  }

  /** Whole days: {@code 1 day}, {@code 19 days}, {@code less than a day}. */
  static String days(Duration d) {
    long n = d.toDays();
    return n == 0 ? "less than a day" : n == 1 ? "1 day" : n + " days";
  }
}

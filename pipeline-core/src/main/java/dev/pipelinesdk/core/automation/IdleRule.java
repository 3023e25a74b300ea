package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.StageId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A deal is idle ("rotting", as Pipedrive calls it) when it has sat in a stage for a span without
 * activity: an {@link AgendaItem.Kind#IDLE} item, due when the span after the last activity of
 * the {@linkplain #resets() resetting kinds} (or after entering the stage, if that is later)
 * has passed. Touching the deal (or whatever resets the clock) removes the item. Snoozable.
 *
 * <pre>{@code
 * IdleRule.of("qualification", Span.businessDays(7));               // touches and moves reset
 * IdleRule.of("consideration", Span.days(14)).resetBy(Activity.TOUCH, Activity.ATTRIBUTE_CHANGE);
 * }</pre>
 *
 * <p>A stage's {@link dev.pipelinesdk.core.Stage#idleAfter()} is the same rule in calendar time,
 * reset by touches and stage changes, wherever no idle rule or decision timeout is declared for
 * the stage ({@link Agenda#rules}).
 *
 * @param id the rule's id; {@link #of} makes {@code idle:STAGE}
 * @param stage the stage watched
 * @param after how long a deal may sit without activity
 * @param resets the kinds of activity that reset the clock (at least one)
 */
public record IdleRule(String id, StageId stage, Span after, Set<Activity> resets)
    implements AutomationRule {
  /**
   * Checks the rule.
   *
   * @param id the rule's id
   * @param stage the stage watched
   * @param after how long a deal may sit without activity
   * @param resets the kinds of activity that reset the clock
   * @throws IllegalArgumentException if the id is not a valid id or no activity resets the clock
   * @throws NullPointerException naming the argument if one is null
   */
  public IdleRule {
    IdleClock.checkedId(id);
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(after, "after is null");
    resets = IdleClock.resets(resets, id);
  }

  /**
   * An idle rule with id {@code idle:STAGE}, reset by touches and stage changes.
   *
   * @param stage the stage id
   * @param after how long a deal may sit without a touch or a stage change
   * @return the rule
   * @throws IllegalArgumentException if the stage id is not valid
   * @throws NullPointerException naming the argument if one is null
   */
  public static IdleRule of(String stage, Span after) {
    StageId s = StageId.of(Objects.requireNonNull(stage, "stage is null"));
    return new IdleRule("idle:" + s, s, after, IdleClock.TOUCH_OR_STAGE_CHANGE);
  }

  /**
   * This rule with other kinds of activity resetting its clock.
   *
   * @param first an activity that resets the clock
   * @param more more of them
   * @return the new rule
   * @throws NullPointerException if an activity is null
   */
  public IdleRule resetBy(Activity first, Activity... more) {
    Objects.requireNonNull(first, "activity is null");
    Activity[] all = Arrays.copyOf(Objects.requireNonNull(more, "activities are null"),
        more.length + 1);
    all[more.length] = first;
    return new IdleRule(id, stage, after, new java.util.HashSet<>(Arrays.asList(all)));
  }

  /**
   * This rule with another id.
   *
   * @param id the id
   * @return the new rule
   * @throws IllegalArgumentException if the id is not a valid id
   */
  public IdleRule withId(String id) {
    return new IdleRule(id, stage, after, resets);
  }

  @Override
  public String description() {
    return "idle after " + after + " without " + IdleClock.anyOf(resets);
  }

  @Override
  public Optional<Due> due(RuleContext context) {
    return IdleClock.due(context, after, resets).map(at -> new Due(AgendaItem.Kind.IDLE, at,
        IdleClock.idleFor(context, resets, "idle after", after)));
  }
}

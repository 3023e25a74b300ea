package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.StageId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Do not let a deal hang at decision: a deal idle at a stage for a span (no activity of the
 * {@linkplain #resets() resetting kinds}, or not since entering the stage) produces an {@link
 * AgendaItem.Kind#ESCALATION} item, "get a yes or no". Touching the deal (or whatever resets the
 * clock) removes it; so does a decision (the deal leaves the stage). Snoozable.
 *
 * <pre>{@code
 * DecisionTimeout.of("decision", Span.businessDays(5));
 * }</pre>
 *
 * @param id the rule's id; {@link #of} makes {@code decision-timeout:STAGE}
 * @param stage the stage watched, usually the decision stage
 * @param after how long a deal may hang there without activity
 * @param resets the kinds of activity that reset the clock (at least one)
 */
public record DecisionTimeout(String id, StageId stage, Span after, Set<Activity> resets)
    implements AutomationRule {
  /**
   * Checks the rule.
   *
   * @param id the rule's id
   * @param stage the stage watched
   * @param after how long a deal may hang there without activity
   * @param resets the kinds of activity that reset the clock
   * @throws IllegalArgumentException if the id is not a valid id or no activity resets the clock
   * @throws NullPointerException naming the argument if one is null
   */
  public DecisionTimeout {
    IdleClock.checkedId(id);
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(after, "after is null");
    resets = IdleClock.resets(resets, id);
  }

  /**
   * A decision timeout with id {@code decision-timeout:STAGE}, reset by touches and stage
   * changes.
   *
   * @param stage the stage id
   * @param after how long a deal may hang there without a touch or a stage change
   * @return the rule
   * @throws IllegalArgumentException if the stage id is not valid
   * @throws NullPointerException naming the argument if one is null
   */
  public static DecisionTimeout of(String stage, Span after) {
    StageId s = StageId.of(Objects.requireNonNull(stage, "stage is null"));
    return new DecisionTimeout("decision-timeout:" + s, s, after,
        IdleClock.TOUCH_OR_STAGE_CHANGE);
  }

  /**
   * This rule with other kinds of activity resetting its clock.
   *
   * @param first an activity that resets the clock
   * @param more more of them
   * @return the new rule
   * @throws NullPointerException if an activity is null
   */
  public DecisionTimeout resetBy(Activity first, Activity... more) {
    Objects.requireNonNull(first, "activity is null");
    Activity[] all = Arrays.copyOf(Objects.requireNonNull(more, "activities are null"),
        more.length + 1);
    all[more.length] = first;
    return new DecisionTimeout(id, stage, after, new java.util.HashSet<>(Arrays.asList(all)));
  }

  /**
   * This rule with another id.
   *
   * @param id the id
   * @return the new rule
   * @throws IllegalArgumentException if the id is not a valid id
   */
  public DecisionTimeout withId(String id) {
    return new DecisionTimeout(id, stage, after, resets);
  }

  @Override
  public String description() {
    return "escalate after " + after + " without " + IdleClock.anyOf(resets)
        + ": get a yes or no";
  }

  @Override
  public Optional<Due> due(RuleContext context) {
    return IdleClock.due(context, after, resets).map(at -> new Due(AgendaItem.Kind.ESCALATION,
        at, "get a yes or no: " + IdleClock.idleFor(context, resets, "timeout", after)));
  }
}

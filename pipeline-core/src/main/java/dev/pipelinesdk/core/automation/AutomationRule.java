package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import java.util.List;
import java.util.Optional;

/**
 * A rule that says when something is due on a deal in one stage: declared on a definition
 * ({@code PipelineDefinition.Builder.rule}), applied by the {@link Agenda}. Built-ins: {@link
 * IdleRule}, {@link DecisionTimeout}, {@link DelayContactRule}, {@link Cadence}; a new kind of
 * rule implements this interface and the agenda applies it unchanged.
 *
 * <p>A rule is a pure function of its {@link RuleContext}: the same context gives the same
 * answer, it reads no clock and keeps no state, and it is safe to call from any thread. It gives
 * at most one item per deal at a time, the earliest thing not yet done ({@link #due}); the
 * agenda adds the deal, its owner and the rule's id, applies snoozes ({@link #snoozable()}) and
 * never lets an item be due before the deal's last event.
 *
 * <p>Equality: rules are values; a definition compares its rules with {@code equals}.
 */
public interface AutomationRule {

  /**
   * The rule's id, unique within its definition, such as {@code idle:qualification}: what an
   * {@link AgendaItem} names as the rule that produced it.
   *
   * @return the id, a valid id (see {@link StageId})
   */
  String id();

  /** {@return the stage whose deals the rule watches: an open or dormant stage} */
  StageId stage();

  /**
   * The rule in words, for diagrams and listings, such as {@code idle after 7 business days
   * without a touch or stage change}.
   *
   * @return one line of text
   */
  String description();

  /**
   * Whether a snooze of the deal ({@code DealEvent.Snoozed}) hides this rule's items until the
   * snooze ends. Internal alerts (idle, escalation) are snoozable; customer-facing contacts are
   * not, by default.
   *
   * @return true unless the rule says otherwise
   */
  default boolean snoozable() {
    return true;
  }

  /**
   * What is wrong with this rule on the stage it watches, checked when the definition is built
   * (such as a delay contact after the stage's expected duration on a stage without one). The
   * definition checks the rest: that the stage exists and is open or dormant, and that ids are
   * unique.
   *
   * @param stage the stage named by {@link #stage()}
   * @return every problem, each a sentence naming the rule; empty if none
   */
  default List<String> problems(Stage stage) {
    return List.of();
  }

  /**
   * What is due on one deal at the context's instant, if anything: the earliest item of this
   * rule not yet done, due at or before {@link RuleContext#asOf()}. Called only for deals in
   * {@link #stage()}.
   *
   * @param context the deal, its history up to the instant, the definition and the instant
   * @return the due item, or empty if nothing of this rule is due yet
   */
  Optional<Due> due(RuleContext context);
}

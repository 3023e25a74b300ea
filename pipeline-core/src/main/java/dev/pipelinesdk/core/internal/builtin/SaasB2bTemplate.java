package dev.pipelinesdk.core.internal.builtin;

import dev.pipelinesdk.core.template.PipelineTemplate;

import dev.pipelinesdk.core.ForecastCategory;
import dev.pipelinesdk.core.Handoff;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.automation.BusinessCalendar;
import dev.pipelinesdk.core.automation.Cadence;
import dev.pipelinesdk.core.automation.DecisionTimeout;
import dev.pipelinesdk.core.automation.IdleRule;
import dev.pipelinesdk.core.automation.Span;
import dev.pipelinesdk.core.guard.GuardFactories;
import java.util.Map;
import java.time.Duration;

/**
 * The article's default B2B pipeline, template {@value #NAME}.
 *
 * <ul>
 *   <li>Open stages, in funnel order: {@code prospecting} (5%), {@code qualification} (15%),
 *       {@code consideration} (40%, best case), {@code decision} (70%, commit); then {@code won}
 *       or {@code lost}.
 *   <li>Prospecting -> Qualification: a marketing-qualified lead, a lead score of at least 50
 *       (guard {@code minimum-lead-score} on attribute {@value
 *       dev.pipelinesdk.core.Deal#LEAD_SCORE}, the score the CRM computed; it needs no history,
 *       so the template also runs on bare deals). To score fit and engagement here instead, a
 *       definition file names guard {@code marketing-qualified} with {@code min=50} (scorer
 *       {@code points} by default), which reads the deal's history.
 *   <li>Qualification -> Consideration: a sales-qualified lead, guard {@code sales-qualified}
 *       with the article's three answers as attributes: {@code need} (really interested), {@code
 *       buying_process} (in a buying process) and {@code decision_maker} (responsible for the
 *       decision).
 *   <li>Consideration -> Decision needs an amount. Decision -> Won has no guard.
 *   <li>Back-moves Consideration -> Qualification and Decision -> Consideration.
 *   <li>Lost and {@code dormant} ("gone dark", not lost) from every open stage; a dormant deal
 *       can be revived into qualification, consideration or decision, or given up as lost; a lost
 *       deal can be reopened into qualification.
 *   <li>Idle thresholds ({@link Stage#idleAfter()}, what the metrics use): 14, 10, 14 and 7
 *       days; at Decision a deal must not hang.
 *   <li>Automation, counted in business days (Monday to Friday, dates in UTC): a deal is idle
 *       after 10 business days without a touch or stage change in Prospecting, 7 in
 *       Qualification, 10 in Consideration; at Decision, 5 business days without one escalate:
 *       get a yes or no.
 *   <li>A cadence on Qualification, {@code follow-up}: a lead entering it gets 7 touches over 15
 *       business days (3 weeks; the article's "6 to 8 touches to get a viable lead"): email,
 *       call, email, social, call, email, call, after 1, 2, 2, 2, 2, 3 and 3 business days, with
 *       message keys {@code saas.follow-up.1} to {@code .7}; it stops when the lead replies or a
 *       meeting is booked, and when the deal leaves Qualification.
 * </ul>
 *
 * <p>The guards are made by the built-in {@link dev.pipelinesdk.core.guard.GuardFactory}s, so the
 * template can be written as a file and read back equal.
 *
 * <p>Delivery is not a stage here: a won deal is handed over to customer success, a separate
 * pipeline ({@link CustomerSuccessTemplate}), where onboarding, renewals and upsells are tracked.
 * This keeps "won" terminal, so win rates and sales cycles end at the signature. The handoff is
 * declared ({@code Handoff.to("customer-success")}): the engine's {@code handOff} opens the
 * linked deal there with the won deal's id, amount, attributes and owner, starting in Kickoff.
 */
public final class SaasB2bTemplate implements PipelineTemplate {
  /** The template name: {@value}. */
  public static final String NAME = "saas-b2b";

  private static final PipelineDefinition DEFINITION = PipelineDefinition.builder(NAME)
      .name("SaaS B2B sales")
      .stage(Stage.builder().id("prospecting").name("Prospecting").defaultProbability(0.05)
          .expectedDuration(Duration.ofDays(14)).idleAfter(Duration.ofDays(14)).build())
      .stage(Stage.builder().id("qualification").name("Qualification").defaultProbability(0.15)
          .expectedDuration(Duration.ofDays(14)).idleAfter(Duration.ofDays(10)).build())
      .stage(Stage.builder().id("consideration").name("Consideration").defaultProbability(0.40)
          .expectedDuration(Duration.ofDays(21)).idleAfter(Duration.ofDays(14))
          .forecastCategory(ForecastCategory.BEST_CASE).build())
      .stage(Stage.builder().id("decision").name("Decision").defaultProbability(0.70)
          .expectedDuration(Duration.ofDays(14)).idleAfter(Duration.ofDays(7))
          .forecastCategory(ForecastCategory.COMMIT).build())
      .stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost"))
      .stage(Stage.dormant("dormant", "Gone dark"))
      .transition("prospecting", "qualification", "marketing-qualified",
          GuardFactories.createWith(new BuiltInGuardFactories.MinimumLeadScore(), Map.of("min", "50")))
      .transition("qualification", "consideration", "sales-qualified",
          GuardFactories.createWith(new QualificationGuardFactories.SalesQualified(), Map.of()))
      .transition("consideration", "decision", "proposal",
          GuardFactories.createWith(new BuiltInGuardFactories.AmountPresent(), Map.of()))
      .transition("decision", "won", "signed")
      .transition("consideration", "qualification", "back to qualification")
      .transition("decision", "consideration", "back to consideration")
      .fromEveryOpenStage("lost")
      .fromEveryOpenStage("dormant")
      .transition("dormant", "qualification", "revive to qualification")
      .transition("dormant", "consideration", "revive to consideration")
      .transition("dormant", "decision", "revive to decision")
      .transition("dormant", "lost", "give up")
      .reopen("lost", "qualification")
      .calendar(BusinessCalendar.weekdays())
      .rule(IdleRule.of("prospecting", Span.businessDays(10)))
      .rule(IdleRule.of("qualification", Span.businessDays(7)))
      .rule(Cadence.builder("qualification").id("follow-up")
          .step(Touch.Channel.EMAIL, Span.businessDays(1), "saas.follow-up.1")
          .step(Touch.Channel.CALL, Span.businessDays(2), "saas.follow-up.2")
          .step(Touch.Channel.EMAIL, Span.businessDays(2), "saas.follow-up.3")
          .step(Touch.Channel.SOCIAL, Span.businessDays(2), "saas.follow-up.4")
          .step(Touch.Channel.CALL, Span.businessDays(2), "saas.follow-up.5")
          .step(Touch.Channel.EMAIL, Span.businessDays(3), "saas.follow-up.6")
          .step(Touch.Channel.CALL, Span.businessDays(3), "saas.follow-up.7")
          .build())
      .rule(IdleRule.of("consideration", Span.businessDays(10)))
      .rule(DecisionTimeout.of("decision", Span.businessDays(5)))
      .handoff(Handoff.to(CustomerSuccessTemplate.NAME).build())
      .build();

  /** Creates the provider. */
  public SaasB2bTemplate() {}

  /** {@return the definition, without going through the service loader} */
  public static PipelineDefinition saasB2b() {
    return DEFINITION;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "default B2B pipeline: prospecting, qualification, consideration, decision, won/lost,"
        + " with a dormant stage";
  }

  @Override
  public PipelineDefinition definition() {
    return DEFINITION;
  }
}

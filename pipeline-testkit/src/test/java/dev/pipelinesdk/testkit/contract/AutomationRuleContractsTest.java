package dev.pipelinesdk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.automation.Activity;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.BusinessCalendar;
import dev.pipelinesdk.core.automation.DecisionTimeout;
import dev.pipelinesdk.core.automation.DelayContactRule;
import dev.pipelinesdk.core.automation.Due;
import dev.pipelinesdk.core.automation.IdleRule;
import dev.pipelinesdk.core.automation.RuleContext;
import dev.pipelinesdk.core.automation.Span;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The automation-rule contract: the built-in rules keep it, and rules broken on purpose (each in
 * one way a hand-written rule goes wrong) are caught by the property they break.
 */
class AutomationRuleContractsTest {
  private static final long SEED = 42L;
  private static final Command.RecordTouch CALL = new Command.RecordTouch(
      Touch.outbound(Touch.Channel.CALL, Touch.Result.COMPLETED));

  /** A delay contact after 2 business days, again after 2, at most 3 per visit. */
  static final DelayContactRule REVIEW_DELAYED = DelayContactRule.builder("review",
      "review.delayed").after(Span.businessDays(2)).offer("insurance")
      .repeat(Span.businessDays(2), 3).build();

  /** The broken rules below watch 'review' too; each is declared on its own definition. */
  static PipelineDefinition definition(AutomationRule... extra) {
    PipelineDefinition.Builder b = PipelineDefinition.builder("rules")
        .stage(Stage.builder().id("lead").name("Lead").idleAfter(Duration.ofDays(4)).build())
        .stage(Stage.builder().id("review").name("Review").expectedDuration(Duration.ofDays(3))
            .build())
        .stage(Stage.open("decision", "Decision", 0.7))
        .stage(Stage.won("won", "Won"))
        .stage(Stage.lost("lost", "Lost"))
        .stage(Stage.dormant("dormant", "Gone dark"))
        .path("lead", "review", "decision", "won")
        .transition("decision", "review")
        .transition("review", "lead")
        .fromEveryOpenStage("lost")
        .fromEveryOpenStage("dormant")
        .transition("dormant", "review")
        .reopen("lost", "lead")
        .calendar(BusinessCalendar.builder().weekend(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
            .holidays(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6),
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 25))
            .build());
    for (AutomationRule r : extra) {
      b.rule(r);
    }
    return b.build();
  }

  static final PipelineDefinition RULES = definition(REVIEW_DELAYED,
      IdleRule.of("review", Span.businessDays(4)).resetBy(Activity.TOUCH),
      DecisionTimeout.of("decision", Span.businessDays(3)),
      IdleRule.of("dormant", Span.days(30)));

  static Stream<AutomationRule> builtInRules() {
    return Agenda.rules(RULES).stream(); // the four declared and lead's implied idle rule
  }

  @ParameterizedTest
  @MethodSource("builtInRules")
  void everyBuiltInRuleKeepsTheContract(AutomationRule rule) {
    AutomationRuleContracts c = AutomationRuleContracts.forRule(rule, RULES).stopsOn(CALL)
        .withSeed(SEED).withExamples(150);
    if (rule instanceof DelayContactRule) {
      c = c.atMostPerVisit(((DelayContactRule) rule).maxPerVisit());
    }
    c.verify();
  }

  @Test
  void theSaasTemplatesRulesKeepTheContract() {
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    for (AutomationRule rule : Agenda.rules(saas)) {
      AutomationRuleContracts.forRule(rule, saas).stopsOn(CALL).withSeed(SEED)
          .withExamples(100).verify();
    }
  }

  /** A cadence: a reply ends it, each step is done by an outbound touch, 7 steps at most. */
  @Test
  void theSaasTemplatesCadenceKeepsTheContractWithItsStopsAndItsSteps() {
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    dev.pipelinesdk.core.automation.Cadence cadence = saas.automationRules().stream()
        .filter(r -> r instanceof dev.pipelinesdk.core.automation.Cadence)
        .map(r -> (dev.pipelinesdk.core.automation.Cadence) r).findFirst().orElseThrow();
    AutomationRuleContracts.forRule(cadence, saas)
        .stopsOn(new Command.RecordTouch(Touch.inbound(Touch.Channel.EMAIL,
            Touch.Result.REPLIED)))
        .actedOnBy(new Command.RecordTouch(Touch.outbound(Touch.Channel.EMAIL,
            Touch.Result.NO_RESPONSE)))
        .atMostPerVisit(cadence.steps().size())
        .withSeed(SEED).withExamples(150).verify();
  }

  @Test
  void theCasesPutTheDealInTheRulesStageWithItemsDue() {
    // Guards the generator: a contract whose cases never reach the rule proves nothing.
    AutomationRuleContracts c = AutomationRuleContracts.forRule(REVIEW_DELAYED, RULES);
    int[] inStage = new int[1];
    int[] due = new int[1];
    int[] visits = new int[1];
    qt().withFixedSeed(SEED).withExamples(300).forAll(c.cases()).checkAssert(k -> {
      RuleContext ctx = RuleContext.of(RULES, k.history(), k.asOf());
      if (ctx.stage().id().equals(REVIEW_DELAYED.stage())) {
        inStage[0]++;
        if (REVIEW_DELAYED.due(ctx).isPresent()) {
          due[0]++;
        }
        if (ctx.stageEnteredAt().isAfter(k.history().events().get(0).at())) {
          visits[0]++; // a later visit: the deal left the stage and came back
        }
      }
    });
    assertThat(inStage[0]).as("cases with the deal in the rule's stage").isGreaterThan(90);
    assertThat(due[0]).as("cases with a contact due").isGreaterThan(60);
    assertThat(visits[0]).as("cases in a second visit of the stage").isGreaterThan(10);
  }

  // ---------------------------------------------------------------------------------------------
  // Rules broken on purpose. Each watches 'review' and gives a delay contact.

  private static Optional<Due> contact(RuleContext c, Instant since) {
    return Optional.of(new Due(AgendaItem.Kind.DELAY_CONTACT, since, "contact the customer",
        Optional.of("review.delayed"), Optional.empty()));
  }

  /** A rule of one's own: the id, the stage and a description, the answer from a function. */
  record Custom(String id, java.util.function.Function<RuleContext, Optional<Due>> answer)
      implements AutomationRule {
    @Override
    public StageId stage() {
      return StageId.of("review");
    }

    @Override
    public String description() {
      return id;
    }

    @Override
    public Optional<Due> due(RuleContext context) {
      return answer.apply(context);
    }
  }

  private static ContractViolation violation(AutomationRule rule, String property,
      java.util.function.UnaryOperator<AutomationRuleContracts> configure) {
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () ->
        configure.apply(AutomationRuleContracts.forRule(rule, definition(rule)).withSeed(SEED))
            .verify(property));
    assertThat(v).as("%s must break '%s'", rule.id(), property).isNotNull();
    assertThat(v.property()).isEqualTo(property);
    assertThat(v.getMessage()).contains(rule.id()).contains("smallest counterexample:");
    return v;
  }

  /** Contacts every 2 business days after the last touch, forever: it forgot its cap. */
  static final Custom UNCAPPED = new Custom("uncapped", c -> {
    List<DealEvent.TouchRecorded> touches = c.touchesInVisit();
    Instant from = touches.isEmpty() ? c.stageEnteredAt() : touches.get(touches.size() - 1).at();
    Instant due = Span.businessDays(2).from(from, c.calendar());
    return due.isAfter(c.asOf()) ? Optional.empty() : contact(c, due);
  });

  @Test
  void aRuleThatForgetsItsCapIsCaught() {
    ContractViolation v = violation(UNCAPPED, AutomationRuleContracts.CAPPED,
        c -> c.atMostPerVisit(3));
    assertThat(v.reason()).contains("got 4 items").contains("declared at most 3");
    // The same rule keeps the rest of the contract: the cap is the one thing wrong with it.
    AutomationRuleContracts.forRule(UNCAPPED, definition(UNCAPPED)).stopsOn(CALL)
        .withSeed(SEED).withExamples(100).verify(AutomationRuleContracts.TOTAL,
            AutomationRuleContracts.WITHIN, AutomationRuleContracts.DETERMINISTIC,
            AutomationRuleContracts.NO_LOOK_AHEAD, AutomationRuleContracts.STOPS);
  }

  /** Counts from the deal's creation, not from its entry into the stage. */
  static final Custom FROM_CREATION = new Custom("from-creation", c -> {
    Instant due = c.events().get(0).at().plus(Duration.ofHours(1));
    return due.isAfter(c.asOf()) ? Optional.empty() : contact(c, due);
  });

  @Test
  void aRuleThatCountsFromTheDealsCreationIsCaught() {
    ContractViolation v = violation(FROM_CREATION, AutomationRuleContracts.WITHIN, c -> c);
    assertThat(v.reason()).contains("before the deal entered stage 'review'");
  }

  /** Says something is due an hour after the instant it is asked at. */
  static final Custom EARLY = new Custom("early", c -> contact(c, c.asOf().plusSeconds(3600)));

  @Test
  void aRuleThatSchedulesAfterTheInstantIsCaught() {
    ContractViolation v = violation(EARLY, AutomationRuleContracts.WITHIN, c -> c);
    assertThat(v.reason()).contains("after the instant");
    ContractViolation total = violation(EARLY, AutomationRuleContracts.TOTAL, c -> c);
    assertThat(total.reason()).contains("the agenda failed").contains("after the agenda's");
  }

  @Test
  void aRuleThatThrowsIsCaughtWithTheException() {
    Custom touchy = new Custom("touchy", c -> {
      if (c.touchesInVisit().size() >= 2) {
        throw new IllegalStateException("cannot handle " + c.touchesInVisit().size()
            + " touches");
      }
      return Optional.empty();
    });
    ContractViolation v = violation(touchy, AutomationRuleContracts.TOTAL, c -> c);
    assertThat(v.reason()).contains("IllegalStateException: cannot handle 2 touches");
  }

  @Test
  void aRuleWithStateIsCaught() {
    AtomicInteger calls = new AtomicInteger();
    Custom counting = new Custom("counting", c -> Optional.of(new Due(AgendaItem.Kind.IDLE,
        c.stageEnteredAt(), "asked " + calls.incrementAndGet() + " times")));
    ContractViolation v = violation(counting, AutomationRuleContracts.DETERMINISTIC, c -> c);
    assertThat(v.reason()).contains("asked twice in the same context");
  }

  @Test
  void aRuleReadingTheWallClockIsCaught() {
    Custom clocky = new Custom("clocky", c -> Optional.of(new Due(AgendaItem.Kind.IDLE,
        c.stageEnteredAt(), "idle as of " + Instant.ofEpochMilli(System.currentTimeMillis()))));
    ContractViolation v = violation(clocky, AutomationRuleContracts.WALL_CLOCK, c -> c);
    assertThat(v.reason()).contains("RuleContext.asOf()");
  }

  /** A reminder 2 business days after entering the stage, whatever happened since. */
  static final Custom DEAF = new Custom("deaf", c -> {
    Instant due = Span.businessDays(2).from(c.stageEnteredAt(), c.calendar());
    return due.isAfter(c.asOf()) ? Optional.empty() : contact(c, due);
  });

  @Test
  void aRuleThatIgnoresItsStopIsCaught() {
    ContractViolation v = violation(DEAF, AutomationRuleContracts.STOPS, c -> c.stopsOn(CALL));
    assertThat(v.reason()).contains("once touch OUTBOUND CALL COMPLETED").contains("declared to stop on it");
    // Without a declared stop the same rule keeps the contract: leaving the stage stops it.
    AutomationRuleContracts.forRule(DEAF, definition(DEAF)).withSeed(SEED).withExamples(100)
        .verify();
  }

  @Test
  void aRuleMustBeOnTheDefinitionAndUnknownPropertiesAreRefused() {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
        () -> AutomationRuleContracts.forRule(DEAF, RULES));
    assertThat(e).hasMessageContaining("'deaf'").hasMessageContaining("'rules'")
        .hasMessageContaining("delay-contact:review");
    IllegalArgumentException p = catchThrowableOfType(IllegalArgumentException.class,
        () -> AutomationRuleContracts.forRule(REVIEW_DELAYED, RULES).verify("fast"));
    assertThat(p).hasMessageContaining("'fast'").hasMessageContaining(
        AutomationRuleContracts.TOTAL);
    assertThat(AutomationRuleContracts.forRule(REVIEW_DELAYED, RULES).properties())
        .doesNotContain(AutomationRuleContracts.CAPPED);
    assertThat(AutomationRuleContracts.forRule(REVIEW_DELAYED, RULES).atMostPerVisit(3)
        .properties()).contains(AutomationRuleContracts.CAPPED);
  }
}

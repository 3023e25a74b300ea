package dev.pipelinesdk.core.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.InvalidDefinitionException;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rules on a definition: checked with every other problem, compared by value, replayed. */
class RulesTest {
  private static PipelineDefinition.Builder base() {
    return PipelineDefinition.builder("demo")
        .stage(Stage.open("lead", "Lead", 0.2))
        .stage(Stage.builder().id("demo").name("Demo").expectedDuration(Duration.ofDays(5))
            .build())
        .stage(Stage.won("won", "Won"))
        .stage(Stage.lost("lost", "Lost"))
        .path("lead", "demo", "won")
        .fromEveryOpenStage("lost");
  }

  @Test
  void badRulesAreReportedWithEveryOtherProblemAtOnce() {
    assertThatThrownBy(() -> base()
        .stage(Stage.open("lead", "Lead again", 0.3))
        .rule(IdleRule.of("nowhere", Span.days(3)))
        .rule(IdleRule.of("won", Span.days(3)))
        .rule(IdleRule.of("lead", Span.days(3)))
        .rule(IdleRule.of("lead", Span.days(5)))
        .rule(DelayContactRule.builder("lead", "lead.delayed").build())
        .rule(null)
        .build())
        .isInstanceOf(InvalidDefinitionException.class)
        .satisfies(e -> assertThat(((InvalidDefinitionException) e).problems()).containsExactly(
            "duplicate stage id 'lead'",
            "rule 'idle:nowhere': unknown stage 'nowhere'; known stages: [lead, demo, won, lost]",
            "rule 'idle:won': stage 'won' is won; rules watch open or dormant stages, where deals"
                + " wait",
            "rule 'idle:lead': another rule has the same id; give one of them another id",
            "rule 'delay-contact:lead': a delay contact after the expected duration of stage"
                + " 'lead', which has none; give the stage an expected duration or the rule a"
                + " span (after)",
            "rule 6 is null"));
  }

  @Test
  void definitionsCompareTheirRulesAndCalendar() {
    PipelineDefinition one = base().rule(IdleRule.of("lead", Span.businessDays(3)))
        .calendar(BusinessCalendar.weekdays()).build();
    PipelineDefinition same = base().rule(new IdleRule("idle:lead", StageId.of("lead"),
        Span.businessDays(3), Set.of(Activity.STAGE_CHANGE, Activity.TOUCH)))
        .calendar(BusinessCalendar.builder().weekend(java.time.DayOfWeek.SATURDAY,
            java.time.DayOfWeek.SUNDAY).build()).build();
    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(one.automationRules()).containsExactly(IdleRule.of("lead", Span.businessDays(3)));
    assertThat(one).isNotEqualTo(base().rule(IdleRule.of("lead", Span.days(3)))
        .calendar(BusinessCalendar.weekdays()).build());
    assertThat(one).isNotEqualTo(base().rule(IdleRule.of("lead", Span.businessDays(3))).build());
    assertThat(one).isNotEqualTo(base().rule(IdleRule.of("lead", Span.businessDays(3))
        .resetBy(Activity.TOUCH)).calendar(BusinessCalendar.weekdays()).build());
    assertThat(base().build().automationRules()).isEmpty();
    assertThat(base().build().calendar()).isEqualTo(BusinessCalendar.calendarDays());
  }

  @Test
  void rulesCheckThemselvesNamingTheValue() {
    assertThatThrownBy(() -> IdleRule.of("lead", Span.days(1)).withId(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule id");
    assertThatThrownBy(() -> new IdleRule("x", StageId.of("lead"), Span.days(1), Set.of()))
        .hasMessage("rule 'x': at least one activity must reset the idle clock (such as touch"
            + " or stage change)");
    assertThatThrownBy(() -> DelayContactRule.builder("demo", "m").repeat(Span.days(2), 1)
        .build()).hasMessage("rule 'delay-contact:demo': a repeat every 2 days with at most 1"
            + " contact per visit never repeats; give at least 2 or no repeat");
    assertThatThrownBy(() -> new DelayContactRule("d", StageId.of("demo"), Optional.empty(), "m",
        Optional.empty(), Optional.empty(), 3)).hasMessage("rule 'd': 3 contacts per visit need"
            + " a repeat span (repeat(every, times))");
    assertThatThrownBy(() -> DelayContactRule.builder("demo", "m").repeat(Span.days(2), 101)
        .build()).hasMessageContaining("at most 101 contacts per visit; give 1 to 100");
    assertThatThrownBy(() -> DelayContactRule.builder("demo", "bad\tkey").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message key");
  }

  @Test
  void rulesSayWhatTheyDo() {
    assertThat(IdleRule.of("lead", Span.businessDays(7)).description())
        .isEqualTo("idle after 7 business days without a touch or stage change");
    assertThat(IdleRule.of("lead", Span.days(7)).resetBy(Activity.ATTRIBUTE_CHANGE,
        Activity.TOUCH, Activity.FIELD_CHANGE).description())
        .isEqualTo("idle after 7 days without a touch, attribute change or field change");
    assertThat(DecisionTimeout.of("decision", Span.businessDays(5)).description())
        .isEqualTo("escalate after 5 business days without a touch or stage change: get a yes"
            + " or no");
    assertThat(DelayContactRule.builder("demo", "demo.delayed").offer("insurance")
        .repeat(Span.businessDays(3), 4).build().description())
        .isEqualTo("contact the customer after the expected duration in the stage (message"
            + " demo.delayed, offer insurance), then every 3 business days, at most 4 per visit");
  }

  @Test
  void theSaasTemplateHasItsRulesInBusinessDays() {
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    assertThat(saas.calendar()).isEqualTo(BusinessCalendar.weekdays());
    assertThat(Agenda.rules(saas)).extracting(AutomationRule::id).containsExactly(
        "idle:prospecting", "idle:qualification", "follow-up", "idle:consideration",
        "decision-timeout:decision");
    Cadence followUp = (Cadence) Agenda.rules(saas).get(2);
    assertThat(followUp.stage().value()).isEqualTo("qualification");
    assertThat(followUp.steps()).hasSize(7) // the article's 6 to 8 touches, over 3 weeks
        .allSatisfy(s -> assertThat(s.delay().isBusinessDays()).isTrue());
    assertThat(followUp.description()).isEqualTo("cadence follow-up: 7 touches over 15 business"
        + " days (email, call, email, social, call, email, call), until a reply or a meeting"
        + " booked");
  }

  @Test
  void aSnoozeIsPartOfTheHistoryAndReplays() {
    DealHistory h = AgendaTest.e();
    DealEvent.Snoozed snoozed = (DealEvent.Snoozed) h.events().get(1);
    assertThat(snoozed.until()).isEqualTo(LocalDate.of(2026, 5, 29));
    assertThat(snoozed.reason()).isEqualTo("customer on holiday");
    assertThat(snoozed.actor()).isEqualTo("ana");
    DealHistory again = DealHistory.of(h.events());
    assertThat(again).isEqualTo(h);
    assertThat(again.replay()).isEqualTo(h.current());
    assertThat(h.current().updatedAt()).isEqualTo(snoozed.at());
    assertThat(h.current().touchCount()).isZero();
    assertThat(h.checkAgainst(AgendaTest.LOANS)).isSameAs(h);
    assertThatThrownBy(() -> new DealEvent.Snoozed(snoozed.dealId(), snoozed.at(), "ana",
        snoozed.until(), "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("snooze reason");
  }
}

package dev.pipelinesdk.core.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.core.guard.Violation;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The simulator on a loan pipeline worked out by hand: Monday to Friday in UTC, a delay contact
 * 3 business days into processing, again 2 business days after each contact, at most 3.
 */
class AgendaSimulatorTest {
  static final PipelineDefinition LOANS = PipelineDefinition.builder("loans")
      .stage(Stage.builder().id("processing").name("Processing").defaultProbability(0.5).build())
      .stage(Stage.open("decision", "Decision", 0.8))
      .stage(Stage.won("funded", "Funded"))
      .stage(Stage.lost("denied", "Denied"))
      .path("processing", "decision")
      .transition("decision", "funded", "fund", Guards.requiredAttributes("signed"))
      .fromEveryOpenStage("denied")
      .calendar(BusinessCalendar.weekdays())
      .rule(DelayContactRule.builder("processing", "loan.processing.delayed")
          .after(Span.businessDays(3)).repeat(Span.businessDays(2), 3).build())
      .build();

  /** The pipeline's own clock is a fixed instant far away: the simulator must never read it. */
  private static final Pipeline PIPELINE =
      Pipeline.of(LOANS, InstantSource.fixed(Instant.parse("1999-01-01T00:00:00Z")));
  private static final LocalDate JUNE_1 = LocalDate.of(2026, 6, 1); // a Monday

  private static DealHistory loan(String id, String owner) {
    return PIPELINE.create(NewDeal.builder().id(id).title("Loan " + id).owner(owner).build(),
        Request.by(owner).at(Instant.parse("2026-06-01T08:00:00Z"))).historyOrThrow();
  }

  private static AgendaSimulator.Builder june(DealHistory... loans) {
    return AgendaSimulator.builder(PIPELINE, List.of(loans)).from(JUNE_1)
        .to(LocalDate.of(2026, 6, 30));
  }

  private static List<Instant> touches(DealHistory h) {
    return h.events().stream().filter(e -> e instanceof DealEvent.TouchRecorded)
        .map(DealEvent::at).toList();
  }

  private static List<LocalDate> daysWithItems(AgendaSimulator.Result run) {
    return run.days().stream().filter(d -> !d.items().isEmpty())
        .map(AgendaSimulator.Day::date).toList();
  }

  @Test
  void actingTheNextBusinessDayMakesTheContactsTheRuleSchedulesUpToItsCap() {
    AgendaSimulator.Result run = june(loan("L-1", "ana"))
        .policy(AgendaSimulator.Policy.actNextBusinessDay()).build().run();
    // By hand: created Mon 06-01 08:00. Contact 1 due 3 business days later, Thu 06-04 08:00;
    // the agenda at 09:00 shows it from Thu; done the next business day, Fri 06-05 09:00.
    // Contact 2 due 2 business days after that touch, Tue 06-09 09:00 (the weekend does not
    // count); done Wed 06-10. Contact 3 due Fri 06-12 09:00; seen Fri, Sat and Sun, done Mon
    // 06-15. Three contacts: the cap, nothing more in June.
    assertThat(touches(run.history("L-1"))).containsExactly(
        Instant.parse("2026-06-05T09:00:00Z"), Instant.parse("2026-06-10T09:00:00Z"),
        Instant.parse("2026-06-15T09:00:00Z"));
    assertThat(daysWithItems(run)).containsExactly(LocalDate.of(2026, 6, 4),
        LocalDate.of(2026, 6, 5), LocalDate.of(2026, 6, 9), LocalDate.of(2026, 6, 10),
        LocalDate.of(2026, 6, 12), LocalDate.of(2026, 6, 13), LocalDate.of(2026, 6, 14),
        LocalDate.of(2026, 6, 15));
    assertThat(run.actions()).hasSize(3).allSatisfy(a -> {
      assertThat(a.accepted()).isTrue();
      assertThat(a.scripted()).isFalse();
      assertThat(a.actor()).isEqualTo("ana");
      assertThat(a.item().orElseThrow().kind()).isEqualTo(AgendaItem.Kind.DELAY_CONTACT);
      assertThat(a.commands()).containsExactly(new Command.RecordTouch(
          Touch.outbound(Touch.Channel.EMAIL, Touch.Result.COMPLETED)));
    });
    assertThat(run.actions()).extracting(a -> a.item().orElseThrow().reason())
        .allMatch(r -> r.contains("loan.processing.delayed"))
        .anyMatch(r -> r.contains("contact 3 of at most 3"));
    assertThat(run.days()).hasSize(30);
    assertThat(run.days().get(0).at()).isEqualTo(Instant.parse("2026-06-01T09:00:00Z"));
  }

  @Test
  void aScriptedMoveRunsBeforeTheDaysAgendaAndStopsTheStagesContacts() {
    AgendaSimulator.Result run = june(loan("L-1", "ana"))
        .policy(AgendaSimulator.Policy.actNextBusinessDay())
        .script(LocalDate.of(2026, 6, 12), "L-1", new Command.MoveTo(StageId.of("decision")))
        .build().run();
    // Contacts 1 and 2 as above (06-05, 06-10); contact 3 would be due Fri 06-12 09:00, but
    // the deal leaves processing at that very instant, before the agenda is computed.
    assertThat(touches(run.history("L-1"))).containsExactly(
        Instant.parse("2026-06-05T09:00:00Z"), Instant.parse("2026-06-10T09:00:00Z"));
    assertThat(daysWithItems(run)).containsExactly(LocalDate.of(2026, 6, 4),
        LocalDate.of(2026, 6, 5), LocalDate.of(2026, 6, 9), LocalDate.of(2026, 6, 10));
    AgendaSimulator.Action move = run.days().get(11).actions().get(0);
    assertThat(move.scripted()).isTrue();
    assertThat(move.at()).isEqualTo(Instant.parse("2026-06-12T09:00:00Z"));
    assertThat(move.events()).singleElement().isInstanceOf(DealEvent.Moved.class);
    assertThat(run.history("L-1").current().stage()).isEqualTo(StageId.of("decision"));
  }

  @Test
  void aRefusedScriptIsLoggedWithItsReasonsAndChangesNothing() {
    AgendaSimulator.Result run = june(loan("L-1", "ana"))
        .script(LocalDate.of(2026, 6, 2), "L-1", new Command.MoveTo(StageId.of("decision")))
        .script(LocalDate.of(2026, 6, 3), "L-1", new Command.Win()) // 'signed' missing
        .script(LocalDate.of(2026, 6, 4), "L-1",
            new Command.SetAttribute("signed", Optional.of(
                dev.pipelinesdk.core.AttributeValue.of(true))), new Command.Win())
        .build().run();
    List<AgendaSimulator.Action> actions = run.actions();
    assertThat(actions).extracting(AgendaSimulator.Action::accepted)
        .containsExactly(true, false, true);
    assertThat(actions.get(1).events()).isEmpty();
    assertThat(actions.get(1).violations()).extracting(Violation::code)
        .containsExactly(Violation.MISSING_ATTRIBUTES);
    assertThat(actions.get(2).events()).hasSize(2); // both commands, one change
    assertThat(run.history("L-1").current().stage()).isEqualTo(StageId.of("funded"));
    // Policy.none() is the default: the deal left processing before any contact was due.
    assertThat(run.actions()).allMatch(AgendaSimulator.Action::scripted);
  }

  @Test
  void noOneActingLeavesTheFirstContactDueEveryDayAndRecordsNothing() {
    DealHistory l1 = loan("L-1", "ana");
    AgendaSimulator.Result run = june(l1).build().run();
    assertThat(run.actions()).isEmpty();
    assertThat(run.history("L-1")).isEqualTo(l1);
    // Due from Thu 06-04 on: June has 27 days from the 4th to the 30th.
    assertThat(daysWithItems(run)).hasSize(27).first().isEqualTo(LocalDate.of(2026, 6, 4));
    assertThat(run.days().get(29).items()).singleElement()
        .satisfies(i -> assertThat(i.reason()).contains("contact 1 of at most 3"));
  }

  @Test
  void repliesFollowTheirProbabilityAndTheSameSeedGivesTheSameRun() {
    List<DealHistory> loans = IntStream.rangeClosed(1, 40).mapToObj(i -> loan("L-" + i, "ana"))
        .toList();
    AgendaSimulator.Policy replies = AgendaSimulator.Policy.actNextBusinessDay()
        .withReplies(0.5, 11L);
    AgendaSimulator.Result a = AgendaSimulator.builder(PIPELINE, loans).from(JUNE_1)
        .to(LocalDate.of(2026, 6, 30)).policy(replies).build().run();
    AgendaSimulator.Result b = AgendaSimulator.builder(PIPELINE, loans).from(JUNE_1)
        .to(LocalDate.of(2026, 6, 30)).policy(replies).build().run();
    assertThat(a).isEqualTo(b);
    long outbound = countTouches(a, Touch.Direction.OUTBOUND);
    long inbound = countTouches(a, Touch.Direction.INBOUND);
    assertThat(outbound).isEqualTo(40 * 3); // a reply changes nothing for a delay contact
    // 120 draws at p = 0.5: 60 expected, sd 5.5; this seed gives a count well inside 40..80.
    assertThat(inbound).isBetween(40L, 80L);
    // Each reply follows the outbound touch it answers, at the same instant.
    for (AgendaSimulator.Action act : a.actions()) {
      if (act.commands().size() == 2) {
        assertThat(act.commands().get(1)).isEqualTo(new Command.RecordTouch(
            Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED)));
      }
    }
    // Pure per deal, rule and day: simulating one deal alone gives it the same replies.
    AgendaSimulator.Result alone = AgendaSimulator.builder(PIPELINE, loans.subList(6, 7))
        .from(JUNE_1).to(LocalDate.of(2026, 6, 30)).policy(replies).build().run();
    assertThat(alone.history("L-7")).isEqualTo(a.history("L-7"));
    AgendaSimulator.Result never = AgendaSimulator.builder(PIPELINE, loans).from(JUNE_1)
        .to(LocalDate.of(2026, 6, 30))
        .policy(AgendaSimulator.Policy.actNextBusinessDay().withReplies(0, 11L)).build().run();
    AgendaSimulator.Result always = AgendaSimulator.builder(PIPELINE, loans).from(JUNE_1)
        .to(LocalDate.of(2026, 6, 30))
        .policy(AgendaSimulator.Policy.actNextBusinessDay().withReplies(1, 11L)).build().run();
    assertThat(countTouches(never, Touch.Direction.INBOUND)).isZero();
    assertThat(countTouches(always, Touch.Direction.INBOUND)).isEqualTo(120);
  }

  private static long countTouches(AgendaSimulator.Result run, Touch.Direction direction) {
    return run.histories().stream().flatMap(h -> h.events().stream())
        .filter(e -> e instanceof DealEvent.TouchRecorded
            && ((DealEvent.TouchRecorded) e).touch().direction() == direction)
        .count();
  }

  @Test
  void theDailyTimeIsReadInTheCalendarsZone() {
    PipelineDefinition berlin = PipelineDefinition.builder("berlin")
        .stage(Stage.open("processing", "Processing", 0.5))
        .stage(Stage.won("funded", "Funded"))
        .stage(Stage.lost("denied", "Denied"))
        .path("processing", "funded")
        .fromEveryOpenStage("denied")
        .calendar(BusinessCalendar.builder().zone(java.time.ZoneId.of("Europe/Berlin")).build())
        .build();
    AgendaSimulator s = AgendaSimulator.builder(Pipeline.of(berlin, InstantSource.fixed(
        Instant.EPOCH)), List.of()).from(JUNE_1).to(JUNE_1).dailyAt(LocalTime.of(8, 30))
        .build();
    assertThat(s.instantOf(JUNE_1)).isEqualTo(Instant.parse("2026-06-01T06:30:00Z")); // CEST
    assertThat(s.run().days()).singleElement().satisfies(d -> assertThat(d.items()).isEmpty());
  }

  @Test
  void badConfigurationsAreRefusedNamingTheValue() {
    DealHistory l1 = loan("L-1", "ana");
    assertThatThrownBy(() -> AgendaSimulator.builder(PIPELINE, List.of(l1)).from(JUNE_1)
        .to(JUNE_1.minusDays(1)).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-05-31").hasMessageContaining("before its first day");
    assertThatThrownBy(() -> AgendaSimulator.builder(PIPELINE, List.of(l1)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("from(...)");
    assertThatThrownBy(() -> june(l1).script(JUNE_1, "L-9", new Command.Win()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'L-9'")
        .hasMessageContaining("L-1");
    assertThatThrownBy(() -> june(l1).script(LocalDate.of(2026, 7, 1), "L-1", new Command.Win())
        .build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-07-01").hasMessageContaining("outside");
    assertThatThrownBy(() -> AgendaSimulator.builder(PIPELINE, List.of(l1, l1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two histories");
    // The deal was created at 08:00 on June 1: a run that starts at 07:00 that day is too early.
    assertThatThrownBy(() -> june(l1).dailyAt(LocalTime.of(7, 0)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'L-1'")
        .hasMessageContaining("2026-06-01T08:00:00Z").hasMessageContaining("first instant");
    assertThatThrownBy(() -> AgendaSimulator.Policy.none().withReplies(1.5, 1L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
  }

  @Test
  void aPolicyThatReturnsNullOrThrowsIsReportedNamingTheItem() {
    DealHistory l1 = loan("L-1", "ana");
    assertThatThrownBy(() -> june(l1).policy((item, deal, day, calendar) -> null).build().run())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned null")
        .hasMessageContaining("delay-contact:processing").hasMessageContaining("2026-06-04");
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(() -> june(l1).policy((item, deal, day, calendar) -> {
      seen.add(item.rule());
      throw new IllegalArgumentException("boom");
    }).build().run()).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom")
        .hasMessageContaining("'L-1'");
    assertThat(seen).containsExactly("delay-contact:processing");
  }
}

package dev.pipelinesdk.core.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An agenda worked out by hand: a loan pipeline counting business days Monday to Friday with Whit
 * Monday (2026-05-25) off, six deals, the agenda at the end of 2026-05-27 and later.
 */
class AgendaTest {
  static final PipelineDefinition LOANS = PipelineDefinition.builder("loans")
      .stage(Stage.builder().id("lead").name("Lead").defaultProbability(0.1).build())
      .stage(Stage.builder().id("processing").name("Processing").defaultProbability(0.5)
          .expectedDuration(Duration.ofDays(3)).build())
      .stage(Stage.builder().id("decision").name("Decision").defaultProbability(0.8).build())
      .stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost"))
      .path("lead", "processing", "decision", "won")
      .fromEveryOpenStage("lost")
      .calendar(BusinessCalendarTest.WHITSUN)
      .rule(IdleRule.of("lead", Span.businessDays(3)))
      .rule(DelayContactRule.builder("processing", "loan.processing.delayed")
          .after(Span.businessDays(2)).offer("home-insurance")
          .repeat(Span.businessDays(2), 2).build())
      .rule(DecisionTimeout.of("decision", Span.businessDays(2)))
      .build();

  private static final Pipeline PIPELINE = Pipeline.of(LOANS, InstantSource.fixed(Instant.EPOCH));
  private static final Instant END_OF_27 = Instant.parse("2026-05-28T00:00:00Z");
  private static final Touch CALL = Touch.outbound(Touch.Channel.CALL, Touch.Result.COMPLETED);

  private static Request at(String owner, String instant) {
    return Request.by(owner).at(Instant.parse(instant));
  }

  private static DealHistory create(String id, String owner, String instant) {
    return PIPELINE.create(NewDeal.builder().id(id).title("Loan " + id).owner(owner).build(),
        at(owner, instant)).historyOrThrow();
  }

  private static DealHistory move(DealHistory h, String to, String instant) {
    return PIPELINE.move(h, to, at("ana", instant)).historyOrThrow();
  }

  private static DealHistory touch(DealHistory h, String instant) {
    return PIPELINE.recordTouch(h, CALL, at("ana", instant)).historyOrThrow();
  }

  /** Thursday in lead; idle after 3 business days: Fri 22, (Whit Monday off) Tue 26, Wed 27. */
  static DealHistory a() {
    return create("A", "ana", "2026-05-21T10:00:00Z");
  }

  /**
   * In processing from Tue 19: the first contact is due 2 business days later, Thu 21; a touch
   * on Wed 20 is too early to count; the touch on Fri 22 does contact 1; contact 2 is due 2
   * business days after it, Wed 27 12:00.
   */
  static DealHistory b() {
    DealHistory h = create("B", "ben", "2026-05-18T10:00:00Z");
    h = move(h, "processing", "2026-05-19T10:00:00Z");
    h = touch(h, "2026-05-20T12:00:00Z");
    return touch(h, "2026-05-22T12:00:00Z");
  }

  /**
   * In decision from Tue 19: the timeout runs out Thu 21 10:00; an attribute change on Fri 22
   * 16:00 does not reset it but is the deal's last event, so the item is due since then.
   */
  static DealHistory c() {
    DealHistory h = create("C", "ana", "2026-05-18T10:00:00Z");
    h = move(h, "processing", "2026-05-18T11:00:00Z");
    h = move(h, "decision", "2026-05-19T10:00:00Z");
    return PIPELINE.setAttribute(h, "budget", AttributeValue.of(true),
        at("ana", "2026-05-22T16:00:00Z")).historyOrThrow();
  }

  /** Won: no items. */
  static DealHistory d() {
    DealHistory h = create("D", "ben", "2026-05-04T10:00:00Z");
    h = move(h, "processing", "2026-05-05T10:00:00Z");
    h = move(h, "decision", "2026-05-06T10:00:00Z");
    return PIPELINE.win(h, at("ben", "2026-05-07T10:00:00Z")).historyOrThrow();
  }

  /** Idle in lead since Thu 14 10:00, snoozed on Fri 15 until Fri 29 (the start of it, UTC). */
  static DealHistory e() {
    DealHistory h = create("E", "ana", "2026-05-11T10:00:00Z");
    return PIPELINE.snooze(h, LocalDate.of(2026, 5, 29), "customer on holiday",
        at("ana", "2026-05-15T09:00:00Z")).historyOrThrow();
  }

  /** Left processing on Fri 22 before a contact was done: none; in decision, due Wed 27. */
  static DealHistory f() {
    DealHistory h = create("F", "ben", "2026-05-18T10:00:00Z");
    h = move(h, "processing", "2026-05-19T10:00:00Z");
    return move(h, "decision", "2026-05-22T10:00:00Z");
  }

  static List<DealHistory> all() {
    return List.of(a(), b(), c(), d(), e(), f());
  }

  private static AgendaItem item(String deal, String owner, String stage, AgendaItem.Kind kind,
      String due, String rule, String reason) {
    return new AgendaItem(dev.pipelinesdk.core.DealId.of(deal), Optional.of(owner),
        dev.pipelinesdk.core.StageId.of(stage), kind, Instant.parse(due), rule, reason,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void theAgendaAtTheEndOfWednesdayTheTwentySeventh() {
    Agenda agenda = Agenda.of(LOANS, all(), END_OF_27);
    AgendaItem contact = new AgendaItem(dev.pipelinesdk.core.DealId.of("B"), Optional.of("ben"),
        dev.pipelinesdk.core.StageId.of("processing"), AgendaItem.Kind.DELAY_CONTACT,
        Instant.parse("2026-05-27T12:00:00Z"), "delay-contact:processing",
        "contact the customer (loan.processing.delayed, offer home-insurance); in Processing"
            + " since 2026-05-19 (8 days; contact after 2 business days); last contact"
            + " 2026-05-22, again after 2 business days; contact 2 of at most 2",
        Optional.of("loan.processing.delayed"), Optional.of("home-insurance"), Optional.empty());
    assertThat(agenda.items()).containsExactly(
        item("C", "ana", "decision", AgendaItem.Kind.ESCALATION, "2026-05-22T16:00:00Z",
            "decision-timeout:decision", "get a yes or no: no touch or stage change in Decision"
                + " since 2026-05-19 (8 days; timeout 2 business days)"),
        item("F", "ben", "decision", AgendaItem.Kind.ESCALATION, "2026-05-27T10:00:00Z",
            "decision-timeout:decision", "get a yes or no: no touch or stage change in Decision"
                + " since 2026-05-22 (5 days; timeout 2 business days)"),
        contact,
        item("A", "ana", "lead", AgendaItem.Kind.IDLE, "2026-05-27T10:00:00Z", "idle:lead",
            "no touch or stage change in Lead since 2026-05-21 (6 days; idle after 3 business"
                + " days)"));
    assertThat(agenda.itemsOf("ben")).extracting(i -> i.deal().value()).containsExactly("F", "B");
    assertThat(agenda.itemsOf("nobody")).isEmpty();
    assertThat(agenda.asOf()).isEqualTo(END_OF_27);
  }

  @Test
  void nothingIsDueAMomentBeforeItsTime() {
    Agenda agenda = Agenda.of(LOANS, all(), Instant.parse("2026-05-27T09:59:59Z"));
    assertThat(agenda.items()).extracting(i -> i.deal().value()).containsExactly("C");
    assertThat(Agenda.of(LOANS, all(), Instant.parse("2026-05-27T10:00:00Z")).items())
        .extracting(i -> i.deal().value()).containsExactly("C", "F", "A");
  }

  @Test
  void theSameInputInAnyOrderGivesTheSameList() {
    List<DealHistory> shuffled = new ArrayList<>(all());
    Collections.reverse(shuffled);
    assertThat(Agenda.of(LOANS, shuffled, END_OF_27).items())
        .isEqualTo(Agenda.of(LOANS, all(), END_OF_27).items());
  }

  @Test
  void actingOnAnItemThroughTheEngineRemovesIt() {
    DealHistory touchedA = touch(a(), "2026-05-28T00:00:00Z");
    DealHistory contactedB = touch(b(), "2026-05-27T15:00:00Z"); // contact 2 of 2: no more
    DealHistory decidedC = PIPELINE.win(c(), at("ana", "2026-05-27T18:00:00Z")).historyOrThrow();
    Agenda after = Agenda.of(LOANS, List.of(touchedA, contactedB, decidedC, d(), e(), f()),
        END_OF_27);
    assertThat(after.items()).extracting(i -> i.deal().value()).containsExactly("F");
    // and B stays done however long it waits in processing: the cap is reached
    assertThat(Agenda.of(LOANS, List.of(contactedB), Instant.parse("2026-07-01T00:00:00Z"))
        .items()).isEmpty();
  }

  @Test
  void aSnoozeHidesTheIdleDealUntilItsDateThenItComesBack() {
    assertThat(Agenda.of(LOANS, List.of(e()), Instant.parse("2026-05-14T10:00:00Z")).items())
        .extracting(AgendaItem::kind).containsExactly(AgendaItem.Kind.IDLE); // before the snooze
    assertThat(Agenda.of(LOANS, List.of(e()), Instant.parse("2026-05-28T23:59:59Z")).items())
        .isEmpty();
    Agenda woken = Agenda.of(LOANS, List.of(e()), Instant.parse("2026-05-29T00:00:00Z"));
    assertThat(woken.items()).containsExactly(new AgendaItem(dev.pipelinesdk.core.DealId.of("E"),
        Optional.of("ana"), dev.pipelinesdk.core.StageId.of("lead"),
        AgendaItem.Kind.SNOOZE_ENDED, Instant.parse("2026-05-29T00:00:00Z"), "idle:lead",
        "snoozed until 2026-05-29 (customer on holiday), idle: no touch or stage change in Lead"
            + " since 2026-05-11 (17 days; idle after 3 business days)",
        Optional.empty(), Optional.empty(), Optional.of(LocalDate.of(2026, 5, 29))));
    // a touch after the snooze resets the clock: the next item is a plain idle one
    DealHistory touched = touch(e(), "2026-05-29T08:00:00Z");
    assertThat(Agenda.of(LOANS, List.of(touched), Instant.parse("2026-06-04T08:00:00Z")).items())
        .extracting(AgendaItem::kind, AgendaItem::dueSince)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AgendaItem.Kind.IDLE,
            Instant.parse("2026-06-03T08:00:00Z"))); // Mon 1, Tue 2, Wed 3
  }

  @Test
  void aSnoozeDoesNotStopContactsWithTheCustomer() {
    DealHistory h = create("G", "ana", "2026-05-18T10:00:00Z");
    h = move(h, "processing", "2026-05-19T10:00:00Z");
    h = PIPELINE.snooze(h, LocalDate.of(2026, 6, 30), "waiting for the appraisal",
        at("ana", "2026-05-19T11:00:00Z")).historyOrThrow();
    assertThat(Agenda.of(LOANS, List.of(h), END_OF_27).items())
        .extracting(AgendaItem::kind, AgendaItem::dueSince)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AgendaItem.Kind.DELAY_CONTACT,
            Instant.parse("2026-05-21T10:00:00Z")));
  }

  @Test
  void laterEventsAndLaterDealsDoNotCount() {
    DealHistory later = create("H", "ana", "2026-06-02T10:00:00Z");
    DealHistory aThenMoved = move(a(), "processing", "2026-06-01T10:00:00Z");
    assertThat(Agenda.of(LOANS, List.of(aThenMoved, later), END_OF_27).items())
        .isEqualTo(Agenda.of(LOANS, List.of(a()), END_OF_27).items());
  }

  @Test
  void badInputIsRefusedNamingTheDeal() {
    assertThatThrownBy(() -> Agenda.of(LOANS, List.of(a(), a()), END_OF_27))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two histories of deal 'A'; give each deal's history once");
    PipelineDefinition other = PipelineDefinition.builder("other")
        .stage(Stage.open("new", "New", 0.1)).stage(Stage.won("won", "Won"))
        .path("new", "won").build();
    assertThatThrownBy(() -> Agenda.of(other, List.of(a()), END_OF_27))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deal 'A' is in stage 'lead', which pipeline 'other' does not have");
  }

  @Test
  void aRuleOfYourOwnPlugsIn() {
    AutomationRule welcome = new AutomationRule() {
      @Override
      public String id() {
        return "welcome:lead";
      }

      @Override
      public dev.pipelinesdk.core.StageId stage() {
        return dev.pipelinesdk.core.StageId.of("lead");
      }

      @Override
      public String description() {
        return "welcome a new lead";
      }

      @Override
      public Optional<Due> due(RuleContext context) {
        return context.touchesInVisit().isEmpty()
            ? Optional.of(new Due(AgendaItem.Kind.DELAY_CONTACT, context.stageEnteredAt(),
                "welcome the new lead"))
            : Optional.empty();
      }
    };
    PipelineDefinition withWelcome = PipelineDefinition.builder("welcome")
        .stage(Stage.open("lead", "Lead", 0.1)).stage(Stage.won("won", "Won"))
        .path("lead", "won").rule(welcome).build();
    DealHistory h = Pipeline.of(withWelcome, InstantSource.fixed(Instant.EPOCH)).create(
        NewDeal.builder().id("W").title("W").build(), at("ana", "2026-05-21T10:00:00Z"))
        .historyOrThrow();
    assertThat(Agenda.of(withWelcome, List.of(h), END_OF_27).items()).singleElement()
        .satisfies(i -> {
          assertThat(i.rule()).isEqualTo("welcome:lead");
          assertThat(i.owner()).isEmpty();
          assertThat(i.dueSince()).isEqualTo(Instant.parse("2026-05-21T10:00:00Z"));
        });
    assertThat(Agenda.rules(withWelcome)).containsExactly(welcome);
  }

  @Test
  void aStagesIdleThresholdIsAnIdleRuleWhereNoneIsDeclared() {
    PipelineDefinition simple = PipelineDefinition.builder("simple")
        .stage(Stage.builder().id("lead").name("Lead").idleAfter(Duration.ofDays(7)).build())
        .stage(Stage.builder().id("demo").name("Demo").idleAfter(Duration.ofDays(5)).build())
        .stage(Stage.won("won", "Won"))
        .path("lead", "demo", "won")
        .rule(DecisionTimeout.of("demo", Span.days(10)))
        .build();
    assertThat(Agenda.rules(simple)).containsExactly(DecisionTimeout.of("demo", Span.days(10)),
        IdleRule.of("lead", Span.days(7)));
    DealHistory h = Pipeline.of(simple, InstantSource.fixed(Instant.EPOCH)).create(
        NewDeal.builder().id("S").title("S").build(), at("ana", "2026-05-01T10:00:00Z"))
        .historyOrThrow();
    assertThat(Agenda.of(simple, List.of(h), Instant.parse("2026-05-08T10:00:00Z")).items())
        .extracting(AgendaItem::rule, AgendaItem::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("idle:lead",
            "no touch or stage change in Lead since 2026-05-01 (7 days; idle after 7 days)"));
  }

  @Test
  void outcomesOfSnoozesThatMakeNoSense() {
    Outcome past = PIPELINE.snooze(a(), LocalDate.of(2026, 5, 21), "later",
        at("ana", "2026-05-21T12:00:00Z"));
    assertThat(past.violations()).singleElement().satisfies(v -> assertThat(v.message())
        .isEqualTo("snooze of deal 'A' until 2026-05-21 is not after the day of the change,"
            + " 2026-05-21 (UTC)"));
    Outcome closed = PIPELINE.snooze(d(), LocalDate.of(2026, 6, 1), "later",
        at("ana", "2026-05-21T12:00:00Z"));
    assertThat(closed.violations()).singleElement().satisfies(v -> assertThat(v.message())
        .isEqualTo("deal 'D' is won (stage 'won'); a closed deal has nothing to snooze"));
    assertThatThrownBy(() -> PIPELINE.snooze(a(), LocalDate.of(2026, 6, 1), " ",
        at("ana", "2026-05-21T12:00:00Z"))).isInstanceOf(IllegalArgumentException.class);
  }
  @Test
  void theReadmesLoanExamplePrintsWhatItSays() {
    PipelineDefinition loans = PipelineDefinition.builder("loans")
        .stage(Stage.builder().id("processing").name("Processing")
            .expectedDuration(Duration.ofDays(10)).build())
        .stage(Stage.open("decision", "Decision", 0.8))
        .stage(Stage.won("funded", "Funded"))
        .stage(Stage.lost("denied", "Denied"))
        .path("processing", "decision", "funded")
        .fromEveryOpenStage("denied")
        .calendar(BusinessCalendar.builder().weekend(java.time.DayOfWeek.SATURDAY,
            java.time.DayOfWeek.SUNDAY).holidays(LocalDate.of(2026, 5, 25)).build())
        .rule(DelayContactRule.builder("processing", "loan.processing.delayed")
            .offer("home-insurance").repeat(Span.businessDays(5), 3).build())
        .rule(IdleRule.of("processing", Span.businessDays(3)))
        .rule(DecisionTimeout.of("decision", Span.businessDays(2)))
        .build();
    Pipeline lender = Pipeline.of(loans, InstantSource.system());
    DealHistory loan = lender.create(NewDeal.builder().id("L-7").title("Miller, 30y fixed")
        .owner("ana").build(), Request.by("ana").at(Instant.parse("2026-05-04T09:00:00Z")))
        .historyOrThrow();
    Agenda agenda = Agenda.of(loans, List.of(loan), Instant.parse("2026-05-20T09:00:00Z"));
    assertThat(agenda.items()).extracting(i -> i.kind() + " " + i.deal() + ": " + i.reason())
        .containsExactly("DELAY_CONTACT L-7: contact the customer (loan.processing.delayed,"
            + " offer home-insurance); in Processing since 2026-05-04 (16 days; expected 10"
            + " days); contact 1 of at most 3", "IDLE L-7: no touch or stage change in"
            + " Processing since 2026-05-04 (16 days; idle after 3 business days)");
    loan = lender.recordTouch(loan, CALL, Request.by("ana")
        .at(Instant.parse("2026-05-20T10:00:00Z"))).historyOrThrow();
    loan = lender.snooze(loan, LocalDate.of(2026, 6, 1), "appraisal on May 29",
        Request.by("ana").at(Instant.parse("2026-05-20T10:05:00Z"))).historyOrThrow();
    assertThat(Agenda.of(loans, List.of(loan), Instant.parse("2026-05-28T09:00:00Z")).items())
        .isEmpty();
    assertThat(Agenda.of(loans, List.of(loan), Instant.parse("2026-05-28T10:00:00Z")).items())
        .extracting(AgendaItem::kind).containsExactly(AgendaItem.Kind.DELAY_CONTACT);
  }
  @Test
  void theSnapshotMetricHonoursTheSnoozesOfTheHistoriesToo() {
    PipelineDefinition simple = PipelineDefinition.builder("simple")
        .stage(Stage.builder().id("lead").name("Lead").idleAfter(Duration.ofDays(7)).build())
        .stage(Stage.won("won", "Won")).path("lead", "won").build();
    Pipeline p = Pipeline.of(simple, InstantSource.fixed(Instant.EPOCH));
    DealHistory h = p.create(NewDeal.builder().id("S").title("S").build(),
        at("ana", "2026-05-01T10:00:00Z")).historyOrThrow();
    h = p.snooze(h, LocalDate.of(2026, 5, 20), "on holiday", at("ana", "2026-05-02T10:00:00Z"))
        .historyOrThrow();
    var during = dev.pipelinesdk.core.metrics.Metrics.compute(dev.pipelinesdk.core.metrics
        .Metrics.snapshot(simple, Instant.parse("2026-05-10T00:00:00Z")).build(), List.of(h));
    assertThat(during.snoozed()).singleElement().satisfies(d -> assertThat(d.snoozedUntil())
        .contains(Instant.parse("2026-05-20T00:00:00Z")));
    var after = dev.pipelinesdk.core.metrics.Metrics.compute(dev.pipelinesdk.core.metrics
        .Metrics.snapshot(simple, Instant.parse("2026-05-21T00:00:00Z")).build(), List.of(h));
    assertThat(after.snoozed()).isEmpty();
    assertThat(after.stalled()).hasSize(1); // its one open stage is the decision stage
    assertThat(Agenda.of(simple, List.of(h), Instant.parse("2026-05-10T00:00:00Z")).items())
        .isEmpty();
  }
}

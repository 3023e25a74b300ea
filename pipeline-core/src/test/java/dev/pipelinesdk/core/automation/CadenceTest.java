package dev.pipelinesdk.core.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.InvalidDefinitionException;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Violation;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cadences worked out by hand, on a calendar of Monday to Friday with Whit Monday (2026-05-25)
 * off (see the month below). Deals are created in {@code lead} and enter {@code talks}, the
 * cadences' stage, on Thursday 21 May at 10:00 UTC unless a test says otherwise.
 *
 * <pre>
 *       May 2026                June 2026
 * Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
 * 18 19 20 21 22 23 24     1  2  3  4  5  6  7
 * 25 26 27 28 29 30 31     8  9 10 11 12 13 14
 * (25: Whit Monday)
 * </pre>
 */
class CadenceTest {
  /** Email after 1 business day, call after 2 business days, email after 3 calendar days. */
  static final Cadence FOLLOW_UP = Cadence.builder("talks").id("follow-up")
      .step(Touch.Channel.EMAIL, Span.businessDays(1), "talks.follow-up.1")
      .step(Touch.Channel.CALL, Span.businessDays(2), "talks.follow-up.2")
      .step(Touch.Channel.EMAIL, Span.days(3))
      .build();

  private static final Touch EMAIL = Touch.outbound(Touch.Channel.EMAIL, Touch.Result.COMPLETED);
  private static final Touch CALL_NO_ANSWER =
      Touch.outbound(Touch.Channel.CALL, Touch.Result.NO_RESPONSE);

  static PipelineDefinition definition(AutomationRule... rules) {
    PipelineDefinition.Builder b = PipelineDefinition.builder("leads")
        .stage(Stage.open("lead", "Lead", 0.1))
        .stage(Stage.open("talks", "Talks", 0.3))
        .stage(Stage.won("won", "Won"))
        .stage(Stage.lost("lost", "Lost"))
        .stage(Stage.dormant("dormant", "Gone dark"))
        .path("lead", "talks", "won")
        .transition("talks", "lead")
        .fromEveryOpenStage("lost")
        .fromEveryOpenStage("dormant")
        .transition("dormant", "talks")
        .calendar(BusinessCalendarTest.WHITSUN);
    for (AutomationRule r : rules) {
      b.rule(r);
    }
    return b.build();
  }

  static final PipelineDefinition LEADS = definition(FOLLOW_UP);

  /** A deal of a definition, driven through the engine at explicit instants. */
  static final class Deal {
    final Pipeline pipeline;
    DealHistory history;

    Deal(PipelineDefinition definition, String id) {
      pipeline = Pipeline.of(definition, InstantSource.fixed(Instant.EPOCH));
      history = pipeline.create(NewDeal.builder().id(id).title("Lead " + id).owner("ana")
          .build(), at("2026-05-21T09:00:00Z")).historyOrThrow();
    }

    Deal enterTalks() {
      return move("talks", "2026-05-21T10:00:00Z");
    }

    Deal move(String to, String instant) {
      history = pipeline.move(history, to, at(instant)).historyOrThrow();
      return this;
    }

    Deal touch(Touch touch, String instant) {
      history = pipeline.recordTouch(history, touch, at(instant)).historyOrThrow();
      return this;
    }

    Deal enrol(String cadence, String instant) {
      history = pipeline.enrol(history, cadence, at(instant)).historyOrThrow();
      return this;
    }

    Deal stop(String cadence, String reason, String instant) {
      history = pipeline.stopCadence(history, cadence, reason, at(instant)).historyOrThrow();
      return this;
    }

    List<AgendaItem> agenda(String instant) {
      return Agenda.of(pipeline.definition(), List.of(history), Instant.parse(instant)).items();
    }

    List<CadenceEnrolment> cadences(String instant) {
      return RuleContext.of(pipeline.definition(), history, Instant.parse(instant)).cadences();
    }
  }

  private static Request at(String instant) {
    return Request.by("ana").at(Instant.parse(instant));
  }

  private static AgendaItem item(String deal, String rule, String due, String reason,
      Optional<String> key) {
    return new AgendaItem(DealId.of(deal), Optional.of("ana"), StageId.of("talks"),
        AgendaItem.Kind.CADENCE_TOUCH, Instant.parse(due), rule, reason, key, Optional.empty(),
        Optional.empty());
  }

  @Test
  void stepsAreDueTheirDelayAfterTheStepBeforeInBusinessDaysOverTheWeekendAndTheHoliday() {
    Deal d = new Deal(LEADS, "A").enterTalks();
    // enrolled Thu 21 10:00; step 1 after 1 business day: Fri 22 10:00
    assertThat(d.agenda("2026-05-22T09:59:00Z")).isEmpty();
    AgendaItem one = item("A", "follow-up", "2026-05-22T10:00:00Z", "cadence 'follow-up' step 1"
        + " of 3: email (talks.follow-up.1), due since 2026-05-22 (1 business day after"
        + " enrolment on 2026-05-21)", Optional.of("talks.follow-up.1"));
    assertThat(d.agenda("2026-05-22T10:00:00Z")).containsExactly(one);
    // a touch before the step fell due does not do it: the item is still there, due since then
    d = new Deal(LEADS, "A").enterTalks().touch(EMAIL, "2026-05-21T15:00:00Z");
    assertThat(d.agenda("2026-05-22T12:00:00Z")).containsExactly(one);
    // the email on Fri 22 15:00 does step 1; step 2 after 2 business days: Mon 25 is Whit
    // Monday, so Tue 26 is the first and Wed 27 15:00 the second
    d.touch(EMAIL, "2026-05-22T15:00:00Z");
    assertThat(d.agenda("2026-05-27T14:59:00Z")).isEmpty();
    assertThat(d.agenda("2026-05-27T15:00:00Z")).containsExactly(item("A", "follow-up",
        "2026-05-27T15:00:00Z", "cadence 'follow-up' step 2 of 3: call (talks.follow-up.2), due"
            + " since 2026-05-27 (2 business days after step 1 on 2026-05-22)",
        Optional.of("talks.follow-up.2")));
    // an unanswered call on Wed 27 16:00 does step 2 (an outbound touch on any result that does
    // not stop the cadence); step 3 after 3 calendar days lands on Saturday 30 16:00
    d.touch(CALL_NO_ANSWER, "2026-05-27T16:00:00Z");
    assertThat(d.agenda("2026-05-30T15:59:00Z")).isEmpty();
    assertThat(d.agenda("2026-05-30T16:00:00Z")).containsExactly(item("A", "follow-up",
        "2026-05-30T16:00:00Z", "cadence 'follow-up' step 3 of 3: email, due since 2026-05-30"
            + " (3 days after step 2 on 2026-05-27)", Optional.empty()));
    assertThat(d.cadences("2026-05-30T16:00:00Z")).containsExactly(new CadenceEnrolment(
        "follow-up", Instant.parse("2026-05-21T10:00:00Z"), false, 2,
        Optional.of(Instant.parse("2026-05-27T16:00:00Z")),
        Optional.of(Instant.parse("2026-05-30T16:00:00Z")), Optional.empty()));
    // the last step done ends it
    d.touch(EMAIL, "2026-05-31T08:00:00Z");
    assertThat(d.agenda("2026-06-30T00:00:00Z")).isEmpty();
    assertThat(d.cadences("2026-06-30T00:00:00Z")).singleElement().satisfies(e -> {
      assertThat(e.isActive()).isFalse();
      assertThat(e.stepsDone()).isEqualTo(3);
      assertThat(e.end()).contains(new CadenceEnrolment.End(CadenceEnrolment.Reason.FINISHED,
          Instant.parse("2026-05-31T08:00:00Z"), "step 3 of 3 done by an outbound email,"
              + " completed"));
    });
  }

  @Test
  void anItemIsNeverDueBeforeTheDealsLastEvent() {
    // step 1 fell due Fri 22 10:00; a later attribute change (not a touch) moves the item's
    // dueSince to it, as for every rule; the reason still says when the step fell due
    Deal d = new Deal(LEADS, "A").enterTalks();
    d.history = d.pipeline.setAttribute(d.history, "budget",
        dev.pipelinesdk.core.AttributeValue.of(true), at("2026-05-22T11:00:00Z"))
        .historyOrThrow();
    assertThat(d.agenda("2026-05-22T12:00:00Z")).singleElement().satisfies(i -> {
      assertThat(i.dueSince()).isEqualTo(Instant.parse("2026-05-22T11:00:00Z"));
      assertThat(i.reason()).contains("due since 2026-05-22");
    });
  }

  @Test
  void anInboundTouchIsAReplyAndEndsIt() {
    Deal d = new Deal(LEADS, "A").enterTalks()
        .touch(Touch.inbound(Touch.Channel.EMAIL, Touch.Result.COMPLETED), "2026-05-22T11:00:00Z");
    assertThat(d.agenda("2026-05-22T12:00:00Z")).isEmpty();
    assertThat(d.agenda("2026-06-30T00:00:00Z")).isEmpty();
    assertThat(d.cadences("2026-06-30T00:00:00Z")).singleElement().satisfies(e ->
        assertThat(e.end()).contains(new CadenceEnrolment.End(CadenceEnrolment.Reason.REPLIED,
            Instant.parse("2026-05-22T11:00:00Z"), "an inbound email, completed")));
  }

  @Test
  void anOutboundTouchThatGotAReplyEndsIt() {
    Deal d = new Deal(LEADS, "A").enterTalks()
        .touch(Touch.outbound(Touch.Channel.EMAIL, Touch.Result.REPLIED), "2026-05-22T11:00:00Z");
    assertThat(d.agenda("2026-06-30T00:00:00Z")).isEmpty();
    assertThat(d.cadences("2026-06-30T00:00:00Z")).singleElement()
        .satisfies(e -> assertThat(e.end().orElseThrow().reason())
            .isEqualTo(CadenceEnrolment.Reason.REPLIED));
  }

  @Test
  void anAgreedNextStepOrAHeldMeetingIsAMeetingBookedAndEndsIt() {
    Deal agreed = new Deal(LEADS, "A").enterTalks().touch(
        Touch.outbound(Touch.Channel.CALL, Touch.Result.NEXT_STEP_AGREED), "2026-05-22T11:00:00Z");
    Deal met = new Deal(LEADS, "B").enterTalks().touch(
        Touch.outbound(Touch.Channel.MEETING, Touch.Result.COMPLETED), "2026-05-22T11:00:00Z");
    // an inbound touch that agrees a next step is both: it counts as the meeting booked
    Deal both = new Deal(LEADS, "C").enterTalks().touch(
        Touch.inbound(Touch.Channel.CALL, Touch.Result.NEXT_STEP_AGREED), "2026-05-22T11:00:00Z");
    for (Deal d : List.of(agreed, met, both)) {
      assertThat(d.agenda("2026-06-30T00:00:00Z")).isEmpty();
      assertThat(d.cadences("2026-06-30T00:00:00Z")).singleElement()
          .satisfies(e -> assertThat(e.end().orElseThrow().reason())
              .isEqualTo(CadenceEnrolment.Reason.MEETING_BOOKED));
    }
    // a meeting nobody came to is no meeting booked: it does step 1 (outbound), the cadence goes
    // on; step 2 is due 2 business days after it, Wed 27 11:00
    Deal missed = new Deal(LEADS, "D").enterTalks().touch(
        Touch.outbound(Touch.Channel.MEETING, Touch.Result.NO_RESPONSE), "2026-05-22T11:00:00Z");
    assertThat(missed.agenda("2026-05-27T11:00:00Z")).singleElement()
        .satisfies(i -> assertThat(i.reason()).startsWith("cadence 'follow-up' step 2 of 3"));
  }

  @Test
  void theStopsAreConfigurable() {
    Cadence deaf = Cadence.builder("talks").id("deaf").step(Touch.Channel.EMAIL,
        Span.businessDays(1)).step(Touch.Channel.EMAIL, Span.businessDays(1)).stopOn().build();
    Cadence meetingsOnly = Cadence.builder("talks").id("meetings").step(Touch.Channel.EMAIL,
        Span.businessDays(1)).step(Touch.Channel.EMAIL, Span.businessDays(1))
        .stopOn(Cadence.StopOn.MEETING_BOOKED).build();
    assertThat(FOLLOW_UP.stopOn()).containsExactly(Cadence.StopOn.REPLY,
        Cadence.StopOn.MEETING_BOOKED);
    assertThat(deaf.stopOn()).isEmpty();
    Touch reply = Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED);
    Touch meeting = Touch.outbound(Touch.Channel.CALL, Touch.Result.NEXT_STEP_AGREED);
    // a reply stops neither; step 1 is still due (an inbound touch never does a step)
    for (Cadence c : List.of(deaf, meetingsOnly)) {
      Deal d = new Deal(definition(c), "A").enterTalks().touch(reply, "2026-05-22T11:00:00Z");
      assertThat(d.agenda("2026-05-22T12:00:00Z")).singleElement()
          .satisfies(i -> assertThat(i.reason()).startsWith("cadence '" + c.id() + "' step 1"));
    }
    // a booked meeting stops the second, and is merely step 1 of the first
    Deal d = new Deal(definition(meetingsOnly), "A").enterTalks().touch(meeting,
        "2026-05-22T11:00:00Z");
    assertThat(d.agenda("2026-06-30T00:00:00Z")).isEmpty();
    d = new Deal(definition(deaf), "A").enterTalks().touch(meeting, "2026-05-22T11:00:00Z");
    assertThat(d.agenda("2026-05-26T11:00:00Z")).singleElement() // Mon 25 is Whit Monday
        .satisfies(i -> assertThat(i.reason()).startsWith("cadence 'deaf' step 2 of 2"));
  }

  @Test
  void leavingTheStageEndsItAndEnteringAgainStartsAfresh() {
    Deal back = new Deal(LEADS, "A").enterTalks().move("lead", "2026-05-22T11:00:00Z");
    assertThat(back.agenda("2026-06-30T00:00:00Z")).isEmpty();
    assertThat(back.cadences("2026-06-30T00:00:00Z")).isEmpty(); // another stage, no cadences
    // back in talks on Tue 26 09:00 (after Whit Monday): step 1 again, due Wed 27 09:00
    back.move("talks", "2026-05-26T09:00:00Z");
    assertThat(back.agenda("2026-05-27T08:59:00Z")).isEmpty();
    assertThat(back.agenda("2026-05-27T09:00:00Z")).singleElement().satisfies(i ->
        assertThat(i.reason()).isEqualTo("cadence 'follow-up' step 1 of 3: email"
            + " (talks.follow-up.1), due since 2026-05-27 (1 business day after enrolment on"
            + " 2026-05-26)"));
  }

  @Test
  void wonLostAndGoneDarkDealsHaveNoCadenceItems() {
    Deal won = new Deal(LEADS, "A").enterTalks();
    won.history = won.pipeline.win(won.history, at("2026-05-22T11:00:00Z")).historyOrThrow();
    Deal lost = new Deal(LEADS, "B").enterTalks();
    lost.history = lost.pipeline.lose(lost.history, "no budget", at("2026-05-22T11:00:00Z"))
        .historyOrThrow();
    Deal dark = new Deal(LEADS, "C").enterTalks();
    dark.history = dark.pipeline.goDormant(dark.history, at("2026-05-22T11:00:00Z"))
        .historyOrThrow();
    for (Deal d : List.of(won, lost, dark)) {
      assertThat(d.agenda("2026-05-22T10:30:00Z")).hasSize(1); // step 1 was due before
      assertThat(d.agenda("2026-06-30T00:00:00Z")).isEmpty();
    }
  }

  @Test
  void aManualStopEndsItAndAManualEnrolmentStartsItAgain() {
    Deal d = new Deal(LEADS, "A").enterTalks()
        .stop("follow-up", "customer asked for no more emails", "2026-05-22T11:00:00Z");
    assertThat(d.agenda("2026-06-30T00:00:00Z")).isEmpty();
    assertThat(d.cadences("2026-06-30T00:00:00Z")).singleElement().satisfies(e ->
        assertThat(e.end()).contains(new CadenceEnrolment.End(CadenceEnrolment.Reason.STOPPED,
            Instant.parse("2026-05-22T11:00:00Z"), "customer asked for no more emails")));
    // stopping it again is refused, naming how it ended
    Outcome again = d.pipeline.stopCadence(d.history, "follow-up", "again",
        at("2026-05-22T12:00:00Z"));
    assertThat(again.isAccepted()).isFalse();
    assertThat(again.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(Violation.INVALID_VALUE);
      assertThat(v.message()).isEqualTo("deal 'A' is not in cadence 'follow-up' any more:"
          + " stopped on 2026-05-22 (customer asked for no more emails)");
    });
    // enrolled again on Fri 22 14:00: step 1 after 1 business day, Tue 26 14:00
    d.enrol("follow-up", "2026-05-22T14:00:00Z");
    assertThat(d.agenda("2026-05-26T13:59:00Z")).isEmpty();
    assertThat(d.agenda("2026-05-26T14:00:00Z")).singleElement().satisfies(i ->
        assertThat(i.reason()).endsWith("(1 business day after enrolment on 2026-05-22)"));
    assertThat(d.cadences("2026-05-26T14:00:00Z")).hasSize(2).last()
        .satisfies(e -> assertThat(e.manual()).isTrue());
    // and enrolling it while it runs is refused
    Outcome twice = d.pipeline.enrol(d.history, "follow-up", at("2026-05-26T15:00:00Z"));
    assertThat(twice.violations()).singleElement().satisfies(v -> assertThat(v.message())
        .isEqualTo("deal 'A' is in cadence 'follow-up' since 2026-05-22 (0 of 3 steps done);"
            + " stop it first to start it again"));
  }

  @Test
  void aManualOnlyCadenceWaitsForItsEnrolment() {
    Cadence nurture = Cadence.builder("talks").id("nurture").manualOnly()
        .step(Touch.Channel.EMAIL, Span.businessDays(5), "talks.nurture.1").build();
    Deal d = new Deal(definition(nurture), "A").enterTalks();
    assertThat(d.agenda("2026-06-30T00:00:00Z")).isEmpty();
    assertThat(d.cadences("2026-06-30T00:00:00Z")).isEmpty();
    // enrolled Fri 22 10:00; 5 business days: Tue 26, Wed 27, Thu 28, Fri 29, Mon 1 June
    d.enrol("nurture", "2026-05-22T10:00:00Z");
    assertThat(d.agenda("2026-06-01T09:59:00Z")).isEmpty();
    assertThat(d.agenda("2026-06-01T10:00:00Z")).extracting(AgendaItem::messageKey)
        .containsExactly(Optional.of("talks.nurture.1"));
  }

  @Test
  void aDealIsInOneCadenceAtATimeTheFirstDeclaredOrTheFirstEnrolledWins() {
    Cadence second = Cadence.builder("talks").id("second")
        .step(Touch.Channel.CALL, Span.businessDays(1)).build();
    PipelineDefinition two = definition(FOLLOW_UP, second);
    // both apply on entry: the first declared wins, the second is not enrolled in this visit
    Deal d = new Deal(two, "A").enterTalks();
    assertThat(d.agenda("2026-05-22T12:00:00Z")).extracting(AgendaItem::rule)
        .containsExactly("follow-up");
    assertThat(d.cadences("2026-05-22T12:00:00Z")).extracting(CadenceEnrolment::cadence)
        .containsExactly("follow-up");
    // declared the other way round, the other one wins
    Deal other = new Deal(definition(second, FOLLOW_UP), "B").enterTalks();
    assertThat(other.agenda("2026-05-22T12:00:00Z")).extracting(AgendaItem::rule)
        .containsExactly("second");
    // the engine refuses to enrol the deal in the second while the first runs...
    Outcome refused = d.pipeline.enrol(d.history, "second", at("2026-05-22T12:00:00Z"));
    assertThat(refused.violations()).singleElement().satisfies(v -> assertThat(v.message())
        .isEqualTo("deal 'A' is in cadence 'follow-up' since 2026-05-21 (0 of 3 steps done); a"
            + " deal is in one cadence at a time unless one is declared concurrent: stop"
            + " 'follow-up' first"));
    // ...and an enrolment recorded anyway (a bare deal's engine call cannot see the history)
    // changes nothing: the one enrolled first wins
    Outcome blind = d.pipeline.enrol(d.history.current(), "second", at("2026-05-22T12:00:00Z"));
    assertThat(blind.isAccepted()).isTrue();
    DealHistory recorded = blind.appendTo(d.history);
    assertThat(RuleContext.of(two, recorded, Instant.parse("2026-05-22T13:00:00Z")).cadences())
        .extracting(CadenceEnrolment::cadence).containsExactly("follow-up");
    // once the first is stopped, the second can be enrolled: due 1 business day later
    d.stop("follow-up", "switching to calls", "2026-05-22T12:00:00Z")
        .enrol("second", "2026-05-22T12:30:00Z");
    assertThat(d.agenda("2026-05-26T12:30:00Z")).extracting(AgendaItem::rule)
        .containsExactly("second");
  }

  @Test
  void aConcurrentCadenceRunsAlongsideAndOneTouchDoesTheDueStepOfBoth() {
    Cadence social = Cadence.builder("talks").id("social").concurrent()
        .step(Touch.Channel.SOCIAL, Span.businessDays(1), "talks.social.1")
        .step(Touch.Channel.SOCIAL, Span.businessDays(3)).build();
    Deal d = new Deal(definition(FOLLOW_UP, social), "A").enterTalks();
    assertThat(d.agenda("2026-05-22T12:00:00Z")).extracting(AgendaItem::rule)
        .containsExactly("follow-up", "social"); // same kind and due: by rule id
    // one outbound touch is the touch of both steps that are due
    d.touch(EMAIL, "2026-05-22T13:00:00Z");
    assertThat(d.agenda("2026-05-22T14:00:00Z")).isEmpty();
    assertThat(d.cadences("2026-05-22T14:00:00Z")).extracting(CadenceEnrolment::stepsDone)
        .containsExactly(1, 1);
    // a concurrent one can also be enrolled by hand while an exclusive one runs
    Cadence extra = Cadence.builder("talks").id("extra").concurrent().manualOnly()
        .step(Touch.Channel.CALL, Span.days(1)).build();
    Deal e = new Deal(definition(FOLLOW_UP, extra), "B").enterTalks()
        .enrol("extra", "2026-05-21T11:00:00Z");
    assertThat(e.agenda("2026-05-22T12:00:00Z")).extracting(AgendaItem::rule)
        .containsExactly("follow-up", "extra"); // Fri 22 10:00 before Fri 22 11:00
  }

  @Test
  void aSnoozePausesTheStepAndItComesBackWhenTheSnoozeEnds() {
    Deal d = new Deal(LEADS, "A").enterTalks();
    d.history = d.pipeline.snooze(d.history, LocalDate.of(2026, 5, 28), "customer at a fair",
        at("2026-05-21T12:00:00Z")).historyOrThrow();
    assertThat(d.agenda("2026-05-27T23:59:00Z")).isEmpty();
    assertThat(d.agenda("2026-05-28T00:00:00Z")).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(AgendaItem.Kind.SNOOZE_ENDED);
      assertThat(i.dueSince()).isEqualTo(Instant.parse("2026-05-28T00:00:00Z"));
      assertThat(i.messageKey()).contains("talks.follow-up.1");
      assertThat(i.reason()).isEqualTo("snoozed until 2026-05-28 (customer at a fair), cadence"
          + " touch: cadence 'follow-up' step 1 of 3: email (talks.follow-up.1), due since"
          + " 2026-05-22 (1 business day after enrolment on 2026-05-21)");
    });
    assertThat(FOLLOW_UP.snoozable()).isTrue();
  }

  @Test
  void cadenceTouchesComeAfterDelayContactsAndBeforeIdleDeals() {
    PipelineDefinition d = definition(IdleRule.of("talks", Span.days(1)), FOLLOW_UP,
        DelayContactRule.builder("talks", "talks.slow").after(Span.days(1)).build());
    Deal deal = new Deal(d, "A").enterTalks();
    assertThat(deal.agenda("2026-05-22T12:00:00Z")).extracting(AgendaItem::kind)
        .containsExactly(AgendaItem.Kind.DELAY_CONTACT, AgendaItem.Kind.CADENCE_TOUCH,
            AgendaItem.Kind.IDLE);
    assertThat(AgendaItem.Kind.CADENCE_TOUCH.count(1)).isEqualTo("1 cadence touch");
    assertThat(AgendaItem.Kind.CADENCE_TOUCH.count(3)).isEqualTo("3 cadence touches");
    assertThat(AgendaItem.Kind.CADENCE_TOUCH.spelling()).isEqualTo("cadence-touch");
  }

  @Test
  void theEngineRefusesUnknownCadencesAndDealsInAnotherStage() {
    Deal d = new Deal(LEADS, "A"); // in lead
    Outcome unknown = d.pipeline.enrol(d.history, "nurture", at("2026-05-21T10:00:00Z"));
    assertThat(unknown.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(Violation.INVALID_VALUE);
      assertThat(v.message()).isEqualTo("pipeline 'leads' has no cadence 'nurture'; its"
          + " cadences: follow-up");
    });
    Outcome elsewhere = d.pipeline.enrol(d.history.current(), "follow-up",
        at("2026-05-21T10:00:00Z"));
    assertThat(elsewhere.violations()).singleElement().satisfies(v -> assertThat(v.message())
        .isEqualTo("cannot enrol deal 'A': cadence 'follow-up' is for stage 'talks' and the"
            + " deal is in 'lead'"));
    Outcome stop = d.pipeline.stopCadence(d.history, "follow-up", "no", at("2026-05-21T10:00:00Z"));
    assertThat(stop.violations()).singleElement().satisfies(v -> assertThat(v.message())
        .isEqualTo("cannot stop the cadence of deal 'A': cadence 'follow-up' is for stage"
            + " 'talks' and the deal is in 'lead'"));
    Outcome none = Pipeline.of(definition(), InstantSource.fixed(Instant.EPOCH))
        .enrol(d.history, "follow-up", at("2026-05-21T10:00:00Z"));
    assertThat(none.violations()).singleElement().satisfies(v -> assertThat(v.message())
        .isEqualTo("pipeline 'leads' has no cadence 'follow-up'; it has none"));
    // never enrolled in this visit (a manual-only cadence): nothing to stop
    Cadence nurture = Cadence.builder("talks").id("nurture").manualOnly()
        .step(Touch.Channel.EMAIL, Span.businessDays(5)).build();
    Deal n = new Deal(definition(nurture), "B").enterTalks();
    assertThat(n.pipeline.stopCadence(n.history, "nurture", "no", at("2026-05-21T11:00:00Z"))
        .violations()).singleElement().satisfies(v -> assertThat(v.message())
            .isEqualTo("deal 'B' is not in cadence 'nurture': it was not enrolled since it"
                + " entered 'talks' on 2026-05-21"));
    assertThat(d.history.size()).isEqualTo(1); // nothing changed
  }

  @Test
  void enrolmentsAndStopsAreEventsThatReplay() {
    Cadence nurture = Cadence.builder("talks").id("nurture").manualOnly()
        .step(Touch.Channel.EMAIL, Span.businessDays(5)).build();
    PipelineDefinition def = definition(FOLLOW_UP, nurture);
    Deal d = new Deal(def, "A").enterTalks()
        .stop("follow-up", "talking already", "2026-05-21T11:00:00Z")
        .enrol("nurture", "2026-05-21T12:00:00Z");
    List<DealEvent> events = d.history.events();
    assertThat(events.get(2)).isEqualTo(new DealEvent.CadenceStopped(DealId.of("A"),
        Instant.parse("2026-05-21T11:00:00Z"), "ana", "follow-up", "talking already"));
    assertThat(events.get(3)).isEqualTo(new DealEvent.CadenceEnrolled(DealId.of("A"),
        Instant.parse("2026-05-21T12:00:00Z"), "ana", "nurture"));
    DealHistory replayed = DealHistory.of(events);
    assertThat(replayed).isEqualTo(d.history);
    assertThat(replayed.replay()).isEqualTo(d.history.current());
    assertThat(d.history.current().updatedAt()).isEqualTo(events.get(3).at());
    assertThat(d.history.current().touchCount()).isZero();
    assertThat(d.history.checkAgainst(def)).isSameAs(d.history);
    // the agenda of the replayed history is the same
    assertThat(Agenda.of(def, List.of(replayed), Instant.parse("2026-06-30T00:00:00Z")).items())
        .isEqualTo(d.agenda("2026-06-30T00:00:00Z")).extracting(AgendaItem::rule)
        .containsExactly("nurture");
    // neither event is activity: the idle clock runs from the stage change
    RuleContext c = RuleContext.of(def, d.history, Instant.parse("2026-06-30T00:00:00Z"));
    assertThat(c.lastActivity(java.util.EnumSet.allOf(Activity.class)))
        .isEqualTo(Instant.parse("2026-05-21T10:00:00Z"));
    assertThatThrownBy(() -> new DealEvent.CadenceStopped(DealId.of("A"), Instant.EPOCH, "ana",
        "follow-up", " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cadence stop reason");
    assertThatThrownBy(() -> new DealEvent.CadenceEnrolled(DealId.of("A"), Instant.EPOCH, "ana",
        "")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cadence id");
  }

  @Test
  void theReadmesCadenceExamplePrintsWhatItSays() {
    PipelineDefinition leads = PipelineDefinition.builder("leads")
        .stage(Stage.open("qualification", "Qualification", 0.15))
        .stage(Stage.won("won", "Won"))
        .stage(Stage.lost("lost", "Lost"))
        .path("qualification", "won")
        .fromEveryOpenStage("lost")
        .calendar(BusinessCalendar.weekdays())
        .rule(Cadence.builder("qualification").id("follow-up")
            .step(Touch.Channel.EMAIL, Span.businessDays(1), "leads.follow-up.1")
            .step(Touch.Channel.CALL, Span.businessDays(2), "leads.follow-up.2")
            .step(Touch.Channel.EMAIL, Span.businessDays(3), "leads.follow-up.3")
            .build())
        .build();
    Pipeline sales = Pipeline.of(leads, InstantSource.system());
    DealHistory lead = sales.create(NewDeal.builder().id("Q-1").title("Acme").owner("ben")
        .build(), Request.by("ben").at(Instant.parse("2026-06-05T09:00:00Z"))).historyOrThrow();
    // Friday 5 June + 1 business day: Monday 8 June, 09:00
    assertThat(Agenda.of(leads, List.of(lead), Instant.parse("2026-06-08T09:00:00Z")).items()
        .get(0).reason()).isEqualTo("cadence 'follow-up' step 1 of 3: email (leads.follow-up.1),"
            + " due since 2026-06-08 (1 business day after enrolment on 2026-06-05)");
    lead = sales.recordTouch(lead, Touch.outbound(Touch.Channel.EMAIL, Touch.Result.NO_RESPONSE),
        Request.by("ben").at(Instant.parse("2026-06-08T10:00:00Z"))).historyOrThrow();
    lead = sales.recordTouch(lead, Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED),
        Request.by("ben").at(Instant.parse("2026-06-09T16:00:00Z"))).historyOrThrow();
    Instant later = Instant.parse("2026-06-30T09:00:00Z");
    assertThat(Agenda.of(leads, List.of(lead), later).items()).isEmpty();
    assertThat(RuleContext.of(leads, lead, later).cadences().get(0).end().orElseThrow()
        .reason()).isEqualTo(CadenceEnrolment.Reason.REPLIED);
  }

  @Test
  void cadencesCheckThemselvesAndSayWhatTheyDo() {
    assertThat(FOLLOW_UP.description()).isEqualTo("cadence follow-up: 3 touches over 3 business"
        + " days and 3 days (email, call, email), until a reply or a meeting booked");
    assertThat(Cadence.builder("talks").manualOnly().concurrent().stopOn()
        .step(Touch.Channel.CALL, Span.days(7)).build().description()).isEqualTo("cadence"
            + " cadence:talks: 1 touch over 7 days (call), no touch stops it, enrolled by hand"
            + " only, alongside other cadences");
    assertThat(Cadence.builder("talks").step(Touch.Channel.CALL, Span.days(1)).build().id())
        .isEqualTo("cadence:talks");
    assertThatThrownBy(() -> Cadence.builder("talks").id("empty").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cadence 'empty': 0 steps; give 1 to 100");
    assertThatThrownBy(() -> Cadence.builder("talks").step(Touch.Channel.EMAIL, Span.days(1),
        "bad key ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message key");
    assertThatThrownBy(() -> Cadence.builder("talks").id(" x").step(Touch.Channel.EMAIL,
        Span.days(1)).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule id");
    assertThatThrownBy(() -> Cadence.builder("talks").stopOn((Cadence.StopOn) null))
        .isInstanceOf(NullPointerException.class).hasMessage("stop is null");
    Cadence.Builder many = Cadence.builder("talks");
    for (int i = 0; i <= Cadence.MAX_STEPS; i++) {
      many.step(Touch.Channel.EMAIL, Span.days(1));
    }
    assertThatThrownBy(many::build).hasMessage("cadence 'cadence:talks': 101 steps; give 1 to"
        + " 100");
    // a cadence watches an open or dormant stage, like every rule
    assertThatThrownBy(() -> definition(Cadence.builder("won").step(Touch.Channel.EMAIL,
        Span.days(1)).build())).isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("rule 'cadence:won'");
    // one at a time: itself, or two exclusive ones; a concurrent one is blocked by itself only
    Cadence other = Cadence.builder("talks").id("other").step(Touch.Channel.CALL, Span.days(1))
        .build();
    Cadence side = Cadence.builder("talks").id("side").concurrent()
        .step(Touch.Channel.CALL, Span.days(1)).build();
    assertThat(FOLLOW_UP.blockedBy(FOLLOW_UP)).isTrue();
    assertThat(FOLLOW_UP.blockedBy(other)).isTrue();
    assertThat(FOLLOW_UP.blockedBy(side)).isFalse();
    assertThat(side.blockedBy(FOLLOW_UP)).isFalse();
    assertThat(side.blockedBy(side)).isTrue();
    // steps are a copy
    List<Cadence.Step> steps = new java.util.ArrayList<>(FOLLOW_UP.steps());
    Cadence copy = new Cadence("c", StageId.of("talks"), steps, Collections.emptySet(), false,
        false);
    steps.clear();
    assertThat(copy.steps()).hasSize(3);
    assertThat(copy).isEqualTo(new Cadence("c", StageId.of("talks"), FOLLOW_UP.steps(),
        java.util.EnumSet.noneOf(Cadence.StopOn.class), false, false));
  }
}

package dev.pipelinesdk.testkit.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.BusinessCalendar;
import dev.pipelinesdk.core.automation.Cadence;
import dev.pipelinesdk.core.automation.CadenceEnrolment;
import dev.pipelinesdk.core.automation.RuleContext;
import dev.pipelinesdk.core.automation.Span;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.testkit.automation.AgendaPropertiesTest.Case;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Cadences over random engine-made histories (the testkit's generators: touches of every
 * direction and result, moves in and out of the cadences' stages, manual enrolments and stops,
 * snoozes) and random instants: a reply ends the cadences that stop on it, an item is never due
 * before the deal's last event, recomputing gives the same answer, a deal is in one exclusive
 * cadence at a time, and recording the touch removes exactly the cadence items it does.
 */
class CadencePropertiesTest {
  /**
   * Cadences of every kind: one on entry to {@code lead}; on {@code talks} one on entry, a
   * manual-only one that only a booked meeting stops, and a concurrent manual-only one; one on
   * the dormant stage. No other rule, so a cadence's item is all a touch can remove.
   */
  static final PipelineDefinition CADENCES = PipelineDefinition.builder("cadences")
      .stage(Stage.open("lead", "Lead", 0.1))
      .stage(Stage.open("talks", "Talks", 0.4))
      .stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost"))
      .stage(Stage.dormant("dormant", "Gone dark"))
      .path("lead", "talks", "won")
      .transition("talks", "lead")
      .fromEveryOpenStage("lost")
      .fromEveryOpenStage("dormant")
      .transition("dormant", "talks")
      .reopen("lost", "lead")
      .calendar(BusinessCalendar.builder().weekend(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
          .holidays(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1),
              LocalDate.of(2026, 5, 25), LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1))
          .build())
      .rule(Cadence.builder("lead").id("warm-up")
          .step(Touch.Channel.EMAIL, Span.businessDays(1), "lead.warm-up.1")
          .step(Touch.Channel.CALL, Span.businessDays(2)).build())
      .rule(Cadence.builder("talks").id("follow-up")
          .step(Touch.Channel.EMAIL, Span.businessDays(1), "talks.follow-up.1")
          .step(Touch.Channel.CALL, Span.businessDays(2), "talks.follow-up.2")
          .step(Touch.Channel.SOCIAL, Span.days(3))
          .step(Touch.Channel.EMAIL, Span.of(Duration.ofHours(36)), "talks.follow-up.4").build())
      .rule(Cadence.builder("talks").id("nurture").manualOnly()
          .stopOn(Cadence.StopOn.MEETING_BOOKED)
          .step(Touch.Channel.EMAIL, Span.days(3), "talks.nurture.1")
          .step(Touch.Channel.EMAIL, Span.days(7)).build())
      .rule(Cadence.builder("talks").id("social").manualOnly().concurrent()
          .step(Touch.Channel.SOCIAL, Span.businessDays(2), "talks.social.1").build())
      .rule(Cadence.builder("dormant").id("revive").step(Touch.Channel.EMAIL, Span.days(14))
          .build())
      .build();

  private static final List<PipelineDefinition> DEFINITIONS = List.of(CADENCES,
      PipelineTemplates.definition("saas-b2b"), AgendaPropertiesTest.RULES);

  static Gen<Case> cases() {
    return AgendaPropertiesTest.cases(DEFINITIONS);
  }

  private static Map<String, Cadence> cadences(PipelineDefinition d) {
    Map<String, Cadence> out = new LinkedHashMap<>();
    for (AutomationRule r : d.automationRules()) {
      if (r instanceof Cadence) {
        out.put(r.id(), (Cadence) r);
      }
    }
    return out;
  }

  private static boolean inACadenceStage(PipelineDefinition d, DealHistory h) {
    return cadences(d).values().stream().anyMatch(k -> k.stage().equals(h.current().stage()));
  }

  @Test
  void theCasesReachCadenceItemsEndsOfEveryKindAndManualEnrolments() {
    // Guards the generators: laws that only ever see deals outside a cadence prove little.
    Set<CadenceEnrolment.Reason> ends = java.util.EnumSet.noneOf(CadenceEnrolment.Reason.class);
    int[] counts = new int[3]; // items, manual enrolments, enrolments with a step done
    qt().withFixedSeed(20261202L).withExamples(400).forAll(cases()).checkAssert(c -> {
      counts[0] += (int) Agenda.of(c.definition(), c.histories(), c.asOf()).items().stream()
          .filter(i -> i.kind() == AgendaItem.Kind.CADENCE_TOUCH).count();
      for (DealHistory h : AgendaPropertiesTest.asTheyStood(c.histories(), c.asOf())) {
        for (CadenceEnrolment e : RuleContext.of(c.definition(), h, c.asOf()).cadences()) {
          e.end().ifPresent(x -> ends.add(x.reason()));
          counts[1] += e.manual() ? 1 : 0;
          counts[2] += e.stepsDone() > 0 ? 1 : 0;
        }
      }
    });
    assertThat(ends).containsExactlyInAnyOrder(CadenceEnrolment.Reason.values());
    assertThat(counts[0]).isGreaterThan(100);
    assertThat(counts[1]).isGreaterThan(10);
    assertThat(counts[2]).isGreaterThan(10);
  }

  @Test
  void aReplyEndsEveryCadenceThatStopsOnOneNoItemComesAfterIt() {
    qt().withExamples(150).forAll(cases(), integers().between(0, 1000), integers().between(0, 3))
        .checkAssert((c, where, how) -> {
          List<DealHistory> now = AgendaPropertiesTest.asTheyStood(c.histories(), c.asOf());
          List<DealHistory> watched = now.stream()
              .filter(h -> inACadenceStage(c.definition(), h)).toList();
          if (watched.isEmpty()) {
            return;
          }
          DealHistory target = watched.get(where % watched.size());
          Touch reply = how == 0 ? Touch.outbound(Touch.Channel.EMAIL, Touch.Result.REPLIED)
              : Touch.inbound(Touch.Channel.values()[how], Touch.Result.values()[how]);
          DealHistory replied = Pipeline.of(c.definition(), InstantSource.fixed(c.asOf()))
              .recordTouch(target, reply, Request.by("ana").at(c.asOf())).historyOrThrow();
          Map<String, Cadence> all = cadences(c.definition());
          Set<String> stopped = all.values().stream()
              .filter(k -> k.stopOn().contains(Cadence.StopOn.REPLY)).map(Cadence::id)
              .collect(Collectors.toSet());
          for (int days = 0; days <= 60; days += 7) {
            Instant t = c.asOf().plus(Duration.ofDays(days)).plus(Duration.ofMinutes(days));
            assertThat(Agenda.of(c.definition(), List.of(replied), t).items())
                .as("at %s after a reply at %s", t, c.asOf())
                .noneMatch(i -> stopped.contains(i.rule()));
            for (CadenceEnrolment e : RuleContext.of(c.definition(), replied, t).cadences()) {
              if (stopped.contains(e.cadence())) {
                assertThat(e.isActive()).as("%s at %s", e, t).isFalse();
              }
            }
          }
        });
  }

  @Test
  void aCadenceItemIsTheActiveEnrolmentsNextStepNeverBeforeTheLastEventNorAfterTheInstant() {
    qt().withExamples(200).forAll(cases()).checkAssert(c -> {
      Map<DealId, DealHistory> byId = new HashMap<>();
      AgendaPropertiesTest.asTheyStood(c.histories(), c.asOf())
          .forEach(h -> byId.put(h.dealId(), h));
      Map<String, Cadence> all = cadences(c.definition());
      for (AgendaItem item : Agenda.of(c.definition(), c.histories(), c.asOf()).items()) {
        Cadence k = all.get(item.rule());
        if (k == null) {
          continue;
        }
        DealHistory h = byId.get(item.deal());
        List<DealEvent> events = h.events();
        Instant last = events.get(events.size() - 1).at();
        assertThat(item.dueSince()).isAfterOrEqualTo(last).isBeforeOrEqualTo(c.asOf());
        assertThat(item.kind()).isIn(AgendaItem.Kind.CADENCE_TOUCH,
            AgendaItem.Kind.SNOOZE_ENDED);
        CadenceEnrolment e = RuleContext.of(c.definition(), h, c.asOf()).cadences().stream()
            .filter(x -> x.cadence().equals(k.id())).reduce((a, b) -> b).orElseThrow();
        assertThat(e.isActive()).isTrue();
        Instant due = e.nextStepDue().orElseThrow();
        assertThat(due).isBeforeOrEqualTo(c.asOf());
        if (item.kind() == AgendaItem.Kind.CADENCE_TOUCH) {
          assertThat(item.dueSince()).isEqualTo(due.isBefore(last) ? last : due);
          assertThat(item.messageKey()).isEqualTo(k.steps().get(e.stepsDone()).messageKey());
          assertThat(item.reason()).startsWith("cadence '" + k.id() + "' step "
              + (e.stepsDone() + 1) + " of " + k.steps().size() + ": ");
        }
      }
    });
  }

  @Test
  void recomputingGivesTheSameAnswerAndOneDealsAnswerIsItsOwn() {
    qt().withExamples(150).forAll(cases()).checkAssert(c -> {
      List<AgendaItem> items = Agenda.of(c.definition(), c.histories(), c.asOf()).items();
      assertThat(Agenda.of(c.definition(), c.histories(), c.asOf()).items()).isEqualTo(items);
      for (DealHistory h : AgendaPropertiesTest.asTheyStood(c.histories(), c.asOf())) {
        List<CadenceEnrolment> once = RuleContext.of(c.definition(), h, c.asOf()).cadences();
        assertThat(RuleContext.of(c.definition(), DealHistory.of(h.events()), c.asOf())
            .cadences()).isEqualTo(once); // a replayed history: the same enrolments
        assertThat(Agenda.of(c.definition(), List.of(h), c.asOf()).items()).isEqualTo(
            items.stream().filter(i -> i.deal().equals(h.dealId())).toList());
      }
    });
  }

  @Test
  void aDealIsInOneExclusiveCadenceAtATime() {
    qt().withExamples(200).forAll(cases()).checkAssert(c -> {
      Map<String, Cadence> all = cadences(c.definition());
      for (DealHistory h : AgendaPropertiesTest.asTheyStood(c.histories(), c.asOf())) {
        // at every event of the history and at the instant
        List<Instant> instants = new ArrayList<>();
        h.events().forEach(e -> instants.add(e.at()));
        instants.add(c.asOf());
        for (Instant t : instants) {
          assertOneExclusive(c.definition(), h, t);
        }
        // enrolments the engine could not refuse (a bare deal's call cannot see the history):
        // every cadence of the stage, one after the other; the one enrolled first still wins
        Pipeline blind = Pipeline.of(c.definition(), InstantSource.fixed(c.asOf()));
        DealHistory pushed = h;
        for (Cadence k : all.values()) {
          if (k.stage().equals(h.current().stage())) {
            pushed = blind.enrol(pushed.current(), k.id(), Request.by("ana").at(c.asOf()))
                .appendTo(pushed);
          }
        }
        assertOneExclusive(c.definition(), pushed, c.asOf());
        assertOneExclusive(c.definition(), pushed, c.asOf().plus(Duration.ofDays(10)));
      }
    });
  }

  private static void assertOneExclusive(PipelineDefinition d, DealHistory h, Instant t) {
    Map<String, Cadence> all = cadences(d);
    List<CadenceEnrolment> active = RuleContext.of(d, h, t).cadences().stream()
        .filter(CadenceEnrolment::isActive).filter(e -> !all.get(e.cadence()).concurrent())
        .toList();
    assertThat(active).as("%s at %s", h.dealId(), t).hasSizeLessThanOrEqualTo(1);
    assertThat(Agenda.of(d, List.of(h), t).items().stream()
        .filter(i -> all.containsKey(i.rule()) && !all.get(i.rule()).concurrent()))
        .as("%s at %s", h.dealId(), t).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void recordingTheTouchOfAStepRemovesExactlyTheCadenceItemsItDoes() {
    qt().withExamples(200).forAll(cases(), integers().between(0, 1000)).checkAssert((c, pick) -> {
      List<DealHistory> now = AgendaPropertiesTest.asTheyStood(c.histories(), c.asOf());
      List<AgendaItem> before = Agenda.of(c.definition(), now, c.asOf()).items();
      List<AgendaItem> steps = before.stream()
          .filter(i -> i.kind() == AgendaItem.Kind.CADENCE_TOUCH).toList();
      if (steps.isEmpty()) {
        return;
      }
      AgendaItem acted = steps.get(pick % steps.size());
      Cadence k = cadences(c.definition()).get(acted.rule());
      DealHistory h = now.stream().filter(x -> x.dealId().equals(acted.deal())).findFirst()
          .orElseThrow();
      List<CadenceEnrolment> was = RuleContext.of(c.definition(), h, c.asOf()).cadences();
      CadenceEnrolment enrolment = was.stream().filter(e -> e.cadence().equals(k.id()))
          .reduce((a, b) -> b).orElseThrow();
      Touch.Channel channel = k.steps().get(enrolment.stepsDone()).channel();
      DealHistory touched = Pipeline.of(c.definition(), InstantSource.fixed(c.asOf()))
          .recordTouch(h, Touch.outbound(channel, Touch.Result.NO_RESPONSE),
              Request.by("ana").at(c.asOf())).historyOrThrow();
      List<DealHistory> after = new ArrayList<>(now);
      after.set(now.indexOf(h), touched);
      List<AgendaItem> left = Agenda.of(c.definition(), after, c.asOf()).items();
      // that step is done: one more step done, or the enrolment finished
      CadenceEnrolment is = RuleContext.of(c.definition(), touched, c.asOf()).cadences().stream()
          .filter(e -> e.cadence().equals(k.id())).reduce((a, b) -> b).orElseThrow();
      assertThat(is.stepsDone()).isEqualTo(enrolment.stepsDone() + 1);
      assertThat(is.isActive()).isEqualTo(is.stepsDone() < k.steps().size());
      Set<String> ids = cadences(c.definition()).keySet();
      if (c.definition() == CADENCES) {
        // cadences are the only rules: the touch removes the deal's due cadence steps (one
        // touch does the due step of each of its cadences, snoozed ones included) and nothing
        // else
        assertThat(left).isEqualTo(before.stream().filter(i -> !(i.deal().equals(acted.deal())
            && ids.contains(i.rule()))).toList());
      } else {
        // other rules wait for a touch too; other deals' items stay as they were
        assertThat(left).noneMatch(i -> i.deal().equals(acted.deal()) && ids.contains(i.rule()));
        assertThat(left.stream().filter(i -> !i.deal().equals(acted.deal())).toList())
            .isEqualTo(before.stream().filter(i -> !i.deal().equals(acted.deal())).toList());
      }
    });
  }
}

package dev.pipelinesdk.testkit.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.automation.Activity;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.BusinessCalendar;
import dev.pipelinesdk.core.automation.Cadence;
import dev.pipelinesdk.core.automation.DecisionTimeout;
import dev.pipelinesdk.core.automation.DelayContactRule;
import dev.pipelinesdk.core.automation.IdleRule;
import dev.pipelinesdk.core.automation.Span;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.testkit.gen.Histories;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The agenda's laws over random engine-made histories (the testkit's generators, snoozes
 * included) and random instants: it is deterministic and order-independent, never looks ahead,
 * never has an item due before the deal's last event or after the instant, acting on an item
 * through the engine removes exactly that deal's items, and a snooze keeps the snoozable items
 * away until its date, then they come back.
 */
class AgendaPropertiesTest {
  /** Every kind of rule, business days with holidays, an idle rule implied by idleAfter. */
  static final PipelineDefinition RULES = PipelineDefinition.builder("rules")
      .stage(Stage.builder().id("lead").name("Lead").idleAfter(Duration.ofDays(4)).build())
      .stage(Stage.builder().id("review").name("Review").expectedDuration(Duration.ofDays(3))
          .build())
      .stage(Stage.open("decision", "Decision", 0.7))
      .stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost"))
      .stage(Stage.dormant("dormant", "Gone dark"))
      .path("lead", "review", "decision", "won")
      .transition("decision", "review")
      .fromEveryOpenStage("lost")
      .fromEveryOpenStage("dormant")
      .transition("dormant", "review")
      .reopen("lost", "lead")
      .calendar(BusinessCalendar.builder().weekend(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
          .holidays(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1),
              LocalDate.of(2026, 5, 25), LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1))
          .build())
      .rule(DelayContactRule.builder("review", "review.delayed").offer("insurance")
          .repeat(Span.businessDays(2), 3).build())
      .rule(IdleRule.of("review", Span.businessDays(4)).resetBy(Activity.TOUCH))
      .rule(DecisionTimeout.of("decision", Span.businessDays(3)))
      .rule(IdleRule.of("dormant", Span.days(30)))
      .rule(Cadence.builder("lead").id("warm-up").step(Touch.Channel.EMAIL, Span.businessDays(1),
          "lead.warm-up.1").step(Touch.Channel.CALL, Span.days(2)).build())
      .build();

  private static final List<PipelineDefinition> DEFINITIONS = List.of(RULES,
      PipelineTemplates.definition("saas-b2b"));

  /** A case: a definition, histories with distinct deal ids, and an instant near their events. */
  record Case(PipelineDefinition definition, List<DealHistory> histories, Instant asOf) {
    @Override
    public String toString() {
      return definition.id() + " at " + asOf + ": " + histories.size() + " deals "
          + histories.stream().map(h -> h.events().stream().map(e -> e.getClass().getSimpleName()
              + "@" + e.at()).collect(Collectors.joining(", ", h.dealId() + "[", "]")))
              .collect(Collectors.joining("; "));
    }
  }

  static Gen<Case> cases() {
    return cases(DEFINITIONS);
  }

  /** Cases over the given definitions. */
  static Gen<Case> cases(List<PipelineDefinition> definitions) {
    Gen<Integer> which = integers().between(0, definitions.size() - 1);
    return which.flatMap(i -> lists().of(Histories.forDefinition(definitions.get(i))
        .withMaxSteps(16).histories()).ofSizeBetween(1, 12)
        .zip(integers().between(0, 10_000), integers().between(0, 60 * 24 * 40),
            (histories, pick, minutes) -> {
              Map<DealId, DealHistory> distinct = new LinkedHashMap<>();
              histories.forEach(h -> distinct.putIfAbsent(h.dealId(), h));
              List<Instant> instants = distinct.values().stream()
                  .flatMap(h -> h.events().stream()).map(DealEvent::at).sorted().toList();
              Instant asOf = instants.get(pick % instants.size()).plus(Duration.ofMinutes(minutes));
              return new Case(definitions.get(i), List.copyOf(distinct.values()), asOf);
            })).describedAs(Case::toString);
  }

  static DealHistory cut(DealHistory h, Instant at) {
    List<DealEvent> known = h.events().stream().filter(e -> !e.at().isAfter(at)).toList();
    return known.isEmpty() ? null : DealHistory.of(known);
  }

  static List<DealHistory> asTheyStood(List<DealHistory> histories, Instant at) {
    List<DealHistory> out = new ArrayList<>();
    for (DealHistory h : histories) {
      DealHistory c = cut(h, at);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  @Test
  void theCasesReachEveryKindOfItem() {
    // Guards the generators themselves: laws that only ever see empty agendas prove little.
    Set<AgendaItem.Kind> kinds = java.util.EnumSet.noneOf(AgendaItem.Kind.class);
    int[] items = new int[1];
    qt().withFixedSeed(20261201L).withExamples(400).forAll(cases()).checkAssert(c -> {
      List<AgendaItem> agenda = Agenda.of(c.definition(), c.histories(), c.asOf()).items();
      agenda.forEach(i -> kinds.add(i.kind()));
      items[0] += agenda.size();
    });
    assertThat(kinds).containsExactlyInAnyOrder(AgendaItem.Kind.values());
    assertThat(items[0]).isGreaterThan(200);
  }

  @Test
  void theAgendaIsDeterministicOrderIndependentAndNeverLooksAhead() {
    qt().withExamples(200).forAll(cases()).checkAssert(c -> {
      List<AgendaItem> items = Agenda.of(c.definition(), c.histories(), c.asOf()).items();
      assertThat(Agenda.of(c.definition(), c.histories(), c.asOf()).items()).isEqualTo(items);
      List<DealHistory> reversed = new ArrayList<>(c.histories());
      Collections.reverse(reversed);
      assertThat(Agenda.of(c.definition(), reversed, c.asOf()).items()).isEqualTo(items);
      assertThat(Agenda.of(c.definition(), asTheyStood(c.histories(), c.asOf()), c.asOf())
          .items()).isEqualTo(items);
      List<AgendaItem> sorted = new ArrayList<>(items);
      sorted.sort(Agenda.ORDER);
      assertThat(items).isEqualTo(sorted);
    });
  }

  @Test
  void anItemIsDueBetweenTheDealsLastEventAndTheInstantAndOnlyInAWatchedOpenStage() {
    qt().withExamples(200).forAll(cases()).checkAssert(c -> {
      Map<DealId, DealHistory> byId = new LinkedHashMap<>();
      asTheyStood(c.histories(), c.asOf()).forEach(h -> byId.put(h.dealId(), h));
      Set<String> ruleIds = Agenda.rules(c.definition()).stream().map(AutomationRule::id)
          .collect(Collectors.toSet());
      for (AgendaItem item : Agenda.of(c.definition(), c.histories(), c.asOf()).items()) {
        DealHistory h = byId.get(item.deal());
        List<DealEvent> events = h.events();
        assertThat(item.dueSince()).isAfterOrEqualTo(events.get(events.size() - 1).at())
            .isBeforeOrEqualTo(c.asOf());
        assertThat(item.stage()).isEqualTo(h.current().stage());
        assertThat(c.definition().requireStage(item.stage()).isTerminal()).isFalse();
        assertThat(ruleIds).contains(item.rule());
        assertThat(item.owner()).isEqualTo(h.current().owner());
        if (item.kind() == AgendaItem.Kind.DELAY_CONTACT) {
          assertThat(item.messageKey()).isPresent();
        }
        if (item.messageKey().isPresent()) { // a cadence step's key, if it has one
          assertThat(item.kind()).isIn(AgendaItem.Kind.DELAY_CONTACT,
              AgendaItem.Kind.CADENCE_TOUCH, AgendaItem.Kind.SNOOZE_ENDED);
        }
        assertThat(item.kind() == AgendaItem.Kind.SNOOZE_ENDED)
            .isEqualTo(item.snoozedUntil().isPresent());
      }
    });
  }

  @Test
  void actingOnAnItemThroughTheEngineRemovesExactlyThatDealsItems() {
    qt().withExamples(150).forAll(cases()).checkAssert(c -> {
      List<DealHistory> now = asTheyStood(c.histories(), c.asOf());
      List<AgendaItem> before = Agenda.of(c.definition(), now, c.asOf()).items();
      if (before.isEmpty()) {
        return;
      }
      AgendaItem acted = before.get(0);
      Pipeline pipeline = Pipeline.of(c.definition(), InstantSource.fixed(c.asOf()));
      List<DealHistory> after = new ArrayList<>();
      for (DealHistory h : now) {
        after.add(!h.dealId().equals(acted.deal()) ? h : pipeline.recordTouch(h,
            Touch.outbound(Touch.Channel.CALL, Touch.Result.COMPLETED),
            Request.by("ana").at(c.asOf())).historyOrThrow());
      }
      List<AgendaItem> left = Agenda.of(c.definition(), after, c.asOf()).items();
      assertThat(left).noneMatch(i -> i.deal().equals(acted.deal())); // every rule waits for it
      assertThat(left).isEqualTo(before.stream().filter(i -> !i.deal().equals(acted.deal()))
          .toList());
    });
  }

  @Test
  void aSnoozeKeepsTheDealsSnoozableItemsAwayUntilItsDateThenTheyComeBack() {
    qt().withExamples(150).forAll(cases(), integers().between(1, 20),
        integers().between(0, 1000)).checkAssert((c, days, where) -> {
          List<DealHistory> now = asTheyStood(c.histories(), c.asOf());
          List<DealHistory> open = now.stream().filter(h -> !c.definition()
              .requireStage(h.current().stage()).isTerminal()).toList();
          if (open.isEmpty()) {
            return;
          }
          DealHistory target = open.get(where % open.size());
          BusinessCalendar calendar = c.definition().calendar();
          LocalDate until = calendar.date(c.asOf()).plusDays(days);
          Instant end = calendar.startOf(until);
          DealHistory snoozed = Pipeline.of(c.definition(), InstantSource.fixed(c.asOf()))
              .snooze(target, until, "customer on holiday", Request.by("ana").at(c.asOf()))
              .historyOrThrow();
          List<DealHistory> after = new ArrayList<>(now);
          after.set(now.indexOf(target), snoozed);
          Set<String> snoozable = Agenda.rules(c.definition()).stream()
              .filter(AutomationRule::snoozable).map(AutomationRule::id)
              .collect(Collectors.toSet());
          Duration gap = Duration.between(c.asOf(), end);
          for (int k = 0; k < 4; k++) {
            Instant t = c.asOf().plus(gap.multipliedBy(k).dividedBy(4));
            assertThat(Agenda.of(c.definition(), after, t).items())
                .as("at %s, before the snooze ends at %s", t, end)
                .noneMatch(i -> i.deal().equals(target.dealId()) && snoozable.contains(i.rule()));
          }
          Set<String> dueBefore = Agenda.of(c.definition(), now, c.asOf()).items().stream()
              .filter(i -> i.deal().equals(target.dealId()) && snoozable.contains(i.rule()))
              .map(AgendaItem::rule).collect(Collectors.toSet());
          List<AgendaItem> back = Agenda.of(c.definition(), after, end).items().stream()
              .filter(i -> i.deal().equals(target.dealId()) && dueBefore.contains(i.rule()))
              .toList();
          assertThat(back).extracting(AgendaItem::rule).containsExactlyInAnyOrderElementsOf(
              dueBefore);
          assertThat(back).allSatisfy(i -> {
            assertThat(i.kind()).isEqualTo(AgendaItem.Kind.SNOOZE_ENDED);
            assertThat(i.dueSince()).isEqualTo(end);
            assertThat(i.snoozedUntil()).contains(until);
          });
        });
  }
}

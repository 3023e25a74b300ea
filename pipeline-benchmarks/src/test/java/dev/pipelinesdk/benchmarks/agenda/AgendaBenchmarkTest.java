package dev.pipelinesdk.benchmarks.agenda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agenda benchmark's setup check without timing anything: at 2,000 deals every contender
 * gives the same answer, and the data is what the benchmark says it is (every deal open, every
 * kind of item due, touches and snoozes in the histories).
 */
class AgendaBenchmarkTest {
  static final int DEALS = 2_000;
  static AgendaBenchmark.Data data;

  @BeforeAll
  static void setUp() {
    data = new AgendaBenchmark.Data();
    data.deals = DEALS;
    data.generate(); // throws unless the contenders agree
  }

  @Test
  void theContendersAgreeOnEveryKindOfItem() {
    Agenda agenda = AgendaBenchmark.check(data);
    Map<AgendaItem.Kind, Integer> kinds = new EnumMap<>(AgendaItem.Kind.class);
    agenda.items().forEach(i -> kinds.merge(i.kind(), 1, Integer::sum));
    // every kind its rules make: the benchmark's definition has no cadence (BENCHMARKS.md was
    // measured on these 11 rules before cadences existed), so no cadence touch
    assertEquals(java.util.EnumSet.complementOf(java.util.EnumSet.of(
        AgendaItem.Kind.CADENCE_TOUCH)), kinds.keySet(), "kinds due: " + kinds);
    assertTrue(agenda.items().stream().anyMatch(i -> i.rule().startsWith("review:")));
    assertEquals(agenda.items(), Agenda.of(data.definition, data.histories, AgendaData.AS_OF)
        .items()); // deterministic
  }

  @Test
  void everyDealIsOpenWithTouchesAndSomeSnoozes() {
    long touches = 0;
    long snoozes = 0;
    for (DealHistory h : data.histories) {
      assertTrue(h.current().stage().value().matches("prospecting|qualification|consideration"
          + "|decision"), h.current().stage().value());
      assertTrue(!h.events().get(h.size() - 1).at().isAfter(AgendaData.AS_OF));
      for (DealEvent e : h.events()) {
        touches += e instanceof DealEvent.TouchRecorded ? 1 : 0;
        snoozes += e instanceof DealEvent.Snoozed ? 1 : 0;
      }
    }
    assertEquals(DEALS, data.histories.size());
    assertTrue(touches > 5L * DEALS, "touches: " + touches);
    assertTrue(snoozes > DEALS / 20, "snoozes: " + snoozes);
    assertEquals(AgendaData.definition().automationRules().size(), 11);
  }
}

package dev.pipelinesdk.benchmarks.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.PreparedHistories;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics benchmark's setup check without timing anything: at 5,000 deals every contender
 * returns identical answers, and the data set is what the benchmark says it is.
 */
class MetricsEquivalenceTest {
  static final int DEALS = 5_000;
  static MetricsBenchmark.Contenders contenders;

  @BeforeAll
  static void setUp() throws Exception {
    MetricsBenchmark.Data data = new MetricsBenchmark.Data();
    data.deals = DEALS;
    data.generate();
    contenders = new MetricsBenchmark.Contenders();
    contenders.setUp(data); // throws unless all contenders agree
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (contenders != null && contenders.duckDb != null) {
      contenders.tearDown();
    }
  }

  @Test
  void everyContenderReturnsTheSameNumbers() throws Exception {
    Answers loop = MetricsBenchmark.primitiveLoop(contenders);
    assertEquals(loop, MetricsBenchmark.oursSinglePass(contenders));
    assertEquals(loop, MetricsBenchmark.oursParallel(contenders));
    assertEquals(loop, MetricsBenchmark.oursOverHistories(contenders));
    assertEquals(loop, MetricsBenchmark.oursWithQuantiles(contenders));
    assertEquals(loop, contenders.withQuantiles.computeParallel(contenders.log));
    assertEquals(loop, contenders.metric.computeParallel(
        dev.pipelinesdk.core.metrics.PreparedHistories.of(Histories.definition(),
            contenders.data.histories())));
    assertEquals(loop, MetricsBenchmark.duckDbQuery(contenders));
    assertEquals(loop, MetricsBenchmark.eventsMetric(contenders));
    assertEquals(loop, contenders.data.histories().parallelStream()
        .collect(contenders.eventsMetric.collector()));
    assertEquals(loop, MetricsBenchmark.check(contenders));
  }

  @Test
  void theLoadBuildsTheLogTheQueriesRead() {
    PreparedHistories loaded = new MetricsBenchmark().oursLoad(dataOf(contenders));
    assertEquals(contenders.data.deals(), loaded.deals());
    assertEquals(contenders.data.entries(), loaded.stageEntries());
    assertEquals(contenders.metric.compute(contenders.data.histories()),
        contenders.metric.compute(loaded));
    // The full report over the log equals the full report over the histories.
    TimeInStageReport overLog = Metrics.compute(Metrics.timeInStage(Histories.definition(),
        Histories.AS_OF), contenders.log);
    assertEquals(Metrics.compute(Metrics.timeInStage(Histories.definition(), Histories.AS_OF),
        contenders.data.histories()), overLog);
  }

  private static MetricsBenchmark.Data dataOf(MetricsBenchmark.Contenders c) {
    MetricsBenchmark.Data d = new MetricsBenchmark.Data();
    d.deals = DEALS;
    d.data = c.data;
    d.definition = Histories.definition();
    return d;
  }

  @Test
  void answersAreNotTrivial() {
    Answers a = MetricsBenchmark.primitiveLoop(contenders);
    assertEquals(DEALS, a.reach()[0], "every deal starts in prospecting");
    for (int i = 1; i < a.reach().length; i++) {
      assertTrue(a.reach()[i] > 0 && a.reach()[i] < a.reach()[i - 1] * 2, Arrays.toString(
          a.reach()));
    }
    for (long s : a.secondsInStage()) {
      assertTrue(s > 0, a.toString());
    }
    // The stages add up to the deals' lifetimes up to as-of.
    Histories.Dataset d = contenders.data;
    long lifetimes = d.histories().stream().mapToLong(h -> Duration.between(
        h.created().at(), Histories.AS_OF).getSeconds()).sum();
    assertEquals(lifetimes, a.totalSeconds());
  }

  @Test
  void reachIsReachedNotTheFunnelsCumulativePassed() {
    // Revivals straight into consideration or decision skip stages: the funnel's cumulative
    // "passed" is larger there, which is why ours counts the deals that reached (entered) a stage
    // (time in stage, and the funnel's FunnelReport.Row.reached() agrees).
    FunnelReport report = Metrics.compute(Metrics.funnel(Histories.definition())
        .asOf(Histories.AS_OF).build(), contenders.data.histories());
    long[] reach = MetricsBenchmark.primitiveLoop(contenders).reach();
    boolean differs = false;
    for (int i = 0; i < report.stages().size(); i++) {
      assertEquals(report.stages().get(i).reached(), reach[i]);
      differs |= report.stages().get(i).passed() != reach[i];
    }
    assertTrue(differs, "the data set has skips, so reached and passed differ somewhere");
  }

  @Test
  void dataSetIsFixedValidAndLaidOutAsTheLoopNeeds() {
    Histories.Dataset a = Histories.generate(500);
    Histories.Dataset b = Histories.generate(500);
    assertEquals(a.histories(), b.histories());
    assertArrayEquals(a.at(), b.at());
    PipelineDefinition def = Histories.definition();
    int entries = 0;
    for (int d = 0; d < a.deals(); d++) {
      DealHistory h = a.histories().get(d);
      assertEquals(h, DealHistory.of(h.events()));
      for (DealEvent e : h.events()) {
        if (e instanceof DealEvent.StageChanged) {
          DealEvent.StageChanged c = (DealEvent.StageChanged) e;
          assertTrue(def.transition(c.from(), c.to()).isPresent(), c::toString);
        }
        assertEquals(d, a.deal()[entries]);
        assertEquals(e.at().getEpochSecond(), a.at()[entries]);
        assertTrue(a.at()[entries] <= a.asOf());
        if (entries > 0 && a.deal()[entries - 1] == d) {
          assertTrue(a.at()[entries - 1] < a.at()[entries], "strictly increasing per deal");
        }
        entries++;
      }
    }
    assertEquals(entries, a.entries());
    double perDeal = (double) contenders.data.entries() / DEALS;
    assertTrue(perDeal > 4.5 && perDeal < 5.5, "about 5 entries per deal, got " + perDeal);
  }

  @Test
  void theCheckCatchesADisagreement() {
    Answers right = MetricsBenchmark.primitiveLoop(contenders);
    long[] seconds = right.secondsInStage().clone();
    seconds[2]++;
    Answers wrong = new Answers(right.reach(), right.conversion(), seconds);
    assertNotEquals(right, wrong);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Answers.requireEqual(right, "loop", wrong, "off by one"));
    assertTrue(e.getMessage().contains("off by one"), e.getMessage());
  }
}

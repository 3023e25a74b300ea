package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.metrics.Metrics;
import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No metric keeps a definition alive: per-tenant and generated definitions are collected once
 * nobody references them (a static cache of definitions pinned every one a metric had seen).
 */
class DefinitionLeakTest {

  /** Runs every metric over a fresh definition and returns only a weak reference to it. */
  private static WeakReference<PipelineDefinition> useEveryMetric() {
    PipelineDefinition d = PipelineDefinition.builder("tenant-42")
        .stage(Stage.open("a", "A", 0.1)).stage(Stage.open("b", "B", 0.5))
        .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
        .path("a", "b", "won").fromEveryOpenStage("lost").build();
    Driver x = new Driver(d);
    DealHistory h = x.move(x.create(0, "T-1", "100", LeadSource.warm("web")), 1, "b");
    List<DealHistory> all = List.of(h);
    Metrics.compute(Metrics.funnel(d).build(), all);
    Metrics.compute(Metrics.funnel(d).by(FunnelBreakdown.byLeadSource()), all);
    Metrics.compute(Metrics.snapshot(d, day(2)).build(), all);
    Metrics.compute(Metrics.flow(d, day(2)), all);
    Metrics.compute(Metrics.movements(d, day(0), day(2)), all);
    Metrics.compute(Metrics.leaks(d).build(), all);
    Metrics.compute(Metrics.timeInStage(d, day(2)), all);
    Metrics.compute(Metrics.timeInStageTotals(d, day(2)), PreparedHistories.of(d, all));
    StageTimes.of(d, h, day(2));
    return new WeakReference<>(d);
  }

  @Test
  void aDefinitionUsedByEveryMetricIsCollectedOnceUnreferenced() {
    WeakReference<PipelineDefinition> ref = useEveryMetric();
    List<byte[]> pressure = new ArrayList<>();
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      pressure.add(new byte[1 << 16]); // a little allocation between collections
    }
    assertThat(ref.get()).as("the definition after 50 collections").isNull();
  }
}

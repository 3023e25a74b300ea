package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.SnapshotReport;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.time.Instant;
import java.util.List;

/** The README's "Funnel versus pipeline" snippet, kept compiling. */
public final class FunnelVersusPipeline {
  private FunnelVersusPipeline() {}

  /**
   * Prints the funnel and the pipeline of some histories.
   *
   * @param histories the deals' histories
   */
  public static void print(List<DealHistory> histories) {
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    Instant asOf = Instant.parse("2026-07-01T00:00:00Z");

    FunnelReport funnel = Metrics.compute(Metrics.funnel(saas)       // the cohort view
        .createdBetween(Instant.parse("2026-01-01T00:00:00Z"), asOf).build(), histories);
    SnapshotReport pipeline = histories.parallelStream().collect(   // where every deal is now
        Metrics.snapshot(saas, asOf).target(Money.of("250000", "EUR")).build().collector());
    System.out.println(funnel.toTable());
    System.out.println(pipeline.toTable());
  }
}

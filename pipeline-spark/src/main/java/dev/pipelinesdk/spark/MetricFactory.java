package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.metrics.Metric;
import java.io.Serializable;

/**
 * Makes a metric for a pipeline definition: how {@link SparkPipelines#aggregator} runs one metric
 * over many pipelines, each with its own definition. It travels to the executors, so it is
 * serializable: a lambda typed as this interface is, when everything it captures is. Capture JDK
 * values ({@code Instant}, {@code String}, {@code BigDecimal}); core's values ({@code Money}, a
 * {@code PipelineDefinition}) are not serializable, so make them inside the lambda.
 *
 * <pre>{@code
 * Instant asOf = Instant.parse("2026-07-01T00:00:00Z");
 * MetricFactory<TimeInStageReport> timeInStage = d -> Metrics.timeInStage(d, asOf);
 * MetricFactory<SnapshotReport> snapshot = d -> Metrics.snapshot(d, asOf)
 *     .target(Money.of("500000", "EUR")).build();
 * }</pre>
 *
 * @param <R> the metric's result type
 */
@FunctionalInterface
public interface MetricFactory<R> extends Serializable {
  /**
   * Makes the metric for a definition.
   *
   * @param definition the pipeline definition
   * @return the metric
   */
  Metric<R> metric(PipelineDefinition definition);
}

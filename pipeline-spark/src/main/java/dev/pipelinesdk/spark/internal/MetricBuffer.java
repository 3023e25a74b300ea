package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.metrics.Metric;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The aggregation buffer of {@link MetricAggregator}: the pipeline key of the histories added
 * and the metric's accumulator for that pipeline, both empty until the first history. Travels by
 * Java serialization (the built-in accumulators are serializable; see {@link Metric}); after a
 * transfer {@link #local} is false and the accumulator must be merged into a new one of its
 * metric before it is used.
 *
 * @param <R> the metric's result type
 */
public final class MetricBuffer<R> implements Serializable {
  private static final long serialVersionUID = 1L;
  @Nullable String pipeline;
  Metric.@Nullable Accumulator<R> accumulator;
  /** True where the accumulator was made; false (the default) once deserialized. */
  transient boolean local;

  MetricBuffer() {
    this.local = true;
  }

  @Override
  public String toString() {
    return "MetricBuffer[" + pipeline + ", " + accumulator + "]";
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import java.util.Objects;
import java.util.stream.Stream;

/** Runs metrics over histories. */
public final class Metrics {
  private Metrics() {}

  /**
   * Computes a metric sequentially, in one pass.
   *
   * @param metric the metric
   * @param histories the deal histories
   * @param <A> the accumulator type
   * @param <R> the result type
   * @return the result
   * @throws IllegalArgumentException as {@link Metric#add} does
   */
  public static <A, R> R compute(Metric<A, R> metric, Iterable<DealHistory> histories) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(histories, "histories is null");
    A acc = metric.newAccumulator();
    for (DealHistory h : histories) {
      metric.add(acc, Objects.requireNonNull(h, "history is null"));
    }
    return metric.result(acc);
  }

  /**
   * Computes a metric over a stream, in parallel if the stream is parallel.
   *
   * @param metric the metric
   * @param histories the deal histories
   * @param <R> the result type
   * @return the result
   * @throws IllegalArgumentException as {@link Metric#add} does
   */
  public static <R> R compute(Metric<?, R> metric, Stream<DealHistory> histories) {
    Objects.requireNonNull(metric, "metric is null");
    return histories.collect(metric.collector());
  }
}

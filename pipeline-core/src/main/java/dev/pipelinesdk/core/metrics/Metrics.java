package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.stream.Stream;

/** Runs metrics over histories, and {@link StageMetric}s over a {@link StageLog}. */
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

  /**
   * Computes a metric over every deal of a stage log, sequentially, in one pass.
   *
   * @param metric the metric
   * @param log the stage log
   * @param <A> the accumulator type
   * @param <R> the result type
   * @return the result; the same as {@link #compute(Metric, Iterable)} over the histories the log
   *     was built from
   * @throws IllegalArgumentException if the log's definition has other stages than the metric's
   */
  public static <A, R> R compute(StageMetric<A, R> metric, StageLog log) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(log, "log is null");
    A acc = metric.newAccumulator();
    metric.add(acc, log, 0, log.deals());
    return metric.result(acc);
  }

  /**
   * Computes a metric over every deal of a stage log in parallel: the deals are split into
   * ranges run as tasks on the {@linkplain ForkJoinPool#commonPool() common fork-join pool}, each
   * with its own accumulator, merged with the metric's {@link Metric#merge merge}. Same result as
   * {@link #compute(StageMetric, StageLog)}.
   *
   * @param metric the metric
   * @param log the stage log
   * @param <A> the accumulator type
   * @param <R> the result type
   * @return the result
   * @throws IllegalArgumentException if the log's definition has other stages than the metric's
   */
  public static <A, R> R computeParallel(StageMetric<A, R> metric, StageLog log) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(log, "log is null");
    int parallelism = ForkJoinPool.getCommonPoolParallelism();
    // A few ranges per worker for balance; no range under 4,096 deals (task overhead).
    int leaf = Math.max(4_096, log.deals() / Math.max(1, 4 * parallelism));
    if (parallelism <= 1 || log.deals() <= leaf) {
      return compute(metric, log);
    }
    return metric.result(ForkJoinPool.commonPool().invoke(
        new Range<>(metric, log, 0, log.deals(), leaf)));
  }

  /** One range of deals: split in two until small enough, then one accumulator. */
  private static final class Range<A> extends RecursiveTask<A> {
    private static final long serialVersionUID = 1L;
    private final transient StageMetric<A, ?> metric;
    private final transient StageLog log;
    private final int from;
    private final int to;
    private final int leaf;

    Range(StageMetric<A, ?> metric, StageLog log, int from, int to, int leaf) {
      this.metric = metric;
      this.log = log;
      this.from = from;
      this.to = to;
      this.leaf = leaf;
    }

    @Override
    protected A compute() {
      if (to - from <= leaf) {
        A acc = metric.newAccumulator();
        metric.add(acc, log, from, to);
        return acc;
      }
      int mid = (from + to) >>> 1;
      Range<A> right = new Range<>(metric, log, mid, to, leaf);
      right.fork();
      A left = new Range<>(metric, log, from, mid, leaf).compute();
      return metric.merge(left, right.join());
    }
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.stream.Stream;

/**
 * Runs metrics: over histories (an {@code Iterable} or a {@code Stream}) or over {@link
 * PreparedHistories}, where the library reads the prepared columns of stage entries for the
 * metrics that need nothing else, with the same result.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * Computes a metric sequentially, in one pass.
   *
   * @param metric the metric
   * @param histories the deal histories
   * @param <R> the result type
   * @return the result
   * @throws NullPointerException if an argument or a history is null
   * @throws dev.pipelinesdk.core.InvalidHistoryException if a history does not fit the metric's
   *     definition (a built-in metric checks every history it is given)
   * @throws IllegalArgumentException as {@link Metric.Accumulator#add} does
   */
  public static <R> R compute(Metric<R> metric, Iterable<DealHistory> histories) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(histories, "histories is null");
    Metric.Accumulator<R> acc = metric.newAccumulator();
    int i = 0;
    for (DealHistory h : histories) {
      if (h == null) {
        throw new NullPointerException("history " + i + " is null");
      }
      acc.add(h);
      i++;
    }
    return acc.result();
  }

  /**
   * Computes a metric over a stream, in parallel if the stream is parallel.
   *
   * @param metric the metric
   * @param histories the deal histories
   * @param <R> the result type
   * @return the result
   * @throws IllegalArgumentException as {@link Metric.Accumulator#add} does
   */
  public static <R> R compute(Metric<R> metric, Stream<DealHistory> histories) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(histories, "histories is null");
    return histories.collect(metric.collector());
  }

  /**
   * Computes a metric over prepared histories, sequentially, in one pass. A built-in metric
   * that needs only stage entries (time in stage) reads the prepared columns; any other metric
   * reads the retained histories.
   *
   * @param metric the metric
   * @param prepared the prepared histories
   * @param <R> the result type
   * @return the result; the same as {@link #compute(Metric, Iterable)} over the histories
   * @throws IllegalArgumentException if the metric's definition has other stages than the
   *     prepared histories', or the metric needs histories and {@code prepared} kept only stage
   *     entries ({@link PreparedHistories#stageEntriesOnly})
   */
  public static <R> R compute(Metric<R> metric, PreparedHistories prepared) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(prepared, "prepared is null");
    BuiltInMetric<?, R> columnar = columnar(metric, prepared);
    if (columnar != null) {
      return runColumns(columnar, prepared.columns(), 0, prepared.deals());
    }
    return compute(metric, histories(metric, prepared));
  }

  /**
   * Computes a metric over prepared histories in parallel: the deals are split into ranges run
   * as tasks on the {@linkplain ForkJoinPool#commonPool() common fork-join pool}, each with its
   * own accumulator, merged. Same result as {@link #compute(Metric, PreparedHistories)}.
   *
   * @param metric the metric
   * @param prepared the prepared histories
   * @param <R> the result type
   * @return the result
   * @throws IllegalArgumentException as {@link #compute(Metric, PreparedHistories)} does
   */
  public static <R> R computeParallel(Metric<R> metric, PreparedHistories prepared) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(prepared, "prepared is null");
    BuiltInMetric<?, R> columnar = columnar(metric, prepared);
    if (columnar == null) {
      return histories(metric, prepared).parallelStream().collect(metric.collector());
    }
    return parallel(columnar, prepared);
  }

  private static <A, R> R parallel(BuiltInMetric<A, R> metric, PreparedHistories prepared) {
    int deals = prepared.deals();
    int parallelism = ForkJoinPool.getCommonPoolParallelism();
    // A few ranges per worker for balance; no range under 4,096 deals (task overhead).
    int leaf = Math.max(4_096, deals / Math.max(1, 4 * parallelism));
    if (parallelism <= 1 || deals <= leaf) {
      return runColumns(metric, prepared.columns(), 0, deals);
    }
    return metric.result(ForkJoinPool.commonPool().invoke(
        new Range<>(metric, prepared.columns(), 0, deals, leaf)));
  }

  private static <A, R> R runColumns(BuiltInMetric<A, R> metric, StageColumns columns, int from,
      int to) {
    A state = metric.newState();
    metric.addColumns(state, columns, from, to);
    return metric.result(state);
  }

  /** The metric, if it reads the prepared columns; null if it reads histories. */
  private static <R> BuiltInMetric<?, R> columnar(Metric<R> metric, PreparedHistories prepared) {
    if (metric instanceof BuiltInMetric) {
      BuiltInMetric<?, R> builtIn = (BuiltInMetric<?, R>) metric;
      if (!builtIn.ix.sameStages(prepared.columns().ix)) {
        throw new IllegalArgumentException("the metric reads pipeline '"
            + builtIn.definition().id() + "' with stages " + builtIn.definition().stages()
                .stream().map(s -> s.id().value()).toList()
            + "; the prepared histories are of pipeline '" + prepared.definition().id()
            + "' with stages " + prepared.definition().stages().stream()
                .map(s -> s.id().value()).toList());
      }
      if (builtIn.columnar()) {
        return builtIn;
      }
    }
    return null;
  }

  private static List<DealHistory> histories(Metric<?> metric, PreparedHistories prepared) {
    return prepared.histories().orElseThrow(() -> new IllegalArgumentException("metric "
        + metric + " reads whole histories, but " + prepared + " kept only stage entries;"
        + " prepare them with PreparedHistories.of(definition, histories) instead"));
  }

  /** One range of deals: split in two until small enough, then one state. */
  private static final class Range<A> extends RecursiveTask<A> {
    private static final long serialVersionUID = 1L;
    private final transient BuiltInMetric<A, ?> metric;
    private final transient StageColumns columns;
    private final int from;
    private final int to;
    private final int leaf;

    Range(BuiltInMetric<A, ?> metric, StageColumns columns, int from, int to, int leaf) {
      this.metric = metric;
      this.columns = columns;
      this.from = from;
      this.to = to;
      this.leaf = leaf;
    }

    @Override
    protected A compute() {
      if (to - from <= leaf) {
        A state = metric.newState();
        metric.addColumns(state, columns, from, to);
        return state;
      }
      int mid = (from + to) >>> 1;
      Range<A> right = new Range<>(metric, columns, mid, to, leaf);
      right.fork();
      A left = new Range<>(metric, columns, from, mid, leaf).compute();
      return metric.merge(left, right.join());
    }
  }
}

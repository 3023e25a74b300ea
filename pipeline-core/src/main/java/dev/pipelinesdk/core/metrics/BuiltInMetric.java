package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import java.util.Objects;

/**
 * A built-in metric: its single-pass functions over a state {@code A}, wrapped into the public
 * {@link Metric} shape. Every history added through an accumulator is first checked against the
 * metric's definition ({@link DealHistory#checkImportedAgainst}), so a history that does not fit
 * fails at the door, naming the deal, the event index and the stage, and adds nothing.
 *
 * <p>Metrics whose semantics need only the deals' stage entries also read {@link
 * PreparedHistories}' columns ({@link #columnar()}); {@link Metrics#compute(Metric,
 * PreparedHistories)} chooses that path. The columnar and the history path share one
 * implementation of the semantics (a history is turned into the same columns first).
 *
 * @param <A> the mutable state
 * @param <R> the result
 */
abstract class BuiltInMetric<A, R> implements Metric<R> {
  final StageIndex ix;

  BuiltInMetric(StageIndex ix) {
    this.ix = Objects.requireNonNull(ix, "index is null");
  }

  /** {@return the pipeline definition the metric reads histories of} */
  final PipelineDefinition definition() {
    return ix.definition;
  }

  abstract A newState();

  /** Adds a history already checked against the definition. */
  abstract void add(A state, DealHistory history);

  abstract A merge(A left, A right);

  abstract R result(A state);

  /** {@return whether {@link #addColumns} is implemented} */
  boolean columnar() {
    return false;
  }

  /** Adds the deals {@code fromDeal .. toDeal - 1} of prepared columns (checked on entry). */
  void addColumns(A state, StageColumns columns, int fromDeal, int toDeal) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " reads histories only");
  }

  @Override
  public final Metric.Accumulator<R> newAccumulator() {
    return new Running<>(this, newState());
  }

  /** The accumulator of a built-in metric: its state and the metric that made it. */
  static final class Running<A, R> implements Metric.Accumulator<R> {
    final BuiltInMetric<A, R> metric;
    A state;

    Running(BuiltInMetric<A, R> metric, A state) {
      this.metric = metric;
      this.state = state;
    }

    @Override
    public void add(DealHistory history) {
      Objects.requireNonNull(history, "history is null");
      history.checkImportedAgainst(metric.ix.definition);
      metric.add(state, history);
    }

    @Override
    public Metric.Accumulator<R> merge(Metric.Accumulator<R> other) {
      Objects.requireNonNull(other, "other accumulator is null");
      if (!(other instanceof Running) || ((Running<?, ?>) other).metric != metric) {
        throw new IllegalArgumentException("cannot merge an accumulator of another metric ("
            + other + ") into one of " + metric);
      }
      @SuppressWarnings("unchecked")
      Running<A, R> o = (Running<A, R>) other;
      state = metric.merge(state, o.state);
      return this;
    }

    @Override
    public R result() {
      return metric.result(state);
    }

    @Override
    public String toString() {
      return "accumulator of " + metric;
    }
  }
}

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

  /**
   * What an accumulator of this metric says it belongs to when it travels: the metric's kind,
   * its description (pipeline, instants) and the definition's stages. A received accumulator is
   * merged only into one whose metric says the same.
   */
  final String wireIdentity() {
    return getClass().getName() + " [" + this + "] over stages " + ix.definition.stages().stream()
        .map(s -> s.id().value()).toList();
  }

  /**
   * The accumulator of a built-in metric: its state and the metric that made it. Serializable
   * (see {@link Metric}): the state travels, the metric does not (a definition holds guards,
   * which are code); a received accumulator only says which metric it belongs to and is merged
   * into a new accumulator of that metric on the receiving side.
   */
  static final class Running<A, R> implements Metric.Accumulator<R>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Null once received (deserialized): the accumulator then only merges into another. */
    transient @org.jspecify.annotations.Nullable BuiltInMetric<A, R> metric;
    /** The metric's {@link BuiltInMetric#wireIdentity}, set when the accumulator is written. */
    private @org.jspecify.annotations.Nullable String identity;
    A state;

    Running(BuiltInMetric<A, R> metric, A state) {
      this.metric = metric;
      this.state = state;
    }

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
      if (metric != null) {
        identity = metric.wireIdentity();
      }
      out.defaultWriteObject();
    }

    private BuiltInMetric<A, R> metric(String doing) {
      BuiltInMetric<A, R> m = metric;
      if (m == null) {
        throw new IllegalStateException("cannot " + doing + " a received accumulator of "
            + identity + ": merge it into a new accumulator of its metric first"
            + " (metric.newAccumulator().merge(received))");
      }
      return m;
    }

    @Override
    public void add(DealHistory history) {
      Objects.requireNonNull(history, "history is null");
      BuiltInMetric<A, R> m = metric("add to");
      history.checkImportedAgainst(m.ix.definition);
      m.add(state, history);
    }

    @Override
    public Metric.Accumulator<R> merge(Metric.Accumulator<R> other) {
      Objects.requireNonNull(other, "other accumulator is null");
      BuiltInMetric<A, R> m = metric("merge into");
      if (!(other instanceof Running)) {
        throw new IllegalArgumentException("cannot merge an accumulator of another metric ("
            + other + ") into one of " + m);
      }
      Running<?, ?> o = (Running<?, ?>) other;
      boolean same = o.metric == null ? m.wireIdentity().equals(o.identity) : o.metric == m;
      if (!same) {
        throw new IllegalArgumentException("cannot merge an accumulator of another metric ("
            + other + ") into one of " + m);
      }
      @SuppressWarnings("unchecked")
      Running<A, R> mine = (Running<A, R>) o;
      state = m.merge(state, mine.state);
      return this;
    }

    @Override
    public R result() {
      return metric("compute the result of").result(state);
    }

    @Override
    public String toString() {
      return metric == null ? "received accumulator of " + identity : "accumulator of " + metric;
    }
  }
}

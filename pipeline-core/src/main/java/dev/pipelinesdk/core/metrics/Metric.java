package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import java.util.stream.Collector;

/**
 * A metric over deal histories: a single-pass accumulator with an associative merge. The one
 * metric abstraction of the SDK: every built-in metric ({@link Metrics}) is one, and so is a
 * user's own.
 *
 * <p>The contract, for any histories split into any parts in any grouping: a new accumulator
 * per part, {@linkplain Accumulator#add adding} each part's histories (each history's events are
 * read in order, once) and {@linkplain Accumulator#merge merging} the accumulators gives the same
 * {@linkplain Accumulator#result result} as adding every history to one accumulator; the order
 * of the histories does not matter. This is what lets a metric run sequentially ({@link
 * Metrics#compute(Metric, Iterable)}), on a parallel stream ({@link #collector()}) or inside a
 * distributed engine:
 *
 * <pre>{@code
 * // Spark: Aggregator<DealHistory, Metric.Accumulator<R>, R>
 * zero()            -> metric.newAccumulator()
 * reduce(acc, h)    -> { acc.add(h); return acc; }
 * merge(a, b)       -> a.merge(b)
 * finish(acc)       -> acc.result()
 * }</pre>
 *
 * <p>The testkit's {@code MetricContracts} checks a metric of your own for exactly this contract
 * (merge associativity, split invariance, order independence), the way the built-in metrics are
 * checked.
 *
 * <p>A metric is immutable and thread-safe. An accumulator is mutable and confined to one thread
 * at a time.
 *
 * <p><b>Across the wire.</b> The built-in metrics' accumulators are {@link java.io.Serializable}
 * (Java serialization), so a distributed engine can ship a partial result from one worker to
 * another. The state travels, the metric does not: a metric holds its pipeline definition, whose
 * guards are code. A received (deserialized) accumulator says which metric it came from (its
 * kind, description and the definition's stages) and can only be {@linkplain Accumulator#merge
 * merged} into an accumulator of that metric made on the receiving side; adding to it or asking
 * its result throws {@link IllegalStateException}:
 *
 * <pre>{@code
 * Metric.Accumulator<R> received = ...; // deserialized
 * R result = metric.newAccumulator().merge(received).result();
 * }</pre>
 *
 * <p>A metric of your own that runs distributed makes its accumulator serializable the same
 * way. Values in core (histories, events, reports) are not {@code Serializable}; engines carry
 * them with encoders of their own (the {@code pipeline-spark} module has Spark's).
 *
 * @param <R> the result type (an immutable value)
 */
public interface Metric<R> {

  /** {@return a new, empty accumulator} */
  Accumulator<R> newAccumulator();

  /**
   * Returns a collector running this metric, suitable for parallel streams.
   *
   * @return the collector
   */
  default Collector<DealHistory, Accumulator<R>, R> collector() {
    return Collector.of(this::newAccumulator, Accumulator::add, Accumulator::merge,
        Accumulator::result);
  }

  /**
   * The mutable state of one metric over one part of the histories. Not thread-safe: confine
   * each accumulator to one thread at a time.
   *
   * @param <R> the result type
   */
  interface Accumulator<R> {

    /**
     * Adds one deal's history.
     *
     * @param history the deal's history
     * @throws dev.pipelinesdk.core.InvalidHistoryException if the history does not fit the
     *     metric's pipeline definition (a stage it does not have, an event whose kind disagrees
     *     with its stage's), naming the deal, the event index and the stage; nothing is added
     * @throws IllegalArgumentException if an amount is in another currency than the ones seen so
     *     far and no conversion was supplied
     * @throws IllegalStateException if this accumulator was received (deserialized)
     */
    void add(DealHistory history);

    /**
     * Merges another accumulator of the same metric into this one. Associative: {@code
     * a.merge(b).merge(c)} and {@code a.merge(b.merge(c))} give equal results.
     *
     * @param other an accumulator made by the same metric; it must not be used afterwards
     * @return the merged accumulator (this one or {@code other})
     * @throws IllegalArgumentException if {@code other} comes from another metric, or the two
     *     hold amounts in different currencies
     * @throws IllegalStateException if this accumulator was received (deserialized): merge it
     *     into a new accumulator of its metric instead
     */
    Accumulator<R> merge(Accumulator<R> other);

    /**
     * Computes the result. Does not change the accumulator.
     *
     * @return the immutable result
     * @throws IllegalStateException if this accumulator was received (deserialized)
     */
    R result();
  }
}

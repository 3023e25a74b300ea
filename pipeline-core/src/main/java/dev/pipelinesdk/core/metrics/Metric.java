package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import java.util.stream.Collector;

/**
 * A metric over deal histories: a single-pass accumulator with an associative merge.
 *
 * <p>The contract, for any histories split into any parts in any grouping: creating an
 * accumulator per part, {@linkplain #add adding} each part's histories (each history's events are
 * read in order, once) and {@linkplain #merge merging} the accumulators gives the same {@linkplain
 * #result result} as adding every history to one accumulator. The order of histories does not
 * matter. This is what lets a metric run sequentially, on a parallel stream through {@link
 * #collector()}, or inside a distributed engine:
 *
 * <pre>{@code
 * // Spark: Aggregator<DealHistory, A, R>
 * zero()            -> metric.newAccumulator()
 * reduce(acc, h)    -> { metric.add(acc, h); return acc; }
 * merge(a, b)       -> metric.merge(a, b)
 * finish(acc)       -> metric.result(acc)
 * }</pre>
 *
 * <p>A metric is immutable and thread-safe. An accumulator is mutable and confined to one thread
 * at a time; {@link #merge} may reuse and return either argument, so callers must not use the
 * arguments afterwards. Accumulators hold per-stage counters and sums, and per-deal primitive
 * values only where a result needs them (exact percentiles), so a million deals fit in a small
 * heap.
 *
 * @param <A> the accumulator type (mutable, internal)
 * @param <R> the result type (an immutable value)
 */
public interface Metric<A, R> {

  /** {@return a new, empty accumulator} */
  A newAccumulator();

  /**
   * Adds one deal's history to an accumulator.
   *
   * @param accumulator the accumulator to update
   * @param history the deal's history
   * @throws IllegalArgumentException if the history names a stage the metric's pipeline
   *     definition does not have, or its amount is in another currency than the ones seen so far
   *     and no conversion was supplied
   */
  void add(A accumulator, DealHistory history);

  /**
   * Merges two accumulators. Associative: {@code merge(merge(a, b), c)} and {@code merge(a,
   * merge(b, c))} give equal results.
   *
   * @param left the first accumulator; may be reused for the result
   * @param right the second accumulator; may be reused for the result
   * @return the merged accumulator
   * @throws IllegalArgumentException if the two hold amounts in different currencies
   */
  A merge(A left, A right);

  /**
   * Computes the result. Does not change the accumulator.
   *
   * @param accumulator the accumulator
   * @return the immutable result
   */
  R result(A accumulator);

  /**
   * Returns a collector running this metric, suitable for parallel streams.
   *
   * @return the collector
   */
  default Collector<DealHistory, ?, R> collector() {
    return Collector.of(this::newAccumulator, this::add, this::merge, this::result);
  }
}

package dev.pipelinesdk.core.metrics;

/**
 * A {@link Metric} that can also read a {@link StageLog}: the columnar path, for metrics that
 * need only deals' stage entries. Adding a range of the log's deals has the same effect on an
 * accumulator as adding those deals' histories one by one with {@link #add(Object,
 * dev.pipelinesdk.core.DealHistory)}, so the two paths mix: an accumulator may be fed from
 * histories and from logs, and accumulators fed either way merge.
 *
 * <p>Run it with {@link Metrics#compute(StageMetric, StageLog)} (one pass) or {@link
 * Metrics#computeParallel(StageMetric, StageLog)} (deal ranges on the common fork-join pool,
 * merged), or split the deals yourself: for any split of {@code 0 .. log.deals()} into ranges,
 * adding each range to its own accumulator and merging them gives the same result as adding
 * {@code 0 .. log.deals()} to one.
 *
 * <p>Implementations read the log's columns in a tight loop: no allocation per entry, no {@code
 * Instant}s, no map lookups.
 *
 * @param <A> the accumulator type (mutable, internal)
 * @param <R> the result type (an immutable value)
 */
public interface StageMetric<A, R> extends Metric<A, R> {

  /**
   * Adds the deals {@code fromDeal .. toDeal - 1} of a log to an accumulator.
   *
   * @param accumulator the accumulator to update
   * @param log the stage log
   * @param fromDeal the first deal's number, inclusive
   * @param toDeal the last deal's number, exclusive
   * @throws IndexOutOfBoundsException unless {@code 0 <= fromDeal <= toDeal <= log.deals()}
   * @throws IllegalArgumentException if the log's definition has other stages (ids, in order)
   *     than the metric's
   */
  void add(A accumulator, StageLog log, int fromDeal, int toDeal);
}

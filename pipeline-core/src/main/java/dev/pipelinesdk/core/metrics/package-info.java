/**
 * Funnel and pipeline metrics computed from deal histories.
 *
 * <p>One mechanism for all of them: a {@link dev.pipelinesdk.core.metrics.Metric} is a
 * single-pass accumulator over {@link dev.pipelinesdk.core.DealHistory histories} with an
 * associative merge, so the same metric runs sequentially ({@link
 * dev.pipelinesdk.core.metrics.Metrics#compute(Metric, Iterable)}), on a parallel stream ({@link
 * dev.pipelinesdk.core.metrics.Metric#collector()}) or inside a distributed engine's aggregate
 * function (Spark {@code Aggregator}, Flink {@code AggregateFunction}, Beam {@code CombineFn}),
 * with the same result.
 *
 * <p>Histories analysed many times are prepared once ({@link
 * dev.pipelinesdk.core.metrics.PreparedHistories}): checked against their definition and grouped
 * into columns of stage entries, which {@link
 * dev.pipelinesdk.core.metrics.Metrics#compute(Metric, PreparedHistories)} reads for the metrics
 * that need nothing else (time in stage), with the same result as over the histories, an order
 * of magnitude faster.
 *
 * <ul>
 *   <li>{@link dev.pipelinesdk.core.metrics.Funnel}: the cohort view, volumes and conversion
 *       ratios, drop-off, skips and back-moves, breakdowns and the reverse funnel.
 *   <li>{@link dev.pipelinesdk.core.metrics.PipelineSnapshot}: open deals per stage as of an
 *       instant, weighted amounts, idle and stalled deals, coverage of a target.
 *   <li>{@link dev.pipelinesdk.core.metrics.StageTimes} (one deal) and {@link
 *       dev.pipelinesdk.core.metrics.StageStatistics} (all deals): time in stage, win rate, sales
 *       cycle and pipeline velocity. {@link dev.pipelinesdk.core.metrics.TimeInStage}: time in
 *       stage over all deals, with or without per-deal quantiles.
 *   <li>{@link dev.pipelinesdk.core.metrics.Movements}: what moved during a period, and the
 *       waterfall of open pipeline value.
 *   <li>{@link dev.pipelinesdk.core.metrics.LeakFinder}: the stages where deals drop out or go
 *       dark abnormally, in words.
 * </ul>
 *
 * <p>Results are immutable values with a readable {@code toString()} and a plain-text {@code
 * toTable()}. Money stays in its currency: a metric that meets two currencies throws {@link
 * java.lang.IllegalArgumentException} naming both, unless the caller supplies a conversion.
 * Metric definitions are immutable and thread-safe; accumulators are not (each thread or
 * partition uses its own and they are merged).
 */
@NullMarked
package dev.pipelinesdk.core.metrics;

import org.jspecify.annotations.NullMarked;

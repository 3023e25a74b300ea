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
 * <p>One entry point, {@link dev.pipelinesdk.core.metrics.Metrics}, with a factory per metric and
 * one result type per metric, each with a nested row type:
 *
 * <ul>
 *   <li>{@link dev.pipelinesdk.core.metrics.Metrics#funnel funnel}: the cohort view, volumes and
 *       conversion ratios, drop-off, skips and back-moves, breakdowns and the requirement
 *       ("reverse funnel"): {@link dev.pipelinesdk.core.metrics.FunnelReport}, {@link
 *       dev.pipelinesdk.core.metrics.FunnelBreakdown}.
 *   <li>{@link dev.pipelinesdk.core.metrics.Metrics#snapshot snapshot}: open deals per stage as of
 *       an instant, weighted amounts, idle and stalled deals, coverage of a target: {@link
 *       dev.pipelinesdk.core.metrics.SnapshotReport}.
 *   <li>{@link dev.pipelinesdk.core.metrics.Metrics#timeInStage timeInStage}: time in stage over
 *       every deal that reached a stage, with median and p90 ({@link
 *       dev.pipelinesdk.core.metrics.TimeInStageReport}); {@link
 *       dev.pipelinesdk.core.metrics.StageTimes} for one deal.
 *   <li>{@link dev.pipelinesdk.core.metrics.Metrics#flow flow}: dwell of the deals that left a
 *       stage, win rate, sales cycle and pipeline velocity: {@link
 *       dev.pipelinesdk.core.metrics.FlowReport}.
 *   <li>{@link dev.pipelinesdk.core.metrics.Metrics#movements movements}: what moved during a
 *       period, and the waterfall of open pipeline value: {@link
 *       dev.pipelinesdk.core.metrics.MovementReport}.
 *   <li>{@link dev.pipelinesdk.core.metrics.Metrics#leaks leaks}: the stages where deals drop out
 *       or go dark abnormally, in words: {@link dev.pipelinesdk.core.metrics.LeakReport}.
 * </ul>
 *
 * <p>One vocabulary throughout: a deal <b>reached</b> a stage when it entered it at least once;
 * it <b>passed</b> a stage when it reached it or a later one (the funnel's cumulative count);
 * <b>time in stage</b> is over every deal that reached a stage, up to the as-of instant for those
 * still in it; <b>dwell</b> is over the deals that left it. Durations are {@code Duration}s
 * ({@link dev.pipelinesdk.core.metrics.Metrics#days} converts), ratios that have no denominator
 * are empty {@code OptionalDouble}s, sums of deals without amounts are empty {@code Optional}s:
 * never NaN, 0 or "XXX" standing in for "unknown". One quantile definition: linear interpolation
 * between closest ranks (R's type 7).
 *
 * <p>Results are immutable values with a readable {@code toString()} and a plain-text {@code
 * toTable()}. Money stays in its currency: a metric that meets two currencies throws {@link
 * java.lang.IllegalArgumentException} naming both, unless the caller supplies a conversion;
 * averages, weighted amounts and velocity are rounded half-even to the currency's own scale.
 * Metric definitions are immutable and thread-safe; accumulators are not (each thread or
 * partition uses its own and they are merged).
 */
@NullMarked
package dev.pipelinesdk.core.metrics;

import org.jspecify.annotations.NullMarked;

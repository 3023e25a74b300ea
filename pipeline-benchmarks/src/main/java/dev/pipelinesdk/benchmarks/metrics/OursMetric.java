package dev.pipelinesdk.benchmarks.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.PreparedHistories;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Ours: the three answers from core's time-in-stage metric (one pass, associative merge; over a
 * {@link PreparedHistories} or over histories, the same metric), nothing re-implemented:
 *
 * <ul>
 *   <li>reach: {@link TimeInStageReport.Row#reached()}, the distinct deals that ever entered each
 *       open stage (funnel order) and the won stage. Not the funnel's {@code
 *       FunnelReport.Row.reached()}: that one is cumulative (a deal that skipped a stage counts).
 *   <li>conversion: {@link Answers#conversions(long[])} of that reach (four divisions).
 *   <li>time in stage: {@link TimeInStageReport.Row#cumulative()} per stage, in whole seconds
 *       (the data's instants are whole seconds).
 * </ul>
 *
 * <p>{@link #OursMetric(PipelineDefinition, Instant) The contender} runs {@link
 * Metrics#timeInStageTotals}, which computes exactly these numbers; {@link #withQuantiles} adapts
 * the full {@link Metrics#timeInStage} (median and p90 too), a diagnostic of what they cost. Each
 * run is {@code Metrics.compute} of core's metric, then an O(stages) conversion of its report.
 */
public final class OursMetric {
  private final PipelineDefinition definition;
  private final Metric<TimeInStageReport> times;

  /**
   * The contender: {@link Metrics#timeInStageTotals}.
   *
   * @param definition the pipeline definition
   * @param asOf the as-of instant
   */
  public OursMetric(PipelineDefinition definition, Instant asOf) {
    this(definition, Metrics.timeInStageTotals(definition, asOf));
  }

  private OursMetric(PipelineDefinition definition, Metric<TimeInStageReport> times) {
    this.definition = definition;
    this.times = times;
  }

  /**
   * The diagnostic: the full {@link Metrics#timeInStage} report, median and p90 included.
   *
   * @param definition the pipeline definition
   * @param asOf the as-of instant
   * @return the metric
   */
  public static OursMetric withQuantiles(PipelineDefinition definition, Instant asOf) {
    return new OursMetric(definition, Metrics.timeInStage(definition, asOf));
  }

  /**
   * {@code Metrics.compute} over histories.
   *
   * @param histories the histories
   * @return the answers
   */
  public Answers compute(Iterable<DealHistory> histories) {
    return answers(Metrics.compute(times, histories));
  }

  /**
   * {@code Metrics.compute} over prepared histories (the library reads their columns).
   *
   * @param prepared the prepared histories
   * @return the answers
   */
  public Answers compute(PreparedHistories prepared) {
    return answers(Metrics.compute(times, prepared));
  }

  /**
   * {@code Metrics.computeParallel} over prepared histories.
   *
   * @param prepared the prepared histories
   * @return the answers
   */
  public Answers computeParallel(PreparedHistories prepared) {
    return answers(Metrics.computeParallel(times, prepared));
  }

  private Answers answers(TimeInStageReport report) {
    List<Stage> open = definition.openStages();
    long[] reach = new long[open.size() + 1];
    for (int i = 0; i < open.size(); i++) {
      reach[i] = report.stage(open.get(i).id()).reached();
    }
    reach[open.size()] = report.stage(definition.stagesOf(StageKind.WON).get(0).id()).reached();
    List<TimeInStageReport.Row> rows = report.stages();
    long[] seconds = new long[rows.size()];
    for (int s = 0; s < rows.size(); s++) {
      seconds[s] = rows.get(s).cumulative().getSeconds();
    }
    return new Answers(reach, Answers.conversions(reach), seconds);
  }
}

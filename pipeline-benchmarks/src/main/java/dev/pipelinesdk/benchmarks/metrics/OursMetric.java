package dev.pipelinesdk.benchmarks.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.core.metrics.TimeInStage;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import java.time.Instant;
import java.util.List;

/**
 * Ours: the three answers from core's {@link TimeInStage} metric (one pass, associative merge),
 * nothing re-implemented:
 *
 * <ul>
 *   <li>reach: {@link TimeInStageReport.Row#entered()}, the distinct deals that ever entered each
 *       open stage (funnel order) and the won stage. Not the funnel's {@code
 *       FunnelStage.reached()}: that one is cumulative (a deal that skipped a stage counts).
 *   <li>conversion: {@link Answers#conversions(long[])} of that reach (four divisions).
 *   <li>time in stage: {@link TimeInStageReport.Row#cumulative()} per stage, in whole seconds
 *       (the data's instants are whole seconds).
 * </ul>
 */
public final class OursMetric implements Metric<Object, Answers> {
  private final PipelineDefinition definition;
  private final Metric<Object, TimeInStageReport> times;

  /**
   * Creates the metric.
   *
   * @param definition the pipeline definition
   * @param asOf the as-of instant
   */
  @SuppressWarnings("unchecked")
  public OursMetric(PipelineDefinition definition, Instant asOf) {
    this.definition = definition;
    this.times = (Metric<Object, TimeInStageReport>) TimeInStage.asOf(definition, asOf);
  }

  @Override
  public Object newAccumulator() {
    return times.newAccumulator();
  }

  @Override
  public void add(Object acc, DealHistory history) {
    times.add(acc, history);
  }

  @Override
  public Object merge(Object left, Object right) {
    return times.merge(left, right);
  }

  @Override
  public Answers result(Object acc) {
    TimeInStageReport report = times.result(acc);
    List<Stage> open = definition.openStages();
    long[] reach = new long[open.size() + 1];
    for (int i = 0; i < open.size(); i++) {
      reach[i] = report.stage(open.get(i).id()).entered();
    }
    reach[open.size()] = report.stage(definition.stagesOf(StageKind.WON).get(0).id()).entered();
    List<TimeInStageReport.Row> rows = report.stages();
    long[] seconds = new long[rows.size()];
    for (int s = 0; s < rows.size(); s++) {
      seconds[s] = rows.get(s).cumulative().getSeconds();
    }
    return new Answers(reach, Answers.conversions(reach), seconds);
  }
}

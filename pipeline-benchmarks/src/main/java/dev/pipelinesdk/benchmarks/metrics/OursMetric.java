package dev.pipelinesdk.benchmarks.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.metrics.StageLog;
import dev.pipelinesdk.core.metrics.StageMetric;
import dev.pipelinesdk.core.metrics.TimeInStage;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import dev.pipelinesdk.core.metrics.TimeInStageTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;

/**
 * Ours: the three answers from core's time-in-stage metric (one pass, associative merge; over a
 * {@link StageLog} or over histories, the same metric), nothing re-implemented:
 *
 * <ul>
 *   <li>reach: {@link TimeInStageTotals.Row#entered()}, the distinct deals that ever entered each
 *       open stage (funnel order) and the won stage. Not the funnel's {@code
 *       FunnelStage.reached()}: that one is cumulative (a deal that skipped a stage counts).
 *   <li>conversion: {@link Answers#conversions(long[])} of that reach (four divisions).
 *   <li>time in stage: {@link TimeInStageTotals.Row#cumulative()} per stage, in whole seconds
 *       (the data's instants are whole seconds).
 * </ul>
 *
 * <p>{@link #OursMetric(PipelineDefinition, Instant) The contender} adapts {@link
 * TimeInStage#totalsAsOf}, which computes exactly these numbers; {@link #withQuantiles} adapts
 * the full {@link TimeInStage#asOf} (median and p90 too), a diagnostic of what they cost.
 */
public final class OursMetric implements StageMetric<Object, Answers> {
  private final PipelineDefinition definition;
  private final StageMetric<Object, Object> times;
  private final ToLongBiFunction<Object, StageId> entered;
  private final Function<Object, List<Duration>> cumulative;

  /**
   * The contender: {@link TimeInStage#totalsAsOf}.
   *
   * @param definition the pipeline definition
   * @param asOf the as-of instant
   */
  public OursMetric(PipelineDefinition definition, Instant asOf) {
    this(definition, TimeInStage.totalsAsOf(definition, asOf),
        (r, id) -> ((TimeInStageTotals) r).stage(id).entered(),
        r -> ((TimeInStageTotals) r).stages().stream().map(TimeInStageTotals.Row::cumulative)
            .toList());
  }

  @SuppressWarnings("unchecked")
  private OursMetric(PipelineDefinition definition, StageMetric<?, ?> times,
      ToLongBiFunction<Object, StageId> entered,
      Function<Object, List<Duration>> cumulative) {
    this.definition = definition;
    this.times = (StageMetric<Object, Object>) times;
    this.entered = entered;
    this.cumulative = cumulative;
  }

  /**
   * The diagnostic: the full {@link TimeInStage#asOf} report, per-deal samples for the exact
   * median and p90 included, adapted to the same answers.
   *
   * @param definition the pipeline definition
   * @param asOf the as-of instant
   * @return the metric
   */
  public static OursMetric withQuantiles(PipelineDefinition definition, Instant asOf) {
    return new OursMetric(definition, TimeInStage.asOf(definition, asOf),
        (r, id) -> ((TimeInStageReport) r).stage(id).entered(),
        r -> ((TimeInStageReport) r).stages().stream().map(TimeInStageReport.Row::cumulative)
            .toList());
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
  public void add(Object acc, StageLog log, int fromDeal, int toDeal) {
    times.add(acc, log, fromDeal, toDeal);
  }

  @Override
  public Object merge(Object left, Object right) {
    return times.merge(left, right);
  }

  @Override
  public Answers result(Object acc) {
    Object report = times.result(acc);
    List<Stage> open = definition.openStages();
    long[] reach = new long[open.size() + 1];
    for (int i = 0; i < open.size(); i++) {
      reach[i] = entered.applyAsLong(report, open.get(i).id());
    }
    reach[open.size()] = entered.applyAsLong(report,
        definition.stagesOf(StageKind.WON).get(0).id());
    List<Duration> rows = cumulative.apply(report);
    long[] seconds = new long[rows.size()];
    for (int s = 0; s < rows.size(); s++) {
      seconds[s] = rows.get(s).getSeconds();
    }
    return new Answers(reach, Answers.conversions(reach), seconds);
  }
}

package dev.pipelinesdk.benchmarks.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.metrics.Funnel;
import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.core.metrics.StageTimes;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ours: the three answers as one {@link Metric} (one pass, associative merge) built on core's
 * public metrics API, nothing re-implemented:
 *
 * <ul>
 *   <li>reach: core's funnel ({@code Funnel.of(definition).asOf(asOf).build()}), field {@link
 *       dev.pipelinesdk.core.metrics.FunnelStage#entered() FunnelStage.entered()} ("deals that
 *       were in this stage at least once") for the open stages, and {@link FunnelReport#won()}
 *       (won at the end) for the won stage, which equals "ever entered won" because won is
 *       terminal in {@code saas-b2b} (the equivalence check confirms it on the data). Not {@code
 *       FunnelStage.reached()}: that one is cumulative (a deal that skipped a stage counts).
 *   <li>conversion: {@link Answers#conversions(long[])} of that reach (four divisions).
 *   <li>time in stage: core's per-deal {@link StageTimes#of(PipelineDefinition, DealHistory,
 *       Instant)}, summing {@code cumulative()} per stage (whole seconds). Core's {@code
 *       StageStatistics} is not used: its dwell excludes the deals still in a stage and is a
 *       mean in fractional days.
 * </ul>
 */
public final class OursMetric implements Metric<OursMetric.Acc, Answers> {
  private final PipelineDefinition definition;
  private final Instant asOf;
  private final Metric<Object, FunnelReport> funnel;
  private final Map<StageId, Integer> position = new HashMap<>();
  private final int stages;

  /** The accumulator: the funnel's, and seconds per stage. */
  public static final class Acc {
    final Object funnel;
    final long[] seconds;

    Acc(Object funnel, long[] seconds) {
      this.funnel = funnel;
      this.seconds = seconds;
    }
  }

  /**
   * Creates the metric.
   *
   * @param definition the pipeline definition
   * @param asOf the as-of instant
   */
  @SuppressWarnings("unchecked")
  public OursMetric(PipelineDefinition definition, Instant asOf) {
    this.definition = definition;
    this.asOf = asOf;
    this.funnel = (Metric<Object, FunnelReport>) Funnel.of(definition).asOf(asOf).build();
    this.stages = definition.stages().size();
    for (int i = 0; i < stages; i++) {
      position.put(definition.stages().get(i).id(), i);
    }
  }

  @Override
  public Acc newAccumulator() {
    return new Acc(funnel.newAccumulator(), new long[stages]);
  }

  @Override
  public void add(Acc acc, DealHistory history) {
    funnel.add(acc.funnel, history);
    List<StageTimes.StageTime> times = StageTimes.of(definition, history, asOf).stages();
    for (int i = 0; i < times.size(); i++) {
      StageTimes.StageTime t = times.get(i);
      acc.seconds[position.get(t.stage())] += t.cumulative().getSeconds();
    }
  }

  @Override
  public Acc merge(Acc left, Acc right) {
    for (int i = 0; i < stages; i++) {
      left.seconds[i] += right.seconds[i];
    }
    return new Acc(funnel.merge(left.funnel, right.funnel), left.seconds);
  }

  @Override
  public Answers result(Acc acc) {
    FunnelReport report = funnel.result(acc.funnel);
    int open = report.stages().size();
    long[] reach = new long[open + 1];
    for (int i = 0; i < open; i++) {
      reach[i] = report.stages().get(i).entered();
    }
    reach[open] = report.won();
    return new Answers(reach, Answers.conversions(reach), acc.seconds.clone());
  }
}

package dev.pipelinesdk.benchmarks.metrics;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.internal.StageChanges;
import dev.pipelinesdk.core.metrics.Metric;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A diagnostic, not one of the contenders: the three answers as a {@link Metric} written
 * in this module directly over {@link DealHistory#events()} (public API; none of core's metrics),
 * with per-stage counters and no allocation per deal. Its distance to {@link OursMetric} is the
 * cost of core's metric implementations; its distance to {@link PrimitiveLoop} is the cost of the
 * object model (events as records with {@link Instant}s and {@link StageId}s).
 */
public final class EventsMetric implements Metric<Answers> {
  private final Map<StageId, Integer> position = new HashMap<>();
  private final int[] funnel;
  private final int stages;
  private final long asOf;

  /** Counters per stage. */
  private final class Acc implements Metric.Accumulator<Answers> {
    final long[] entered = new long[stages];
    final long[] seconds = new long[stages];

    @Override
    public void add(DealHistory history) {
      EventsMetric.this.add(this, history);
    }

    @Override
    public Metric.Accumulator<Answers> merge(Metric.Accumulator<Answers> other) {
      Acc right = (Acc) other;
      for (int k = 0; k < stages; k++) {
        entered[k] += right.entered[k];
        seconds[k] += right.seconds[k];
      }
      return this;
    }

    @Override
    public Answers result() {
      long[] reach = new long[funnel.length];
      for (int i = 0; i < funnel.length; i++) {
        reach[i] = entered[funnel[i]];
      }
      return new Answers(reach, Answers.conversions(reach), seconds.clone());
    }
  }

  /**
   * Creates the metric.
   *
   * @param definition the definition
   * @param asOf the as-of instant; events after it are ignored
   */
  public EventsMetric(PipelineDefinition definition, Instant asOf) {
    this.stages = definition.stages().size();
    for (int i = 0; i < stages; i++) {
      position.put(definition.stages().get(i).id(), i);
    }
    this.funnel = Answers.funnelPositions(definition);
    this.asOf = asOf.getEpochSecond();
  }

  @Override
  public Metric.Accumulator<Answers> newAccumulator() {
    return new Acc();
  }

  private void add(Acc acc, DealHistory history) {
    List<DealEvent> events = history.events();
    DealEvent.Created created = history.created();
    long entered = created.at().getEpochSecond();
    if (entered > asOf) {
      return;
    }
    int stage = position.get(created.deal().stage());
    int seen = 1 << stage;
    for (int i = 1; i < events.size(); i++) {
      DealEvent e = events.get(i);
      long at = e.at().getEpochSecond();
      if (at > asOf) {
        break;
      }
      // by the event's concrete class, as core's metrics do: on JDK 17 `e instanceof
      // DealEvent.StageChanged` after the list's cast to DealEvent scans secondary supers
      StageId to = StageChanges.to(e);
      if (to != null) {
        acc.seconds[stage] += at - entered;
        stage = position.get(to);
        seen |= 1 << stage;
        entered = at;
      }
    }
    acc.seconds[stage] += asOf - entered;
    for (int k = 0; k < stages; k++) {
      acc.entered[k] += (seen >>> k) & 1;
    }
  }
}

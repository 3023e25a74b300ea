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
public final class EventsMetric implements Metric<EventsMetric.Acc, Answers> {
  private final Map<StageId, Integer> position = new HashMap<>();
  private final int[] funnel;
  private final int stages;
  private final long asOf;

  /** Counters per stage. */
  public static final class Acc {
    final long[] entered;
    final long[] seconds;

    Acc(int stages) {
      entered = new long[stages];
      seconds = new long[stages];
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
  public Acc newAccumulator() {
    return new Acc(stages);
  }

  @Override
  public void add(Acc acc, DealHistory history) {
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

  @Override
  public Acc merge(Acc left, Acc right) {
    for (int k = 0; k < stages; k++) {
      left.entered[k] += right.entered[k];
      left.seconds[k] += right.seconds[k];
    }
    return left;
  }

  @Override
  public Answers result(Acc acc) {
    long[] reach = new long[funnel.length];
    for (int i = 0; i < funnel.length; i++) {
      reach[i] = acc.entered[funnel[i]];
    }
    return new Answers(reach, Answers.conversions(reach), acc.seconds.clone());
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.PipelineDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Time in stage over all deals, as of an instant: per stage, the deals that ever entered it, the
 * deals in it now, the cumulative time spent in it (re-entries and the open visit up to the as-of
 * instant included) and the median and p90 of each deal's cumulative time in it.
 *
 * <p>The aggregate of {@link StageTimes} (one deal), computed in one pass without a value per
 * deal: per stage counters, exact sums and one primitive sample per deal that entered the stage
 * (for the exact median and p90, found by selection, not sorting). Events after the as-of instant are ignored; deals created after it
 * are not counted.
 *
 * <pre>{@code
 * TimeInStageReport report = Metrics.compute(TimeInStage.asOf(definition, asOf), histories);
 * report.stage(StageId.of("decision")).medianDays();
 * }</pre>
 */
public final class TimeInStage {
  private TimeInStage() {}

  /**
   * The metric.
   *
   * @param definition the pipeline definition the histories follow
   * @param asOf the last instant whose events count (inclusive); open visits count up to it
   * @return the metric
   */
  public static Metric<?, TimeInStageReport> asOf(PipelineDefinition definition, Instant asOf) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(asOf, "asOf is null");
    return new TimeMetric(StageIndex.of(definition), asOf);
  }

  /** Mutable; confined to one thread at a time. */
  static final class Acc {
    long deals;
    final long[] entered;
    final long[] visits;
    final long[] open;
    final long[] seconds;
    final long[] nanos;
    final LongList[] perDeal;
    // scratch for the deal being added, reset after each deal
    private final long[] dealNanos;
    private final boolean[] dealEntered;

    Acc(int stages) {
      entered = new long[stages];
      visits = new long[stages];
      open = new long[stages];
      seconds = new long[stages];
      nanos = new long[stages];
      perDeal = new LongList[stages];
      for (int i = 0; i < stages; i++) {
        perDeal[i] = new LongList();
      }
      dealNanos = new long[stages];
      dealEntered = new boolean[stages];
    }
  }

  private static final class TimeMetric implements Metric<Acc, TimeInStageReport> {
    private final StageIndex ix;
    private final Instant asOf;
    private final long asOfSeconds;
    private final int asOfNanos;

    TimeMetric(StageIndex ix, Instant asOf) {
      this.ix = ix;
      this.asOf = asOf;
      this.asOfSeconds = asOf.getEpochSecond();
      this.asOfNanos = asOf.getNano();
    }

    @Override
    public Acc newAccumulator() {
      return new Acc(ix.size());
    }

    @Override
    public void add(Acc acc, DealHistory history) {
      List<DealEvent> events = history.events();
      DealEvent.Created created = history.created();
      if (created.at().isAfter(asOf)) {
        return;
      }
      DealId id = created.dealId();
      acc.deals++;
      int stage = ix.of(created.deal().stage(), id);
      Instant entered = created.at();
      enter(acc, stage);
      for (int i = 1; i < events.size(); i++) {
        DealEvent e = events.get(i);
        Instant at = e.at();
        if (at.isAfter(asOf)) {
          break;
        }
        if (e instanceof DealEvent.StageChanged) {
          stay(acc, stage, entered, at.getEpochSecond(), at.getNano());
          stage = ix.of(((DealEvent.StageChanged) e).to(), id);
          entered = at;
          enter(acc, stage);
        }
      }
      stay(acc, stage, entered, asOfSeconds, asOfNanos);
      acc.open[stage]++;
      for (int s = 0; s < acc.dealEntered.length; s++) {
        if (acc.dealEntered[s]) {
          acc.perDeal[s].add(acc.dealNanos[s]);
          acc.dealEntered[s] = false;
          acc.dealNanos[s] = 0;
        }
      }
    }

    private static void enter(Acc acc, int stage) {
      acc.visits[stage]++;
      if (!acc.dealEntered[stage]) {
        acc.dealEntered[stage] = true;
        acc.entered[stage]++;
      }
    }

    private static void stay(Acc acc, int stage, Instant from, long toSeconds, int toNanos) {
      long secs = toSeconds - from.getEpochSecond();
      long nanos = toNanos - from.getNano();
      acc.seconds[stage] += secs;
      acc.nanos[stage] += nanos;
      acc.dealNanos[stage] += secs * 1_000_000_000L + nanos;
    }

    @Override
    public Acc merge(Acc left, Acc right) {
      left.deals += right.deals;
      for (int s = 0; s < left.entered.length; s++) {
        left.entered[s] += right.entered[s];
        left.visits[s] += right.visits[s];
        left.open[s] += right.open[s];
        left.seconds[s] += right.seconds[s];
        left.nanos[s] += right.nanos[s];
        left.perDeal[s].addAll(right.perDeal[s]);
      }
      return left;
    }

    @Override
    public TimeInStageReport result(Acc acc) {
      java.util.List<TimeInStageReport.Row> rows = new java.util.ArrayList<>();
      for (int s = 0; s < ix.size(); s++) {
        long[] samples = acc.perDeal[s].copy();
        int n = samples.length;
        long low = n == 0 ? 0 : LongList.select(samples, (n - 1) / 2);
        long high = n == 0 ? 0 : LongList.select(samples, n / 2);
        long p90 = n == 0 ? 0 : LongList.select(samples, Math.max(0, (int) Math.ceil(0.9 * n) - 1));
        rows.add(new TimeInStageReport.Row(ix.stages.get(s).id(), ix.stages.get(s).name(),
            ix.kind(s), acc.entered[s], acc.visits[s], acc.open[s],
            java.time.Duration.ofSeconds(acc.seconds[s], acc.nanos[s]), low, high, p90));
      }
      return new TimeInStageReport(ix.definition.id(), asOf, acc.deals, rows);
    }
  }
}

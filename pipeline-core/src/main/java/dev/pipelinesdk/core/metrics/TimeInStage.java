package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Time in stage over all deals, as of an instant: per stage, the deals that ever entered it, the
 * entries into it, the deals in it now, the cumulative time spent in it (re-entries and the open
 * visit up to the as-of instant included) and, in the full report, the median and p90 of each
 * deal's cumulative time in it.
 *
 * <p>The aggregate of {@link StageTimes} (one deal), in one pass. Two metrics:
 *
 * <ul>
 *   <li>{@link #asOf} gives the full {@link TimeInStageReport}: per stage counters, exact sums and
 *       one primitive sample per deal that entered the stage (8 bytes per deal and stage entered,
 *       for the exact median and p90, found by selection, not sorting).
 *   <li>{@link #totalsAsOf} gives {@link TimeInStageTotals}: the same counters and sums, equal
 *       to {@link TimeInStageReport#totals()}, without the per-deal samples, so without median
 *       and p90. Its accumulator is a few arrays of per-stage counters, whatever the number of
 *       deals, and it is several times faster.
 * </ul>
 *
 * <p>Both read histories and, through {@link Metrics#compute(Metric, PreparedHistories)}, the
 * prepared columns of stage entries, with identical results: the semantics is written once
 * ({@link #addDeals}); a history is turned into the same columns first. Events after the as-of
 * instant are ignored; deals created after it are not counted. Times are exact to the
 * nanosecond.
 *
 * <pre>{@code
 * TimeInStageReport report = Metrics.compute(TimeInStage.asOf(definition, asOf), histories);
 * report.stage(StageId.of("decision")).medianDays();
 *
 * PreparedHistories prepared = PreparedHistories.stageEntriesOnly(definition, histories);
 * TimeInStageTotals totals =
 *     Metrics.computeParallel(TimeInStage.totalsAsOf(definition, asOf), prepared);
 * totals.stage(StageId.of("decision")).cumulativeDays();
 * }</pre>
 */
public final class TimeInStage {
  private TimeInStage() {}

  /**
   * The metric with per-deal quantiles.
   *
   * @param definition the pipeline definition the histories follow
   * @param asOf the last instant whose events count (inclusive); open visits count up to it
   * @return the metric
   */
  public static Metric<TimeInStageReport> asOf(PipelineDefinition definition, Instant asOf) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(asOf, "asOf is null");
    return new Full(new StageIndex(definition), asOf);
  }

  /**
   * The metric without per-deal samples: counts and sums only, no median or p90.
   *
   * @param definition the pipeline definition the histories follow
   * @param asOf the last instant whose events count (inclusive); open visits count up to it
   * @return the metric
   */
  public static Metric<TimeInStageTotals> totalsAsOf(PipelineDefinition definition,
      Instant asOf) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(asOf, "asOf is null");
    return new Totals(new StageIndex(definition), asOf);
  }

  /** Mutable; confined to one thread at a time. */
  static final class Acc {
    long deals;
    final long[] entered;
    final long[] visits;
    final long[] open;
    final long[] seconds;
    final long[] nanos;
    /** Per stage, the entering deals' cumulative nanoseconds; null without samples. */
    final LongList[] perDeal;
    /**
     * Per stage, the serial number of the last deal that entered it: a stage was entered by the
     * current deal when its mark is the deal's serial (one per deal added, never reused).
     */
    final long[] mark;
    long serial;
    /** The history path's scratch: one history as columns. */
    private StageColumns scratch;
    private final long[] secondsBefore;
    private final long[] nanosBefore;

    Acc(int stages, boolean samples) {
      entered = new long[stages];
      visits = new long[stages];
      open = new long[stages];
      seconds = new long[stages];
      nanos = new long[stages];
      mark = new long[stages];
      if (samples) {
        perDeal = new LongList[stages];
        for (int i = 0; i < stages; i++) {
          perDeal[i] = new LongList();
        }
        secondsBefore = new long[stages];
        nanosBefore = new long[stages];
      } else {
        perDeal = null;
        secondsBefore = null;
        nanosBefore = null;
      }
    }
  }

  /**
   * Adds the deals {@code fromDeal .. toDeal - 1} of stage-entry columns to the counters: THE
   * time-in-stage semantics, used by every path (columns prepared once, one history turned into
   * columns, one deal's {@link StageTimes}). A deal created after {@code asOf} is skipped; an
   * entry after it ends the deal's walk; the stage the deal is in at {@code asOf} is open and its
   * visit counts up to {@code asOf}.
   */
  static void addDeals(Acc acc, StageColumns c, int fromDeal, int toDeal, long asS, int asN) {
    final int[] start = c.start;
    final byte[] stage = c.stage;
    final long[] sec = c.seconds;
    final int[] nano = c.nanos;
    final long[] entered = acc.entered;
    final long[] visits = acc.visits;
    final long[] open = acc.open;
    final long[] seconds = acc.seconds;
    final long[] nanos = acc.nanos;
    final long[] mark = acc.mark;
    long serial = acc.serial;
    long deals = 0;
    for (int d = fromDeal; d < toDeal; d++) {
      int i = start[d];
      final int end = start[d + 1];
      long fromS = sec[i];
      int fromN = nano[i];
      if (fromS > asS || (fromS == asS && fromN > asN)) {
        continue; // created after as-of
      }
      serial++;
      deals++;
      int s = stage[i] & 0xFF;
      visits[s]++;
      entered[s] += mark[s] != serial ? 1 : 0;
      mark[s] = serial;
      for (i++; i < end; i++) {
        long toS = sec[i];
        int toN = nano[i];
        if (toS > asS || (toS == asS && toN > asN)) {
          break;
        }
        seconds[s] += toS - fromS;
        nanos[s] += toN - fromN;
        s = stage[i] & 0xFF;
        fromS = toS;
        fromN = toN;
        visits[s]++;
        entered[s] += mark[s] != serial ? 1 : 0;
        mark[s] = serial;
      }
      seconds[s] += asS - fromS;
      nanos[s] += asN - fromN;
      open[s]++;
    }
    acc.serial = serial;
    acc.deals += deals;
  }

  /** The shared pass; subclasses only build the result. */
  private abstract static class Times<R> extends BuiltInMetric<Acc, R> {
    final Instant asOf;
    private final long asOfSeconds;
    private final int asOfNanos;
    private final boolean samples;

    Times(StageIndex ix, Instant asOf, boolean samples) {
      super(ix);
      this.asOf = asOf;
      this.asOfSeconds = asOf.getEpochSecond();
      this.asOfNanos = asOf.getNano();
      this.samples = samples;
    }

    @Override
    Acc newState() {
      return new Acc(ix.size(), samples);
    }

    @Override
    void add(Acc acc, DealHistory history) {
      StageColumns one = acc.scratch;
      if (one == null) {
        one = acc.scratch = new StageColumns(ix, 1, 16);
      }
      one.clear();
      one.add(history);
      addColumns(acc, one, 0, 1);
    }

    @Override
    boolean columnar() {
      return true;
    }

    @Override
    void addColumns(Acc acc, StageColumns columns, int fromDeal, int toDeal) {
      if (!samples) {
        addDeals(acc, columns, fromDeal, toDeal, asOfSeconds, asOfNanos);
        return;
      }
      // With samples: the same pass one deal at a time; a deal's time in a stage is what the
      // pass added to the stage's sums for it.
      long[] secBefore = acc.secondsBefore;
      long[] nanoBefore = acc.nanosBefore;
      int stages = secBefore.length;
      for (int d = fromDeal; d < toDeal; d++) {
        System.arraycopy(acc.seconds, 0, secBefore, 0, stages);
        System.arraycopy(acc.nanos, 0, nanoBefore, 0, stages);
        long dealsBefore = acc.deals;
        addDeals(acc, columns, d, d + 1, asOfSeconds, asOfNanos);
        if (acc.deals == dealsBefore) {
          continue; // created after as-of
        }
        for (int s = 0; s < stages; s++) {
          if (acc.mark[s] == acc.serial) {
            acc.perDeal[s].add((acc.seconds[s] - secBefore[s]) * 1_000_000_000L
                + (acc.nanos[s] - nanoBefore[s]));
          }
        }
      }
    }

    @Override
    Acc merge(Acc left, Acc right) {
      left.deals += right.deals;
      for (int s = 0; s < left.entered.length; s++) {
        left.entered[s] += right.entered[s];
        left.visits[s] += right.visits[s];
        left.open[s] += right.open[s];
        left.seconds[s] += right.seconds[s];
        left.nanos[s] += right.nanos[s];
        if (samples) {
          left.perDeal[s].addAll(right.perDeal[s]);
        }
      }
      return left;
    }
  }

  private static final class Full extends Times<TimeInStageReport> {
    Full(StageIndex ix, Instant asOf) {
      super(ix, asOf, true);
    }

    @Override
    TimeInStageReport result(Acc acc) {
      List<TimeInStageReport.Row> rows = new ArrayList<>();
      for (int s = 0; s < ix.size(); s++) {
        long[] samples = acc.perDeal[s].copy();
        int n = samples.length;
        long low = n == 0 ? 0 : LongList.select(samples, (n - 1) / 2);
        long high = n == 0 ? 0 : LongList.select(samples, n / 2);
        long p90 = n == 0 ? 0 : LongList.select(samples, Math.max(0, (int) Math.ceil(0.9 * n) - 1));
        rows.add(new TimeInStageReport.Row(ix.stages.get(s).id(), ix.stages.get(s).name(),
            ix.kind(s), acc.entered[s], acc.visits[s], acc.open[s],
            Duration.ofSeconds(acc.seconds[s], acc.nanos[s]), low, high, p90));
      }
      return new TimeInStageReport(ix.definition.id(), asOf, acc.deals, rows);
    }
  }

  private static final class Totals extends Times<TimeInStageTotals> {
    Totals(StageIndex ix, Instant asOf) {
      super(ix, asOf, false);
    }

    @Override
    TimeInStageTotals result(Acc acc) {
      List<TimeInStageTotals.Row> rows = new ArrayList<>();
      for (int s = 0; s < ix.size(); s++) {
        rows.add(new TimeInStageTotals.Row(ix.stages.get(s).id(), ix.stages.get(s).name(),
            ix.kind(s), acc.entered[s], acc.visits[s], acc.open[s],
            Duration.ofSeconds(acc.seconds[s], acc.nanos[s])));
      }
      return new TimeInStageTotals(ix.definition.id(), asOf, acc.deals, rows);
    }
  }
}

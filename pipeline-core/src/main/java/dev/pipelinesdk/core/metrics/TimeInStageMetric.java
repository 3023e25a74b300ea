package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The time-in-stage metric behind {@link Metrics#timeInStage} and {@link
 * Metrics#timeInStageTotals}: one pass, per stage counters and exact sums, and with quantiles one
 * primitive sample per deal and stage reached (8 bytes each; median and p90 found by selection,
 * not sorting). The semantics is written once ({@link #addDeals}) and read by every path: the
 * prepared columns, a single history turned into the same columns, one deal's {@link
 * StageTimes}.
 */
final class TimeInStageMetric {
  private TimeInStageMetric() {}

  static Metric<TimeInStageReport> of(PipelineDefinition definition, Instant asOf,
      boolean quantiles) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(asOf, "asOf is null");
    return new Times(new StageIndex(definition), asOf, quantiles);
  }

  /** Mutable; confined to one thread at a time. */
  static final class Acc implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
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
    /** The history path's scratch: one history as columns (made again after a transfer). */
    private transient StageColumns scratch;
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
  private static final class Times extends BuiltInMetric<Acc, TimeInStageReport> {
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

    @Override
    TimeInStageReport result(Acc acc) {
      List<TimeInStageReport.Row> rows = new ArrayList<>();
      for (int s = 0; s < ix.size(); s++) {
        Optional<Duration> median = Optional.empty();
        Optional<Duration> p90 = Optional.empty();
        if (samples && acc.perDeal[s].size() > 0) {
          long[] nanos = acc.perDeal[s].copy();
          median = Optional.of(Duration.ofNanos(Quantiles.percentile(nanos, 50)));
          p90 = Optional.of(Duration.ofNanos(Quantiles.percentile(nanos, 90)));
        }
        rows.add(new TimeInStageReport.Row(ix.stages.get(s).id(), ix.stages.get(s).name(),
            ix.kind(s), acc.entered[s], acc.visits[s], acc.open[s],
            Duration.ofSeconds(acc.seconds[s], acc.nanos[s]), median, p90));
      }
      return new TimeInStageReport(ix.definition.id(), asOf, acc.deals, samples, rows);
    }

    @Override
    public String toString() {
      return "time in stage of " + ix.definition.id() + " as of " + asOf
          + (samples ? "" : " (totals)");
    }
  }
}

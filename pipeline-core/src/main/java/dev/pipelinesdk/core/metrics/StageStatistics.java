package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Time and flow per open stage as of an instant: dwell-time distribution, win rate, and with the
 * sales cycle and average won amount, pipeline velocity. Entry point for {@link StageStatsReport}
 * metrics.
 *
 * <ul>
 *   <li><b>Dwell</b> in a stage: each deal's cumulative time in it (all visits, see {@link
 *       StageTimes}), for the deals that were in it and are not in it at the instant (those still
 *       in it are counted in {@code open} and their ages are in the {@link PipelineSnapshot}).
 *       Mean, p50 and p90 are exact (per-deal samples are kept as primitive doubles); quantiles
 *       interpolate linearly between closest ranks.
 *   <li><b>Win rate</b> of a stage: of the deals that were ever in it and are won or lost at the
 *       instant, the share won: {@code won / (won + lost)}. Dormant and open deals do not count.
 *   <li><b>Sales cycle</b>: from creation to the win, for deals won at the instant.
 *   <li><b>Velocity</b>: {@code open deals * win rate * average won amount / average cycle days},
 *       money per day, overall and per stage (the stage's open deals and win rate).
 * </ul>
 */
public final class StageStatistics {
  private StageStatistics() {}

  /**
   * Creates the metric.
   *
   * @param definition the pipeline definition
   * @param asOf the instant; events after it are ignored
   * @return the metric
   */
  public static Metric<StageStatsReport> asOf(PipelineDefinition definition, Instant asOf) {
    return asOf(definition, asOf, CurrencyConversion.none());
  }

  /**
   * Creates the metric with a currency conversion for won amounts.
   *
   * @param definition the pipeline definition
   * @param asOf the instant; events after it are ignored
   * @param conversion the conversion into one reporting currency
   * @return the metric
   */
  public static Metric<StageStatsReport> asOf(PipelineDefinition definition, Instant asOf,
      CurrencyConversion conversion) {
    return new StatsMetric(new StageIndex(Objects.requireNonNull(definition, "definition is null")),
        Objects.requireNonNull(asOf, "asOf is null"),
        Objects.requireNonNull(conversion, "conversion is null"));
  }

  static final class Acc implements java.io.Serializable {
    final LongList[] dwell; // per deal, nanoseconds
    final long[] won;
    final long[] lost;
    final long[] open;
    long allWon;
    long allLost;
    long allOpen;
    long cycleSeconds;
    BigDecimal wonAmount = BigDecimal.ZERO;
    final Amounts amounts = new Amounts();

    Acc(int n) {
      dwell = new LongList[n];
      for (int i = 0; i < n; i++) {
        dwell[i] = new LongList();
      }
      won = new long[n];
      lost = new long[n];
      open = new long[n];
    }
  }

  static final class StatsMetric extends BuiltInMetric<Acc, StageStatsReport> {
    private final Instant asOf;
    private final CurrencyConversion conversion;

    StatsMetric(StageIndex ix, Instant asOf, CurrencyConversion conversion) {
      super(ix);
      this.asOf = asOf;
      this.conversion = conversion;
    }

    @Override
    Acc newState() {
      return new Acc(ix.openSize());
    }

    @Override
    void add(Acc acc, DealHistory history) {
      Deal deal = Replay.asOf(history, asOf);
      if (deal == null) {
        return;
      }
      StageTimes times = StageTimes.of(ix, history, asOf);
      StageKind kind = ix.kind(ix.of(deal.stage(), deal.id()));
      if (kind == StageKind.WON) {
        acc.allWon++;
        acc.cycleSeconds += Duration.between(deal.createdAt(), deal.stageEnteredAt()).getSeconds();
        acc.wonAmount = acc.wonAmount.add(acc.amounts.value(deal.amount(), deal.id(), conversion));
      } else if (kind == StageKind.LOST) {
        acc.allLost++;
      } else if (kind == StageKind.OPEN) {
        acc.allOpen++;
      }
      for (StageTimes.StageTime t : times.stages()) {
        int f = ix.funnel(ix.require(t.stage()));
        if (f < 0) {
          continue;
        }
        if (t.current()) {
          acc.open[f]++;
        } else {
          acc.dwell[f].add(t.cumulative().toNanos());
        }
        if (kind == StageKind.WON) {
          acc.won[f]++;
        } else if (kind == StageKind.LOST) {
          acc.lost[f]++;
        }
      }
    }

    @Override
    Acc merge(Acc a, Acc b) {
      a.amounts.merge(b.amounts);
      for (int f = 0; f < a.won.length; f++) {
        a.dwell[f].addAll(b.dwell[f]);
        a.won[f] += b.won[f];
        a.lost[f] += b.lost[f];
        a.open[f] += b.open[f];
      }
      a.allWon += b.allWon;
      a.allLost += b.allLost;
      a.allOpen += b.allOpen;
      a.cycleSeconds += b.cycleSeconds;
      a.wonAmount = a.wonAmount.add(b.wonAmount);
      return a;
    }

    @Override
    StageStatsReport result(Acc acc) {
      var currency = acc.amounts.currency(ix.definition.currency());
      List<StageStats> rows = new ArrayList<>();
      for (int f = 0; f < ix.openSize(); f++) {
        long[] nanos = acc.dwell[f].copy();
        java.util.Arrays.sort(nanos);
        double[] sorted = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
          sorted[i] = nanos[i] / 86_400e9; // days
        }
        Stage s = ix.open.get(f);
        double rate = FunnelMetric.ratio(acc.won[f], acc.won[f] + acc.lost[f]);
        rows.add(new StageStats(s.id(), s.name(), sorted.length, Quantiles.mean(sorted),
            Quantiles.quantile(sorted, 0.5), Quantiles.quantile(sorted, 0.9), acc.won[f],
            acc.lost[f], rate, acc.open[f],
            velocity(acc.open[f], acc.won[f], acc.lost[f], acc, currency)));
      }
      Optional<Money> avgWon = acc.allWon == 0 ? Optional.empty()
          : Optional.of(Money.of(acc.wonAmount.divide(BigDecimal.valueOf(acc.allWon), 2,
              RoundingMode.HALF_EVEN), currency));
      double cycle = acc.allWon == 0 ? Double.NaN : acc.cycleSeconds / 86_400.0 / acc.allWon;
      return new StageStatsReport(ix.definition.id(), asOf, rows, acc.allWon, acc.allLost,
          acc.allOpen, FunnelMetric.ratio(acc.allWon, acc.allWon + acc.allLost), avgWon, cycle,
          velocity(acc.allOpen, acc.allWon, acc.allLost, acc, currency));
    }

    /** open * won/(won+lost) * (wonAmount/allWon) / (cycleSeconds/allWon/86400), exact. */
    private static Optional<Money> velocity(long open, long won, long lost, Acc acc,
        java.util.Currency currency) {
      if (won + lost == 0 || acc.cycleSeconds == 0) {
        return Optional.empty();
      }
      BigDecimal num = BigDecimal.valueOf(open).multiply(BigDecimal.valueOf(won))
          .multiply(acc.wonAmount).multiply(BigDecimal.valueOf(86_400));
      BigDecimal den = BigDecimal.valueOf(won + lost).multiply(BigDecimal.valueOf(acc.cycleSeconds));
      return Optional.of(Money.of(num.divide(den, 2, RoundingMode.HALF_EVEN), currency));
    }
  }
}

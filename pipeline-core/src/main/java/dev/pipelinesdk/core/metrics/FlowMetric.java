package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The flow metric behind {@link Metrics#flow}; see {@link FlowReport} for the semantics. */
final class FlowMetric extends BuiltInMetric<FlowMetric.Acc, FlowReport> {

  static final class Acc implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final LongList[] dwell; // per deal that left, nanoseconds
    final long[] won;
    final long[] lost;
    final long[] open;
    long allWon;
    long allLost;
    long allOpen;
    Duration cycle = Duration.ZERO;
    long wonWithAmount;
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

  private final Instant asOf;
  private final CurrencyConversion conversion;

  FlowMetric(StageIndex ix, Instant asOf, CurrencyConversion conversion) {
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
      acc.cycle = acc.cycle.plus(Duration.between(deal.createdAt(), deal.stageEnteredAt()));
      if (deal.amount().isPresent()) {
        acc.wonWithAmount++;
        acc.wonAmount = acc.wonAmount.add(
            acc.amounts.value(deal.amount().get(), deal.id(), conversion));
      }
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
    a.cycle = a.cycle.plus(b.cycle);
    a.wonWithAmount += b.wonWithAmount;
    a.wonAmount = a.wonAmount.add(b.wonAmount);
    return a;
  }

  @Override
  FlowReport result(Acc acc) {
    List<FlowReport.Row> rows = new ArrayList<>();
    for (int f = 0; f < ix.openSize(); f++) {
      long[] nanos = acc.dwell[f].copy();
      Optional<Duration> mean = Optional.empty();
      Optional<Duration> median = Optional.empty();
      Optional<Duration> p90 = Optional.empty();
      if (nanos.length > 0) {
        Duration sum = Duration.ZERO;
        for (long n : nanos) {
          sum = sum.plusNanos(n);
        }
        mean = Optional.of(sum.dividedBy(nanos.length));
        median = Optional.of(Duration.ofNanos(Quantiles.percentile(nanos, 50)));
        p90 = Optional.of(Duration.ofNanos(Quantiles.percentile(nanos, 90)));
      }
      Stage s = ix.open.get(f);
      rows.add(new FlowReport.Row(s.id(), s.name(), nanos.length, mean, median, p90, acc.won[f],
          acc.lost[f], ratio(acc.won[f], acc.won[f] + acc.lost[f]), acc.open[f],
          velocity(acc.open[f], acc.won[f], acc.lost[f], acc)));
    }
    Optional<Duration> cycle = acc.allWon == 0 ? Optional.empty()
        : Optional.of(acc.cycle.dividedBy(acc.allWon));
    return new FlowReport(ix.definition.id(), asOf, rows, acc.allWon, acc.allLost, acc.allOpen,
        ratio(acc.allWon, acc.allWon + acc.allLost),
        acc.wonWithAmount == 0 ? Optional.empty() : acc.amounts.mean(acc.wonAmount, acc.allWon),
        cycle,
        velocity(acc.allOpen, acc.allWon, acc.allLost, acc));
  }

  static OptionalDouble ratio(long num, long den) {
    return den == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) num / den);
  }

  /**
   * {@code open * won/(won+lost) * (wonAmount/allWon) / (cycle/allWon)} per day, exact until the
   * final rounding to the currency's scale.
   */
  private static Optional<Money> velocity(long open, long won, long lost, Acc acc) {
    if (won + lost == 0 || acc.cycle.isZero() || acc.wonWithAmount == 0) {
      return Optional.empty();
    }
    BigDecimal cycleNanos = BigDecimal.valueOf(acc.cycle.getSeconds())
        .multiply(BigDecimal.valueOf(1_000_000_000L)).add(BigDecimal.valueOf(acc.cycle.getNano()));
    BigDecimal num = BigDecimal.valueOf(open).multiply(BigDecimal.valueOf(won))
        .multiply(acc.wonAmount).multiply(BigDecimal.valueOf(86_400_000_000_000L));
    BigDecimal den = BigDecimal.valueOf(won + lost).multiply(cycleNanos);
    return acc.amounts.currency().map(c -> Amounts.round(num.divide(den,
        Amounts.scale(c) + 2, RoundingMode.HALF_EVEN), c));
  }

  @Override
  public String toString() {
    return "flow of " + ix.definition.id() + " as of " + asOf;
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.internal.StageChanges;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The movement metric behind {@link Metrics#movements}; see {@link MovementReport}. */
final class MovementMetric {
  private MovementMetric() {}

  static final int START = 0;
  static final int NEW = 1;
  static final int ADVANCED = 2;
  static final int SLIPPED = 3;
  static final int REVIVED = 4;
  static final int WON = 5;
  static final int LOST = 6;
  static final int DARK = 7;
  static final int INCREASED = 8;
  static final int DECREASED = 9;
  static final int END = 10;

  static final class Acc implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final long[][] counts; // [stage][column]
    final BigDecimal[] value = zeros(END + 1);
    final BigDecimal[] weighted = zeros(END + 1);
    final Amounts amounts = new Amounts();

    Acc(int stages) {
      counts = new long[stages][MovementReport.Row.COLUMNS];
    }
  }

  static BigDecimal[] zeros(int n) {
    BigDecimal[] a = new BigDecimal[n];
    java.util.Arrays.fill(a, BigDecimal.ZERO);
    return a;
  }

  static final class Movements extends BuiltInMetric<Acc, MovementReport> {
    private final Instant from;
    private final Instant to;
    private final CurrencyConversion conversion;
    private final BigDecimal[] p;

    Movements(StageIndex ix, Instant from, Instant to, CurrencyConversion conversion) {
      super(ix);
      this.from = from;
      this.to = to;
      this.conversion = conversion;
      this.p = new BigDecimal[ix.size()];
      for (int s = 0; s < ix.size(); s++) {
        p[s] = BigDecimal.valueOf(ix.stages.get(s).defaultProbability());
      }
    }

    @Override
    Acc newState() {
      return new Acc(ix.size());
    }

    private BigDecimal amount(Optional<Money> m, DealId id, Acc acc) {
      return m.isPresent() ? acc.amounts.value(m.get(), id, conversion) : BigDecimal.ZERO;
    }

    /**
     * A deal's weighted value at a stage, rounded half-even to the currency's scale: the weighted
     * waterfall is made of differences of these, so it is in whole minor units and reconciles
     * exactly.
     */
    private BigDecimal weighted(Acc acc, BigDecimal a, int s) {
      if (a.signum() == 0) {
        return BigDecimal.ZERO;
      }
      int scale = Amounts.scale(acc.amounts.currency().orElseThrow());
      return a.multiply(p[s]).setScale(scale, java.math.RoundingMode.HALF_EVEN);
    }

    private boolean open(int s) {
      return ix.kind(s) == StageKind.OPEN;
    }

    /** Adds a value change to both waterfalls: {@code a} unweighted, at probability of {@code s}. */
    private void change(Acc acc, int column, BigDecimal a, int s) {
      acc.value[column] = acc.value[column].add(a);
      acc.weighted[column] = acc.weighted[column].add(weighted(acc, a, s));
    }

    @Override
    void add(Acc acc, DealHistory history) {
      List<DealEvent> events = history.events();
      DealEvent.Created created = (DealEvent.Created) events.get(0);
      DealId id = created.dealId();
      if (!created.at().isBefore(to)) {
        return;
      }
      int s = ix.of(created.deal().stage(), id);
      BigDecimal a = amount(created.deal().amount(), id, acc);
      int i = 1;
      if (created.at().isBefore(from)) {
        for (; i < events.size() && events.get(i).at().isBefore(from); i++) {
          DealEvent e = events.get(i);
          StageId entered = StageChanges.to(e);
          if (entered != null) {
            s = ix.of(entered, id);
          } else if (e instanceof DealEvent.AmountChanged) {
            a = amount(((DealEvent.AmountChanged) e).amount(), id, acc);
          }
        }
        acc.counts[s][MovementReport.Row.STARTED]++;
        if (open(s)) {
          change(acc, START, a, s);
        }
      } else {
        acc.counts[s][MovementReport.Row.CREATED]++;
        if (open(s)) {
          change(acc, NEW, a, s);
        }
      }
      for (; i < events.size() && events.get(i).at().isBefore(to); i++) {
        DealEvent e = events.get(i);
        StageId entered = StageChanges.to(e);
        if (entered != null) {
          int t = ix.of(entered, id);
          acc.counts[s][MovementReport.Row.OUT]++;
          acc.counts[t][MovementReport.Row.IN]++;
          StageKind kind = ix.kind(t);
          if (kind == StageKind.WON) {
            acc.counts[s][MovementReport.Row.WON]++;
          } else if (kind == StageKind.LOST) {
            acc.counts[s][MovementReport.Row.LOST]++;
          } else if (kind == StageKind.DORMANT) {
            acc.counts[s][MovementReport.Row.DARK]++;
          }
          if (open(s) && open(t)) {
            BigDecimal delta = weighted(acc, a, t).subtract(weighted(acc, a, s));
            int column = ix.funnel(t) > ix.funnel(s) ? ADVANCED : SLIPPED;
            acc.weighted[column] = acc.weighted[column].add(delta);
          } else if (open(s)) {
            int column = kind == StageKind.WON ? WON : kind == StageKind.LOST ? LOST : DARK;
            change(acc, column, a.negate(), s);
          } else if (open(t)) {
            change(acc, REVIVED, a, t);
          }
          s = t;
        } else if (e instanceof DealEvent.AmountChanged) {
          BigDecimal next = amount(((DealEvent.AmountChanged) e).amount(), id, acc);
          if (open(s)) {
            BigDecimal delta = next.subtract(a);
            int column = delta.signum() >= 0 ? INCREASED : DECREASED;
            acc.value[column] = acc.value[column].add(delta);
            acc.weighted[column] = acc.weighted[column]
                .add(weighted(acc, next, s).subtract(weighted(acc, a, s)));
          }
          a = next;
        }
      }
      acc.counts[s][MovementReport.Row.ENDED]++;
      if (open(s)) {
        change(acc, END, a, s);
      }
    }

    @Override
    Acc merge(Acc l, Acc r) {
      l.amounts.merge(r.amounts);
      for (int s = 0; s < l.counts.length; s++) {
        for (int c = 0; c < MovementReport.Row.COLUMNS; c++) {
          l.counts[s][c] += r.counts[s][c];
        }
      }
      for (int c = 0; c <= END; c++) {
        l.value[c] = l.value[c].add(r.value[c]);
        l.weighted[c] = l.weighted[c].add(r.weighted[c]);
      }
      return l;
    }

    @Override
    MovementReport result(Acc acc) {
      List<MovementReport.Row> rows = new ArrayList<>();
      for (int s = 0; s < ix.size(); s++) {
        Stage st = ix.stages.get(s);
        long[] c = acc.counts[s];
        rows.add(new MovementReport.Row(st.id(), st.name(), st.kind(),
            c[MovementReport.Row.STARTED], c[MovementReport.Row.CREATED],
            c[MovementReport.Row.IN], c[MovementReport.Row.OUT], c[MovementReport.Row.WON],
            c[MovementReport.Row.LOST], c[MovementReport.Row.DARK],
            c[MovementReport.Row.ENDED]));
      }
      Optional<java.util.Currency> currency = acc.amounts.currency();
      return new MovementReport(ix.definition.id(), from, to, rows,
          currency.map(c -> MovementReport.Waterfall.of(c, acc.value)),
          currency.map(c -> MovementReport.Waterfall.of(c, acc.weighted)));
    }

    @Override
    public String toString() {
      return "movements of " + ix.definition.id() + " in [" + from + ", " + to + ")";
    }
  }
}

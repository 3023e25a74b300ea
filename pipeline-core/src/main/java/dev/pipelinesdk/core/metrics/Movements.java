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

/**
 * What moved during a period {@code [from, to)}, with Pipedrive's semantics, and the waterfall of
 * open pipeline value from the start of the period to its end. Entry point for {@link
 * MovementReport} metrics.
 *
 * <p>The state "at the start" is after every event before {@code from}; "at the end" after every
 * event before {@code to}. Per stage (every stage, open or not): deals in it at the start, deals
 * created in it, moves in and out (events: a deal can count twice), of the moves out those to won,
 * lost and dormant, and deals in it at the end. Per stage they reconcile: {@code startedIn +
 * created + movedIn - movedOut = endedIn}.
 *
 * <p>The {@link Waterfall} explains the change of open pipeline value (the amounts of deals in
 * open stages) by new deals, stage moves, revivals and reopens, wins, losses, deals going dark,
 * and amount changes. It comes twice: unweighted (stage moves between open stages change
 * nothing), and weighted by stage default probabilities (moving forward usually adds value,
 * slipping back removes it; manual and learned probabilities are ignored so that only stages and
 * amounts explain the change). Both reconcile exactly: {@code start + changes = end}.
 */
public final class Movements {
  private Movements() {}

  /**
   * Creates the metric.
   *
   * @param definition the pipeline definition
   * @param from the start of the period (inclusive)
   * @param to the end of the period (exclusive)
   * @return the metric
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public static Metric<MovementReport> during(PipelineDefinition definition, Instant from,
      Instant to) {
    return during(definition, from, to, CurrencyConversion.none());
  }

  /**
   * Creates the metric with a currency conversion.
   *
   * @param definition the pipeline definition
   * @param from the start of the period (inclusive)
   * @param to the end of the period (exclusive)
   * @param conversion the conversion into one reporting currency
   * @return the metric
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public static Metric<MovementReport> during(PipelineDefinition definition, Instant from,
      Instant to, CurrencyConversion conversion) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("period ends at " + to + " before it starts at " + from);
    }
    return new MovementMetric(new StageIndex(definition), from, to,
        Objects.requireNonNull(conversion, "conversion is null"));
  }

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
    final long[][] counts; // [stage][column]
    final BigDecimal[] value = SnapshotMetric.Acc.zeros(END + 1);
    final BigDecimal[] weighted = SnapshotMetric.Acc.zeros(END + 1);
    final Amounts amounts = new Amounts();

    Acc(int stages) {
      counts = new long[stages][StageMovement.COLUMNS];
    }
  }

  static final class MovementMetric extends BuiltInMetric<Acc, MovementReport> {
    private final Instant from;
    private final Instant to;
    private final CurrencyConversion conversion;
    private final BigDecimal[] p;

    MovementMetric(StageIndex ix, Instant from, Instant to, CurrencyConversion conversion) {
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
      return acc.amounts.value(m, id, conversion);
    }

    private boolean open(int s) {
      return ix.kind(s) == StageKind.OPEN;
    }

    /** Adds a value change to both waterfalls: {@code a} unweighted, at probability of {@code s}. */
    private void change(Acc acc, int column, BigDecimal a, int s) {
      acc.value[column] = acc.value[column].add(a);
      acc.weighted[column] = acc.weighted[column].add(a.multiply(p[s]));
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
        acc.counts[s][StageMovement.STARTED]++;
        if (open(s)) {
          change(acc, START, a, s);
        }
      } else {
        acc.counts[s][StageMovement.CREATED]++;
        if (open(s)) {
          change(acc, NEW, a, s);
        }
      }
      for (; i < events.size() && events.get(i).at().isBefore(to); i++) {
        DealEvent e = events.get(i);
        StageId entered = StageChanges.to(e);
        if (entered != null) {
          int t = ix.of(entered, id);
          acc.counts[s][StageMovement.OUT]++;
          acc.counts[t][StageMovement.IN]++;
          StageKind kind = ix.kind(t);
          if (kind == StageKind.WON) {
            acc.counts[s][StageMovement.WON]++;
          } else if (kind == StageKind.LOST) {
            acc.counts[s][StageMovement.LOST]++;
          } else if (kind == StageKind.DORMANT) {
            acc.counts[s][StageMovement.DARK]++;
          }
          if (open(s) && open(t)) {
            BigDecimal delta = a.multiply(p[t].subtract(p[s]));
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
            change(acc, delta.signum() >= 0 ? INCREASED : DECREASED, delta, s);
          }
          a = next;
        }
      }
      acc.counts[s][StageMovement.ENDED]++;
      if (open(s)) {
        change(acc, END, a, s);
      }
    }

    @Override
    Acc merge(Acc l, Acc r) {
      l.amounts.merge(r.amounts);
      for (int s = 0; s < l.counts.length; s++) {
        for (int c = 0; c < StageMovement.COLUMNS; c++) {
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
      List<StageMovement> rows = new ArrayList<>();
      for (int s = 0; s < ix.size(); s++) {
        Stage st = ix.stages.get(s);
        long[] c = acc.counts[s];
        rows.add(new StageMovement(st.id(), st.name(), st.kind(), c[StageMovement.STARTED],
            c[StageMovement.CREATED], c[StageMovement.IN], c[StageMovement.OUT],
            c[StageMovement.WON], c[StageMovement.LOST], c[StageMovement.DARK],
            c[StageMovement.ENDED]));
      }
      var currency = acc.amounts.currency(ix.definition.currency());
      return new MovementReport(ix.definition.id(), from, to, rows,
          Waterfall.of(currency, Arrays.copyOf(acc.value, END + 1)),
          Waterfall.of(currency, Arrays.copyOf(acc.weighted, END + 1)));
    }
  }
}

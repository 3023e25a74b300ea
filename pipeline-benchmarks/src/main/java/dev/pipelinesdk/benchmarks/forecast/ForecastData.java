package dev.pipelinesdk.benchmarks.forecast;

import dev.pipelinesdk.benchmarks.metrics.Histories;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.forecast.model.CompetingRisksModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the forecast benchmarks, the same for the JMH benchmarks and for the peers (R,
 * numpy), which get it through {@link ForecastExport}.
 *
 * <ul>
 *   <li><b>Histories</b>: the metrics benchmark's fixed-seed {@code saas-b2b} histories ({@link
 *       Histories#generate}: whole-second instants, forward and back-moves, lost and dormant from
 *       every open stage, revivals, reopened lost deals, open deals at the as-of instant), as of
 *       {@link Histories#AS_OF}. The module's own generator: the benchmarks depend on core and
 *       forecast only, neither the examples' nor the testkit's generator.
 *   <li><b>Open deals</b>: the first {@link #OPEN_DEALS} deals (in deal order) that are open at
 *       the as-of instant among the 1,000,000 histories, each with the probability of the default
 *       model ({@code competing-risks}, fitted on those histories) of being won within {@link
 *       #HORIZON} and its amount (whole euros, 1,000 to 99,999).
 *   <li><b>Visits</b>: the stage visits the model fits on, re-derived here by the model's
 *       documented rule (for the peers); {@link ForecastExport} checks them against the model's own
 *       fit before R sees them.
 * </ul>
 */
public final class ForecastData {
  /** The number of open deals the distributions are of. */
  public static final int OPEN_DEALS = 100_000;
  /** The histories the open deals are drawn from (and the largest fit). */
  public static final int HISTORIES = 1_000_000;
  /** The forecast horizon. */
  public static final Duration HORIZON = Duration.ofDays(90);
  /** Trials of the revenue distribution. */
  public static final int TRIALS = 10_000;
  /** The Monte Carlo seed. */
  public static final long SEED = 14;

  /** Outcome codes of a visit, as {@code CompetingRisksModel} codes them. */
  public static final int CENSORED = 0;
  /** A visit that ended in a win. */
  public static final int WON = 1;
  /** A visit that ended lost or, from an open stage, gone dark. */
  public static final int OTHER = 2;

  private ForecastData() {}

  /** {@return the definition of the histories} */
  public static PipelineDefinition definition() {
    return Histories.definition();
  }

  /**
   * {@return the fixed-seed histories}
   *
   * @param deals how many
   */
  public static List<DealHistory> histories(int deals) {
    return Histories.generate(deals).histories();
  }

  /**
   * The open deals of the distribution benchmarks.
   *
   * @param probabilities p_i, the model's probability of a win within the horizon
   * @param amounts a_i in euros
   * @param cents a_i in cents (what Monte Carlo sums)
   * @param deals the same as {@link OpenDeals}
   */
  public record Open(double[] probabilities, BigDecimal[] amounts, long[] cents, OpenDeals deals) {}

  /**
   * Forecasts the open deals of the histories with the default model and keeps the first {@code
   * n} that have an amount.
   *
   * @param histories the histories (all known at {@link Histories#AS_OF})
   * @param n how many open deals
   * @return the open deals
   * @throws IllegalStateException if fewer than n deals are open
   */
  public static Open open(List<DealHistory> histories, int n) {
    Forecast forecast = new CompetingRisksModel().forecast(ForecastInput.of(definition(),
        histories, Histories.AS_OF, HORIZON));
    double[] p = new double[n];
    BigDecimal[] amounts = new BigDecimal[n];
    long[] cents = new long[n];
    int k = 0;
    for (DealForecast d : forecast.deals()) {
      if (k == n) {
        break;
      }
      if (d.amount().isEmpty()) {
        continue;
      }
      Money amount = d.amount().get();
      p[k] = d.probability();
      amounts[k] = amount.amount();
      cents[k] = amount.amount().movePointRight(2).longValueExact();
      k++;
    }
    if (k < n) {
      throw new IllegalStateException("only " + k + " open deals with an amount, need " + n);
    }
    return new Open(p, amounts, cents, OpenDeals.of(Money.currency("EUR"), p, amounts));
  }

  /**
   * One stage's visits: per visit the whole seconds from entering the stage to its outcome (or to
   * the as-of instant) and the outcome code.
   *
   * @param stage the stage
   * @param seconds the durations
   * @param outcomes {@link #CENSORED}, {@link #WON} or {@link #OTHER}
   */
  public record Visits(StageId stage, int[] seconds, int[] outcomes) {
    /** {@return the number of visits} */
    public int size() {
      return seconds.length;
    }
  }

  /**
   * The visits the competing-risks model fits on, by its documented rule: every entry into a
   * stage that is neither won nor lost starts a visit, which ends at the deal's next entry into a
   * won stage (won), a lost stage (other) or, from an open stage, a dormant stage (other);
   * a visit without such an entry by the as-of instant is censored there. Histories whose
   * instants are whole seconds only (as {@link Histories} makes them).
   *
   * @param histories the histories, all known at the as-of instant
   * @param asOfSeconds the as-of instant in epoch seconds
   * @return the visits per stage, in the definition's stage order
   * @throws IllegalArgumentException if an instant has a fraction of a second
   */
  public static Map<StageId, Visits> visits(List<DealHistory> histories, long asOfSeconds) {
    PipelineDefinition definition = definition();
    Map<StageId, IntList[]> by = new LinkedHashMap<>();
    definition.stages().forEach(s -> {
      if (!s.kind().isTerminal()) {
        by.put(s.id(), new IntList[] {new IntList(), new IntList()});
      }
    });
    for (DealHistory h : histories) {
      List<DealEvent> events = h.events();
      int size = events.size();
      StageKind[] kinds = new StageKind[size];
      StageId[] entered = new StageId[size];
      for (int i = 0; i < size; i++) {
        entered[i] = i == 0 ? h.created().deal().stage()
            : events.get(i) instanceof DealEvent.StageChanged c ? c.to() : null;
        kinds[i] = entered[i] == null ? null : definition.stage(entered[i]).orElseThrow().kind();
      }
      for (int i = 0; i < size; i++) {
        if (entered[i] == null || kinds[i].isTerminal()) {
          continue;
        }
        long start = seconds(events.get(i));
        long end = asOfSeconds;
        int outcome = CENSORED;
        for (int j = i + 1; j < size; j++) {
          StageKind to = kinds[j];
          if (entered[j] != null && (to == StageKind.WON || to == StageKind.LOST
              || to == StageKind.DORMANT && kinds[i] == StageKind.OPEN)) {
            outcome = to == StageKind.WON ? WON : OTHER;
            end = seconds(events.get(j));
            break;
          }
        }
        IntList[] lists = by.get(entered[i]);
        lists[0].add(Math.toIntExact(end - start));
        lists[1].add(outcome);
      }
    }
    Map<StageId, Visits> out = new LinkedHashMap<>();
    by.forEach((stage, lists) -> {
      if (lists[0].size > 0) {
        out.put(stage, new Visits(stage, lists[0].trimmed(), lists[1].trimmed()));
      }
    });
    return out;
  }

  private static long seconds(DealEvent e) {
    if (e.at().getNano() != 0) {
      throw new IllegalArgumentException("an instant with a fraction of a second: " + e);
    }
    return e.at().getEpochSecond();
  }

  private static final class IntList {
    int[] values = new int[1024];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int[] trimmed() {
      return Arrays.copyOf(values, size);
    }
  }
}

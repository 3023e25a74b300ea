package dev.pipelinesdk.forecast.model;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.forecast.internal.AalenJohansen;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Time-aware: P(won within the horizon | stage, time already spent in it) from a competing-risks
 * estimate. For every visit to a stage (its entry instant, from the histories known at the as-of
 * instant), the time from entering the stage to the deal's outcome: won, lost, or, from an open
 * stage, gone dark, whichever comes first; a visit whose deal has no outcome by the as-of instant
 * is censored there. Per stage, the Aalen-Johansen estimator gives the cumulative incidence of a
 * win, {@code F(t) = sum over event times t_j <= t of S(t_j-) d_j / n_j} (with {@code S} the
 * Kaplan-Meier probability of no outcome yet, {@code d_j} the wins at {@code t_j} and {@code n_j}
 * the visits still at risk).
 *
 * <p><b>Still in the stage (landmarking).</b> A deal that entered its stage {@code u} days ago
 * and is still there is not an average deal {@code u} days after entering it: the average one may
 * have moved on by then, and those that did are the ones likely to win soon. So the estimate for
 * it is made over the visits that stayed in the stage at least {@code floor(u)} days (a landmark
 * analysis, van Houwelingen 2007; one estimate per stage and whole day, computed when a deal
 * needs it), and it is won within the horizon {@code H} with {@code (F(u + H) - F(u)) / S(u)} of
 * that estimate. {@link #fit} gives the estimate over all visits (landmark 0).
 *
 * <p>So a deal that has sat longer than deals that win usually do gets a small probability, and
 * one that has sat longer than any visit ever lasted gets 0 (nothing in the data says it can
 * still close). A stage without any visit, or none that has ended yet (no deal won, lost or gone
 * dark after it), keeps its default probability and says so, and a manual override wins, as in
 * the {@linkplain WeightedModel weighted pipeline}.
 *
 * <p>Assumptions: the time from entering a stage to the outcome depends on the stage and the time
 * spent in it (still in it), not on the path before (semi-Markov in spirit) nor on attributes or amounts; the
 * past's timing holds for the open deals; censoring is independent of the outcome. The model
 * itself is not calibrated: {@link dev.pipelinesdk.forecast.backtest.Calibration} corrects it
 * from its errors on the user's past.
 */
public final class CompetingRisksModel implements ForecastModel {
  /** The name this model is found by. */
  public static final String NAME = "competing-risks";

  private static final int CENSORED = AalenJohansen.CENSORED;
  private static final int WON = AalenJohansen.WON;
  private static final int OTHER = AalenJohansen.OTHER;

  /** Creates the model. */
  public CompetingRisksModel() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String assumptions() {
    return "P(won within the horizon | stage, days already in it) from an Aalen-Johansen"
        + " competing-risks estimate per stage over the visits that stayed in it as long (won vs"
        + " lost or gone dark, open deals censored);"
        + " the path before the stage, attributes and amounts do not matter; a manual override"
        + " wins";
  }

  /**
   * One stage's estimate: the event times (in days from entering the stage), the Kaplan-Meier
   * survival just after each and the cumulative incidence of a win at each.
   *
   * @param times the distinct event times, ascending
   * @param survival S just after each time
   * @param wonIncidence F_won at each time
   * @param visits the visits the estimate rests on
   * @param longest the longest visit observed, in days (ended or censored)
   */
  public record Incidence(double[] times, double[] survival, double[] wonIncidence, int visits,
      double longest) {
    /** {@return S(t): the probability of no outcome yet after {@code t} days} */
    double survival(double t) {
      int i = upTo(t);
      return i < 0 ? 1 : survival[i];
    }

    /** {@return F_won(t)} */
    double won(double t) {
      int i = upTo(t);
      return i < 0 ? 0 : wonIncidence[i];
    }

    private int upTo(double t) {
      int i = Arrays.binarySearch(times, t);
      return i >= 0 ? i : -i - 2;
    }

    /**
     * {@return P(won in (u, u + h] | no outcome by u), or empty if no visit lasted u days}
     *
     * @param u days already in the stage
     * @param h the horizon in days
     */
    public OptionalDouble wonWithin(double u, double h) {
      double s = survival(u);
      if (s <= 0 || u > longest) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(Math.min(1, Math.max(0, (won(u + h) - won(u)) / s)));
    }
  }

  /**
   * Fits the estimate of every stage that is neither won nor lost, over all its visits (the
   * estimate for a deal that has just entered the stage; {@link #forecast} conditions on the
   * days a deal has already spent in it, see the class comment).
   *
   * @param definition the definition
   * @param histories the histories known at the as-of instant
   * @param asOf the as-of instant: visits without an outcome are censored there
   * @return the estimate per stage with at least one visit
   */
  public Map<StageId, Incidence> fit(PipelineDefinition definition, List<DealHistory> histories,
      Instant asOf) {
    Map<StageId, Incidence> out = new HashMap<>();
    visits(definition, histories, asOf).forEach((stage, v) -> out.put(stage,
        v.stillInStageAfter(0)));
    return out;
  }

  /** Every visit to a stage that is neither won nor lost, per stage. */
  private static Map<StageId, StageVisits> visits(PipelineDefinition definition,
      List<DealHistory> histories, Instant asOf) {
    Map<StageId, List<double[]>> samples = new HashMap<>();
    for (DealHistory h : histories) {
      List<DealEvent> events = h.events();
      for (int i = 0; i < events.size(); i++) {
        StageId entered = i == 0 ? h.created().deal().stage()
            : events.get(i) instanceof DealEvent.StageChanged c ? c.to() : null;
        if (entered == null) {
          continue;
        }
        StageKind kind = definition.stage(entered).orElseThrow().kind();
        if (kind.isTerminal()) {
          continue;
        }
        Instant start = events.get(i).at();
        double days = days(Duration.between(start, asOf));
        double stay = -1; // until the deal leaves the stage; censored at the as-of instant
        int outcome = CENSORED;
        for (int j = i + 1; j < events.size(); j++) {
          if (events.get(j) instanceof DealEvent.StageChanged c) {
            if (stay < 0) {
              stay = days(Duration.between(start, events.get(j).at()));
            }
            StageKind to = definition.stage(c.to()).orElseThrow().kind();
            if (to == StageKind.WON || to == StageKind.LOST
                || to == StageKind.DORMANT && kind == StageKind.OPEN) {
              outcome = to == StageKind.WON ? WON : OTHER;
              days = days(Duration.between(start, events.get(j).at()));
              break;
            }
          }
        }
        samples.computeIfAbsent(entered, s -> new ArrayList<>())
            .add(new double[] {days, outcome, stay < 0 ? days : stay});
      }
    }
    Map<StageId, StageVisits> out = new HashMap<>();
    samples.forEach((stage, list) -> out.put(stage, StageVisits.of(list)));
    return out;
  }

  /**
   * One stage's visits, sorted by the time from entering the stage to the deal's outcome (or
   * censoring), with how long each stayed in the stage.
   */
  private record StageVisits(double[] time, int[] outcome, double[] stay, boolean anyEnded) {
    static StageVisits of(List<double[]> visits) {
      int[] order = AalenJohansen.orderByFirst(visits);
      double[] time = new double[order.length];
      int[] outcome = new int[order.length];
      double[] stay = new double[order.length];
      boolean ended = false;
      for (int i = 0; i < order.length; i++) {
        double[] v = visits.get(order[i]);
        time[i] = v[0];
        outcome[i] = (int) v[1];
        stay[i] = v.length > 2 ? v[2] : Double.POSITIVE_INFINITY;
        ended |= outcome[i] != CENSORED;
      }
      return new StageVisits(time, outcome, stay, ended);
    }

    /**
     * The Aalen-Johansen estimate over the visits that stayed in the stage at least {@code
     * minStay} days (a landmark: the deals still in the stage then).
     */
    Incidence stillInStageAfter(double minStay) {
      AalenJohansen.Estimate e = AalenJohansen.of(time, outcome, stay, minStay);
      return new Incidence(e.times(), e.survival(), e.won(), e.subjects(), e.longest());
    }
  }

  /** The Aalen-Johansen estimate of one stage's visits: {time, outcome} pairs. */
  static Incidence aalenJohansen(List<double[]> visits) {
    AalenJohansen.Estimate e = AalenJohansen.of(visits);
    return new Incidence(e.times(), e.survival(), e.won(), e.subjects(), e.longest());
  }

  private static double days(Duration d) {
    return (d.getSeconds() + d.getNano() / 1e9) / 86_400.0;
  }

  @Override
  public Forecast forecast(ForecastInput input) {
    Map<StageId, StageVisits> visits = visits(input.definition(), input.histories(),
        input.asOf());
    Map<StageId, Map<Long, Incidence>> landmarks = new HashMap<>();
    double h = days(input.horizon());
    List<DealForecast> out = new ArrayList<>(input.open().size());
    for (DealHistory history : input.open()) {
      Deal deal = history.current();
      Stage stage = input.definition().stage(deal.stage()).orElseThrow();
      double u = days(Duration.between(entered(history), input.asOf()));
      double p;
      String basis;
      StageVisits v = visits.get(deal.stage());
      if (deal.manualProbability().isPresent()) {
        p = deal.manualProbability().getAsDouble();
        basis = "manual override";
      } else if (v == null || !v.anyEnded()) {
        p = stage.defaultProbability();
        basis = v == null ? "stage default of " + stage.name() + " (no visit to learn from)"
            : String.format(Locale.ROOT, "stage default of %s (none of its %d visits has ended"
                + " yet)", stage.name(), v.time().length);
      } else {
        long day = (long) Math.floor(u);
        Incidence inc = landmarks.computeIfAbsent(deal.stage(), x -> new HashMap<>())
            .computeIfAbsent(day, d -> v.stillInStageAfter(d));
        OptionalDouble w = inc.wonWithin(u, h);
        p = w.orElse(0);
        String in = stage.name() + ", " + days(day) + " in stage";
        basis = w.isEmpty() ? String.format(Locale.ROOT, "%s: longer than any of its %d visits"
            + " lasted", in, v.time().length)
            : day == 0 ? String.format(Locale.ROOT, "%s (%d visits)", in, inc.visits())
            : String.format(Locale.ROOT, "%s (%d of %d visits stayed %s or more)", in,
                inc.visits(), v.time().length, days(day));
      }
      out.add(new DealForecast(deal.id(), deal.stage(), deal.amount(), p, basis));
    }
    return new Forecast(NAME, input.asOf(), input.horizon(), out);
  }

  private static String days(long n) {
    return n + (n == 1 ? " day" : " days");
  }

  /** When the deal entered the stage it is in at the end of the history. */
  private static Instant entered(DealHistory h) {
    List<DealEvent> events = h.events();
    for (int i = events.size() - 1; i > 0; i--) {
      if (events.get(i) instanceof DealEvent.StageChanged) {
        return events.get(i).at();
      }
    }
    return events.get(0).at();
  }
}

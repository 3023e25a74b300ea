package dev.pipelinesdk.forecast.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Aalen-Johansen estimate of the cumulative incidence of a win, with one competing outcome
 * ("other": lost or gone dark) and censoring: {@code F_won(t) = sum over event times t_j <= t of
 * S(t_j-) d_j / n_j}, with {@code S} the Kaplan-Meier probability of no outcome yet, {@code d_j}
 * the wins at {@code t_j} and {@code n_j} the subjects still at risk. Shared by the per-stage
 * competing-risks model (time from entering a stage) and new business (time from a deal's
 * creation). Internal: not exported.
 */
public final class AalenJohansen {
  /** The subject had no outcome yet when observation stopped. */
  public static final int CENSORED = 0;
  /** The subject was won. */
  public static final int WON = 1;
  /** The subject ended otherwise (lost or gone dark): the competing outcome. */
  public static final int OTHER = 2;

  private AalenJohansen() {}

  /**
   * The estimate: the distinct event times, the Kaplan-Meier survival just after each, and the
   * cumulative incidence of a win at each.
   *
   * @param times the distinct times with at least one outcome, ascending
   * @param survival S just after each time
   * @param won F_won at each time
   * @param subjects how many subjects the estimate rests on
   * @param longest the longest time observed (outcome or censoring); 0 without subjects
   */
  public record Estimate(double[] times, double[] survival, double[] won, int subjects,
      double longest) {}

  /**
   * Estimates from {time, outcome} pairs.
   *
   * @param subjects each subject's time (in any unit, at least 0) and outcome ({@link #CENSORED},
   *     {@link #WON} or {@link #OTHER}); not changed
   * @return the estimate
   */
  public static Estimate of(List<double[]> subjects) {
    double[][] v = subjects.toArray(double[][]::new);
    Arrays.sort(v, (a, b) -> Double.compare(a[0], b[0]));
    List<double[]> rows = new ArrayList<>(); // {time, S after, F_won}
    int atRisk = v.length;
    double s = 1;
    double f = 0;
    int i = 0;
    while (i < v.length) {
      double t = v[i][0];
      int won = 0;
      int other = 0;
      int censored = 0;
      while (i < v.length && v[i][0] == t) {
        int o = (int) v[i][1];
        won += o == WON ? 1 : 0;
        other += o == OTHER ? 1 : 0;
        censored += o == CENSORED ? 1 : 0;
        i++;
      }
      if (won + other > 0) {
        f += s * won / atRisk;
        s *= 1 - (double) (won + other) / atRisk;
        rows.add(new double[] {t, s, f});
      }
      atRisk -= won + other + censored;
    }
    double[] times = new double[rows.size()];
    double[] surv = new double[rows.size()];
    double[] inc = new double[rows.size()];
    for (int k = 0; k < rows.size(); k++) {
      times[k] = rows.get(k)[0];
      surv[k] = rows.get(k)[1];
      inc[k] = rows.get(k)[2];
    }
    return new Estimate(times, surv, inc, v.length, v.length == 0 ? 0 : v[v.length - 1][0]);
  }
}

package dev.pipelinesdk.forecast.internal;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
    int[] order = orderByFirst(subjects);
    double[] time = new double[order.length];
    int[] outcome = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      double[] v = subjects.get(order[i]);
      time[i] = v[0];
      outcome[i] = (int) v[1];
    }
    return of(time, outcome, null, 0);
  }

  /**
   * The order of rows by their first value (at least 0, finite), ties in the rows' order: the
   * permutation that sorts them.
   *
   * <p>Sorting the rows as objects with a comparator was half the time of a fit (JFR, 1M
   * histories, 4.3 s); this sorts primitive keys instead: each row's time in whole milliseconds
   * (days x 86,400,000, rounded down) shifted left by 24 bits with the row's index below, then a
   * pass of insertion sort by the exact value, which only moves rows within one millisecond.
   * Rows beyond 2^24 or times beyond 2^39 ms (17 years) fall back to the comparator.
   *
   * @param rows the rows, each with its time first
   * @return the permutation: {@code rows.get(order[0])} comes first
   */
  public static int[] orderByFirst(List<double[]> rows) {
    int n = rows.size();
    long[] keys = new long[n];
    boolean packable = n < (1 << 24);
    for (int i = 0; i < n && packable; i++) {
      double ms = Math.floor(rows.get(i)[0] * 86_400_000.0);
      if (!(ms >= 0 && ms < (double) (1L << 39))) {
        packable = false;
      } else {
        keys[i] = ((long) ms << 24) | i;
      }
    }
    int[] order = new int[n];
    if (!packable) {
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, (a, b) -> Double.compare(rows.get(a)[0], rows.get(b)[0]));
      for (int i = 0; i < n; i++) {
        order[i] = boxed[i];
      }
      return order;
    }
    Arrays.sort(keys);
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) (keys[i] & ((1 << 24) - 1));
      sorted[i] = rows.get(order[i])[0];
    }
    // within one millisecond the exact values may still be out of order: insertion sort, stable
    for (int i = 1; i < n; i++) {
      double t = sorted[i];
      int o = order[i];
      int j = i - 1;
      while (j >= 0 && sorted[j] > t) {
        sorted[j + 1] = sorted[j];
        order[j + 1] = order[j];
        j--;
      }
      sorted[j + 1] = t;
      order[j + 1] = o;
    }
    return order;
  }

  /**
   * Estimates over the subjects whose {@code entry} value is at least {@code min} (a landmark:
   * for a stage's visits, those that stayed in the stage at least {@code min} days), in one pass
   * over subjects already sorted by time.
   *
   * @param time each subject's time, ascending; not changed
   * @param outcome each subject's outcome; not changed
   * @param entry the value each subject is selected by, or null to take every subject
   * @param min the least entry value a subject must have
   * @return the estimate over the selected subjects
   */
  public static Estimate of(double[] time, int[] outcome, double @Nullable [] entry, double min) {
    int atRisk = 0;
    for (int i = 0; i < time.length; i++) {
      atRisk += entry == null || entry[i] >= min ? 1 : 0;
    }
    int subjects = atRisk;
    double longest = 0;
    double[] times = new double[time.length];
    double[] surv = new double[time.length];
    double[] inc = new double[time.length];
    int rows = 0;
    double s = 1;
    double f = 0;
    int i = 0;
    while (i < time.length) {
      double t = time[i];
      int won = 0;
      int other = 0;
      int censored = 0;
      for (; i < time.length && time[i] == t; i++) {
        if (entry != null && entry[i] < min) {
          continue;
        }
        won += outcome[i] == WON ? 1 : 0;
        other += outcome[i] == OTHER ? 1 : 0;
        censored += outcome[i] == CENSORED ? 1 : 0;
        longest = t;
      }
      if (won + other > 0) {
        f += s * won / atRisk;
        s *= 1 - (double) (won + other) / atRisk;
        times[rows] = t;
        surv[rows] = s;
        inc[rows] = f;
        rows++;
      }
      atRisk -= won + other + censored;
    }
    return new Estimate(Arrays.copyOf(times, rows), Arrays.copyOf(surv, rows),
        Arrays.copyOf(inc, rows), subjects, longest);
  }
}

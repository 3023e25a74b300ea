package dev.pipelinesdk.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one quantile definition of the library: linear interpolation between the closest ranks,
 * Hyndman and Fan's type 7 (the default of R's {@code quantile} and of NumPy): for {@code n}
 * sorted values {@code x[0..n-1]} the q-quantile is {@code x[j] + g * (x[j+1] - x[j])} where
 * {@code h = q * (n - 1)}, {@code j = floor(h)}, {@code g = h - j}. The median of [1, 2, 3, 4] is
 * 2.5; the p90 of ten values lies 10% of the way from the ninth to the tenth.
 */
final class Quantiles {
  private Quantiles() {}

  /**
   * The quantile of durations in nanoseconds at {@code percent}/100, exact: the interpolation is
   * done in rational arithmetic and rounded half-even to the nanosecond. Reorders {@code values}
   * (selection, not a full sort).
   *
   * @param values at least one value
   * @param percent 0 to 100
   */
  static long percentile(long[] values, int percent) {
    int n = values.length;
    long num = (long) percent * (n - 1); // h = num / 100
    int j = (int) (num / 100);
    long rest = num % 100;
    long low = LongList.select(values, j);
    if (rest == 0) {
      return low;
    }
    long high = LongList.select(values, j + 1); // correct after the smaller k (see select)
    return BigDecimal.valueOf(high - low).multiply(BigDecimal.valueOf(rest))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_EVEN).longValueExact() + low;
  }

  /** The q-quantile of sorted doubles, the same definition; NaN for no values. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}

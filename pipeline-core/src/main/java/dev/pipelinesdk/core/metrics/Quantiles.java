package dev.pipelinesdk.core.metrics;

/** Mean and quantiles of sorted samples. */
final class Quantiles {
  private Quantiles() {}

  /**
   * The q-quantile of sorted values by linear interpolation between closest ranks (the common
   * "type 7" definition: p50 of [1, 2, 3, 4] is 2.5); NaN for no values.
   */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The mean; NaN for no values. */
  static double mean(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}

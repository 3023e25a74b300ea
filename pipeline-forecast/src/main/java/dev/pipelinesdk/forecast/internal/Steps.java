package dev.pipelinesdk.forecast.internal;

/**
 * Right-continuous step functions on [0, infinity) given by their jump points {@code x} (ascending)
 * and the value from each on {@code y}; 0 before the first. Internal: not exported.
 */
public final class Steps {
  private Steps() {}

  /**
   * {@return the value at t: y[i] for the largest i with x[i] &le; t, or 0 if there is none}
   *
   * @param x the jump points, ascending
   * @param y the value from each jump point on
   * @param t where to read
   */
  public static double at(double[] x, double[] y, double t) {
    int lo = 0;
    int hi = x.length; // find the number of jump points <= t
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (x[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? 0.0 : y[lo - 1];
  }

  /**
   * {@return the integral of the step function from 0 to {@code upTo}, exact up to round-off}
   *
   * @param x the jump points, ascending, at least 0
   * @param y the value from each jump point on
   * @param upTo the upper end, at least 0
   */
  public static double integral(double[] x, double[] y, double upTo) {
    double sum = 0.0;
    for (int i = 0; i < x.length && x[i] < upTo; i++) {
      double next = i + 1 < x.length ? Math.min(x[i + 1], upTo) : upTo;
      sum += y[i] * (next - x[i]);
    }
    return sum;
  }
}

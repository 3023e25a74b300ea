package dev.pipelinesdk.core.internal;

/**
 * Compensated (Neumaier) summation, so that sums of many small terms keep their accuracy. Shared
 * by core's distribution types and the forecast module's engine (exported to it only).
 */
public final class Sums {
  private Sums() {}

  /**
   * Sums all values.
   *
   * @param values the values
   * @return their compensated sum
   */
  public static double of(double[] values) {
    return of(values, 0, values.length);
  }

  /**
   * Sums a range of values.
   *
   * @param values the values
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @return their compensated sum
   */
  public static double of(double[] values, int from, int to) {
    double sum = 0.0;
    double compensation = 0.0;
    for (int i = from; i < to; i++) {
      double v = values[i];
      double t = sum + v;
      if (Math.abs(sum) >= Math.abs(v)) {
        compensation += (sum - t) + v;
      } else {
        compensation += (v - t) + sum;
      }
      sum = t;
    }
    return sum + compensation;
  }
}

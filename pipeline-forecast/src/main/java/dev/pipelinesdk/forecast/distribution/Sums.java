package dev.pipelinesdk.forecast.distribution;

/** Compensated (Neumaier) summation, so that sums of many small terms keep their accuracy. */
final class Sums {
  private Sums() {}

  static double of(double[] values) {
    return of(values, 0, values.length);
  }

  static double of(double[] values, int from, int to) {
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

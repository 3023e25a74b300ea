package dev.pipelinesdk.core.metrics;

import java.util.Arrays;

/** A growable list of primitive doubles: per-deal samples, merged by concatenation. */
final class DoubleList implements java.io.Serializable {
  private double[] values = new double[8];
  private int size;

  void add(double v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  void addAll(DoubleList other) {
    if (size + other.size > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, size + other.size));
    }
    System.arraycopy(other.values, 0, values, size, other.size);
    size += other.size;
  }

  int size() {
    return size;
  }

  /** {@return a sorted copy} */
  double[] sorted() {
    double[] copy = Arrays.copyOf(values, size);
    Arrays.sort(copy);
    return copy;
  }

  /**
   * The q-quantile of sorted values by linear interpolation between closest ranks (the common
   * "type 7" definition: p50 of [1, 2, 3, 4] is 2.5).
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

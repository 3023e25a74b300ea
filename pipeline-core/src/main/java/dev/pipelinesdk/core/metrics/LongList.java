package dev.pipelinesdk.core.metrics;

import java.util.Arrays;

/** A growable list of primitive longs: exact per-deal samples (nanoseconds), merged by concatenation. */
final class LongList implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private long[] values = new long[8];
  private int size;

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  void addAll(LongList other) {
    if (size + other.size > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, size + other.size));
    }
    System.arraycopy(other.values, 0, values, size, other.size);
    size += other.size;
  }

  int size() {
    return size;
  }

  /** {@return a copy of the values, in insertion order} */
  long[] copy() {
    return Arrays.copyOf(values, size);
  }

  /**
   * The k-th smallest value (0-based), by quickselect: expected linear time; reorders {@code a}.
   * Calls on the same array for a larger {@code k} stay correct after a smaller one.
   */
  static long select(long[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    java.util.SplittableRandom random = new java.util.SplittableRandom(a.length);
    while (lo < hi) {
      long pivot = a[lo + random.nextInt(hi - lo + 1)];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }
}

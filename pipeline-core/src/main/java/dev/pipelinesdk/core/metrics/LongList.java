package dev.pipelinesdk.core.metrics;

import java.util.Arrays;

/** A growable list of primitive longs: exact per-deal samples, merged by concatenation. */
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

  /** {@return a sorted copy} */
  long[] sorted() {
    long[] copy = Arrays.copyOf(values, size);
    Arrays.sort(copy);
    return copy;
  }
}

package dev.pipelinesdk.testkit.internal;

import java.util.List;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Draws from a QuickTheories randomness source. Every draw shrinks toward its lower bound (or
 * toward {@code false}), so generators written with these shrink toward small, plain values.
 */
public final class Draw {
  private Draw() {}

  /**
   * An int in [lo, hi], shrinking toward lo.
   *
   * @param in the source
   * @param lo lower bound
   * @param hi upper bound
   * @return the value
   */
  public static int between(RandomnessSource in, int lo, int hi) {
    if (lo == hi) {
      return lo;
    }
    return Generate.range(lo, hi, lo).generate(in);
  }

  /**
   * A long in [lo, hi], shrinking toward lo.
   *
   * @param in the source
   * @param lo lower bound
   * @param hi upper bound
   * @return the value
   */
  public static long between(RandomnessSource in, long lo, long hi) {
    if (lo == hi) {
      return lo;
    }
    return Generate.longRange(lo, hi, lo).generate(in);
  }

  /**
   * True with the given chance; shrinks toward false.
   *
   * @param in the source
   * @param percent the chance of true, 0 to 100
   * @return the flag
   */
  public static boolean chance(RandomnessSource in, int percent) {
    return between(in, 0, 99) >= 100 - percent;
  }

  /**
   * One element; shrinks toward the first.
   *
   * @param in the source
   * @param values the choices, not empty
   * @param <T> the element type
   * @return the element
   */
  public static <T> T pick(RandomnessSource in, List<T> values) {
    return values.get(between(in, 0, values.size() - 1));
  }

  /**
   * An index chosen by weight; shrinks toward index 0.
   *
   * @param in the source
   * @param weights the weights, each not negative, summing to more than 0
   * @return the index
   */
  public static int weighted(RandomnessSource in, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = between(in, 0, total - 1);
    for (int i = 0; i < weights.length; i++) {
      if (x < weights[i]) {
        return i;
      }
      x -= weights[i];
    }
    return weights.length - 1;
  }
}

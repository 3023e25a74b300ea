package dev.pipelinesdk.core.forecast;

import dev.pipelinesdk.core.internal.Sums;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The exact distribution of how many of n independent deals are won (the Poisson-binomial
 * distribution): P(K = k) for k = 0..n, where deal i is won with probability p_i.
 *
 * <p><b>What it includes.</b> Only outcome noise: each deal won or lost independently with its
 * given probability, taken as known. It includes no model error and no correlation between deals
 * (for those, see {@link Simulation} and {@link AmountDistribution}).
 *
 * <p><b>How exact.</b> Computed by divide and conquer with FFT polynomial products (O(n log^2 n)),
 * directly below a threshold; every P(K = k) is within {@link #errorBound()} (absolute) of the
 * exact value. The mean and variance are computed from the p_i themselves (sum p_i and sum p_i (1
 * - p_i), compensated summation), not from the computed probabilities.
 *
 * <p>Made by the distribution engine of {@code pipeline-forecast} ({@code Distributions.count}).
 * Immutable and safe to share between threads.
 */
public final class CountDistribution {

  /**
   * The slack on q when a quantile is read from a computed distribution function: {@value}. It is
   * far larger than the round-off of the distribution function and far smaller than any
   * probability a forecast cares about.
   */
  public static final double QUANTILE_SLACK = 1e-12;

  private final double[] pmf;
  private final double[] cdf;
  private final double[] tail;
  private final double mean;
  private final double variance;
  private final double errorBound;

  private CountDistribution(double[] pmf, double mean, double variance, double errorBound) {
    this.pmf = pmf;
    this.cdf = cumulative(pmf);
    this.tail = tails(pmf);
    this.mean = mean;
    this.variance = variance;
    this.errorBound = errorBound;
  }

  /**
   * Returns the distribution with the given probabilities of 0..n wins. For the distribution
   * engine ({@code Distributions.count} in {@code pipeline-forecast}), which computes them.
   *
   * @param pmf P(K = k) for k = 0..n, each finite and in [0, 1]; copied
   * @param mean the exact mean, sum p_i
   * @param variance the exact variance, sum p_i (1 - p_i)
   * @param errorBound the bound on every P(K = k)'s absolute error, at least 0
   * @return the distribution
   * @throws IllegalArgumentException naming the value if pmf is empty or holds a value outside [0,
   *     1], or the mean, variance or error bound is negative or not finite
   */
  public static CountDistribution of(double[] pmf, double mean, double variance,
      double errorBound) {
    if (pmf.length == 0) {
      throw new IllegalArgumentException("pmf is empty: a count distribution has P(K = 0)");
    }
    for (int k = 0; k < pmf.length; k++) {
      if (!(pmf[k] >= 0 && pmf[k] <= 1)) {
        throw new IllegalArgumentException("P(K = " + k + ") must be in [0, 1], not " + pmf[k]);
      }
    }
    for (double[] v : new double[][] {{mean}, {variance}, {errorBound}}) {
      if (!(v[0] >= 0 && v[0] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("mean, variance and error bound must be finite and at"
            + " least 0, not " + mean + ", " + variance + ", " + errorBound);
      }
    }
    return new CountDistribution(pmf.clone(), mean, variance, errorBound);
  }

  /** Running sums from the left, clamped to [0, 1]. */
  static double[] cumulative(double[] pmf) {
    return running(pmf, false);
  }

  /** Running sums from the right (so small upper tails keep their accuracy), clamped to [0, 1]. */
  static double[] tails(double[] pmf) {
    return running(pmf, true);
  }

  /** Compensated (Neumaier) running sums in one direction, clamped to [0, 1]. */
  private static double[] running(double[] pmf, boolean fromRight) {
    double[] c = new double[pmf.length];
    double sum = 0.0;
    double compensation = 0.0;
    for (int i = 0; i < pmf.length; i++) {
      int k = fromRight ? pmf.length - 1 - i : i;
      double v = pmf[k];
      double t = sum + v;
      compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
      sum = t;
      c[k] = Math.min(1.0, sum + compensation);
    }
    return c;
  }

  /** The smallest index whose cumulative probability reaches q, less the slack. */
  static int quantileIndex(double[] cdf, double q) {
    requireLevel(q);
    double level = q - QUANTILE_SLACK;
    int lo = 0;
    int hi = cdf.length - 1; // cdf[last] is 1 within round-off; the answer is at most last
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] >= level) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  static void requireLevel(double q) {
    if (!(q > 0.0 && q <= 1.0)) {
      throw new IllegalArgumentException("quantile level must be in (0, 1]: " + q);
    }
  }

  /**
   * Returns the number of deals, n.
   *
   * @return n, at least 0
   */
  public int dealCount() {
    return pmf.length - 1;
  }

  /**
   * Returns P(K = k), the probability that exactly k deals are won.
   *
   * @param k a number of deals; any int
   * @return the probability, in [0, 1]; 0 for k outside 0..n
   */
  public double probability(int k) {
    return k < 0 || k >= pmf.length ? 0.0 : pmf[k];
  }

  /**
   * Returns P(K = k) for every k = 0..n, as a new array the caller may change.
   *
   * @return n + 1 probabilities, each in [0, 1], summing to 1 within round-off
   */
  public double[] probabilities() {
    return pmf.clone();
  }

  /**
   * Returns P(K &le; k).
   *
   * @param k a number of deals; any int
   * @return the probability, in [0, 1]; 0 for k &lt; 0 and 1 for k &ge; n
   */
  public double cumulativeProbability(int k) {
    if (k < 0) {
      return 0.0;
    }
    return k >= pmf.length - 1 ? 1.0 : cdf[k];
  }

  /**
   * Returns P(K &ge; k), the probability that at least k deals are won (summed from the top, so a
   * small upper tail is accurate to {@link #errorBound()} per term).
   *
   * @param k a number of deals; any int
   * @return the probability, in [0, 1]; 1 for k &le; 0 and 0 for k &gt; n
   */
  public double probabilityAtLeast(int k) {
    if (k <= 0) {
      return 1.0;
    }
    return k >= pmf.length ? 0.0 : tail[k];
  }

  /**
   * Returns the q-quantile of the count: the smallest k with P(K &le; k) &ge; q (less {@link
   * #QUANTILE_SLACK}).
   *
   * @param q the level, in (0, 1]
   * @return k, in 0..n
   * @throws IllegalArgumentException if q is not in (0, 1] (NaN included)
   */
  public int quantile(double q) {
    return quantileIndex(cdf, q);
  }

  /**
   * Returns the 10% quantile, {@code quantile(0.1)}.
   *
   * @return k, in 0..n
   */
  public int p10() {
    return quantile(0.1);
  }

  /**
   * Returns the median, {@code quantile(0.5)}.
   *
   * @return k, in 0..n
   */
  public int p50() {
    return quantile(0.5);
  }

  /**
   * Returns the 90% quantile, {@code quantile(0.9)}.
   *
   * @return k, in 0..n
   */
  public int p90() {
    return quantile(0.9);
  }

  /**
   * Returns the expected number of deals won, sum p_i (from the inputs, compensated summation).
   *
   * @return the mean, in [0, n]; 0 with no deals
   */
  public double mean() {
    return mean;
  }

  /**
   * Returns the variance of the number of deals won, sum p_i (1 - p_i) (from the inputs).
   *
   * @return the variance, at least 0; 0 with no deals or when every p_i is 0 or 1
   */
  public double variance() {
    return variance;
  }

  /**
   * Returns the standard deviation, the square root of {@link #variance()}.
   *
   * @return the standard deviation, at least 0
   */
  public double standardDeviation() {
    return Math.sqrt(variance);
  }

  /**
   * Returns the bound this result guarantees on the absolute error of every {@link
   * #probability(int)}: the first-order forward error bound of the computation actually done
   * (recurrence, direct and FFT products, renormalisation). It grows about linearly, near n
   * &times; 1e-15 (7e-13 for a thousand deals, 1e-11 for ten thousand); the errors actually seen
   * against the O(n^2) recurrence are far smaller (below 1e-13 for thousands of deals). It is
   * absolute: a probability below it may be reported as 0.
   *
   * @return the bound, at least 0; 0 with no deals
   */
  public double errorBound() {
    return errorBound;
  }

  /**
   * Compares by the probabilities, mean, variance and error bound.
   *
   * @param other any object
   * @return whether other is a count distribution with the same values
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CountDistribution that
        && Arrays.equals(pmf, that.pmf)
        && Double.compare(mean, that.mean) == 0
        && Double.compare(variance, that.variance) == 0
        && Double.compare(errorBound, that.errorBound) == 0;
  }

  /**
   * Returns a hash of the probabilities.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Arrays.hashCode(pmf);
  }

  /**
   * Describes the distribution in one line: n, mean, standard deviation, P10/P50/P90, bound.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "CountDistribution[deals=" + dealCount() + ", mean=" + mean + ", sd="
        + standardDeviation() + ", p10=" + p10() + ", p50=" + p50() + ", p90=" + p90()
        + ", errorBound=" + errorBound + "]";
  }
}

package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.internal.Sums;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The product of the generating polynomials (1 - p_i) + p_i x^(b_i) of independent deals: entry j
 * of the result is P(sum of the won deals' b_i = j). Divide and conquer: a block of at most {@link
 * #LEAF_DEALS} deals is multiplied in directly by the O(m * degree) recurrence, two halves are
 * multiplied by FFT (Commons Math) unless one of them is short ({@link #DIRECT_MAX_LENGTH}), where
 * direct convolution is both faster and exact to a few ulps. For b_i = 1 (the count distribution)
 * this is O(n log^2 n).
 *
 * <p><b>Error bound</b> (absolute, on every entry; first order, as in Higham, <i>Accuracy and
 * Stability of Numerical Algorithms</i>, 2nd ed., section 24.1). All vectors are probability
 * vectors (non-negative, sum 1), so a product's error is at most the sum of its factors' errors
 * (convolution with a probability vector does not grow the maximum norm) plus what the product
 * itself adds:
 * <ul>
 *   <li>the recurrence over m deals: 3 m u per entry (u = 2^-53; each step is one multiply-add of
 *       non-negative terms, and 1 - p is rounded once);
 *   <li>direct convolution with the shorter factor of length m: (m + 1) u;
 *   <li>an FFT product of length N: {@link #FFT_CONSTANT} u log2 N. Higham's Theorem 24.2 gives
 *       relative 2-norm error log2(N) eta per transform, eta = mu + gamma_4 (sqrt 2 + mu) (about
 *       6.7 u with Commons Math's tabulated twiddle factors, mu about u); three transforms and the
 *       pointwise product give about 21 u log2 N relative to ||a||_1 ||b||_2 &le; 1, and the
 *       maximum norm is at most the 2-norm. We use 32 for margin;
 *   <li>clamping a negative entry to 0 can only bring it closer to the exact (non-negative) value;
 *       renormalising by the computed sum s adds |s - 1| (measured, not estimated).
 * </ul>
 * The bound is absolute: probabilities far below it (deep tails) are not resolved.
 */
final class PolynomialProduct {

  /** Blocks of at most this many deals use the direct recurrence. */
  static final int LEAF_DEALS = 32;

  /** A product with a factor at most this long is convolved directly. */
  static final int DIRECT_MAX_LENGTH = 64;

  /** The constant c in the FFT product's error bound c u log2 N. */
  static final double FFT_CONSTANT = 32;

  /** The unit round-off of double, 2^-53. */
  static final double U = Math.ulp(1.0) / 2;

  /** A probability vector and a bound on the absolute error of each of its entries. */
  record Result(double[] pmf, double errorBound) {}

  private PolynomialProduct() {}

  /**
   * Multiplies out the deals' polynomials.
   *
   * @param p win probabilities, each in [0, 1]
   * @param bins each deal's exponent b_i, non-negative; the sum must fit an array
   * @return the distribution of the sum of the won deals' exponents, on 0..sum(b_i)
   */
  static Result of(double[] p, int[] bins) {
    // Deals that change nothing (never won, or worth 0 bins) are dropped up front.
    int kept = 0;
    double[] q = new double[p.length];
    int[] b = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0 && bins[i] > 0) {
        q[kept] = p[i];
        b[kept] = bins[i];
        kept++;
      }
    }
    if (kept == 0) {
      return new Result(new double[] {1.0}, 0.0);
    }
    return product(q, b, 0, kept);
  }

  private static Result product(double[] p, int[] b, int lo, int hi) {
    if (hi - lo <= LEAF_DEALS) {
      return recurrence(p, b, lo, hi);
    }
    int mid = (lo + hi) >>> 1;
    Result left = product(p, b, lo, mid);
    Result right = product(p, b, mid, hi);
    return multiply(left, right);
  }

  /** The direct O(m * degree) recurrence over deals lo..hi-1. */
  static Result recurrence(double[] p, int[] b, int lo, int hi) {
    int degree = 0;
    for (int i = lo; i < hi; i++) {
      degree = Math.addExact(degree, b[i]);
    }
    double[] v = new double[degree + 1];
    v[0] = 1.0;
    int top = 0; // highest index that can be non-zero so far
    for (int i = lo; i < hi; i++) {
      double win = p[i];
      double lose = 1.0 - win;
      int shift = b[i];
      // downwards, so that v[j - shift] is still the previous step's value
      for (int j = top + shift; j >= 0; j--) {
        double stay = j <= top ? v[j] * lose : 0.0;
        double move = j >= shift ? v[j - shift] * win : 0.0;
        v[j] = stay + move;
      }
      top += shift;
    }
    return new Result(v, 3.0 * (hi - lo) * U);
  }

  /** The product of two probability vectors, with its error bound. */
  static Result multiply(Result a, Result b) {
    double[] x = a.pmf();
    double[] y = b.pmf();
    int length = x.length + y.length - 1;
    double[] c;
    double added;
    if (Math.min(x.length, y.length) <= DIRECT_MAX_LENGTH) {
      c = direct(x, y);
      added = (Math.min(x.length, y.length) + 1) * U;
    } else {
      int size = Integer.highestOneBit(length - 1) << 1; // a power of two >= length (length > 64)
      c = fft(x, y, size, length);
      added = FFT_CONSTANT * U * Integer.numberOfTrailingZeros(size);
    }
    double bound = a.errorBound() + b.errorBound() + added;
    return normalised(c, bound);
  }

  static double[] direct(double[] x, double[] y) {
    double[] c = new double[x.length + y.length - 1];
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      if (xi == 0.0) {
        continue;
      }
      for (int j = 0; j < y.length; j++) {
        c[i + j] += xi * y[j];
      }
    }
    return c;
  }

  private static double[] fft(double[] x, double[] y, int size, int length) {
    double[][] fx = new double[2][size];
    double[][] fy = new double[2][size];
    System.arraycopy(x, 0, fx[0], 0, x.length);
    System.arraycopy(y, 0, fy[0], 0, y.length);
    FastFourierTransformer.transformInPlace(fx, DftNormalization.STANDARD, TransformType.FORWARD);
    FastFourierTransformer.transformInPlace(fy, DftNormalization.STANDARD, TransformType.FORWARD);
    double[] re = fx[0];
    double[] im = fx[1];
    double[] yr = fy[0];
    double[] yi = fy[1];
    for (int k = 0; k < size; k++) {
      double r = re[k] * yr[k] - im[k] * yi[k];
      double i = re[k] * yi[k] + im[k] * yr[k];
      re[k] = r;
      im[k] = i;
    }
    // STANDARD normalisation: the inverse divides by size
    FastFourierTransformer.transformInPlace(fx, DftNormalization.STANDARD, TransformType.INVERSE);
    double[] c = new double[length];
    for (int k = 0; k < length; k++) {
      c[k] = Math.max(0.0, re[k]); // round-off makes tiny negatives; the exact value is >= 0
    }
    return c;
  }

  /** Scales c to sum 1, adding the measured |sum - 1| to the bound. */
  private static Result normalised(double[] c, double bound) {
    double sum = Sums.of(c);
    if (sum > 0 && sum != 1.0) {
      double scale = 1.0 / sum;
      for (int k = 0; k < c.length; k++) {
        c[k] *= scale;
      }
      bound = (bound + Math.abs(sum - 1.0)) * (1 + 4 * U) + U;
    }
    return new Result(c, bound);
  }
}

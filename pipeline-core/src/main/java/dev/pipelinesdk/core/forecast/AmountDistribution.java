package dev.pipelinesdk.core.forecast;

import dev.pipelinesdk.core.internal.Sums;
import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The distribution of the total amount won by a set of open deals.
 *
 * <p><b>Two methods</b> ({@link #method()}), one meaning: every accessor answers the same question
 * for both, and the result says how exact its answer is.
 * <ul>
 *   <li>{@link Method#EXACT_BINNED}: each deal's amount is rounded (half up) to a multiple of
 *       {@link #binWidth()} and the distribution of the rounded total is computed exactly on that
 *       grid (up to {@link #probabilityErrorBound()} per grid point). For every outcome (every set
 *       of won deals) the rounded total differs from the true total by at most {@link
 *       #binningErrorBound()}, the sum of |a_i - rounded a_i| over the deals with p_i &gt; 0, which
 *       is at most (number of such deals) &times; binWidth / 2. So a quantile is off by at most that
 *       bound, and the true P(total &ge; t) lies between {@code probabilityAtLeast(t + bound)} and
 *       {@code probabilityAtLeast(t - bound)}. {@link #expected()} is sum p_i a_i of the unrounded
 *       amounts (no binning error). It has no sampling error: the standard errors are zero.
 *   <li>{@link Method#MONTE_CARLO}: {@link #simulation()} trials, each drawing every deal's outcome
 *       (with the model uncertainty the simulation asks for); the estimates are the sample's, with
 *       standard errors. Same seed and settings, same result, whatever the thread count.
 * </ul>
 *
 * <p><b>What uncertainty it includes</b>: {@link #includes()}. Always the outcome noise of each
 * deal ({@link UncertaintySource#DEAL_OUTCOMES}); the exact method includes nothing else (deals
 * independent, probabilities known); Monte Carlo adds the shared and per-deal log-odds noise of
 * its {@link Simulation} when their standard deviations are positive.
 *
 * <p><b>Quantiles</b>: the smallest amount x with P(total &le; x) &ge; q (see the package
 * documentation). Amounts are {@link Money} in the deals' currency; values that are not on the
 * currency's minor unit (an expectation, a standard error) are rounded half-even to it.
 *
 * <p>Made by the distribution engine of {@code pipeline-forecast} ({@code Distributions},
 * {@code NewBusinessDistributions}). Immutable and safe to share between threads.
 */
public final class AmountDistribution {

  /** How a distribution was computed. */
  public enum Method {
    /** Exact on a grid of amounts rounded to a bin width; see {@link #binningErrorBound()}. */
    EXACT_BINNED,
    /** Seeded Monte Carlo; see {@link #simulation()} and the standard errors. */
    MONTE_CARLO
  }

  private final Method method;
  private final Currency currency;
  private final int dealCount;
  private final Set<UncertaintySource> includes;
  private final Money expected;
  private final Money expectedStandardError;
  private final @Nullable Money binWidth;
  private final @Nullable Money binningErrorBound;
  private final double probabilityErrorBound;
  private final @Nullable Simulation simulation;
  // EXACT_BINNED: probability of each grid point k * binWidth, and running sums from each side
  private final double[] pmf;
  private final double[] cdf;
  private final double[] tail;
  // MONTE_CARLO: every trial's total, sorted, in units of 10^-scale; and the largest possible total
  private final long[] totals;
  private final int scale;
  private final long maxTotal;

  private AmountDistribution(Method method, Currency currency, int dealCount,
      Set<UncertaintySource> includes, Money expected, Money expectedStandardError,
      @Nullable Money binWidth, @Nullable Money binningErrorBound, double probabilityErrorBound,
      @Nullable Simulation simulation, double[] pmf, long[] totals, int scale, long maxTotal) {
    this.method = method;
    this.currency = currency;
    this.dealCount = dealCount;
    this.includes = includes;
    this.expected = expected;
    this.expectedStandardError = expectedStandardError;
    this.binWidth = binWidth;
    this.binningErrorBound = binningErrorBound;
    this.probabilityErrorBound = probabilityErrorBound;
    this.simulation = simulation;
    this.pmf = pmf;
    this.cdf = CountDistribution.cumulative(pmf);
    this.tail = CountDistribution.tails(pmf);
    this.totals = totals;
    this.scale = scale;
    this.maxTotal = maxTotal;
  }

  /**
   * Returns a binned-exact distribution, for the distribution engine ({@code
   * Distributions.binned} in {@code pipeline-forecast}), which computes its bins.
   *
   * @param currency the currency
   * @param dealCount the deals it is made of
   * @param expected the exact expected amount
   * @param binWidth the width of a bin
   * @param binningErrorBound the bound on the amount error the binning makes
   * @param pmf the probability of each bin total 0, 1, ... bins x binWidth; not copied
   * @param probabilityErrorBound the bound on each probability's error
   * @return the distribution, {@link Method#EXACT_BINNED}, deal outcomes only
   */
  public static AmountDistribution binned(Currency currency, int dealCount, Money expected,
      Money binWidth, Money binningErrorBound, double[] pmf, double probabilityErrorBound) {
    return new AmountDistribution(Method.EXACT_BINNED, currency, dealCount,
        Collections.unmodifiableSet(EnumSet.of(UncertaintySource.DEAL_OUTCOMES)), expected,
        Money.zero(currency), binWidth, binningErrorBound, probabilityErrorBound, null, pmf,
        new long[0], 0, 0);
  }

  /**
   * Returns a Monte Carlo distribution, for the distribution engine ({@code
   * Distributions.monteCarlo} and {@code NewBusinessDistributions} in {@code pipeline-forecast}),
   * which draws its trials.
   *
   * @param currency the currency
   * @param dealCount the deals it is made of
   * @param simulation the settings the trials were drawn with
   * @param includes the sources of uncertainty the trials include
   * @param sortedTotals each trial's total in units of 10^-scale, ascending; not copied
   * @param scale the decimal scale of the totals
   * @param maxTotal the largest total possible (all deals won)
   * @return the distribution, {@link Method#MONTE_CARLO}
   */
  public static AmountDistribution sampled(Currency currency, int dealCount, Simulation simulation,
      Set<UncertaintySource> includes, long[] sortedTotals, int scale, long maxTotal) {
    int trials = sortedTotals.length;
    // exact sum of the totals (each is at most maxTotal, so a long overflows only past it)
    BigInteger big = BigInteger.ZERO;
    long partial = 0;
    for (long x : sortedTotals) {
      long s = partial + x;
      if (s < 0) {
        big = big.add(BigInteger.valueOf(partial));
        s = x;
      }
      partial = s;
    }
    big = big.add(BigInteger.valueOf(partial));
    BigDecimal meanUnits = new BigDecimal(big).divide(BigDecimal.valueOf(trials),
        MathContext.DECIMAL128);
    double standardErrorUnits;
    if (trials == 1) {
      // One trial says nothing about spread: report Popoviciu's bound on the standard deviation
      // of a total in [0, maxTotal], which no distribution of the total can exceed.
      standardErrorUnits = maxTotal / 2.0;
    } else {
      double mean = meanUnits.doubleValue();
      double[] squares = new double[trials];
      for (int t = 0; t < trials; t++) {
        double d = sortedTotals[t] - mean;
        squares[t] = d * d;
      }
      standardErrorUnits = Math.sqrt(Sums.of(squares) / (trials - 1) / trials);
    }
    return new AmountDistribution(Method.MONTE_CARLO, currency, dealCount, includes,
        money(meanUnits, scale, currency), money(new BigDecimal(standardErrorUnits), scale,
            currency), null, null, 0.0, simulation, new double[0], sortedTotals, scale, maxTotal);
  }

  private static Money money(BigDecimal units, int scale, Currency currency) {
    return rounded(units.movePointLeft(scale), currency, RoundingMode.HALF_EVEN);
  }

  /**
   * Rounds to the currency's minor unit (or to {@link Money#MAX_FRACTION_DIGITS} for a currency
   * without one) before making the Money, which refuses over-long fractions even when asked to
   * round.
   *
   * @param value the value
   * @param currency the currency
   * @param rounding how to round
   * @return the money
   */
  public static Money rounded(BigDecimal value, Currency currency, RoundingMode rounding) {
    int digits = currency.getDefaultFractionDigits();
    int scale = digits >= 0 ? digits : Money.MAX_FRACTION_DIGITS;
    return Money.of(value.setScale(scale, rounding), currency);
  }

  /**
   * Returns how this distribution was computed.
   *
   * @return the method
   */
  public Method method() {
    return method;
  }

  /**
   * Returns the currency of every amount in this result.
   *
   * @return the deals' currency
   */
  public Currency currency() {
    return currency;
  }

  /**
   * Returns the number of deals the distribution is of.
   *
   * @return n, at least 0
   */
  public int dealCount() {
    return dealCount;
  }

  /**
   * Returns the sources of uncertainty this distribution includes: {@link
   * UncertaintySource#DEAL_OUTCOMES} always; for Monte Carlo also the model uncertainty its
   * simulation asked for ({@link Simulation#includes()}); with new business also its own ({@code
   * NewBusinessDistributions}).
   *
   * @return an unmodifiable, non-empty set
   */
  public Set<UncertaintySource> includes() {
    return includes;
  }

  /**
   * Returns the expected amount won. Exact binned: sum p_i a_i of the unrounded amounts. Monte
   * Carlo: the mean of the trials' totals, including the model uncertainty simulated (which moves
   * each deal's mean probability towards 1/2; see {@link Simulation}). Rounded half-even to the
   * currency's minor unit.
   *
   * @return the expected amount; zero with no deals
   */
  public Money expected() {
    return expected;
  }

  /**
   * Returns the standard error of {@link #expected()}: zero for the exact method (no sampling);
   * for Monte Carlo the sample standard deviation over the square root of the trials (with one
   * trial: half the sum of all amounts, the most any standard deviation of the total can be).
   *
   * @return the standard error, rounded half-even to the minor unit
   */
  public Money expectedStandardError() {
    return expectedStandardError;
  }

  /**
   * Returns the q-quantile of the amount won: the smallest amount x with P(total &le; x) &ge; q.
   * Exact binned: a grid point (a multiple of the bin width), read with a slack of {@value
   * CountDistribution#QUANTILE_SLACK} on q. Monte Carlo: the sample's q-quantile, the trial total
   * of rank ceil(q &times; trials), where q is taken as its shortest decimal ({@code 0.1} is 1/10).
   *
   * @param q the level, in (0, 1]
   * @return the quantile
   * @throws IllegalArgumentException if q is not in (0, 1] (NaN included)
   */
  public Money quantile(double q) {
    CountDistribution.requireLevel(q);
    if (method == Method.EXACT_BINNED) {
      int k = CountDistribution.quantileIndex(cdf, q);
      return Money.of(requireBinWidth().amount().multiply(BigDecimal.valueOf(k)), currency);
    }
    return money(BigDecimal.valueOf(totals[rank(q) - 1]), scale, currency);
  }

  /** ceil(q * trials), in 1..trials. */
  private int rank(double q) {
    BigDecimal exact = BigDecimal.valueOf(q).multiply(BigDecimal.valueOf(totals.length));
    int rank = exact.setScale(0, RoundingMode.CEILING).intValueExact();
    return Math.max(1, Math.min(totals.length, rank));
  }

  /**
   * Returns a standard error of {@link #quantile(double)}: zero for the exact method; for Monte
   * Carlo half the width of the distribution-free order-statistic interval whose ranks are
   * q &times; trials &plusmn; sqrt(trials q (1 - q)), the binomial standard deviation of the
   * number of trials below the quantile (with one trial: half the sum of all amounts).
   *
   * @param q the level, in (0, 1]
   * @return the standard error, rounded half-even to the minor unit
   * @throws IllegalArgumentException if q is not in (0, 1] (NaN included)
   */
  public Money quantileStandardError(double q) {
    CountDistribution.requireLevel(q);
    if (method == Method.EXACT_BINNED) {
      return Money.zero(currency);
    }
    int trials = totals.length;
    if (trials == 1) {
      return money(BigDecimal.valueOf(maxTotal).divide(BigDecimal.valueOf(2)), scale, currency);
    }
    double centre = q * trials;
    double spread = Math.sqrt(trials * q * (1 - q));
    int lo = (int) Math.max(1, Math.min(trials, Math.floor(centre - spread)));
    int hi = (int) Math.max(1, Math.min(trials, Math.ceil(centre + spread)));
    BigDecimal halfWidth = BigDecimal.valueOf(totals[hi - 1] - totals[lo - 1])
        .divide(BigDecimal.valueOf(2));
    return money(halfWidth, scale, currency);
  }

  /**
   * Returns the 10% quantile, {@code quantile(0.1)}.
   *
   * @return the quantile
   */
  public Money p10() {
    return quantile(0.1);
  }

  /**
   * Returns the median, {@code quantile(0.5)}.
   *
   * @return the quantile
   */
  public Money p50() {
    return quantile(0.5);
  }

  /**
   * Returns the 90% quantile, {@code quantile(0.9)}.
   *
   * @return the quantile
   */
  public Money p90() {
    return quantile(0.9);
  }

  /**
   * Returns P(total &ge; target), the probability of reaching the target. Exact binned: the
   * probability that the rounded total reaches it (for the true total, widen the target by {@link
   * #binningErrorBound()} either way). Monte Carlo: the fraction of trials that reach it.
   *
   * @param target the target, in the deals' currency
   * @return the probability, in [0, 1]; 1 for a zero target
   * @throws IllegalArgumentException if target is in another currency
   * @throws NullPointerException if target is null
   */
  public double probabilityAtLeast(Money target) {
    BigDecimal t = requireSameCurrency(target);
    if (t.signum() <= 0) {
      return 1.0;
    }
    if (method == Method.EXACT_BINNED) {
      BigDecimal k = t.divide(requireBinWidth().amount(), 0, RoundingMode.CEILING);
      if (k.compareTo(BigDecimal.valueOf(tail.length - 1L)) > 0) {
        return 0.0;
      }
      return tail[k.intValueExact()];
    }
    BigDecimal units = t.movePointRight(scale).setScale(0, RoundingMode.CEILING);
    if (units.compareTo(BigDecimal.valueOf(maxTotal)) > 0) {
      return 0.0;
    }
    long threshold = units.longValueExact();
    int below = lowerBound(totals, threshold);
    return (double) (totals.length - below) / totals.length;
  }

  /** The number of sorted values below x. */
  private static int lowerBound(long[] sorted, long x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Returns the standard error of {@link #probabilityAtLeast(Money)}: zero for the exact method;
   * for Monte Carlo sqrt(P (1 - P) / trials), the binomial standard error (with one trial: 1/2,
   * the most it can be).
   *
   * @param target the target, in the deals' currency
   * @return the standard error, in [0, 1/2]
   * @throws IllegalArgumentException if target is in another currency
   * @throws NullPointerException if target is null
   */
  public double probabilityAtLeastStandardError(Money target) {
    double p = probabilityAtLeast(target);
    if (method == Method.EXACT_BINNED) {
      return 0.0;
    }
    return totals.length == 1 ? 0.5 : Math.sqrt(p * (1 - p) / totals.length);
  }

  /**
   * Returns the bin width of the exact grid.
   *
   * @return the bin width for {@link Method#EXACT_BINNED}; empty for Monte Carlo
   */
  public Optional<Money> binWidth() {
    return Optional.ofNullable(binWidth);
  }

  /**
   * Returns the bound on the binning error: for every outcome, |rounded total - true total| is at
   * most this amount (the sum of the deals' rounding errors, over deals with p_i &gt; 0; at most
   * their number times half the bin width). Zero when every amount is a multiple of the bin width.
   *
   * @return the bound for {@link Method#EXACT_BINNED}, rounded up to the minor unit; empty for
   *     Monte Carlo
   */
  public Optional<Money> binningErrorBound() {
    return Optional.ofNullable(binningErrorBound);
  }

  /**
   * Returns the bound on the numerical error of each grid point's probability (absolute; see
   * {@link CountDistribution#errorBound()}). Quantiles and tail probabilities are read from those
   * probabilities.
   *
   * @return the bound, at least 0; 0 for Monte Carlo (whose error is statistical: see the standard
   *     errors)
   */
  public double probabilityErrorBound() {
    return probabilityErrorBound;
  }

  /**
   * Returns the Monte Carlo settings: trials, seed and model uncertainty.
   *
   * @return the settings for {@link Method#MONTE_CARLO}; empty for the exact method
   */
  public Optional<Simulation> simulation() {
    return Optional.ofNullable(simulation);
  }

  private Money requireBinWidth() {
    return Objects.requireNonNull(binWidth, "binWidth"); // set for EXACT_BINNED
  }

  private BigDecimal requireSameCurrency(Money target) {
    Objects.requireNonNull(target, "target is null");
    if (!target.currency().equals(currency)) {
      throw new IllegalArgumentException("target " + target + " is not in "
          + currency.getCurrencyCode() + ", the distribution's currency");
    }
    return target.amount();
  }

  /**
   * Compares every field, the computed probabilities or the trials' totals included.
   *
   * @param other any object
   * @return whether other is the same distribution
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AmountDistribution that
        && method == that.method
        && currency.equals(that.currency)
        && dealCount == that.dealCount
        && includes.equals(that.includes)
        && expected.equals(that.expected)
        && expectedStandardError.equals(that.expectedStandardError)
        && Objects.equals(binWidth, that.binWidth)
        && Objects.equals(binningErrorBound, that.binningErrorBound)
        && Double.compare(probabilityErrorBound, that.probabilityErrorBound) == 0
        && Objects.equals(simulation, that.simulation)
        && Arrays.equals(pmf, that.pmf)
        && Arrays.equals(totals, that.totals)
        && scale == that.scale
        && maxTotal == that.maxTotal;
  }

  /**
   * Returns a hash of the method, expectation and computed values.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(method, expected, Arrays.hashCode(pmf), Arrays.hashCode(totals));
  }

  /**
   * Describes the distribution in one line: method, expectation, P10/P50/P90, what it includes and
   * how exact it is.
   *
   * @return the description
   */
  @Override
  public String toString() {
    String precision = method == Method.EXACT_BINNED
        ? "binWidth=" + binWidth + ", binningErrorBound=" + binningErrorBound
        : simulation + ", expectedStandardError=" + expectedStandardError;
    return "AmountDistribution[" + method + ", deals=" + dealCount + ", expected=" + expected
        + ", p10=" + p10() + ", p50=" + p50() + ", p90=" + p90() + ", includes=" + includes
        + ", " + precision + "]";
  }
}

package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.CountDistribution;
import dev.pipelinesdk.core.internal.Sums;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.core.forecast.UncertaintySource;
import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * The entry point of the distribution engine: the exact count distribution, and the amount
 * distribution binned-exact or by seeded Monte Carlo. Stateless; every method is safe to call from
 * any thread.
 *
 * <p>Which to use: {@link #binned(OpenDeals, Money)} when deals are independent with known
 * probabilities (exact on the grid, with a stated bound on the binning error);
 * {@link #monteCarlo(OpenDeals, Simulation)} when model uncertainty is to be included, or to
 * check the exact result. Both agree within their stated errors when the simulation has no model
 * uncertainty (a property test proves it).
 */
public final class Distributions {

  /**
   * The most bins an exact amount grid may have: {@value}. A grid this size takes tens of
   * megabytes during the FFT; choose a wider bin for larger pipelines.
   */
  public static final int MAX_BINS = 1 << 20;

  private Distributions() {}

  /**
   * Returns the exact distribution of how many deals are won (Poisson-binomial).
   *
   * @param probabilities each deal's win probability, in [0, 1]; not changed
   * @return the count distribution
   * @throws IllegalArgumentException naming the index and the value, if a probability is NaN or
   *     outside [0, 1]
   * @throws NullPointerException if probabilities is null
   */
  public static CountDistribution count(double... probabilities) {
    Objects.requireNonNull(probabilities, "probabilities is null");
    double[] p = probabilities.clone();
    for (int i = 0; i < p.length; i++) {
      OpenDeals.requireProbability(i, p[i]);
    }
    return countOf(p);
  }

  /**
   * Returns the exact distribution of how many of the deals are won (Poisson-binomial).
   *
   * @param deals the deals; only their probabilities matter
   * @return the count distribution
   * @throws NullPointerException if deals is null
   */
  public static CountDistribution count(OpenDeals deals) {
    return countOf(deals.probabilities());
  }

  /**
   * Returns the binned-exact distribution of the amount won: each amount is rounded (half up) to
   * a multiple of {@code binWidth}, and the distribution of the total of the rounded amounts is
   * computed exactly on that grid (FFT products, as for the count). See {@link AmountDistribution}
   * for what the result says and how exact it is.
   *
   * @param deals the deals
   * @param binWidth the grid step, positive, in the deals' currency
   * @return the distribution, {@link AmountDistribution.Method#EXACT_BINNED}
   * @throws IllegalArgumentException if binWidth is zero or in another currency, or if the grid
   *     would exceed {@link #MAX_BINS} bins (the message names a bin width that fits)
   * @throws NullPointerException if an argument is null
   */
  public static AmountDistribution binned(OpenDeals deals, Money binWidth) {
    Objects.requireNonNull(deals, "deals is null");
    Objects.requireNonNull(binWidth, "binWidth is null");
    requireCurrency("binWidth", binWidth, deals);
    BigDecimal width = binWidth.amount();
    if (width.signum() <= 0) {
      throw new IllegalArgumentException("binWidth must be positive, was " + binWidth);
    }
    int n = deals.size();
    double[] p = deals.probabilities();
    int[] bins = new int[n];
    long totalBins = 0;
    BigDecimal binningError = BigDecimal.ZERO;
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      BigDecimal amount = deals.amount(i).amount();
      total = total.add(amount);
      BigDecimal rounded = amount.divide(width, 0, RoundingMode.HALF_UP);
      if (rounded.compareTo(BigDecimal.valueOf(MAX_BINS)) > 0) {
        throw tooManyBins(binWidth, total, deals);
      }
      bins[i] = rounded.intValueExact();
      totalBins += bins[i];
      if (totalBins > MAX_BINS) {
        throw tooManyBins(binWidth, total, deals);
      }
      if (p[i] > 0) { // a deal that is never won never adds its rounding error
        binningError = binningError.add(amount.subtract(width.multiply(rounded)).abs());
      }
    }
    PolynomialProduct.Result product = PolynomialProduct.of(p, bins);
    return AmountDistribution.binned(deals.currency(), n, exactExpected(deals), binWidth,
        AmountDistribution.rounded(binningError, deals.currency(), RoundingMode.UP), product.pmf(),
        product.errorBound());
  }

  private static IllegalArgumentException tooManyBins(Money binWidth, BigDecimal partialTotal,
      OpenDeals deals) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Money a : deals.amounts()) {
      sum = sum.add(a.amount());
    }
    BigDecimal suggested = sum.divide(BigDecimal.valueOf(MAX_BINS / 2), MathContext.DECIMAL64);
    return new IllegalArgumentException("binWidth " + binWidth + " makes a grid of more than "
        + MAX_BINS + " bins for a total of " + sum.max(partialTotal).toPlainString() + " "
        + deals.currency().getCurrencyCode() + "; use a bin width of at least "
        + AmountDistribution.rounded(suggested, deals.currency(), RoundingMode.UP));
  }

  /**
   * Returns the Monte Carlo distribution of the amount won, run on the common fork-join pool. The
   * same deals and settings give the same result whatever the pool.
   *
   * @param deals the deals
   * @param simulation trials, seed and model uncertainty
   * @return the distribution, {@link AmountDistribution.Method#MONTE_CARLO}
   * @throws IllegalArgumentException if the total of all amounts, in the currency's minor units,
   *     does not fit a long
   * @throws NullPointerException if an argument is null
   */
  public static AmountDistribution monteCarlo(OpenDeals deals, Simulation simulation) {
    return monteCarlo(deals, simulation, ForkJoinPool.commonPool());
  }

  /**
   * Returns the Monte Carlo distribution of the amount won, run on the given pool: blocks of
   * trials are processed on as many of its threads as it has. The result depends only on the
   * deals and the settings, never on the pool or its parallelism.
   *
   * @param deals the deals
   * @param simulation trials, seed and model uncertainty
   * @param pool the pool that runs the trials; not shut down
   * @return the distribution, {@link AmountDistribution.Method#MONTE_CARLO}
   * @throws IllegalArgumentException if the total of all amounts, in the currency's minor units,
   *     does not fit a long
   * @throws NullPointerException if an argument is null
   */
  public static AmountDistribution monteCarlo(OpenDeals deals, Simulation simulation,
      ForkJoinPool pool) {
    Objects.requireNonNull(deals, "deals is null");
    Objects.requireNonNull(simulation, "simulation is null");
    Objects.requireNonNull(pool, "pool is null");
    Units u = units(deals);
    long[] totals = MonteCarlo.sortedTotals(deals.probabilities(), u.units(), simulation, pool);
    Set<UncertaintySource> includes = simulation.includes();
    return AmountDistribution.sampled(deals.currency(), deals.size(), simulation, includes, totals,
        u.scale(), u.sum());
  }

  /**
   * Returns the Monte Carlo run of {@link #monteCarlo(OpenDeals, Simulation)} cut into its blocks
   * of trials, to draw them in separate tasks or on separate machines and put them together into
   * exactly the distribution {@code monteCarlo} gives for the same deals and settings.
   *
   * @param deals the deals
   * @param simulation trials, seed and model uncertainty
   * @return the run's blocks, not drawn yet
   * @throws IllegalArgumentException if the total of all amounts, in the currency's minor units,
   *     does not fit a long
   * @throws NullPointerException if an argument is null
   */
  public static TrialBlocks trialBlocks(OpenDeals deals, Simulation simulation) {
    Objects.requireNonNull(deals, "deals is null");
    Objects.requireNonNull(simulation, "simulation is null");
    Units u = units(deals);
    return new TrialBlocks(deals.currency(), deals.probabilities(), u.units(), u.scale(), u.sum(),
        simulation);
  }

  /** The amounts in integer units of 10^-scale, and their sum. */
  private record Units(long[] units, int scale, long sum) {}

  private static Units units(OpenDeals deals) {
    int n = deals.size();
    int scale = Math.max(0, deals.currency().getDefaultFractionDigits());
    for (Money a : deals.amounts()) {
      scale = Math.max(scale, a.amount().scale()); // currencies without a fraction-digit rule
    }
    long[] units = new long[n];
    long sum = 0;
    for (int i = 0; i < n; i++) {
      try {
        units[i] = deals.amount(i).amount().movePointRight(scale).longValueExact();
        sum = Math.addExact(sum, units[i]);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("deal " + i + ": amount " + deals.amount(i)
            + " brings the total beyond " + Long.MAX_VALUE + " units of 10^-" + scale
            + "; Monte Carlo needs the total in a long", e);
      }
    }
    return new Units(units, scale, sum);
  }

  /** sum p_i a_i, with p_i's exact binary value, rounded half-even to the currency. */
  private static Money exactExpected(OpenDeals deals) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < deals.size(); i++) {
      double p = deals.probability(i);
      if (p > 0) {
        sum = sum.add(new BigDecimal(p).multiply(deals.amount(i).amount(), MathContext.DECIMAL128));
      }
    }
    return AmountDistribution.rounded(sum, deals.currency(), RoundingMode.HALF_EVEN);
  }

  static void requireCurrency(String name, Money money, OpenDeals deals) {
    if (!money.currency().equals(deals.currency())) {
      throw new IllegalArgumentException(name + " " + money + " is not in "
          + deals.currency().getCurrencyCode() + ", the deals' currency");
    }
  }

  /** The Poisson-binomial distribution by the FFT product (deals with p = 0 dropped, padded). */
  private static CountDistribution countOf(double[] probabilities) {
    int[] ones = new int[probabilities.length];
    Arrays.fill(ones, 1);
    PolynomialProduct.Result product = PolynomialProduct.of(probabilities, ones);
    double[] pmf = Arrays.copyOf(product.pmf(), probabilities.length + 1);
    double[] variances = new double[probabilities.length];
    for (int i = 0; i < probabilities.length; i++) {
      variances[i] = probabilities[i] * (1.0 - probabilities[i]);
    }
    return CountDistribution.of(pmf, Sums.of(probabilities), Sums.of(variances),
        product.errorBound());
  }
}

package dev.pipelinesdk.benchmarks.forecast;

import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.CountDistribution;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.core.forecast.Simulation;
import java.math.BigDecimal;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Forecasting {@link ForecastData#OPEN_DEALS} open deals ({@link ForecastData#open}: the default
 * model's probabilities of a win within 90 days and the deals' amounts): the exact count
 * distribution, the revenue distribution by {@link ForecastData#TRIALS}-trial Monte Carlo, and the
 * hand-written {@link BernoulliLoop} doing the same draws and sums.
 *
 * <ul>
 *   <li><b>exactCount</b>: {@code Distributions.count(deals)}, the Poisson-binomial distribution of
 *       the number won (FFT divide and conquer).
 *   <li><b>monteCarlo</b>: {@code Distributions.monteCarlo(deals, Simulation.of(10000, seed))} on
 *       the common fork-join pool (the machine's cores), from the {@code OpenDeals} value to the
 *       {@code AmountDistribution} (amounts to cents, the trials, the sort, mean and standard
 *       error).
 *   <li><b>monteCarloOneThread</b>: the same on a one-thread pool.
 *   <li><b>loop</b>, <b>loopParallel</b>: {@link BernoulliLoop} on one thread and on the common
 *       pool: the same draws over primitive arrays, the totals sorted.
 * </ul>
 *
 * <p>{@link Deals#setUp} checks that ours and the loop give identical quantiles and mean.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ForecastDistributionBenchmark {

  /** The open deals; made once per fork, not timed. */
  @State(Scope.Benchmark)
  public static class Deals {
    ForecastData.Open open;
    Simulation simulation;
    ForkJoinPool oneThread;

    /**
     * Makes the open deals (generates the histories, fits and forecasts) and checks that the
     * contenders agree.
     *
     * @throws IllegalStateException if they do not
     */
    @Setup(Level.Trial)
    public void setUp() {
      prepare(ForecastData.open(ForecastData.histories(ForecastData.HISTORIES),
          ForecastData.OPEN_DEALS));
    }

    /**
     * Takes these open deals and checks that the contenders agree on them.
     *
     * @param deals the open deals
     * @throws IllegalStateException if the contenders disagree
     */
    void prepare(ForecastData.Open deals) {
      open = deals;
      simulation = Simulation.of(ForecastData.TRIALS, ForecastData.SEED);
      oneThread = new ForkJoinPool(1);
      check(this);
    }

    /** Shuts the one-thread pool down. */
    @TearDown(Level.Trial)
    public void tearDown() {
      oneThread.shutdown();
    }
  }

  /**
   * Throws unless ours (both pools) and the loop (both ways) give the same P10, P50, P90 and mean.
   *
   * @param d the deals
   */
  static void check(Deals d) {
    long[] loop = loop(d);
    String expected = summary(loop);
    require(expected, summary(monteCarlo(d)), "ours (common pool)");
    require(expected, summary(monteCarloOneThread(d)), "ours (one thread)");
    require(expected, summary(loopParallel(d)), "loop (common pool)");
  }

  private static void require(String expected, String actual, String who) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(who + " disagrees with the loop: " + actual + " vs "
          + expected);
    }
  }

  /** P10, P50, P90 and mean of sorted totals in cents, as ours reports them. */
  static String summary(long[] sortedCents) {
    int n = sortedCents.length;
    BigDecimal sum = BigDecimal.ZERO;
    for (long x : sortedCents) {
      sum = sum.add(BigDecimal.valueOf(x));
    }
    return cents(sortedCents[rank(0.1, n) - 1]) + "/" + cents(sortedCents[rank(0.5, n) - 1]) + "/"
        + cents(sortedCents[rank(0.9, n) - 1]) + "/" + sum.movePointLeft(2)
        .divide(BigDecimal.valueOf(n), 2, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }

  static String summary(AmountDistribution a) {
    return a.p10().amount().toPlainString() + "/" + a.p50().amount().toPlainString() + "/"
        + a.p90().amount().toPlainString() + "/" + a.expected().amount().toPlainString();
  }

  private static String cents(long c) {
    return BigDecimal.valueOf(c).movePointLeft(2).toPlainString();
  }

  private static int rank(double q, int n) {
    return Math.max(1, Math.min(n, (int) Math.ceil(BigDecimal.valueOf(q)
        .multiply(BigDecimal.valueOf(n)).doubleValue())));
  }

  /**
   * The exact count distribution.
   *
   * @param d the deals
   * @return the distribution
   */
  @Benchmark
  public static CountDistribution exactCount(Deals d) {
    return Distributions.count(d.open.deals());
  }

  /**
   * The revenue distribution, common pool.
   *
   * @param d the deals
   * @return the distribution
   */
  @Benchmark
  public static AmountDistribution monteCarlo(Deals d) {
    return Distributions.monteCarlo(d.open.deals(), d.simulation);
  }

  /**
   * The revenue distribution, one thread.
   *
   * @param d the deals
   * @return the distribution
   */
  @Benchmark
  public static AmountDistribution monteCarloOneThread(Deals d) {
    return Distributions.monteCarlo(d.open.deals(), d.simulation, d.oneThread);
  }

  /**
   * The hand-written loop, one thread.
   *
   * @param d the deals
   * @return the sorted totals in cents
   */
  @Benchmark
  public static long[] loop(Deals d) {
    return BernoulliLoop.sortedTotals(d.open.probabilities(), d.open.cents(), ForecastData.TRIALS,
        ForecastData.SEED);
  }

  /**
   * The hand-written loop on the common pool.
   *
   * @param d the deals
   * @return the sorted totals in cents
   */
  @Benchmark
  public static long[] loopParallel(Deals d) {
    return BernoulliLoop.sortedTotals(d.open.probabilities(), d.open.cents(), ForecastData.TRIALS,
        ForecastData.SEED, ForkJoinPool.commonPool());
  }
}

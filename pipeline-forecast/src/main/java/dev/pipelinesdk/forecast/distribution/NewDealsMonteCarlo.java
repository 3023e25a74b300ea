package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.forecast.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.apache.commons.math3.special.Gamma;

/**
 * Seeded, parallel Monte Carlo of what new deals win, split into work exactly as {@link
 * MonteCarlo} splits the open deals' trials: blocks of {@link MonteCarlo#BLOCK} trials, block b's
 * generator the b-th {@link SplittableRandom#split()} of a root made in order on the calling
 * thread, each block writing only its own slots. The root is seeded with the simulation's seed
 * XOR {@link #SALT}, so new business draws numbers of its own, independent of the open deals'
 * (which use the seed itself), and the result depends only on the seed.
 *
 * <p>A trial draws the rate lambda from its Gamma posterior, then the number of new deals won,
 * K ~ Poisson(lambda H w) with w the share won within the horizon, then K amounts. That is the
 * process {@link NewDeals} describes (N ~ Poisson(lambda H) deals created uniformly, each kept
 * with F_won of its age at the horizon's end), drawn by Poisson thinning: the kept points of a
 * Poisson process are a Poisson process with intensity lambda F_won(H - x), so their number is
 * Poisson(lambda integral_0^H F_won(H - x) dx), and which of them are kept says nothing about
 * their amounts. A test compares the two ways. Thinning costs a trial O(1 + K) instead of
 * O(N), which matters when thousands of deals arrive per horizon and few are won in it.
 */
final class NewDealsMonteCarlo {
  /** Separates new business's random numbers from the open deals': the first 64 bits of pi. */
  static final long SALT = 0x243F6A8885A308D3L;

  private NewDealsMonteCarlo() {}

  /**
   * Simulates the amount new deals win in every trial.
   *
   * @param deals the process
   * @param units the amounts, in integer units of the result's scale
   * @return each trial's total in units, trial 0 first
   * @throws IllegalArgumentException if a trial's total does not fit a long
   */
  static long[] totals(NewDeals deals, long[] units, Simulation simulation, ForkJoinPool pool) {
    int trials = simulation.trials();
    long shape = deals.arrivals();
    // won deals per unit of the Gamma(shape, 1) draw: lambda = draw / exposure, mean = lambda H w
    double perDraw = NewDeals.days(deals.horizon()) * deals.wonWithinHorizonShare()
        / NewDeals.days(deals.exposure());
    long[] totals = new long[trials];
    int blocks = (trials + MonteCarlo.BLOCK - 1) / MonteCarlo.BLOCK;
    SplittableRandom root = new SplittableRandom(simulation.seed() ^ SALT);
    List<ForkJoinTask<?>> tasks = new ArrayList<>(blocks);
    for (int b = 0; b < blocks; b++) {
      SplittableRandom random = root.split();
      int from = b * MonteCarlo.BLOCK;
      int to = Math.min(trials, from + MonteCarlo.BLOCK);
      tasks.add(pool.submit(() -> {
        for (int t = from; t < to; t++) {
          long total = 0;
          if (shape > 0 && perDraw > 0) {
            long won = poisson(random, gamma(random, shape) * perDraw);
            for (long k = 0; k < won; k++) {
              total = add(total, units[random.nextInt(units.length)]);
            }
          }
          totals[t] = total;
        }
      }));
    }
    for (ForkJoinTask<?> task : tasks) {
      task.join();
    }
    return totals;
  }

  static long add(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a trial's total is beyond " + Long.MAX_VALUE
          + " minor units; Monte Carlo needs it in a long", e);
    }
  }

  /**
   * A Gamma(shape, 1) draw by Marsaglia and Tsang's method (ACM TOMS 26(3), 2000), for shape at
   * least 1.
   */
  static double gamma(SplittableRandom random, double shape) {
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x;
      double v;
      do {
        x = random.nextGaussian();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      double u = random.nextDouble();
      double x2 = x * x;
      if (u < 1.0 - 0.0331 * x2 * x2
          || Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /**
   * A Poisson(mean) draw: inversion by sequential search below a mean of 10, Hormann's
   * transformed rejection with squeeze (PTRS, Insurance: Mathematics and Economics 12, 1993) from
   * 10 on, as numpy draws them.
   */
  static long poisson(SplittableRandom random, double mean) {
    if (mean < 10) {
      double u = random.nextDouble();
      double p = Math.exp(-mean);
      double cdf = p;
      long k = 0;
      while (u > cdf && p > 0) { // p reaches 0 only far in the tail, where cdf is 1 anyway
        k++;
        p *= mean / k;
        cdf += p;
      }
      return k;
    }
    double slam = Math.sqrt(mean);
    double logMean = Math.log(mean);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || us < 0.013 && v > us) {
        continue;
      }
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
          <= -mean + k * logMean - Gamma.logGamma(k + 1.0)) {
        return k;
      }
    }
  }
}

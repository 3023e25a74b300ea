package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.forecast.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Seeded, parallel Monte Carlo of the won total. Trials are cut into blocks of {@link #BLOCK}
 * trials; block b's generator is the b-th {@link SplittableRandom#split()} of the seed's root,
 * made in order on the calling thread, and block b writes only its own slots. So every trial sees
 * the same random numbers whichever thread runs it, and the result depends only on the seed.
 * {@link TrialBlocks} draws single blocks with the same generators, elsewhere.
 */
final class MonteCarlo {

  /** Trials per block: the unit of work and of reproducibility. */
  static final int BLOCK = 4096;

  private MonteCarlo() {}

  /**
   * Simulates the won total of every trial.
   *
   * @param p win probabilities
   * @param units amounts in integer units; their sum fits a long
   * @return the total of each trial, in units, sorted ascending
   */
  static long[] sortedTotals(double[] p, long[] units, Simulation simulation, ForkJoinPool pool) {
    long[] totals = totals(p, units, simulation, pool);
    java.util.Arrays.sort(totals);
    return totals;
  }

  /**
   * Simulates the won total of every trial, in trial order: trial t's total is the same as in
   * {@link #sortedTotals} before sorting, so another simulation can be added trial by trial.
   *
   * @param p win probabilities
   * @param units amounts in integer units; their sum fits a long
   * @return the total of each trial, in units, trial 0 first
   */
  static long[] totals(double[] p, long[] units, Simulation simulation, ForkJoinPool pool) {
    int trials = simulation.trials();
    double[] logit = logits(p);
    long[] totals = new long[trials];
    int blocks = blocks(trials);
    SplittableRandom root = new SplittableRandom(simulation.seed());
    List<ForkJoinTask<?>> tasks = new ArrayList<>(blocks);
    for (int b = 0; b < blocks; b++) {
      SplittableRandom random = root.split();
      int from = b * BLOCK;
      int to = Math.min(trials, from + BLOCK);
      tasks.add(pool.submit(() -> block(p, logit, units, simulation, random, totals, from, to)));
    }
    for (ForkJoinTask<?> task : tasks) {
      task.join();
    }
    return totals;
  }

  /** {@return how many blocks a run of this many trials has} */
  static int blocks(int trials) {
    return (trials + BLOCK - 1) / BLOCK;
  }

  /**
   * {@return block b's generator: the b-th split of the seed's root, as {@link #totals} makes
   * them in order}
   */
  static SplittableRandom blockRandom(long seed, int block) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom random = root.split();
    for (int b = 0; b < block; b++) {
      random = root.split();
    }
    return random;
  }

  /** {@return the log-odds of each probability: +-infinity at 0 and 1, never used there} */
  static double[] logits(double[] p) {
    double[] logit = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      logit[i] = Math.log(p[i]) - Math.log1p(-p[i]);
    }
    return logit;
  }

  /**
   * Draws trials {@code from} to {@code to} (exclusive) with one block's generator into their
   * slots of {@code totals}.
   */
  static void block(double[] p, double[] logit, long[] units, Simulation simulation,
      SplittableRandom random, long[] totals, int from, int to) {
    double sigma = simulation.sharedLogitSd();
    double tau = simulation.dealLogitSd();
    boolean noisy = sigma > 0 || tau > 0;
    for (int t = from; t < to; t++) {
      double shift = sigma > 0 ? sigma * random.nextGaussian() : 0.0;
      long total = 0;
      for (int i = 0; i < p.length; i++) {
        double q = p[i];
        if (noisy && q > 0.0 && q < 1.0) {
          double x = logit[i] + shift + (tau > 0 ? tau * random.nextGaussian() : 0.0);
          q = 1.0 / (1.0 + Math.exp(-x));
        }
        // nextDouble is in [0, 1): p = 1 always wins. Branch-free on purpose: with many
        // probabilities near 1/2 an if-statement mispredicts about every other deal (JMH,
        // 100k deals x 10k trials: see BENCHMARKS.md)
        // won exactly when u < q, that is when u - q is negative: its sign bit, as a mask
        total += units[i] & -(Double.doubleToRawLongBits(random.nextDouble() - q) >>> 63);
      }
      totals[t] = total;
    }
  }
}

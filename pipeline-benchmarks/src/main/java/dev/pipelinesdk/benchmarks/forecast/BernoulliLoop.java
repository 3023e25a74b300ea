package dev.pipelinesdk.benchmarks.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The hand-written baseline of the revenue distribution: primitive arrays, one Bernoulli draw per
 * deal and trial ({@code nextDouble() < p_i}), the won cents summed per trial, the totals sorted.
 * No {@code Money}, no checks, no result object.
 *
 * <p>It draws the same random numbers as the library's Monte Carlo (blocks of {@link #BLOCK}
 * trials, block b's generator the b-th {@link SplittableRandom#split()} of the seed's root), so
 * its totals are identical to ours, which the benchmark's setup checks; the work timed is the
 * same work.
 */
public final class BernoulliLoop {
  /** Trials per block, as the library's Monte Carlo cuts them. */
  static final int BLOCK = 4096;

  private BernoulliLoop() {}

  /**
   * One thread.
   *
   * @param p the win probabilities
   * @param cents the amounts in cents
   * @param trials the number of trials
   * @param seed the seed
   * @return every trial's total in cents, ascending
   */
  public static long[] sortedTotals(double[] p, long[] cents, int trials, long seed) {
    long[] totals = new long[trials];
    SplittableRandom root = new SplittableRandom(seed);
    for (int from = 0; from < trials; from += BLOCK) {
      block(p, cents, totals, from, Math.min(trials, from + BLOCK), root.split());
    }
    Arrays.sort(totals);
    return totals;
  }

  /**
   * The blocks on a pool's threads, as the library runs them.
   *
   * @param p the win probabilities
   * @param cents the amounts in cents
   * @param trials the number of trials
   * @param seed the seed
   * @param pool the pool
   * @return every trial's total in cents, ascending
   */
  public static long[] sortedTotals(double[] p, long[] cents, int trials, long seed,
      ForkJoinPool pool) {
    long[] totals = new long[trials];
    SplittableRandom root = new SplittableRandom(seed);
    List<ForkJoinTask<?>> tasks = new ArrayList<>();
    for (int from = 0; from < trials; from += BLOCK) {
      SplittableRandom random = root.split();
      int start = from;
      int end = Math.min(trials, from + BLOCK);
      tasks.add(pool.submit(() -> block(p, cents, totals, start, end, random)));
    }
    for (ForkJoinTask<?> t : tasks) {
      t.join();
    }
    Arrays.sort(totals);
    return totals;
  }

  private static void block(double[] p, long[] cents, long[] totals, int from, int to,
      SplittableRandom random) {
    int n = p.length;
    for (int t = from; t < to; t++) {
      long total = 0;
      for (int i = 0; i < n; i++) {
        if (random.nextDouble() < p[i]) {
          total += cents[i];
        }
      }
      totals[t] = total;
    }
  }
}

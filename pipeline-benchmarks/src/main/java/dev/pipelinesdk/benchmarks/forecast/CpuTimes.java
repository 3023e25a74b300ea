package dev.pipelinesdk.benchmarks.forecast;

import dev.pipelinesdk.benchmarks.metrics.Histories;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.model.CompetingRisksModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * CPU seconds of ours, next to JMH's wall-clock times: on a shared machine the CPU time a piece of
 * work takes moves much less with the load than its wall-clock time, and R and numpy report theirs
 * too. Not JMH: each is run {@link #RUNS} times after {@link #WARMUPS} warm-up runs in this JVM
 * and the median kept. One-thread work is measured with the thread's CPU time; work on the common
 * pool with the process's (all threads, GC and JIT included, as numpy's {@code process_time}).
 */
final class CpuTimes {
  static final int WARMUPS = 1;
  static final int RUNS = 3;

  private CpuTimes() {}

  /** Median CPU seconds of the fit, the Monte Carlo (both pools) and the one-thread loop. */
  record Result(double fit, double monteCarlo, double monteCarloOneThread, double loop) {}

  static Result measure(boolean quick) {
    int warmups = quick ? 1 : WARMUPS;
    int runs = quick ? 1 : RUNS;
    List<DealHistory> histories = ForecastData.histories(ForecastData.HISTORIES);
    CompetingRisksModel model = new CompetingRisksModel();
    double fit = median(thread(() -> model.fit(ForecastData.definition(), histories,
        Histories.AS_OF), warmups, runs));
    ForecastData.Open open = ForecastData.open(histories, ForecastData.OPEN_DEALS);
    Simulation simulation = Simulation.of(ForecastData.TRIALS, ForecastData.SEED);
    double mc = median(process(() -> Distributions.monteCarlo(open.deals(), simulation), warmups,
        runs));
    ForkJoinPool one = new ForkJoinPool(1);
    double mc1;
    try {
      mc1 = median(process(() -> Distributions.monteCarlo(open.deals(), simulation, one), warmups,
          runs));
    } finally {
      one.shutdown();
    }
    double loop = median(thread(() -> BernoulliLoop.sortedTotals(open.probabilities(),
        open.cents(), ForecastData.TRIALS, ForecastData.SEED), warmups, runs));
    return new Result(fit, mc, mc1, loop);
  }

  private static double[] thread(Supplier<?> work, int warmups, int runs) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] s = new double[runs];
    for (int i = 0; i < warmups + runs; i++) {
      long t0 = mx.getCurrentThreadCpuTime();
      Object keep = work.get();
      long t1 = mx.getCurrentThreadCpuTime();
      if (keep == null) {
        throw new IllegalStateException("no result");
      }
      if (i >= warmups) {
        s[i - warmups] = (t1 - t0) / 1e9;
      }
    }
    return s;
  }

  private static double[] process(Supplier<?> work, int warmups, int runs) {
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    double[] s = new double[runs];
    for (int i = 0; i < warmups + runs; i++) {
      long t0 = os.getProcessCpuTime();
      Object keep = work.get();
      long t1 = os.getProcessCpuTime();
      if (keep == null) {
        throw new IllegalStateException("no result");
      }
      if (i >= warmups) {
        s[i - warmups] = (t1 - t0) / 1e9;
      }
    }
    return s;
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}

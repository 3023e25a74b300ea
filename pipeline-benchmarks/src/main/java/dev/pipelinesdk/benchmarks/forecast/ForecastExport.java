package dev.pipelinesdk.benchmarks.forecast;

import dev.pipelinesdk.benchmarks.metrics.Histories;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.model.CompetingRisksModel;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the forecast benchmarks' data for the peers ({@code peers/run-forecast-peers.sh}): the
 * stage visits of the 1,000,000 histories the fit benchmark fits, our estimate of each stage (for
 * R's agreement check), and the 100,000 open deals of the distribution benchmark. All binary,
 * little-endian, so R ({@code readBin}) and numpy ({@code fromfile}) read exactly the values Java
 * has:
 *
 * <ul>
 *   <li>{@code stages.csv}: {@code stage,visits,steps} per open stage with visits, in the
 *       definition's order; file names below use the stage id.
 *   <li>{@code visits-STAGE.i32}: {@code visits} int32 durations in whole seconds, then {@code
 *       visits} int32 outcomes (0 censored, 1 won, 2 lost or gone dark). Time in days is seconds /
 *       86400, as the model computes it.
 *   <li>{@code ours-STAGE.f64}: our fit of the stage ({@code CompetingRisksModel.fit} over the
 *       histories): {@code steps} float64 event times in days, then the survival after each, then
 *       the cumulative incidence of a win at each.
 *   <li>{@code deals-p.f64}, {@code deals-cents.i64}: the open deals' probabilities and amounts in
 *       cents.
 *   <li>{@code ours-mc.csv}: our 10,000-trial revenue distribution of them (P10, P50, P90, mean
 *       in euros) and the exact expectation, for the peers' sanity check.
 * </ul>
 *
 * <p>Before writing, the visits re-derived by {@link ForecastData#visits} are checked against the
 * model's own fit (same count and longest visit per stage); R then checks the estimates.
 *
 * <p>Arguments: {@code --dir DIR} (required), {@code --deals N} (histories, default 1,000,000).
 */
public final class ForecastExport {
  private ForecastExport() {}

  /**
   * Writes the files.
   *
   * @param args see the class documentation
   * @throws IOException if writing fails
   */
  public static void main(String[] args) throws IOException {
    Path dir = null;
    int deals = ForecastData.HISTORIES;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir":
          dir = Path.of(args[++i]);
          break;
        case "--deals":
          deals = Integer.parseInt(args[++i].replace("_", ""));
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]
              + "; use --dir DIR [--deals N]");
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("--dir DIR is required");
    }
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    List<DealHistory> histories = ForecastData.histories(deals);
    System.out.printf(Locale.ROOT, "generated %,d histories in %.1f s%n", histories.size(),
        (System.nanoTime() - t0) / 1e9);
    t0 = System.nanoTime();
    Map<StageId, CompetingRisksModel.Incidence> fit = new CompetingRisksModel()
        .fit(ForecastData.definition(), histories, Histories.AS_OF);
    System.out.printf(Locale.ROOT, "fitted in %.2f s (one cold run, not the benchmark)%n",
        (System.nanoTime() - t0) / 1e9);
    Map<StageId, ForecastData.Visits> visits = ForecastData.visits(histories,
        Histories.AS_OF_SECONDS);
    if (!visits.keySet().equals(fit.keySet())) {
      throw new IllegalStateException("stages with visits differ: " + visits.keySet() + " vs "
          + fit.keySet());
    }
    StringBuilder stages = new StringBuilder("stage,visits,steps\n");
    for (ForecastData.Visits v : visits.values()) {
      CompetingRisksModel.Incidence inc = fit.get(v.stage());
      int longest = 0;
      for (int s : v.seconds()) {
        longest = Math.max(longest, s);
      }
      if (inc.visits() != v.size() || inc.longest() != longest / 86_400.0) {
        throw new IllegalStateException(v.stage() + ": the model fit " + inc.visits()
            + " visits (longest " + inc.longest() + " days), the export has " + v.size()
            + " (longest " + longest / 86_400.0 + ")");
      }
      String name = v.stage().value();
      ByteBuffer b = buffer(8L * v.size());
      b.asIntBuffer().put(v.seconds()).put(v.outcomes());
      write(dir.resolve("visits-" + name + ".i32"), b);
      int steps = inc.times().length;
      ByteBuffer o = buffer(24L * steps);
      o.asDoubleBuffer().put(inc.times()).put(inc.survival()).put(inc.wonIncidence());
      write(dir.resolve("ours-" + name + ".f64"), o);
      stages.append(name).append(',').append(v.size()).append(',').append(steps).append('\n');
      System.out.printf(Locale.ROOT, "  %-14s %,10d visits, %,10d event times%n", name, v.size(),
          steps);
    }
    Files.writeString(dir.resolve("stages.csv"), stages, StandardCharsets.UTF_8);

    ForecastData.Open open = ForecastData.open(histories, ForecastData.OPEN_DEALS);
    histories = null; // let the histories go before the simulation
    ByteBuffer p = buffer(8L * open.probabilities().length);
    p.asDoubleBuffer().put(open.probabilities());
    write(dir.resolve("deals-p.f64"), p);
    ByteBuffer c = buffer(8L * open.cents().length);
    c.asLongBuffer().put(open.cents());
    write(dir.resolve("deals-cents.i64"), c);
    AmountDistribution mc = Distributions.monteCarlo(open.deals(),
        Simulation.of(ForecastData.TRIALS, ForecastData.SEED));
    BigDecimal exact = BigDecimal.ZERO;
    for (int i = 0; i < open.cents().length; i++) {
      exact = exact.add(new BigDecimal(open.probabilities()[i])
          .multiply(open.amounts()[i], MathContext.DECIMAL128));
    }
    Files.writeString(dir.resolve("ours-mc.csv"), "deals,trials,seed,p10,p50,p90,mean,"
        + "mean_standard_error,exact_expected\n" + open.cents().length + "," + ForecastData.TRIALS
        + "," + ForecastData.SEED + "," + mc.p10().amount().toPlainString() + ","
        + mc.p50().amount().toPlainString() + "," + mc.p90().amount().toPlainString() + ","
        + mc.expected().amount().toPlainString() + ","
        + mc.expectedStandardError().amount().toPlainString() + ","
        + exact.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() + "\n",
        StandardCharsets.UTF_8);
    long positive = java.util.Arrays.stream(open.probabilities()).filter(x -> x > 0).count();
    System.out.printf(Locale.ROOT, "%,d open deals (%,d with p > 0), expected %s EUR, Monte Carlo"
        + " P10/P50/P90 %s / %s / %s EUR%nwrote %s%n", open.cents().length, positive,
        exact.setScale(0, java.math.RoundingMode.HALF_EVEN).toPlainString(),
        mc.p10().amount().toPlainString(), mc.p50().amount().toPlainString(),
        mc.p90().amount().toPlainString(), dir.toAbsolutePath());
  }

  private static ByteBuffer buffer(long bytes) {
    return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void write(Path file, ByteBuffer b) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      b.rewind();
      while (b.hasRemaining()) {
        ch.write(b);
      }
    }
  }
}

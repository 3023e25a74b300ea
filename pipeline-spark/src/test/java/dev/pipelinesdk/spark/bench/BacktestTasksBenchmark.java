package dev.pipelinesdk.spark.bench;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.ForecastModels;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.examples.SyntheticHistories;
import dev.pipelinesdk.forecast.backtest.Backtest;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.ForecastOptions;
import dev.pipelinesdk.spark.PipelineEncoders;
import dev.pipelinesdk.spark.PipelineHistory;
import dev.pipelinesdk.spark.SparkPipelines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * {@code SparkPipelines.backtests} (one task per pipeline and cutoff, each interval's trials in
 * blocks across tasks) against the whole backtest of a pipeline in one task ({@code
 * Backtest.runCalibrated} in a group per pipeline, as {@code backtests} did before), over
 * synthetic {@code saas-b2b} histories in local mode, the CLI's defaults (self-calibrated
 * competing risks, 20,000 trials), 8 cutoffs 25 days apart from day 120. The answers are
 * compared first. Not a test and not part of {@code mvn verify}:
 *
 * <pre>
 * mvn -q -pl pipeline-spark exec:exec -Dspark.main=dev.pipelinesdk.spark.bench.BacktestTasksBenchmark \
 *     -Dspark.args="PIPELINES DEALS_PER_PIPELINE RUNS"
 * </pre>
 *
 * (defaults 1, 10000 and 3). Each run times both ways in turn; the first run includes warm-up.
 */
public final class BacktestTasksBenchmark {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration HORIZON = Duration.ofDays(30);

  private BacktestTasksBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args pipelines, deals per pipeline, runs
   */
  public static void main(String[] args) {
    int pipelines = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int deals = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("backtest tasks")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    try {
      List<PipelineHistory> rows = new ArrayList<>();
      Definitions.Builder definitions = Definitions.builder();
      for (int t = 0; t < pipelines; t++) {
        String key = "t" + t;
        definitions.template(key, "saas-b2b");
        SyntheticHistories.generate(deals, 30 + t, START, Instant.parse("2026-12-31T00:00:00Z"),
            n -> { }).forEach(h -> rows.add(new PipelineHistory(key, h)));
      }
      List<Instant> cutoffs = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        cutoffs.add(START.plus(Duration.ofDays(120 + 25L * k)));
      }
      SparkPipelines ours = SparkPipelines.of(spark, definitions.build());
      Dataset<PipelineHistory> histories = spark.createDataset(rows,
          PipelineEncoders.pipelineHistories()).persist();
      System.out.printf(Locale.ROOT, "%d pipelines x %d deals (%d histories), %d cutoffs,"
          + " shuffle partitions %s%n", pipelines, deals, histories.count(), cutoffs.size(),
          spark.conf().get("spark.sql.shuffle.partitions"));
      for (int run = 0; run < runs; run++) {
        long t0 = System.nanoTime();
        Map<String, Backtest.Result> spread = new HashMap<>();
        ours.backtests(histories, cutoffs, ForecastOptions.of(HORIZON)).results().collectAsList()
            .forEach(t -> spread.put(t._1(), t._2()));
        long t1 = System.nanoTime();
        Map<String, Backtest.Result> whole = new HashMap<>();
        oneTaskPerPipeline(histories, cutoffs).forEach(t -> whole.put(t._1(), t._2()));
        long t2 = System.nanoTime();
        if (!spread.equals(whole) || spread.size() != pipelines) {
          throw new IllegalStateException("the two ways differ");
        }
        System.out.printf(Locale.ROOT, "run %d: a task per cutoff %.1f s, a task per pipeline"
            + " %.1f s (equal)%n", run, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
      }
    } finally {
      spark.stop();
    }
  }

  /** The backtest of each pipeline in one task, as {@code backtests} ran it before. */
  private static List<Tuple2<String, Backtest.Result>> oneTaskPerPipeline(
      Dataset<PipelineHistory> histories, List<Instant> cutoffs) {
    return histories.groupByKey((MapFunction<PipelineHistory, String>) PipelineHistory::pipeline,
        Encoders.STRING())
        .mapGroups((MapGroupsFunction<String, PipelineHistory, Tuple2<String, Backtest.Result>>)
            (key, in) -> {
              List<DealHistory> hs = new ArrayList<>();
              in.forEachRemaining(h -> hs.add(h.history()));
              hs.sort(Comparator.comparing(h -> h.dealId().value()));
              return new Tuple2<>(key, Backtest.runCalibrated(
                  ForecastModels.named("competing-risks"), Calibration.Settings.defaults(),
                  PipelineTemplates.definition("saas-b2b"), hs, cutoffs, HORIZON,
                  Simulation.of(20_000, 1), hs.stream().flatMap(h -> h.current().amount()
                      .stream()).map(Money::currency).findFirst().orElseThrow()));
            }, Encoders.tuple(Encoders.STRING(), PipelineEncoders.of(Backtest.Result.class)))
        .collectAsList();
  }
}

package dev.pipelinesdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.ForecastModels;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.backtest.Backtest;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scala.Tuple2;

/**
 * The forecast and the backtest per pipeline through Spark equal, exactly, what the
 * single-machine library computes on the same histories of each pipeline (in the order of their
 * deal ids), after random repartitioning and shuffling of the input, for several seeds: the
 * fit, the calibration and every Monte Carlo trial, whose blocks are drawn in other tasks than
 * the fit. The expected values are the library's own, computed here the way the command line's
 * {@code forecast} and {@code backtest} compute them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkForecastTest {
  private static final Instant AS_OF = Instant.parse("2026-05-01T00:00:00Z");
  private static final Duration HORIZON = Duration.ofDays(30);
  /** Two whole blocks and a short third, so that blocks are split, combined and one is short. */
  private static final int TRIALS = 2 * TrialBlocks.TRIALS_PER_BLOCK + 50;
  private final SparkSession spark = SharedSpark.session();
  private final List<String> keys = List.of("acme", "globex", "initech");
  private SparkPipelines pipelines;

  @BeforeAll
  void pipelines() {
    pipelines = SparkPipelines.of(spark, TestHistories.definitions());
  }

  private static List<DealHistory> byDealId(String key) {
    List<DealHistory> hs = new ArrayList<>(TestHistories.of(key));
    hs.sort(Comparator.comparing(h -> h.dealId().value()));
    return hs;
  }

  /** The command line's forecast ({@code Forecasted}) of one pipeline, on one machine. */
  private static PipelineForecast locally(String key, ForecastOptions options) {
    PipelineDefinition definition = TestHistories.definitions().definition(key);
    ForecastInput input = ForecastInput.of(definition, byDealId(key), AS_OF, options.horizon());
    ForecastModel model = ForecastModels.named(options.model());
    Forecast raw = model.forecast(input);
    Optional<Calibration> calibration = options.calibration()
        .map(c -> Calibration.of(model, input, c));
    Forecast f = calibration.map(c -> c.apply(raw)).orElse(raw);
    Currency currency = f.openAmount().orElseThrow().currency();
    Simulation simulation = calibration.map(c -> c.simulation(options.trials(), options.seed()))
        .orElse(Simulation.of(options.trials(), options.seed()));
    return new PipelineForecast(f, calibration, Optional.of(AmountSummary.of(
        Distributions.monteCarlo(OpenDeals.of(currency, f), simulation))));
  }

  /** Every history, shuffled and randomly repartitioned by a seed. */
  private Dataset<PipelineHistory> scrambled(long seed) {
    Random random = new Random(seed);
    List<PipelineHistory> shuffled = new ArrayList<>(TestHistories.all());
    Collections.shuffle(shuffled, random);
    return spark.createDataset(shuffled, PipelineEncoders.pipelineHistories())
        .repartition(1 + random.nextInt(7), functions.rand(seed));
  }

  private static <T> Map<String, T> collect(Dataset<Tuple2<String, T>> results) {
    Map<String, T> out = new HashMap<>();
    for (Tuple2<String, T> t : results.collectAsList()) {
      assertThat(out.put(t._1(), t._2())).as("one result per pipeline").isNull();
    }
    return out;
  }

  @Test
  void forecastsEqualTheLibrarysWhateverThePartitioningForSeveralSeeds() {
    for (long seed : new long[] {1, 2, 3}) {
      ForecastOptions options = ForecastOptions.of(HORIZON).withTrials(TRIALS).withSeed(seed);
      Map<String, PipelineForecast> expected = new HashMap<>();
      keys.forEach(k -> expected.put(k, locally(k, options)));
      PipelineRun<PipelineForecast> run = pipelines.forecasts(scrambled(seed), AS_OF, options)
          .persist();
      assertThat(collect(run.results())).as("seed %d", seed).isEqualTo(expected);
      assertThat(run.problems()).isEmpty();
      // not vacuous: every pipeline has open deals, a calibration and a distribution
      for (PipelineForecast f : expected.values()) {
        assertThat(f.forecast().deals()).isNotEmpty();
        assertThat(f.calibration()).isPresent();
        assertThat(f.wonAmount().orElseThrow().simulation().orElseThrow().trials())
            .isEqualTo(TRIALS);
      }
    }
    // and the seed matters: another seed, another sample
    assertThat(locally("acme", ForecastOptions.of(HORIZON).withTrials(TRIALS).withSeed(1))
        .wonAmount()).isNotEqualTo(locally("acme", ForecastOptions.of(HORIZON)
            .withTrials(TRIALS).withSeed(2)).wonAmount());
  }

  @Test
  void anUncalibratedModelToo() {
    ForecastOptions options = ForecastOptions.of(HORIZON).withModel("markov")
        .withoutCalibration().withTrials(TRIALS).withSeed(7);
    Map<String, PipelineForecast> expected = new HashMap<>();
    keys.forEach(k -> expected.put(k, locally(k, options)));
    assertThat(collect(pipelines.forecasts(scrambled(7), AS_OF, options).results()))
        .isEqualTo(expected);
    assertThat(expected.get("acme").calibration()).isEmpty();
  }

  @Test
  void aPipelineThatCannotBeForecastGivesItsProblem() {
    Instant before = TestHistories.START.minus(Duration.ofDays(1));
    Dataset<PipelineHistory> histories = spark.createDataset(List.of(
        new PipelineHistory("acme", TestHistories.acme().get(0)),
        new PipelineHistory("acme", TestHistories.acme().get(0)),
        new PipelineHistory("nowhere", TestHistories.acme().get(1)),
        new PipelineHistory("globex", TestHistories.globex().get(0))),
        PipelineEncoders.pipelineHistories());
    PipelineRun<PipelineForecast> run = pipelines.forecasts(histories, before,
        ForecastOptions.of(HORIZON).withTrials(10)).persist();
    assertThat(run.problems()).containsExactly(
        Map.entry("acme", "deal '" + TestHistories.acme().get(0).dealId()
            + "' has two histories"),
        Map.entry("globex", "nothing was known at 2025-12-31T00:00:00Z to forecast from: no deal"
            + " was created by then"),
        Map.entry("nowhere", "no definition for pipeline 'nowhere'; known: [acme, globex,"
            + " initech]"));
    assertThat(run.results().count()).isZero();
  }

  @Test
  void anUnknownModelIsNamedOnTheDriver() {
    Dataset<PipelineHistory> none = spark.createDataset(List.<PipelineHistory>of(),
        PipelineEncoders.pipelineHistories());
    assertThatThrownBy(() -> pipelines.forecasts(none, AS_OF,
        ForecastOptions.of(HORIZON).withModel("crystal-ball")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no forecast model named 'crystal-ball'; known models: [");
  }

  @Test
  void backtestsEqualTheLibrarys() {
    List<Instant> cutoffs = List.of(Instant.parse("2026-03-01T00:00:00Z"),
        Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-05-15T00:00:00Z"),
        Instant.parse("2026-06-15T00:00:00Z"));
    ForecastOptions options = ForecastOptions.of(HORIZON).withTrials(1000).withSeed(5);
    Map<String, Backtest.Result> expected = new HashMap<>();
    for (String k : keys) {
      List<DealHistory> hs = byDealId(k);
      Currency currency = hs.stream().flatMap(h -> h.current().amount().stream())
          .map(Money::currency).findFirst().orElseThrow();
      expected.put(k, Backtest.runCalibrated(ForecastModels.named("competing-risks"),
          Calibration.Settings.defaults(), TestHistories.definitions().definition(k), hs,
          cutoffs, HORIZON, Simulation.of(1000, 5), currency));
    }
    PipelineRun<Backtest.Result> run = pipelines.backtests(scrambled(11), cutoffs, options)
        .persist();
    assertThat(collect(run.results())).isEqualTo(expected);
    assertThat(run.problems()).isEmpty();
    // not vacuous: scored cutoffs, each with its calibration, and one not scored (the last)
    Backtest.Result acme = expected.get("acme");
    assertThat(acme.scoredCutoffs()).isEqualTo(3);
    assertThat(acme.cutoffs()).allSatisfy(c -> assertThat(c.calibration()).isPresent());
  }
}

package dev.pipelinesdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.forecast.AmountDistribution;
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
import dev.pipelinesdk.testkit.ManualClock;
import java.math.BigDecimal;
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
        Distributions.monteCarlo(OpenDeals.of(currency, f), simulation),
        options.target(key).map(t -> Money.of(t, currency)))));
  }

  /** The won-amount distribution of {@link #locally}, with its trials. */
  private static AmountDistribution distributionLocally(String key, ForecastOptions options) {
    PipelineForecast f = locally(key, options.withTrials(1)); // the forecast and calibration
    Currency currency = f.forecast().openAmount().orElseThrow().currency();
    Simulation simulation = f.calibration().map(c -> c.simulation(options.trials(),
        options.seed())).orElse(Simulation.of(options.trials(), options.seed()));
    return Distributions.monteCarlo(OpenDeals.of(currency, f.forecast()), simulation);
  }

  /** The command line's backtest ({@code BacktestCommand}) of one pipeline, on one machine. */
  private static Backtest.Result backtestLocally(String key, List<DealHistory> histories,
      List<Instant> cutoffs, ForecastOptions options) {
    List<DealHistory> hs = new ArrayList<>(histories);
    hs.sort(Comparator.comparing(h -> h.dealId().value()));
    Currency currency = hs.stream().flatMap(h -> h.current().amount().stream())
        .map(Money::currency).findFirst().orElseThrow();
    ForecastModel model = ForecastModels.named(options.model());
    PipelineDefinition definition = TestHistories.definitions().definition(key);
    Simulation simulation = Simulation.of(options.trials(), options.seed());
    return options.calibration().isPresent()
        ? Backtest.runCalibrated(model, options.calibration().get(), definition, hs, cutoffs,
            options.horizon(), simulation, currency)
        : Backtest.run(model, definition, hs, cutoffs, options.horizon(), simulation, currency);
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
      ForecastOptions untargeted = ForecastOptions.of(HORIZON).withTrials(TRIALS).withSeed(seed);
      // acme's target: its median, so that about half the trials reach it; globex's: its P90
      // plus a cent, so that about a tenth do (none at 10% exactly: ties at the quantile);
      // initech has none
      BigDecimal acmeTarget = distributionLocally("acme", untargeted).p50().amount();
      BigDecimal globexTarget = distributionLocally("globex", untargeted).p90().amount()
          .add(new BigDecimal("0.01"));
      ForecastOptions options = untargeted.withTarget("acme", acmeTarget)
          .withTarget("globex", globexTarget);
      Map<String, PipelineForecast> expected = new HashMap<>();
      keys.forEach(k -> expected.put(k, locally(k, options)));
      PipelineRun<PipelineForecast> run = pipelines.forecasts(scrambled(seed), AS_OF, options)
          .persist();
      Map<String, PipelineForecast> got = collect(run.results());
      assertThat(got).as("seed %d", seed).isEqualTo(expected);
      assertThat(run.problems()).isEmpty();
      // P(won amount >= target) is the single-machine distribution's, read from the same trials
      AmountDistribution acme = distributionLocally("acme", options);
      AmountSummary.Target acmeGot = got.get("acme").wonAmount().orElseThrow().target()
          .orElseThrow();
      assertThat(acmeGot.amount()).isEqualTo(Money.of(acmeTarget, acme.currency()));
      assertThat(acmeGot.probability()).isEqualTo(acme.probabilityAtLeast(acmeGot.amount()))
          .isGreaterThanOrEqualTo(0.5).isLessThan(1.0); // at least half reach the median
      AmountDistribution globex = distributionLocally("globex", options);
      AmountSummary.Target globexGot = got.get("globex").wonAmount().orElseThrow().target()
          .orElseThrow();
      assertThat(globexGot.probability())
          .isEqualTo(globex.probabilityAtLeast(globexGot.amount())).isBetween(0.0, 0.1);
      assertThat(got.get("initech").wonAmount().orElseThrow().target()).isEmpty();
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

  private static final List<Instant> CUTOFFS = List.of(Instant.parse("2026-03-01T00:00:00Z"),
      Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-05-15T00:00:00Z"),
      Instant.parse("2026-06-15T00:00:00Z"));

  @Test
  void backtestsEqualTheLibrarysWhateverThePartitioningForSeveralSeeds() {
    for (long seed : new long[] {5, 6}) {
      ForecastOptions options = ForecastOptions.of(HORIZON).withTrials(TRIALS).withSeed(seed);
      Map<String, Backtest.Result> expected = new HashMap<>();
      keys.forEach(k -> expected.put(k, backtestLocally(k, TestHistories.of(k), CUTOFFS,
          options)));
      PipelineRun<Backtest.Result> run = pipelines.backtests(scrambled(seed + 10), CUTOFFS,
          options).persist();
      assertThat(collect(run.results())).as("seed %d", seed).isEqualTo(expected);
      assertThat(run.problems()).isEmpty();
      // not vacuous: scored cutoffs, each with its calibration, and one not scored (the last),
      // every interval from three blocks of trials
      Backtest.Result acme = expected.get("acme");
      assertThat(acme.scoredCutoffs()).isEqualTo(3);
      assertThat(acme.cutoffs()).allSatisfy(c -> assertThat(c.calibration()).isPresent());
      assertThat(acme.wape()).isPresent();
    }
  }

  @Test
  void anUncalibratedBacktestToo() {
    ForecastOptions options = ForecastOptions.of(HORIZON).withModel("markov")
        .withoutCalibration().withTrials(TRIALS).withSeed(8);
    Map<String, Backtest.Result> expected = new HashMap<>();
    keys.forEach(k -> expected.put(k, backtestLocally(k, TestHistories.of(k), CUTOFFS,
        options)));
    assertThat(collect(pipelines.backtests(scrambled(8), CUTOFFS, options).results()))
        .isEqualTo(expected);
    assertThat(expected.get("globex").calibrated()).isFalse();
    assertThat(expected.get("globex").cutoffs()).allSatisfy(c -> assertThat(c.calibration())
        .isEmpty());
  }

  /** A deal in another currency than its pipeline's, open from {@code created} to {@code lost}. */
  private static DealHistory foreign(String id, String currency, String created, String lost) {
    ManualClock clock = ManualClock.at(Instant.parse(created));
    Pipeline pipeline = Pipeline.of(TestHistories.SAAS, clock);
    Request by = Request.by("test");
    DealHistory h = pipeline.create(NewDeal.builder().id(id).title(id)
        .amount(Money.of("1000", currency)).build(), by).historyOrThrow();
    clock.advance(Duration.between(Instant.parse(created), Instant.parse(lost)));
    return pipeline.execute(h, new Command.Lose("budget cut"), by).historyOrThrow();
  }

  @Test
  void aPipelineThatCannotBeBacktestedGivesItsProblemAndTheOthersTheirResults() {
    List<DealHistory> noAmounts = TestHistories.initech().stream()
        .filter(h -> h.current().amount().isEmpty()).toList();
    // globex with a dollar deal open at the second cutoff only and a pound deal open at the
    // third only: the second cutoff's refusal is the pipeline's, as the library stops there
    List<DealHistory> mixed = new ArrayList<>(TestHistories.globex());
    mixed.add(foreign("zz-usd", "USD", "2026-03-15T00:00:00Z", "2026-04-10T00:00:00Z"));
    mixed.add(foreign("zz-gbp", "GBP", "2026-04-20T00:00:00Z", "2026-06-01T00:00:00Z"));
    List<PipelineHistory> rows = new ArrayList<>();
    noAmounts.forEach(h -> rows.add(new PipelineHistory("initech", h)));
    mixed.forEach(h -> rows.add(new PipelineHistory("globex", h)));
    TestHistories.acme().forEach(h -> rows.add(new PipelineHistory("acme", h)));
    rows.add(new PipelineHistory("nowhere", TestHistories.acme().get(0)));
    Collections.shuffle(rows, new Random(3));
    ForecastOptions options = ForecastOptions.of(HORIZON).withTrials(1000).withSeed(4);
    String globexRefusal;
    try {
      backtestLocally("globex", mixed, CUTOFFS, options);
      throw new AssertionError("the library backtests the mixed currencies");
    } catch (IllegalArgumentException e) {
      globexRefusal = e.getMessage();
    }
    assertThat(globexRefusal).contains("zz-usd").contains("USD");
    PipelineRun<Backtest.Result> run = pipelines.backtests(spark.createDataset(rows,
        PipelineEncoders.pipelineHistories()).repartition(3), CUTOFFS, options).persist();
    assertThat(run.problems()).containsExactly(
        Map.entry("globex", globexRefusal),
        Map.entry("initech", "no deal has an amount, so there is no amount to backtest"),
        Map.entry("nowhere", "no definition for pipeline 'nowhere'; known: [acme, globex,"
            + " initech]"));
    assertThat(noAmounts).isNotEmpty();
    assertThat(collect(run.results())).containsOnlyKeys("acme").containsEntry("acme",
        backtestLocally("acme", TestHistories.acme(), CUTOFFS, options));
  }

  @Test
  void aTargetIsCheckedAsTheCommandLineChecksIt() {
    assertThatThrownBy(() -> ForecastOptions.of(HORIZON).withTarget("acme",
        new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the target of pipeline 'acme' must not be negative, not -1");
    ForecastOptions options = ForecastOptions.of(HORIZON).withTrials(10)
        .withTarget("acme", new BigDecimal("1000.005")).withTarget("globex", BigDecimal.ZERO);
    assertThat(options.target("globex")).contains(BigDecimal.ZERO);
    assertThat(options.target("initech")).isEmpty();
    Dataset<PipelineHistory> histories = spark.createDataset(TestHistories.all().stream()
        .filter(h -> !h.pipeline().equals("initech")).toList(),
        PipelineEncoders.pipelineHistories());
    PipelineRun<PipelineForecast> run = pipelines.forecasts(histories, AS_OF, options).persist();
    // the currency cannot hold the target: that pipeline's problem, in Money's words
    Currency acme = TestHistories.acme().stream().flatMap(h -> h.current().amount().stream())
        .map(Money::currency).findFirst().orElseThrow();
    String money;
    try {
      Money.of(new BigDecimal("1000.005"), acme);
      throw new AssertionError(acme + " holds 1000.005");
    } catch (IllegalArgumentException e) {
      money = e.getMessage();
    }
    assertThat(run.problems()).containsExactly(Map.entry("acme", "target: " + money));
    // a zero target is always reached
    AmountSummary.Target zero = collect(run.results()).get("globex").wonAmount().orElseThrow()
        .target().orElseThrow();
    assertThat(zero.probability()).isEqualTo(1.0);
  }
}

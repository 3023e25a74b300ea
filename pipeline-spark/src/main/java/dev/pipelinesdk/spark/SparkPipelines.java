package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.ForecastModels;
import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.forecast.backtest.Backtest;
import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import dev.pipelinesdk.spark.internal.BacktestCombine;
import dev.pipelinesdk.spark.internal.BacktestFit;
import dev.pipelinesdk.spark.internal.DealRows;
import dev.pipelinesdk.spark.internal.ForecastCombine;
import dev.pipelinesdk.spark.internal.ForecastDraw;
import dev.pipelinesdk.spark.internal.ForecastFit;
import dev.pipelinesdk.spark.internal.ForecastWork;
import dev.pipelinesdk.spark.internal.MetricAggregator;
import dev.pipelinesdk.spark.internal.PipelineOutcome;
import dev.pipelinesdk.spark.internal.RowLayout;
import dev.pipelinesdk.spark.internal.ValueCodec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Many pipelines on Spark: the entry point of this module. Holds a session and the {@link
 * Definitions} of the job, broadcast once; reads histories from rows ({@link #histories}), runs
 * any core {@link Metric} as a typed Spark {@link Aggregator} per pipeline ({@link #aggregator}),
 * and forecasts and backtests each pipeline ({@link #forecasts}, {@link #backtests}), with exactly
 * the result the single-machine library computes on the same histories, whatever the
 * partitioning and order.
 *
 * <pre>{@code
 * SparkPipelines pipelines = SparkPipelines.of(spark, Definitions.builder()
 *     .template("acme", "saas-b2b").template("globex", "saas-b2b").build());
 * Dataset<PipelineHistory> histories = pipelines.histories(
 *     spark.read().parquet("histories/"), HistoryOptions.defaults()).histories();
 * Dataset<Tuple2<String, TimeInStageReport>> timeInStage = pipelines.byPipeline(histories)
 *     .agg(pipelines.aggregator(d -> Metrics.timeInStage(d, asOf), TimeInStageReport.class)
 *         .toColumn());
 * }</pre>
 *
 * <p>Thread-safe; the aggregators it makes are serializable and travel with the plan.
 */
public final class SparkPipelines {
  /** The column of the input order this reader adds when no sequence column is given. */
  private static final String INPUT_ORDER = "__pipeline_input_order";
  private final SparkSession spark;
  private final Definitions definitions;
  private final Broadcast<Definitions> shared;

  private SparkPipelines(SparkSession spark, Definitions definitions) {
    this.spark = spark;
    this.definitions = definitions;
    this.shared = spark.sparkContext().broadcast(definitions,
        ClassTag$.MODULE$.apply(Definitions.class));
  }

  /**
   * Broadcasts the definitions in a session.
   *
   * @param spark the session
   * @param definitions the definitions by pipeline key
   * @return the entry point
   */
  public static SparkPipelines of(SparkSession spark, Definitions definitions) {
    return new SparkPipelines(Objects.requireNonNull(spark, "spark session is null"),
        Objects.requireNonNull(definitions, "definitions is null"));
  }

  /** {@return the session} */
  public SparkSession spark() {
    return spark;
  }

  /** {@return the definitions} */
  public Definitions definitions() {
    return definitions;
  }

  /**
   * Reads stage histories from rows with the command line's stage-history column contract, from
   * any source Spark reads (CSV, Parquet, a table): one row per stage entry (or change) of a
   * deal; columns {@code deal_id}, {@code at} and {@code stage} required; {@code amount}, {@code
   * currency}, {@code owner}, {@code source}, {@code created_at} and {@code close_date} optional;
   * the {@linkplain HistoryOptions#pipelineColumn() pipeline key column} (default {@code
   * pipeline}), whose value names the row's {@link Definitions definition}; every other column
   * is an attribute. Typed columns are read as they are ({@code at}: timestamp, timestamp
   * without zone (UTC) or date (its start, UTC); {@code amount}: decimal, whole number or
   * double; attributes: boolean, number, date), text columns in the command line's default
   * formats (an ISO date or date-time with an offset, without one read as UTC; a plain decimal
   * amount; attributes typed as numbers, {@code true}/{@code false}, ISO dates or text).
   *
   * <p>Each deal's rows (by pipeline key and {@code deal_id}) become its history through core's
   * {@code HistoryImport}, the fold the command line's reader uses: the first row the engine
   * accepts creates the deal ({@code Pipeline.importDeal}), each later row's changes are {@code
   * Pipeline.importFact} calls at its instant, so a refusal carries the engine's message.
   * Rows are ordered by {@code at}; ties keep the <b>input order</b>. A distributed source has
   * no order of its own: without a {@linkplain HistoryOptions#sequenceColumn() sequence column},
   * the input order is the order in which Spark first reads the rows ({@code
   * monotonically_increasing_id()} taken here, before any shuffle: partition by partition, for
   * a file its splits in order, so file order for one file), which is only meaningful when
   * {@code rows} come straight from a source. Rows that went through a shuffle, a union or a
   * table whose files may be listed in any order need a sequence column (a whole number,
   * smaller first) for ties to be deterministic.
   *
   * <p>Bad rows (the command line's kinds, such as an unknown stage, an unreadable timestamp
   * or amount, a row the engine refuses; also a pipeline key without a definition) are
   * collected per pipeline ({@link HistoryRead#badRows()}): a bad row never fails the job unless
   * {@linkplain HistoryOptions#failOnBadRows() asked}, and then the task fails with the row's
   * message.
   *
   * @param rows the rows
   * @param options how to read them
   * @return the read, lazy
   * @throws IllegalArgumentException naming the column and the columns there are if a required
   *     column is missing or a column has a type this reader does not take
   */
  public HistoryRead histories(Dataset<Row> rows, HistoryOptions options) {
    Objects.requireNonNull(rows, "rows is null");
    Objects.requireNonNull(options, "options is null");
    String sequence = options.sequenceColumn().orElse(INPUT_ORDER);
    Dataset<Row> withOrder = options.sequenceColumn().isPresent() ? rows
        : rows.withColumn(INPUT_ORDER, functions.monotonically_increasing_id());
    RowLayout layout = new RowLayout(withOrder.schema(), options.pipelineColumn(), sequence,
        options.currency().getCurrencyCode(), options.failOnBadRows());
    Dataset<Tuple2<byte[], byte[]>> deals = DealRows.byDeal(withOrder, layout)
        .flatMapGroups(new DealRows(shared, layout),
            Encoders.tuple(Encoders.BINARY(), Encoders.BINARY()));
    return new HistoryRead(deals, options.examples());
  }

  /**
   * Returns a metric as a typed aggregator over histories: in each group (group by the pipeline
   * key, or a key that includes it, such as pipeline and owner), the metric of the group's
   * pipeline definition, made by {@code metric}. The buffer is the metric's accumulator (Java
   * serialization: see {@link Metric}); the result is the metric's own report type, encoded by
   * {@link PipelineEncoders}.
   *
   * @param metric makes the metric for a pipeline's definition, such as {@code d ->
   *     Metrics.timeInStage(d, asOf)}
   * @param result the metric's result class, such as {@code TimeInStageReport.class}
   * @param <R> the result type
   * @return the aggregator; a group whose histories belong to two pipelines fails its task with
   *     a message naming both, as does a history that does not fit its definition (see {@link
   *     Metric.Accumulator#add})
   */
  public <R> Aggregator<PipelineHistory, ?, R> aggregator(MetricFactory<R> metric,
      Class<R> result) {
    return new MetricAggregator<>(shared, metric, result);
  }

  /**
   * Forecasts every pipeline at an instant, as the command line's {@code forecast} does for one:
   * in each pipeline's group, on an executor, the model (fitted on every history of the
   * pipeline, so one task holds a pipeline's histories) forecasts the deals open at {@code asOf},
   * self-calibrated on rolling origins unless the options turn that off, and the won-amount
   * distribution is simulated. The distribution's Monte Carlo trials are cut into blocks of
   * {@link TrialBlocks#TRIALS_PER_BLOCK} that are drawn in other tasks and combined again; block
   * b draws the random numbers the single-machine engine gives block b (the b-th split of the
   * seed's root generator), so the answer for a seed does not depend on the partitioning, on the
   * input order or on which task draws which block.
   *
   * <p>The result for a pipeline equals, exactly, what the single-machine library gives for its
   * histories in the order of their deal ids: {@code ForecastInput.of(definition, histories,
   * asOf, horizon)}, the model's forecast, {@code Calibration.of(model, input, settings)} and its
   * {@code apply}, and {@code Distributions.monteCarlo(OpenDeals.of(currency, forecast),
   * calibration.simulation(trials, seed))} (the plain {@code Simulation.of(trials, seed)} without
   * calibration), summarised by {@link AmountSummary#of(AmountDistribution, Optional)} with the
   * pipeline's {@linkplain ForecastOptions#withTarget target}, if it has one, in the currency of
   * the first open deal with an amount: the probability of reaching it is read from the combined
   * trials, as the command line's {@code forecast --target} reads it from its distribution. Every
   * pipeline uses the options' seed, as a forecast of it alone would.
   *
   * @param histories the histories with their pipeline keys, in any order and partitioning
   * @param asOf the as-of instant: events after it are not read
   * @param options the horizon, model, trials, seed and calibration
   * @return per pipeline, its forecast, or why it has none (no definition, nothing known at
   *     {@code asOf}, the model's own refusal, two histories of one deal, a target with more
   *     decimals than the pipeline's currency); lazy
   * @throws IllegalArgumentException if no forecast model has the options' name here (on the
   *     driver), listing the known models
   */
  public PipelineRun<PipelineForecast> forecasts(Dataset<PipelineHistory> histories,
      Instant asOf, ForecastOptions options) {
    Objects.requireNonNull(histories, "histories is null");
    Objects.requireNonNull(asOf, "asOf is null");
    Objects.requireNonNull(options, "options is null");
    ForecastModels.named(options.model()); // fails here, on the driver, for an unknown name
    Encoder<ForecastWork> work = PipelineEncoders.of(ForecastWork.class);
    Dataset<ForecastWork> fitted = byPipeline(histories)
        .flatMapGroups(new ForecastFit(shared, asOf, options), work);
    // spread the blocks of trials over the tasks: a pipeline's blocks need not be drawn where
    // it was fitted
    Dataset<ForecastWork> drawn = fitted.repartition(partitions())
        .map(new ForecastDraw(), work);
    Dataset<PipelineOutcome> outcomes = drawn
        .groupByKey((MapFunction<ForecastWork, String>) ForecastWork::pipeline, Encoders.STRING())
        .mapGroups(new ForecastCombine(options), PipelineEncoders.of(PipelineOutcome.class));
    return new PipelineRun<>(outcomes, PipelineForecast.class);
  }

  /**
   * Backtests every pipeline, as the command line's {@code backtest} does for one: {@link
   * Backtest#run} (or {@link Backtest#runCalibrated} with the options' calibration settings) at
   * the cutoffs, over the pipeline's histories in the order of their deal ids, in the currency of
   * the first of them with an amount. The cutoffs of a backtest are independent of each other, so
   * each (pipeline, cutoff) is its own group, on an executor: every history of the pipeline goes
   * to each of its cutoffs, where the model is fitted on what was known then, calibrated on its
   * rolling origins before the cutoff and forecasts the deals open at it ({@link
   * Backtest#forecastAt}, {@link Backtest#forecastCalibratedAt}). Each cutoff's interval, a Monte
   * Carlo run, is cut into its blocks of {@link TrialBlocks#TRIALS_PER_BLOCK} trials drawn in
   * other tasks, as the forecasts' are; per pipeline, each cutoff's blocks are combined into its
   * interval, the cutoff scored and the cutoffs combined in their order ({@link
   * Backtest#combine}). The result equals, exactly, what the library gives for those histories,
   * whatever the partitioning and the input order.
   *
   * @param histories the histories with their pipeline keys, in any order and partitioning
   * @param cutoffs the cutoff instants, at least one
   * @param options the horizon, model, trials, seed and calibration (a backtest reads no
   *     targets)
   * @return per pipeline, its backtest, or why it has none (no definition, no amount, two
   *     histories of one deal, the model's own refusal or an amount in another currency at a
   *     cutoff: the first such cutoff's, as the library's backtest stops there); lazy
   * @throws IllegalArgumentException if there is no cutoff, or no forecast model has the options'
   *     name here (on the driver), listing the known models
   */
  public PipelineRun<Backtest.Result> backtests(Dataset<PipelineHistory> histories,
      List<Instant> cutoffs, ForecastOptions options) {
    Objects.requireNonNull(histories, "histories is null");
    Objects.requireNonNull(cutoffs, "cutoffs is null");
    Objects.requireNonNull(options, "options is null");
    if (cutoffs.isEmpty()) {
      throw new IllegalArgumentException("no cutoff to backtest at");
    }
    ForecastModels.named(options.model());
    Encoder<ForecastWork> work = PipelineEncoders.of(ForecastWork.class);
    // every history to each cutoff of its pipeline, as its wire form: nothing is read before
    // the group (a history read is a replay), each group reads its histories once (a row of
    // the value and the two key columns: the histories' encoder takes a column of its own only)
    Dataset<Row> encoded = histories.toDF();
    Column value = encoded.col(encoded.columns()[0]);
    Dataset<Row> spread = encoded.select(value, PIPELINE_OF.apply(value).as(PIPELINE_KEY),
        functions.explode(functions.sequence(functions.lit(0),
            functions.lit(cutoffs.size() - 1))).as(CUTOFF));
    Dataset<ForecastWork> fitted = spread
        .groupBy(spread.col(PIPELINE_KEY), spread.col(CUTOFF))
        .as(Encoders.tuple(Encoders.STRING(), Encoders.INT()), Encoders.row(spread.schema()))
        .flatMapGroups(new BacktestFit(shared, cutoffs, options), work);
    Dataset<ForecastWork> drawn = fitted.repartition(partitions())
        .map(new ForecastDraw(), work);
    Dataset<PipelineOutcome> outcomes = drawn
        .groupByKey((MapFunction<ForecastWork, String>) ForecastWork::pipeline, Encoders.STRING())
        .mapGroups(new BacktestCombine(cutoffs.size()),
            PipelineEncoders.of(PipelineOutcome.class));
    return new PipelineRun<>(outcomes, Backtest.Result.class);
  }


  /**
   * Groups histories by their pipeline key, for {@code agg(aggregator(...).toColumn())}: the
   * groups of {@code histories.groupByKey(PipelineHistory::pipeline, Encoders.STRING())}, with
   * the key read from each history's wire form alone. A {@code groupByKey} with a function reads
   * every history to compute its key (a history read is a replay of its events) and reads it
   * again for the aggregation; this reads each once.
   *
   * @param histories the histories, as {@link HistoryRead#histories()} gives them or any dataset
   *     encoded by {@link PipelineEncoders#pipelineHistories()}
   * @return the histories grouped by pipeline key
   */
  public KeyValueGroupedDataset<String, PipelineHistory> byPipeline(
      Dataset<PipelineHistory> histories) {
    Objects.requireNonNull(histories, "histories is null");
    Dataset<Row> encoded = histories.toDF();
    Column value = encoded.col(encoded.columns()[0]);
    // the key an expression over the value column, so the grouped values are that column alone
    return encoded.groupBy(PIPELINE_OF.apply(value).as(PIPELINE_KEY))
        .as(Encoders.STRING(), PipelineEncoders.pipelineHistories());
  }

  /** The pipeline key of a history's wire form, read without the history. */
  private static final UserDefinedFunction PIPELINE_OF = functions.udf(
      (UDF1<byte[], String>) ValueCodec::pipelineOf, DataTypes.StringType);
  /** The column {@link #byPipeline} and {@link #backtests} group by. */
  private static final String PIPELINE_KEY = "__pipeline_key";
  /** The cutoff's index, the other column {@link #backtests} groups by. */
  private static final String CUTOFF = "__cutoff";

  /**
   * {@return how many tasks draw the blocks of trials: the session's default parallelism (its
   * cores), one wave of tasks. The shuffle partitions (200 by default) made as many tiny tasks:
   * backtesting 8 pipelines of 1,250 deals at 8 cutoffs in local[2], drawing took 3.0 s in 200
   * tasks against 2.0 s in 2, and the whole backtest 5.4 s against 4.1 to 4.4 s}
   */
  private int partitions() {
    return Math.max(1, spark.sparkContext().defaultParallelism());
  }
}

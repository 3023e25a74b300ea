package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.spark.internal.DealRead;
import dev.pipelinesdk.spark.internal.DealRows;
import dev.pipelinesdk.spark.internal.MetricAggregator;
import dev.pipelinesdk.spark.internal.RowLayout;
import java.util.Objects;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Aggregator;
import scala.reflect.ClassTag$;

/**
 * Many pipelines on Spark: the entry point of this module. Holds a session and the {@link
 * Definitions} of the job, broadcast once; reads histories from rows ({@link #histories}) and
 * runs any core {@link Metric} as a typed Spark {@link Aggregator} per pipeline ({@link
 * #aggregator}), with exactly the result the single-machine library computes on the same
 * histories, whatever the partitioning and order.
 *
 * <pre>{@code
 * SparkPipelines pipelines = SparkPipelines.of(spark, Definitions.builder()
 *     .template("acme", "saas-b2b").template("globex", "saas-b2b").build());
 * Dataset<PipelineHistory> histories = pipelines.histories(
 *     spark.read().parquet("histories/"), HistoryOptions.defaults()).histories();
 * Dataset<Tuple2<String, TimeInStageReport>> timeInStage = histories
 *     .groupByKey((MapFunction<PipelineHistory, String>) PipelineHistory::pipeline,
 *         Encoders.STRING())
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
   * <p>Each deal's rows (by pipeline key and {@code deal_id}) become its history through the
   * core engine's import path, as the command line builds them ({@code StageHistoryCsv}): the
   * first row creates the deal ({@code Pipeline.importDeal}), each later row's changes are
   * {@code Pipeline.importFact} calls at its instant, so a refusal carries the engine's message.
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
    Dataset<DealRead> deals = withOrder.groupByKey(DealRows.key(layout), Encoders.STRING())
        .flatMapGroups(new DealRows(shared, layout), PipelineEncoders.of(DealRead.class));
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
}

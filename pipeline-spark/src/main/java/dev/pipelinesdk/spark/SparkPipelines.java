package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.spark.internal.MetricAggregator;
import java.util.Objects;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Aggregator;
import scala.reflect.ClassTag$;

/**
 * Many pipelines on Spark: the entry point of this module. Holds a session and the {@link
 * Definitions} of the job, broadcast once; runs any core {@link Metric} as a typed Spark {@link Aggregator} per pipeline ({@link
 * #aggregator}), with exactly the result the single-machine library computes on the same
 * histories, whatever the partitioning and order.
 *
 * <pre>{@code
 * SparkPipelines pipelines = SparkPipelines.of(spark, Definitions.builder()
 *     .template("acme", "saas-b2b").template("globex", "saas-b2b").build());
 * Dataset<PipelineHistory> histories = ...;
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

package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.MetricFactory;
import dev.pipelinesdk.spark.PipelineEncoders;
import dev.pipelinesdk.spark.PipelineHistory;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * One core {@link Metric} as a Spark {@link Aggregator}, for any metric: the buffer holds the
 * metric's accumulator for the group's pipeline, made from the pipeline's definition on first
 * use ({@code zero} cannot know the key). {@code reduce} adds a history, {@code merge} merges
 * accumulators, {@code finish} computes the result: the {@link Metric} contract, which makes the
 * result independent of partitioning and order.
 *
 * @param <R> the metric's result type
 */
public final class MetricAggregator<R> extends Aggregator<PipelineHistory, MetricBuffer<R>, R> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<Definitions> definitions;
  private final MetricFactory<R> factory;
  private final Class<R> result;
  /** The metric of each pipeline, made once per deserialized aggregator (one per task). */
  private transient Map<String, Metric<R>> metrics;

  /**
   * Creates the aggregator.
   *
   * @param definitions the broadcast definitions
   * @param factory makes the metric for a definition
   * @param result the result class, for its encoder
   */
  public MetricAggregator(Broadcast<Definitions> definitions, MetricFactory<R> factory,
      Class<R> result) {
    this.definitions = Objects.requireNonNull(definitions, "definitions is null");
    this.factory = Objects.requireNonNull(factory, "metric factory is null");
    this.result = Objects.requireNonNull(result, "result class is null");
  }

  private Metric<R> metric(String pipeline) {
    if (metrics == null) {
      metrics = new ConcurrentHashMap<>();
    }
    return metrics.computeIfAbsent(pipeline, p -> Objects.requireNonNull(
        factory.metric(definitions.value().definition(p)),
        "the metric factory returned null for pipeline '" + p + "'"));
  }

  @Override
  public MetricBuffer<R> zero() {
    return new MetricBuffer<>();
  }

  @Override
  public MetricBuffer<R> reduce(MetricBuffer<R> buffer, PipelineHistory in) {
    if (buffer.pipeline == null) {
      buffer.pipeline = in.pipeline();
      buffer.accumulator = metric(in.pipeline()).newAccumulator();
      buffer.local = true;
    } else {
      samePipeline(buffer.pipeline, in.pipeline());
      attach(buffer);
    }
    buffer.accumulator.add(in.history());
    return buffer;
  }

  @Override
  public MetricBuffer<R> merge(MetricBuffer<R> left, MetricBuffer<R> right) {
    if (right.pipeline == null) {
      return left;
    }
    if (left.pipeline == null) {
      return attach(right);
    }
    samePipeline(left.pipeline, right.pipeline);
    attach(left).accumulator.merge(right.accumulator);
    return left;
  }

  @Override
  public R finish(MetricBuffer<R> buffer) {
    if (buffer.pipeline == null) {
      throw new IllegalStateException("no history was aggregated, so there is no pipeline"
          + " definition to compute " + result.getSimpleName() + " with");
    }
    return attach(buffer).accumulator.result();
  }

  /** Makes a received buffer's accumulator usable: merged into a new one of its metric. */
  private MetricBuffer<R> attach(MetricBuffer<R> buffer) {
    if (!buffer.local) {
      buffer.accumulator = metric(buffer.pipeline).newAccumulator().merge(buffer.accumulator);
      buffer.local = true;
    }
    return buffer;
  }

  private static void samePipeline(String a, String b) {
    if (!a.equals(b)) {
      throw new IllegalArgumentException("one group holds histories of pipelines '" + a
          + "' and '" + b + "'; a metric reads one pipeline's histories: group by the pipeline"
          + " key (or a key that includes it)");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Encoder<MetricBuffer<R>> bufferEncoder() {
    return (Encoder<MetricBuffer<R>>) (Encoder<?>) Encoders.javaSerialization(MetricBuffer.class);
  }

  @Override
  public Encoder<R> outputEncoder() {
    return PipelineEncoders.of(result);
  }
}

package dev.pipelinesdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.metrics.FlowReport;
import dev.pipelinesdk.core.metrics.FunnelBreakdown;
import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.LeakReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.MovementReport;
import dev.pipelinesdk.core.metrics.SnapshotReport;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scala.Tuple2;

/**
 * Every built-in metric through Spark equals, exactly, what the library computes on one machine
 * over the same histories of each pipeline; the same after random repartitioning (several seeds)
 * and with the input order shuffled. The expected values are the library's own: the test is
 * that Spark's partial aggregation, shuffle (buffers serialized) and merge change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricAggregatorTest {
  private static final Instant MID = Instant.parse("2026-04-01T00:00:00Z");
  private final SparkSession spark = SharedSpark.session();
  private SparkPipelines pipelines;
  private final List<String> keys = List.of("acme", "globex", "initech");

  @BeforeAll
  void histories() {
    pipelines = SparkPipelines.of(spark, TestHistories.definitions());
  }

  /** Runs a metric per pipeline through Spark, over the histories as partitioned. */
  private <R> Map<String, R> viaSpark(Dataset<PipelineHistory> ds, MetricFactory<R> metric,
      Class<R> type) {
    Dataset<Tuple2<String, R>> out = ds
        .groupByKey((MapFunction<PipelineHistory, String>) PipelineHistory::pipeline,
            org.apache.spark.sql.Encoders.STRING())
        .agg(pipelines.aggregator(metric, type).toColumn());
    Map<String, R> byKey = new HashMap<>();
    for (Tuple2<String, R> t : out.collectAsList()) {
      byKey.put(t._1(), t._2());
    }
    return byKey;
  }

  /** The library on one machine, pipeline by pipeline. */
  private <R> Map<String, R> locally(MetricFactory<R> metric) {
    Map<String, R> byKey = new HashMap<>();
    for (String key : keys) {
      List<DealHistory> hs = TestHistories.of(key);
      byKey.put(key, Metrics.compute(metric.metric(TestHistories.definitions().definition(key)),
          hs));
    }
    return byKey;
  }

  private <R> void same(MetricFactory<R> metric, Class<R> type) {
    Map<String, R> expected = locally(metric);
    assertThat(expected).hasSize(3);
    for (long seed : new long[] {1, 2, 3}) {
      // random partitioning: a random number of partitions, rows sent by a random key
      Random random = new Random(seed);
      int partitions = 1 + random.nextInt(7);
      List<PipelineHistory> shuffled = new ArrayList<>(TestHistories.all());
      Collections.shuffle(shuffled, random);
      Dataset<PipelineHistory> repartitioned = spark.createDataset(shuffled,
          PipelineEncoders.pipelineHistories()).repartition(partitions,
              org.apache.spark.sql.functions.rand(seed));
      assertThat(viaSpark(repartitioned, metric, type)).as("seed %d, %d partitions", seed,
          partitions).isEqualTo(expected);
      if (seed == 1) { // grouped by the key in the wire form: the same groups, the same reports
        Map<String, R> byPipeline = new HashMap<>();
        for (Tuple2<String, R> t : pipelines.byPipeline(repartitioned)
            .agg(pipelines.aggregator(metric, type).toColumn()).collectAsList()) {
          byPipeline.put(t._1(), t._2());
        }
        assertThat(byPipeline).as("byPipeline, %d partitions", partitions).isEqualTo(expected);
      }
    }
  }

  @Test
  void funnel() {
    same(d -> Metrics.funnel(d).createdBetween(TestHistories.START, MID).build(),
        FunnelReport.class);
  }

  @Test
  void funnelBreakdown() {
    same(d -> Metrics.funnel(d).by(FunnelBreakdown.byLeadSource()), FunnelBreakdown.class);
  }

  @Test
  void snapshot() {
    same(d -> Metrics.snapshot(d, MID).target(Money.of("100000", "EUR")).build(),
        SnapshotReport.class);
  }

  @Test
  void timeInStage() {
    same(d -> Metrics.timeInStage(d, TestHistories.END), TimeInStageReport.class);
    same(d -> Metrics.timeInStageTotals(d, MID), TimeInStageReport.class);
  }

  @Test
  void flow() {
    same(d -> Metrics.flow(d, TestHistories.END), FlowReport.class);
  }

  @Test
  void movements() {
    same(d -> Metrics.movements(d, MID, TestHistories.END), MovementReport.class);
  }

  @Test
  void leaks() {
    same(d -> Metrics.leaks(d).cohort(TestHistories.START, TestHistories.END).minimumDeals(5)
        .build(), LeakReport.class);
  }

  @Test
  void aGroupOfTwoPipelinesFailsNamingBoth() {
    Dataset<PipelineHistory> two = spark.createDataset(List.of(
        new PipelineHistory("acme", TestHistories.acme().get(0)),
        new PipelineHistory("initech", TestHistories.initech().get(0))),
        PipelineEncoders.pipelineHistories()).coalesce(1);
    assertThatThrownBy(() -> two
        .groupByKey((MapFunction<PipelineHistory, String>) h -> "everything",
            org.apache.spark.sql.Encoders.STRING())
        .agg(pipelines.aggregator(d -> Metrics.flow(d, MID), FlowReport.class).toColumn())
        .collectAsList())
        .rootCause().isInstanceOf(IllegalArgumentException.class)
        .hasMessage("one group holds histories of pipelines 'acme' and 'initech'; a metric reads"
            + " one pipeline's histories: group by the pipeline key (or a key that includes it)");
  }
}

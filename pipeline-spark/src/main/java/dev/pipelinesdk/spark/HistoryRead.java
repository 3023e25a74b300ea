package dev.pipelinesdk.spark;

import dev.pipelinesdk.spark.internal.BadRowsAggregator;
import dev.pipelinesdk.spark.internal.DealRead;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import scala.Tuple2;

/**
 * What {@link SparkPipelines#histories} read: the histories, one per deal with at least one row
 * kept, and the bad rows per pipeline. Lazy, as datasets are: each action reads the rows again
 * unless the read is {@linkplain #persist() persisted}, so persist it when you ask for both the
 * histories and the bad rows.
 */
public final class HistoryRead {
  private final Dataset<DealRead> deals;
  private final int examples;

  HistoryRead(Dataset<DealRead> deals, int examples) {
    this.deals = deals;
    this.examples = examples;
  }

  /** {@return the histories with their pipeline keys} */
  public Dataset<PipelineHistory> histories() {
    return deals.flatMap((FlatMapFunction<DealRead, PipelineHistory>) d -> d.history()
        .map(h -> List.of(new PipelineHistory(d.pipeline(), h)).iterator())
        .orElseGet(() -> List.<PipelineHistory>of().iterator()),
        PipelineEncoders.pipelineHistories());
  }

  /** {@return every bad row, with its pipeline key (a dataset: there may be many)} */
  public Dataset<BadRow> badRowsDataset() {
    return deals.flatMap((FlatMapFunction<DealRead, BadRow>) d -> d.bad().iterator(),
        PipelineEncoders.of(BadRow.class));
  }

  /**
   * Counts the bad rows per pipeline and keeps the first examples (runs a job).
   *
   * @return per pipeline key with bad rows, their counts and examples, sorted by key; empty when
   *     every row was read
   */
  public Map<String, BadRows> badRows() {
    Dataset<Tuple2<String, BadRows>> perPipeline = badRowsDataset()
        .groupByKey((MapFunction<BadRow, String>) BadRow::pipeline, Encoders.STRING())
        .agg(new BadRowsAggregator(examples).toColumn());
    Map<String, BadRows> out = new TreeMap<>();
    for (Tuple2<String, BadRows> t : perPipeline.collectAsList()) {
      out.put(t._1(), t._2());
    }
    return out;
  }

  /**
   * Keeps what was read (Spark's default storage level) so that the histories and the bad rows
   * are read from the rows once.
   *
   * @return this read
   */
  public HistoryRead persist() {
    deals.persist();
    return this;
  }
}

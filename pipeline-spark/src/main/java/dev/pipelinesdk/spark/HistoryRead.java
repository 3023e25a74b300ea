package dev.pipelinesdk.spark;

import dev.pipelinesdk.spark.internal.BadRowsAggregator;
import dev.pipelinesdk.spark.internal.DealBadRows;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * What {@link SparkPipelines#histories} read: the histories, one per deal with at least one row
 * kept, and the bad rows per pipeline. Lazy, as datasets are: each action reads the rows again
 * unless the read is {@linkplain #persist() persisted}, so persist it when you ask for both the
 * histories and the bad rows.
 */
public final class HistoryRead {
  /**
   * Per deal read, the wire forms of its {@link PipelineHistory} (null if no row was kept) and of
   * its {@code DealBadRows} (null if none): columns {@code _1} and {@code _2}. The histories are
   * a column here, decoded only where they are used.
   */
  private final Dataset<Tuple2<byte[], byte[]>> deals;
  private final int examples;

  HistoryRead(Dataset<Tuple2<byte[], byte[]>> deals, int examples) {
    this.deals = deals;
    this.examples = examples;
  }

  /** {@return the histories with their pipeline keys} */
  public Dataset<PipelineHistory> histories() {
    return deals.where(functions.col("_1").isNotNull()).select(functions.col("_1"))
        .as(PipelineEncoders.pipelineHistories());
  }

  /** {@return every bad row, with its pipeline key (a dataset: there may be many)} */
  public Dataset<BadRow> badRowsDataset() {
    return deals.where(functions.col("_2").isNotNull()).select(functions.col("_2"))
        .as(PipelineEncoders.of(DealBadRows.class))
        .flatMap((FlatMapFunction<DealBadRows, BadRow>) d -> d.bad().iterator(),
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

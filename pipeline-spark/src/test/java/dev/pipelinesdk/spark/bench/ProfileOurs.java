package dev.pipelinesdk.spark.bench;

import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.SparkPipelines;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Runs only our side of {@link SparkSqlBenchmark} from a Parquet directory it wrote, several
 * times, for a profiler (Flight Recorder through {@code -Dspark.heap="-Xmx6g
 * -XX:StartFlightRecording=filename=ours.jfr,settings=profile"}).
 */
public final class ProfileOurs {
  private ProfileOurs() {}

  /**
   * Runs it.
   *
   * @param args the Parquet directory and the number of runs
   */
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("profile")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "16").getOrCreate();
    Definitions.Builder definitions = Definitions.builder();
    for (int t = 0; t < SparkSqlBenchmark.TENANTS; t++) {
      definitions.template(String.format("t%04d", t), "saas-b2b");
    }
    SparkPipelines pipelines = SparkPipelines.of(spark, definitions.build());
    for (int i = 0; i < Integer.parseInt(args[1]); i++) {
      long t0 = System.nanoTime();
      SparkSqlBenchmark.ours(pipelines, spark.read().parquet(args[0]));
      System.out.printf(Locale.ROOT, "run %d: %.1f s%n", i, (System.nanoTime() - t0) / 1e9);
    }
    spark.stop();
  }
}

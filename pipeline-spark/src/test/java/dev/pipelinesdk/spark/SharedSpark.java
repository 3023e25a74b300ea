package dev.pipelinesdk.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the module's tests, shared by every test class (surefire runs them in
 * one JVM): {@code local[2]} like the 2-core build machines, few shuffle partitions, no UI.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder().master("local[2]").appName("pipeline-spark tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "4")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
    }
    return session;
  }
}

package dev.pipelinesdk.spark.bench;

import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.HistoryOptions;
import dev.pipelinesdk.spark.PipelineHistory;
import dev.pipelinesdk.spark.SparkPipelines;
import dev.pipelinesdk.spark.example.TenantRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple3;

/**
 * Our aggregators against the same answers written in Spark SQL with window functions, as an
 * analyst would, over generated histories of 1,000 tenants ({@link TenantRows}) at several sizes,
 * in local mode. Not a test (it asserts nothing about time and is not run by {@code mvn verify}):
 * run it with
 *
 * <pre>
 * mvn -q -pl pipeline-spark exec:exec -Dspark.main=dev.pipelinesdk.spark.bench.SparkSqlBenchmark \
 *     -Dspark.heap=-Xmx8g -Dspark.args="target/bench 100000,1000000 3"
 * </pre>
 *
 * <p>Per size: the rows are generated once into a Parquet directory; then the answers of both
 * sides are compared (funnel reached per open stage and won per tenant, time-in-stage median per
 * stage and tenant, every tenant and stage) and the run stops if they differ; then each side is
 * timed three times (the third argument changes it), from the Parquet directory (ours: rows into histories through the
 * engine's import path, then the funnel and time-in-stage aggregators in one pass; SQL: the three
 * queries) and from data already in memory (ours: the histories, persisted; SQL: the rows,
 * persisted), the two sides in turns so that a change of the machine's load hits both. The
 * fastest run of each is reported with all runs.
 */
public final class SparkSqlBenchmark {
  static final int TENANTS = 1_000;
  /** Timed runs per side and size (the third argument changes it). */
  static int runs = 3;
  static final Instant AS_OF = TenantRows.END;
  static final String TIME_IN_STAGE = """
      WITH v AS (
        SELECT tenant, deal_id, stage, at,
               LEAD(at) OVER (PARTITION BY tenant, deal_id ORDER BY at) AS next_at
        FROM h),
      d AS (
        SELECT tenant, deal_id, stage,
               SUM(unix_timestamp(COALESCE(next_at, TIMESTAMP '2026-10-01 00:00:00'))
                   - unix_timestamp(at)) AS seconds
        FROM v GROUP BY tenant, deal_id, stage)
      SELECT tenant, stage, COUNT(*) AS reached, percentile(seconds, 0.5) AS median_seconds
      FROM d GROUP BY tenant, stage""";
  static final String REACHED = """
      SELECT tenant, stage, COUNT(DISTINCT deal_id) AS reached
      FROM h WHERE stage IN ('prospecting', 'qualification', 'consideration', 'decision')
      GROUP BY tenant, stage""";
  static final String WON = """
      WITH last AS (
        SELECT tenant, stage,
               ROW_NUMBER() OVER (PARTITION BY tenant, deal_id ORDER BY at DESC) AS rn
        FROM h)
      SELECT tenant, COUNT(*) AS won FROM last WHERE rn = 1 AND stage = 'won' GROUP BY tenant""";

  private SparkSqlBenchmark() {}

  /** The answers compared: keys like {@code t0001/decision/reached}, numbers as doubles. */
  record Answers(Map<String, Double> values) {}

  /**
   * Runs the benchmark.
   *
   * @param args the work directory, then the sizes in deals, comma-separated
   * @throws Exception if a directory cannot be read or written
   */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/bench");
    String[] sizes = (args.length > 1 ? args[1] : "100000,1000000").split(",");
    runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("benchmark")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "16").getOrCreate();
    Definitions.Builder definitions = Definitions.builder();
    for (int t = 0; t < TENANTS; t++) {
      definitions.template(String.format("t%04d", t), "saas-b2b");
    }
    SparkPipelines pipelines = SparkPipelines.of(spark, definitions.build());
    List<String> report = new ArrayList<>();
    for (String size : sizes) {
      long deals = Long.parseLong(size.strip());
      String dir = work.resolve("deals-" + deals).toString();
      if (!Files.exists(work.resolve("deals-" + deals).resolve("_SUCCESS"))) {
        long t0 = System.nanoTime();
        TenantRows.generate(spark, TENANTS, deals / TENANTS, 1, 8).write()
            .mode(SaveMode.Overwrite).parquet(dir);
        System.out.printf(Locale.ROOT, "generated %d deals in %.1f s%n", deals, seconds(t0));
      }
      long events = spark.read().parquet(dir).count();
      System.out.printf(Locale.ROOT, "%d deals, %d events (rows); load average %s%n", deals,
          events, load());

      long c0 = System.nanoTime();
      Answers ours = ours(pipelines, spark.read().parquet(dir));
      double oursCold = seconds(c0);
      long c1 = System.nanoTime();
      Answers sql = sql(spark, spark.read().parquet(dir));
      System.out.printf(Locale.ROOT, "the check's runs (the first of each, from Parquet): ours"
          + " %.1f s, SQL %.1f s%n", oursCold, seconds(c1));
      if (!ours.equals(sql)) {
        List<String> diff = new ArrayList<>();
        for (String k : ours.values().keySet()) {
          if (!Objects.equals(ours.values().get(k), sql.values().get(k))) {
            diff.add(k + " ours " + ours.values().get(k) + " sql " + sql.values().get(k));
          }
        }
        for (String k : sql.values().keySet()) {
          if (!ours.values().containsKey(k)) {
            diff.add(k + " only in sql " + sql.values().get(k));
          }
        }
        throw new IllegalStateException(diff.size() + " answers differ, such as "
            + diff.subList(0, Math.min(10, diff.size())));
      }
      System.out.printf(Locale.ROOT, "identical: %d answers%n", ours.values().size());

      double[] oursFile = new double[runs];
      double[] sqlFile = new double[runs];
      time(() -> ours(pipelines, spark.read().parquet(dir)), oursFile,
          () -> sql(spark, spark.read().parquet(dir)), sqlFile);
      Dataset<PipelineHistory> histories = pipelines.histories(spark.read().parquet(dir),
          HistoryOptions.defaults().withPipelineColumn("tenant")).histories()
          .persist(StorageLevel.MEMORY_AND_DISK());
      histories.count();
      Dataset<Row> rows = spark.read().parquet(dir).persist(StorageLevel.MEMORY_AND_DISK());
      rows.count();
      double[] oursMemory = new double[runs];
      double[] sqlMemory = new double[runs];
      time(() -> aggregate(pipelines, histories), oursMemory, () -> sql(spark, rows), sqlMemory);
      histories.unpersist(true);
      rows.unpersist(true);
      String line = String.format(Locale.ROOT, "| %,d | %,d | %s | %s | %.2f | %s | %s | %.2f |",
          deals, events, runs(oursFile), runs(sqlFile), min(oursFile) / min(sqlFile),
          runs(oursMemory), runs(sqlMemory), min(oursMemory) / min(sqlMemory));
      System.out.println(line + " load average " + load());
      report.add(line);
    }
    System.out.println("| deals | events | ours from Parquet (s) | SQL from Parquet (s) | ratio |"
        + " ours over persisted histories (s) | SQL over persisted rows (s) | ratio |");
    report.forEach(System.out::println);
    spark.stop();
  }

  /** Ours from rows: histories through the engine's import path, then both aggregators. */
  static Answers ours(SparkPipelines pipelines, Dataset<Row> rows) {
    return aggregate(pipelines, pipelines.histories(rows,
        HistoryOptions.defaults().withPipelineColumn("tenant")).histories());
  }

  /** The funnel and the time in stage per tenant, in one pass of typed aggregators. */
  static Answers aggregate(SparkPipelines pipelines, Dataset<PipelineHistory> histories) {
    Instant asOf = AS_OF;
    Map<String, Double> out = new HashMap<>();
    for (Tuple3<String, FunnelReport, TimeInStageReport> t : pipelines.byPipeline(histories)
        .agg(pipelines.aggregator(d -> Metrics.funnel(d).build(), FunnelReport.class).toColumn(),
            pipelines.aggregator(d -> Metrics.timeInStage(d, asOf), TimeInStageReport.class)
                .toColumn())
        .collectAsList()) {
      String tenant = t._1();
      for (FunnelReport.Row r : t._2().stages()) {
        if (r.reached() > 0) {
          out.put(tenant + "/" + r.stage().value() + "/reached", (double) r.reached());
        }
      }
      if (t._2().won() > 0) {
        out.put(tenant + "/won", (double) t._2().won());
      }
      for (TimeInStageReport.Row r : t._3().stages()) {
        if (r.reached() > 0) {
          Duration m = r.median().orElseThrow();
          out.put(tenant + "/" + r.stage().value() + "/time-reached", (double) r.reached());
          out.put(tenant + "/" + r.stage().value() + "/median",
              m.getSeconds() + m.getNano() / 1e9);
        }
      }
    }
    return new Answers(out);
  }

  /** The same answers in Spark SQL. */
  static Answers sql(SparkSession spark, Dataset<Row> rows) {
    rows.createOrReplaceTempView("h");
    Map<String, Double> out = new HashMap<>();
    for (Row r : spark.sql(REACHED).collectAsList()) {
      out.put(r.getString(0) + "/" + r.getString(1) + "/reached", (double) r.getLong(2));
    }
    for (Row r : spark.sql(WON).collectAsList()) {
      out.put(r.getString(0) + "/won", (double) r.getLong(1));
    }
    for (Row r : spark.sql(TIME_IN_STAGE).collectAsList()) {
      out.put(r.getString(0) + "/" + r.getString(1) + "/time-reached", (double) r.getLong(2));
      out.put(r.getString(0) + "/" + r.getString(1) + "/median", r.getDouble(3));
    }
    return new Answers(out);
  }

  /** Times two sides in turns (a, b, a, b, ...), so that a change of load hits both. */
  private static void time(Supplier<Answers> a, double[] aSeconds, Supplier<Answers> b,
      double[] bSeconds) {
    for (int i = 0; i < runs; i++) {
      aSeconds[i] = once(a);
      bSeconds[i] = once(b);
    }
  }

  private static double once(Supplier<Answers> run) {
    long t0 = System.nanoTime();
    Answers answers = run.get();
    double s = seconds(t0);
    if (answers.values().isEmpty()) {
      throw new IllegalStateException("no answers");
    }
    return s;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double min(double[] s) {
    double m = Double.MAX_VALUE;
    for (double x : s) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static String runs(double[] s) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "**%.1f**", min(s)));
    b.append(" (");
    for (int i = 0; i < s.length; i++) {
      b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", s[i]));
    }
    return b.append(')').toString();
  }
}

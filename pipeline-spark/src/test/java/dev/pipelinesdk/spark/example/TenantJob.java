package dev.pipelinesdk.spark.example;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import dev.pipelinesdk.files.DefinitionFileException;
import dev.pipelinesdk.spark.BadRows;
import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.ForecastOptions;
import dev.pipelinesdk.spark.HistoryOptions;
import dev.pipelinesdk.spark.HistoryRead;
import dev.pipelinesdk.spark.PipelineForecast;
import dev.pipelinesdk.spark.PipelineHistory;
import dev.pipelinesdk.spark.PipelineRun;
import dev.pipelinesdk.spark.SparkPipelines;
import dev.pipelinesdk.spark.AmountSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import scala.Tuple3;

/**
 * A {@code spark-submit} job: reads a Parquet directory of stage histories for many tenants and
 * writes, per tenant, the funnel, the time in stage, the forecast (self-calibrated competing
 * risks, P10/P50/P90 of the amount won, in the tenant's currency) and what could not be read or
 * forecast, each as a directory of JSON lines under the output directory.
 *
 * <pre>
 * TenantJob HISTORIES OUT [--template NAME] [--definitions DIR] [--tenant-column NAME]
 *     [--as-of INSTANT] [--horizon DAYS] [--trials N] [--target TENANT=AMOUNT]... [--targets FILE]
 * </pre>
 *
 * <p>Every tenant found in the rows is read with its own definition file from {@code
 * --definitions DIR} if there is one ({@code DIR/TENANT.yaml}, {@code .yml} or {@code .json}, the
 * format of the command line's {@code --definition}, read on the driver and sent to the
 * executors), else with the template's definition ({@code saas-b2b} by default). The as-of
 * instant defaults to the latest {@code at} of the rows. Without a master from {@code
 * spark-submit} it runs in local mode on every core.
 *
 * <p>A tenant's target, an amount in its own currency ({@code --target t0007=250000}, or a file
 * of such lines, {@code #} comments and blank lines skipped, through {@code --targets}), adds
 * the probability that the amount won within the horizon reaches it to the tenant's forecast
 * row ({@code target}, {@code p_target}); a target with more decimals than the tenant's currency
 * makes a problem of that tenant instead. Bad arguments, target lines (with the file and line)
 * and definition files with problems are said on standard error, exit code 2.
 */
public final class TenantJob {
  private TenantJob() {}

  /**
   * Runs the job.
   *
   * @param args the arguments (see the class comment)
   */
  public static void main(String[] args) {
    SparkSession.Builder builder = SparkSession.builder().appName("pipeline tenant report")
        .config("spark.sql.session.timeZone", "UTC");
    if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      run(spark, args, System.out);
    } catch (IllegalArgumentException e) { // bad input: said, not a stack trace
      System.err.println(e.getMessage());
      spark.stop();
      System.exit(2);
    } finally {
      spark.stop();
    }
  }

  /** A tenant's definition file in the directory, if it has one. */
  private static Optional<Path> definitionFile(Path dir, String tenant) {
    if (dir == null) {
      return Optional.empty();
    }
    for (String extension : new String[] {".yaml", ".yml", ".json"}) {
      Path file = dir.resolve(tenant + extension);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the job in a session.
   *
   * @param spark the session
   * @param args the arguments
   * @param log where to print what was done
   * @return the tenants forecast
   */
  static long run(SparkSession spark, String[] args, PrintStream log) {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: TenantJob HISTORIES OUT [--template NAME]"
          + " [--definitions DIR] [--tenant-column NAME] [--as-of INSTANT] [--horizon DAYS]"
          + " [--trials N] [--target TENANT=AMOUNT]... [--targets FILE]");
    }
    String in = args[0];
    String out = args[1];
    String template = "saas-b2b";
    Path definitionsDir = null;
    String tenantColumn = "tenant";
    Instant asOf = null;
    long horizonDays = 90;
    int trials = 20_000;
    Map<String, Target> targets = new LinkedHashMap<>();
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
    }
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--template" -> template = args[i + 1];
        case "--definitions" -> definitionsDir = Path.of(args[i + 1]);
        case "--tenant-column" -> tenantColumn = args[i + 1];
        case "--as-of" -> asOf = instant(args[i + 1]);
        case "--horizon" -> horizonDays = positive("--horizon", args[i + 1]);
        case "--trials" -> trials = (int) Math.min(Integer.MAX_VALUE,
            positive("--trials", args[i + 1]));
        case "--target" -> target(targets, args[i + 1], "--target");
        case "--targets" -> targets(targets, Path.of(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Dataset<Row> rows = spark.read().parquet(in);
    Definitions.Builder definitions = Definitions.builder();
    long fromFiles = 0;
    for (Row r : rows.select(tenantColumn).distinct().orderBy(tenantColumn).collectAsList()) {
      String tenant = r.getString(0);
      Optional<Path> file = definitionFile(definitionsDir, tenant);
      if (file.isPresent()) {
        try {
          definitions.file(tenant, file.get());
        } catch (DefinitionFileException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
        fromFiles++;
      } else {
        definitions.template(tenant, template);
      }
    }
    if (definitionsDir != null) {
      log.println(fromFiles + (fromFiles == 1 ? " tenant" : " tenants") + " read with"
          + " their definition files from "
          + definitionsDir + ", the others with template " + template);
    }
    if (asOf == null) {
      asOf = rows.agg(functions.max("at")).first().getTimestamp(0).toInstant();
    }
    Instant at = asOf;
    SparkPipelines pipelines = SparkPipelines.of(spark, definitions.build());
    ForecastOptions forecasting = ForecastOptions.of(Duration.ofDays(horizonDays))
        .withTrials(trials);
    for (Target t : targets.values()) {
      if (!pipelines.definitions().keys().contains(t.tenant())) {
        throw new IllegalArgumentException(t.source() + ": no tenant '" + t.tenant()
            + "' in the rows' " + tenantColumn + " column");
      }
      forecasting = forecasting.withTarget(t.tenant(), t.amount());
    }
    HistoryRead read = pipelines.histories(rows,
        HistoryOptions.defaults().withPipelineColumn(tenantColumn)).persist();
    Dataset<PipelineHistory> histories = read.histories().persist();

    Dataset<Tuple3<String, FunnelReport, TimeInStageReport>> metrics = pipelines
        .byPipeline(histories)
        .agg(pipelines.aggregator(d -> Metrics.funnel(d).build(), FunnelReport.class).toColumn(),
            pipelines.aggregator(d -> Metrics.timeInStage(d, at), TimeInStageReport.class)
                .toColumn());
    metrics.persist();
    write(metrics.flatMap((FlatMapFunction<Tuple3<String, FunnelReport, TimeInStageReport>,
        Row>) t -> funnelRows(t._1(), t._2()), Encoders.row(FUNNEL)), out, "funnel");
    write(metrics.flatMap((FlatMapFunction<Tuple3<String, FunnelReport, TimeInStageReport>,
        Row>) t -> timeRows(t._1(), t._3()), Encoders.row(TIME)), out, "time_in_stage");

    PipelineRun<PipelineForecast> forecasts = pipelines.forecasts(histories, at, forecasting)
        .persist();
    Dataset<Row> forecastRows = forecasts.results().map(
        (MapFunction<Tuple2<String, PipelineForecast>, Row>) t -> forecastRow(t._1(), t._2()),
        Encoders.row(FORECAST));
    write(forecastRows, out, "forecasts");
    List<Row> problems = new ArrayList<>();
    forecasts.problems().forEach((k, v) -> problems.add(RowFactory.create(k, v)));
    write(spark.createDataFrame(problems, PROBLEM), out, "problems");
    List<Row> bad = new ArrayList<>();
    for (Map.Entry<String, BadRows> e : read.badRows().entrySet()) {
      bad.add(RowFactory.create(e.getKey(), e.getValue().rows(),
          e.getValue().byProblem().toString(), e.getValue().examples().isEmpty() ? null
              : e.getValue().examples().get(0).message()));
    }
    write(spark.createDataFrame(bad, BAD), out, "bad_rows");

    long tenants = forecastRows.count();
    log.printf("%d tenants, %d histories, %d with bad rows, %d not forecast; as of %s,"
        + " %d-day horizon; written to %s%n", pipelines.definitions().keys().size(),
        histories.count(), bad.size(), problems.size(), at, horizonDays, out);
    for (Row r : forecastRows.orderBy("tenant").limit(5).collectAsList()) {
      String currency = r.isNullAt(5) ? "" : " " + r.getString(5);
      String target = r.isNullAt(11) ? "" : String.format(Locale.ROOT,
          ", P(won >= %s%s) %.3f", r.getString(11), currency, r.getDouble(12));
      log.printf("  %s: %d open deals, expected %s, P10 %s, P50 %s, P90 %s%s; %s%n",
          r.getString(0), r.getInt(4), amount(r, 6, currency), amount(r, 7, currency),
          amount(r, 8, currency), amount(r, 9, currency), target, r.getString(10));
    }
    return tenants;
  }

  static final StructType FUNNEL = new StructType().add("tenant", DataTypes.StringType)
      .add("stage", DataTypes.StringType).add("cohort_size", DataTypes.LongType)
      .add("reached", DataTypes.LongType).add("passed", DataTypes.LongType)
      .add("lost", DataTypes.LongType).add("went_dark", DataTypes.LongType)
      .add("stuck", DataTypes.LongType).add("conversion_to_won", DataTypes.DoubleType)
      .add("won", DataTypes.LongType);
  static final StructType TIME = new StructType().add("tenant", DataTypes.StringType)
      .add("stage", DataTypes.StringType).add("reached", DataTypes.LongType)
      .add("visits", DataTypes.LongType).add("open", DataTypes.LongType)
      .add("median_days", DataTypes.DoubleType).add("p90_days", DataTypes.DoubleType);
  /**
   * A forecast row: the amounts in the row's {@code currency}, each as the exact plain decimal
   * of its {@code Money} (the currency's own decimals: {@code 1250.50} for EUR, {@code 125050}
   * for JPY), written as text because one decimal column type would give every currency the same
   * scale; empty (null) where the tenant has no open amount.
   */
  static final StructType FORECAST = new StructType().add("tenant", DataTypes.StringType)
      .add("as_of", DataTypes.TimestampType).add("horizon_days", DataTypes.LongType)
      .add("model", DataTypes.StringType).add("open_deals", DataTypes.IntegerType)
      .add("currency", DataTypes.StringType)
      .add("expected", DataTypes.StringType)
      .add("p10", DataTypes.StringType)
      .add("p50", DataTypes.StringType)
      .add("p90", DataTypes.StringType)
      .add("calibration", DataTypes.StringType)
      .add("target", DataTypes.StringType)
      .add("p_target", DataTypes.DoubleType);
  static final StructType PROBLEM = new StructType().add("tenant", DataTypes.StringType)
      .add("problem", DataTypes.StringType);
  static final StructType BAD = new StructType().add("tenant", DataTypes.StringType)
      .add("rows", DataTypes.LongType).add("by_problem", DataTypes.StringType)
      .add("first_example", DataTypes.StringType);

  private static void write(Dataset<Row> rows, String out, String table) {
    rows.coalesce(1).write().mode(SaveMode.Overwrite).json(out + "/" + table);
  }

  private static Iterator<Row> funnelRows(String tenant, FunnelReport f) {
    List<Row> out = new ArrayList<>();
    for (FunnelReport.Row r : f.stages()) {
      out.add(RowFactory.create(tenant, r.stage().value(), f.cohortSize(), r.reached(),
          r.passed(), r.lost(), r.wentDark(), r.stuck(),
          r.conversionToWon().isPresent() ? r.conversionToWon().getAsDouble() : null, f.won()));
    }
    return out.iterator();
  }

  private static Iterator<Row> timeRows(String tenant, TimeInStageReport t) {
    List<Row> out = new ArrayList<>();
    for (TimeInStageReport.Row r : t.stages()) {
      out.add(RowFactory.create(tenant, r.stage().value(), r.reached(), r.visits(), r.open(),
          r.median().map(Metrics::days).orElse(null), r.p90().map(Metrics::days).orElse(null)));
    }
    return out.iterator();
  }

  private static Row forecastRow(String tenant, PipelineForecast p) {
    String[] q = new String[4];
    // expected as the command line's forecast gives it: the exact sum of amount x probability
    q[0] = p.forecast().expectedAmount().map(m -> m.amount().toPlainString()).orElse(null);
    p.wonAmount().ifPresent(w -> {
      q[1] = w.p10().amount().toPlainString();
      q[2] = w.p50().amount().toPlainString();
      q[3] = w.p90().amount().toPlainString();
    });
    Optional<AmountSummary.Target> target = p.wonAmount().flatMap(AmountSummary::target);
    return RowFactory.create(tenant, Timestamp.from(p.forecast().asOf()),
        p.forecast().horizon().toDays(), p.forecast().model(), p.forecast().deals().size(),
        p.forecast().openAmount().map(Money::currency).map(c -> c.getCurrencyCode())
            .orElse(null), q[0], q[1], q[2], q[3],
        p.calibration().map(c -> c.describe()).orElse("not calibrated"),
        target.map(t -> t.amount().amount().toPlainString()).orElse(null),
        target.map(AmountSummary.Target::probability).orElse(null));
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("--as-of: expected an instant such as"
          + " 2026-10-01T00:00:00Z, not '" + text + "'", e);
    }
  }

  private static long positive(String option, String text) {
    try {
      long n = Long.parseLong(text.strip());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(option + ": expected a whole number above 0, not '"
        + text + "'");
  }

  /** A tenant's target and where it was given. */
  private record Target(String tenant, BigDecimal amount, String source) {}

  /** Reads {@code TENANT=AMOUNT}; a second target of a tenant replaces the first. */
  private static void target(Map<String, Target> targets, String text, String source) {
    int eq = text.indexOf('=');
    String tenant = eq < 0 ? "" : text.substring(0, eq).strip();
    String amount = eq < 0 ? "" : text.substring(eq + 1).strip();
    if (tenant.isEmpty() || !PLAIN.matcher(amount).matches()) {
      throw new IllegalArgumentException(source + ": expected TENANT=AMOUNT, a tenant key and a"
          + " plain decimal amount that is not negative, such as t0007=250000.00: '" + text
          + "'");
    }
    targets.put(tenant, new Target(tenant, new BigDecimal(amount), source));
  }

  /** Reads a file of {@code TENANT=AMOUNT} lines. */
  private static void targets(Map<String, Target> targets, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--targets: cannot read " + file + ": " + e.getMessage(),
          e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        target(targets, line, file + ":" + (i + 1));
      }
    }
  }

  /** A target amount: digits, optionally a point and more digits; never negative. */
  private static final Pattern PLAIN = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  /** An amount of a forecast row with its currency, as {@code Money} shows it, or "-". */
  private static String amount(Row r, int column, String currency) {
    return r.isNullAt(column) ? "-" : r.getString(column) + currency;
  }
}

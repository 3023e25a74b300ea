package dev.pipelinesdk.spark.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.files.DefinitionFiles;
import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.HistoryOptions;
import dev.pipelinesdk.spark.PipelineHistory;
import dev.pipelinesdk.spark.SparkPipelines;
import dev.pipelinesdk.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example job over a generated Parquet directory of three tenants: it writes every table,
 * one forecast per tenant, and funnel rows equal to the library's funnel of the same histories.
 */
class TenantJobTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void writesTheMetricsAndForecastsPerTenant(@TempDir Path dir) throws Exception {
    String in = dir.resolve("histories").toString();
    String out = dir.resolve("report").toString();
    // t0002 sells in yen, a currency without decimals
    TenantRows.generate(spark, 3, 80, 5, 2).withColumn("currency", functions.when(
        functions.col("tenant").equalTo("t0002"), functions.lit("JPY"))
        .otherwise(functions.col("currency"))).write().parquet(in);
    // t0002 has its own definition file (the template's stages, its own name and currency)
    Path definitions = Files.createDirectories(dir.resolve("definitions"));
    StringBuilder yaml = new StringBuilder();
    DefinitionFiles.write(PipelineTemplates.definition("saas-b2b"), yaml,
        DefinitionFiles.Format.YAML);
    Files.writeString(definitions.resolve("t0002.yaml"), yaml.toString()
        .replaceFirst("(?m)^name: .*$", "name: \"Yen sales\""));
    // targets: t0000 on the command line, t0002 (in yen) in a file
    Path targets = Files.writeString(dir.resolve("targets.txt"), "# targets per tenant\n\n"
        + " t0002 = 1\n");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    long tenants = TenantJob.run(spark, new String[] {in, out, "--trials", "2000", "--horizon",
        "60", "--definitions", definitions.toString(), "--target", "t0000=0",
        "--targets", targets.toString()},
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertThat(tenants).isEqualTo(3);
    String printed = log.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("1 tenant read with their definition files from "
        + definitions + ", the others with template saas-b2b\n3 tenants, 240 histories, 0 with"
        + " bad rows, 0 not forecast; as of ");
    // every amount printed with its currency, in the currency's own decimals
    assertThat(printed).containsPattern("\n  t0000: \\d+ open deals, expected \\d+\\.\\d{2}"
        + " EUR, P10 \\d+\\.\\d{2} EUR, P50 \\d+\\.\\d{2} EUR, P90 \\d+\\.\\d{2} EUR,"
        + " P\\(won >= 0.00 EUR\\) 1.000; ")
        .containsPattern("\n  t0001: \\d+ open deals, expected [^,]+, P10 [^,]+, P50 [^,]+, P90"
        + " [^,;]+; ")
        .containsPattern("\n  t0002: \\d+ open deals, expected \\d+ JPY, P10 \\d+ JPY, P50 \\d+"
        + " JPY, P90 \\d+ JPY, P\\(won >= 1 JPY\\) [01]\\.\\d{3}; ");
    for (String table : List.of("funnel", "time_in_stage", "forecasts", "problems", "bad_rows")) {
      assertThat(Files.exists(dir.resolve("report").resolve(table).resolve("_SUCCESS")))
          .as(table).isTrue();
    }
    List<Row> forecasts = spark.read().json(out + "/forecasts").orderBy("tenant")
        .collectAsList();
    assertThat(forecasts).extracting(r -> r.getAs("tenant"))
        .containsExactly("t0000", "t0001", "t0002");
    for (Row r : forecasts) {
      BigDecimal p10 = new BigDecimal(r.<String>getAs("p10"));
      BigDecimal p90 = new BigDecimal(r.<String>getAs("p90"));
      assertThat(p10).isLessThanOrEqualTo(p90);
      assertThat((long) r.getAs("open_deals")).isPositive();
      // written in the tenant's currency with its decimals, as the amounts came
      boolean yen = r.getAs("tenant").equals("t0002");
      assertThat(r.<String>getAs("currency")).isEqualTo(yen ? "JPY" : "EUR");
      for (String column : List.of("expected", "p10", "p50", "p90")) {
        assertThat(r.<String>getAs(column)).as(column).matches(yen ? "\\d+" : "\\d+\\.\\d{2}");
      }
    }
    // the targets: zero is always reached; t0001 has none
    assertThat(forecasts).extracting(r -> r.getAs("target"))
        .containsExactly("0.00", null, "1");
    assertThat((double) forecasts.get(0).getAs("p_target")).isEqualTo(1.0);
    assertThat(forecasts.get(1).<Object>getAs("p_target")).isNull();
    assertThat((double) forecasts.get(2).getAs("p_target")).isBetween(0.0, 1.0);

    // the funnel rows of t0001 are the library's funnel over the same histories
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    SparkPipelines pipelines = SparkPipelines.of(spark, Definitions.builder()
        .template("t0001", "saas-b2b").build());
    Dataset<Row> rows = spark.read().parquet(in).filter("tenant = 't0001'");
    List<DealHistory> histories = pipelines.histories(rows, HistoryOptions.defaults()
        .withPipelineColumn("tenant")).histories().collectAsList().stream()
        .map(PipelineHistory::history).toList();
    assertThat(histories).hasSize(80);
    FunnelReport funnel = Metrics.compute(Metrics.funnel(saas).build(), histories);
    List<Row> written = spark.read().json(out + "/funnel").filter("tenant = 't0001'")
        .collectAsList();
    assertThat(written).hasSize(funnel.stages().size());
    for (FunnelReport.Row s : funnel.stages()) {
      Row w = written.stream().filter(r -> r.getAs("stage").equals(s.stage().value()))
          .findFirst().orElseThrow();
      assertThat((long) w.getAs("reached")).as(s.stage().value()).isEqualTo(s.reached());
      assertThat((long) w.getAs("won")).isEqualTo(funnel.won());
    }
    assertThat(funnel.won()).isPositive();
  }

  @Test
  void badTargetsAreNamedWithTheirFileAndLine(@TempDir Path dir) throws Exception {
    Path targets = Files.writeString(dir.resolve("targets.txt"), "t0000=100\nt0001 250k\n");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TenantJob.run(spark, new String[] {"in", "out", "--targets",
        targets.toString()}, quiet)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(targets + ":2: expected TENANT=AMOUNT, a tenant key and a plain decimal"
            + " amount that is not negative, such as t0007=250000.00: 't0001 250k'");
    assertThatThrownBy(() -> TenantJob.run(spark, new String[] {"in", "out", "--target",
        "t0000=-5"}, quiet)).hasMessageStartingWith("--target: expected TENANT=AMOUNT");
    assertThatThrownBy(() -> TenantJob.run(spark, new String[] {"in", "out", "--horizon",
        "ninety"}, quiet)).hasMessage("--horizon: expected a whole number above 0, not 'ninety'");
    assertThatThrownBy(() -> TenantJob.run(spark, new String[] {"in", "out", "--trials"},
        quiet)).hasMessage("option --trials has no value");

    String in = dir.resolve("histories").toString();
    TenantRows.generate(spark, 1, 10, 5, 1).write().parquet(in);
    assertThatThrownBy(() -> TenantJob.run(spark, new String[] {in, dir.resolve("out")
        .toString(), "--target", "t0009=10"}, quiet))
        .hasMessage("--target: no tenant 't0009' in the rows' tenant column");
  }
}

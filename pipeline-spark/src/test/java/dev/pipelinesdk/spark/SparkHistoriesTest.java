package dev.pipelinesdk.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import dev.pipelinesdk.examples.StageHistoryCsv;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * Histories read from rows equal the command line's reading of the same file (text columns in
 * its default formats, and the same data with typed columns from Parquet); bad rows are the
 * command line's kinds, collected per pipeline, and fail the job only when asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkHistoriesTest {
  private final SparkSession spark = SharedSpark.session();
  private SparkPipelines pipelines;
  @TempDir static Path dir;
  private final Map<String, Path> files = new LinkedHashMap<>();
  private final Map<String, List<DealHistory>> cli = new LinkedHashMap<>();

  static PipelineDefinition euro() {
    return PipelineDefinition.builder("euro").currency("EUR")
        .stage(Stage.open("new", "New", 0.2)).stage(Stage.open("demo", "Demo", 0.5))
        .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
        .path("new", "demo", "won").fromEveryOpenStage("lost").build();
  }

  @BeforeAll
  void files() throws Exception {
    pipelines = SparkPipelines.of(spark, Definitions.builder().template("acme", "saas-b2b")
        .template("globex", "saas-b2b").definition("euro", SparkHistoriesTest::euro).build());
    for (String key : List.of("acme", "globex")) {
      Path file = dir.resolve(key + ".csv");
      try (Writer out = Files.newBufferedWriter(file)) {
        StageHistoryCsv.write(TestHistories.of(key), List.of(Deal.LEAD_SCORE, "need"), out);
      }
      files.put(key, file);
      Map<StageId, StageKind> stages = new LinkedHashMap<>();
      TestHistories.SAAS.stages().forEach(s -> stages.put(s.id(), s.kind()));
      cli.put(key, StageHistoryCsv.read(file, stages, StageHistoryCsv.Options.defaults())
          .histories());
    }
  }

  private Dataset<Row> csv() {
    Dataset<Row> all = null;
    for (Map.Entry<String, Path> f : files.entrySet()) {
      Dataset<Row> one = spark.read().option("header", "true").csv(f.getValue().toString())
          .withColumn("pipeline", lit(f.getKey()));
      all = all == null ? one : all.union(one);
    }
    return all;
  }

  private Map<String, List<DealHistory>> byPipeline(Dataset<PipelineHistory> histories) {
    return histories.collectAsList().stream().collect(Collectors.groupingBy(
        PipelineHistory::pipeline, Collectors.mapping(PipelineHistory::history,
            Collectors.toList())));
  }

  @Test
  void textColumnsGiveTheCommandLinesHistories() {
    HistoryRead read = pipelines.histories(csv(), HistoryOptions.defaults()).persist();
    Map<String, List<DealHistory>> histories = byPipeline(read.histories());
    assertThat(cli.get("acme")).hasSize(TestHistories.acme().size());
    for (String key : files.keySet()) {
      assertThat(histories.get(key)).containsExactlyInAnyOrderElementsOf(cli.get(key));
    }
    assertThat(read.badRows()).isEmpty();
  }

  @Test
  void typedColumnsFromParquetGiveTheSameHistories() {
    Path parquet = dir.resolve("typed.parquet");
    csv().withColumn("at", col("at").cast(DataTypes.TimestampType))
        .withColumn("amount", col("amount").cast(DataTypes.createDecimalType(20, 2)))
        .withColumn("lead_score", col("lead_score").cast(DataTypes.IntegerType))
        .write().parquet(parquet.toString());
    Dataset<Row> typed = spark.read().parquet(parquet.toString());
    assertThat(typed.schema().apply("at").dataType()).isEqualTo(DataTypes.TimestampType);
    // a Parquet directory has no order of its own: histories whose ties need it use a sequence
    Map<String, List<DealHistory>> histories = byPipeline(pipelines.histories(typed,
        HistoryOptions.defaults()).histories());
    for (String key : files.keySet()) {
      assertThat(histories.get(key)).containsExactlyInAnyOrderElementsOf(cli.get(key));
    }
  }

  @Test
  void metricsOverTheReadHistoriesEqualTheLibrarysOverTheCommandLines() {
    Dataset<Tuple2<String, TimeInStageReport>> out = pipelines.histories(csv(),
        HistoryOptions.defaults()).histories()
        .groupByKey((MapFunction<PipelineHistory, String>) PipelineHistory::pipeline,
            Encoders.STRING())
        .agg(pipelines.aggregator(d -> Metrics.timeInStage(d, TestHistories.END),
            TimeInStageReport.class).toColumn());
    for (Tuple2<String, TimeInStageReport> t : out.collectAsList()) {
      assertThat(t._2()).isEqualTo(Metrics.compute(Metrics.timeInStage(TestHistories.SAAS,
          TestHistories.END), cli.get(t._1())));
    }
    assertThat(out.count()).isEqualTo(2);
  }

  private Dataset<Row> rows(Object[]... rows) {
    StructType schema = new StructType().add("pipeline", DataTypes.StringType)
        .add("deal_id", DataTypes.StringType).add("at", DataTypes.StringType)
        .add("stage", DataTypes.StringType).add("amount", DataTypes.StringType)
        .add("currency", DataTypes.StringType).add("seq", DataTypes.LongType);
    List<Row> list = java.util.Arrays.stream(rows).map(RowFactory::create).toList();
    return spark.createDataFrame(list, schema);
  }

  @Test
  void tiesFollowTheSequenceColumn() {
    // two rows at the same instant: the sequence says new, then demo (so the deal is in demo)
    Dataset<Row> rows = rows(
        new Object[] {"euro", "d1", "2026-01-05", "demo", null, null, 2L},
        new Object[] {"euro", "d1", "2026-01-05", "new", "100", null, 1L});
    List<PipelineHistory> read = pipelines.histories(rows,
        HistoryOptions.defaults().withSequenceColumn("seq")).histories().collectAsList();
    assertThat(read).hasSize(1);
    assertThat(read.get(0).history().current().stage()).isEqualTo(StageId.of("demo"));
    assertThat(read.get(0).history().created().deal().stage()).isEqualTo(StageId.of("new"));
  }

  @Test
  void keysOfEveryColumnTypeAndNameGroupTheSameDeals() {
    // a pipeline key column whose name has a dot, as text and as numbers (the function path)
    SparkPipelines numbered = SparkPipelines.of(spark, Definitions.builder()
        .definition("42", SparkHistoriesTest::euro).build());
    Dataset<Row> rows = rows(
        new Object[] {"42", "d7", "2026-01-05", "new", "100", null, 1L},
        new Object[] {"42", " d7", "2026-01-09", "demo", null, null, 2L},
        new Object[] {"42", "d8", "2026-01-06", "new", null, null, 3L})
        .withColumnRenamed("pipeline", "org.tenant");
    HistoryOptions options = HistoryOptions.defaults().withPipelineColumn("org.tenant");
    List<PipelineHistory> text = numbered.histories(rows, options).histories().collectAsList();
    List<PipelineHistory> numbers = numbered.histories(rows.withColumn("org.tenant",
        col("`org.tenant`").cast(DataTypes.IntegerType)), options).histories().collectAsList();
    assertThat(text).hasSize(2); // ' d7' is deal d7: keys are stripped as the CLI strips them
    assertThat(text).extracting(h -> h.history().current().stage().value())
        .containsExactlyInAnyOrder("demo", "new");
    assertThat(numbers).containsExactlyInAnyOrderElementsOf(text);
  }

  @Test
  void badRowsAreCollectedPerPipelineWithTheCommandLinesKinds() {
    Dataset<Row> rows = rows(
        new Object[] {"euro", "d1", "2026-01-05", "new", "100", null, 1L},
        new Object[] {"euro", "d1", "2026-01-09", "demo", "1x0", null, 2L},
        new Object[] {"euro", "d1", "2026-02-30", "demo", null, null, 3L},
        new Object[] {"euro", "d2", "2026-01-06", "qualification", null, null, 4L},
        new Object[] {"euro", "d3", "2026-01-07", "new", "50", "USD", 5L},
        new Object[] {"euro", "d4", "2026-01-08", "new", "-5", null, 6L},
        new Object[] {"euro", "d4", "2026-01-10", "won", null, null, 7L},
        new Object[] {"nowhere", "d5", "2026-01-08", "new", null, null, 8L});
    HistoryRead read = pipelines.histories(rows, HistoryOptions.defaults()
        .withSequenceColumn("seq")).persist();
    // d1 (its good first row) and d4 (created by its second row, the first being bad) are read
    assertThat(read.histories().collectAsList()).extracting(h -> h.history().dealId().value())
        .containsExactlyInAnyOrder("d1", "d4");
    Map<String, BadRows> bad = read.badRows();
    assertThat(bad.keySet()).containsExactly("euro", "nowhere");
    BadRows euro = bad.get("euro");
    assertThat(euro.rows()).isEqualTo(5);
    assertThat(euro.byProblem()).containsExactly(Map.entry("bad date", 1L),
        Map.entry("negative amount", 1L), Map.entry("non-numeric amount", 1L),
        Map.entry("refused by the engine", 1L), Map.entry("unknown stage", 1L));
    assertThat(euro.examples()).extracting(BadRow::message).containsExactly(
        "pipeline 'euro', deal 'd1', row at '2026-01-09' in stage 'demo': amount is not a plain"
            + " decimal number: '1x0' in column amount",
        "pipeline 'euro', deal 'd1', row at '2026-02-30' in stage 'demo': bad date"
            + " '2026-02-30' in column at: expected an ISO date (2017-03-01) or date-time"
            + " (2017-03-01T10:15:00Z, 2017-03-01T10:15:00+01:00)",
        "pipeline 'euro', deal 'd2', row at '2026-01-06' in stage 'qualification': unknown stage"
            + " 'qualification' in column stage; known stages of pipeline 'euro': demo, lost,"
            + " new, won",
        // the engine's own reason: the definition fixes EUR (Pipeline.importDeal)
        "pipeline 'euro', deal 'd3', row at '2026-01-07' in stage 'new': deal 'd3': amount 50.00"
            + " USD is not in the currency of pipeline 'euro' (EUR); convert it first",
        "pipeline 'euro', deal 'd4', row at '2026-01-08' in stage 'new': negative amount '-5'"
            + " in column amount");
    assertThat(euro.examples().get(3).problem()).isEqualTo("refused by the engine");
    assertThat(bad.get("nowhere").byProblem()).containsExactly(Map.entry("unknown pipeline", 1L));
    assertThat(bad.get("nowhere").examples().get(0).message()).endsWith(
        "no definition for pipeline 'nowhere' in column pipeline; known: [acme, globex, euro]");
  }

  /** A deal's id is the same in each of its rows (they are grouped by it): each row is refused. */
  @Test
  void everyRowOfADealWithoutAUsableIdIsRefused() {
    Dataset<Row> rows = rows(
        new Object[] {"euro", " ", "2026-01-05", "new", null, null, 1L},
        new Object[] {"euro", "", "2026-01-06", "demo", null, null, 2L},
        new Object[] {"euro", "d\u0001x", "2026-01-05", "new", null, null, 3L},
        new Object[] {"euro", "d\u0001x", "2026-01-06", "demo", null, null, 4L},
        new Object[] {"euro", "d1", "2026-01-05", "new", null, null, 5L});
    HistoryRead read = pipelines.histories(rows, HistoryOptions.defaults()
        .withSequenceColumn("seq")).persist();
    assertThat(read.histories().collectAsList()).extracting(h -> h.history().dealId().value())
        .containsExactly("d1");
    BadRows euro = read.badRows().get("euro");
    assertThat(euro.byProblem()).containsExactly(Map.entry("empty deal_id", 2L),
        Map.entry("invalid deal id", 2L));
    assertThat(euro.examples()).extracting(BadRow::message).contains(
        "pipeline 'euro', deal '', row at '2026-01-06' in stage 'demo': empty deal_id",
        "pipeline 'euro', deal 'd\u0001x', row at '2026-01-05' in stage 'new': "
            + dealIdProblem("d\u0001x") + " in column deal_id");
  }

  private static String dealIdProblem(String id) {
    try {
      DealId.of(id);
      throw new AssertionError(id + " is a deal id");
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  @Test
  void examplesAreLimited() {
    Dataset<Row> rows = rows(
        new Object[] {"euro", "d1", "x1", "new", null, null, 1L},
        new Object[] {"euro", "d2", "x2", "new", null, null, 2L},
        new Object[] {"euro", "d3", "x3", "new", null, null, 3L});
    BadRows euro = pipelines.histories(rows, HistoryOptions.defaults().withExamples(2))
        .badRows().get("euro");
    assertThat(euro.rows()).isEqualTo(3);
    assertThat(euro.examples()).extracting(r -> r.message().substring(0, 26))
        .containsExactly("pipeline 'euro', deal 'd1'", "pipeline 'euro', deal 'd2'");
  }

  @Test
  void failOnBadRowsFailsTheJobWithTheRowsMessage() {
    Dataset<Row> rows = rows(new Object[] {"euro", "d1", "2026-01-05", "nope", null, null, 1L});
    assertThatThrownBy(() -> pipelines.histories(rows, HistoryOptions.defaults()
        .withFailOnBadRows(true)).histories().collectAsList())
        .rootCause().isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown stage: pipeline 'euro', deal 'd1', row at '2026-01-05'"
            + " in stage 'nope': unknown stage 'nope' in column stage");
  }

  @Test
  void aMissingColumnIsNamedOnTheDriver() {
    Dataset<Row> rows = rows(new Object[] {"euro", "d1", "2026-01-05", "new", null, null, 1L})
        .drop("stage");
    assertThatThrownBy(() -> pipelines.histories(rows, HistoryOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing required column 'stage'; the rows have: pipeline, deal_id, at,"
            + " amount, currency, seq, __pipeline_input_order");
  }
}

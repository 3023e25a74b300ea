package dev.pipelinesdk.spark;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.automation.IdleRule;
import dev.pipelinesdk.core.automation.Span;
import dev.pipelinesdk.core.guard.GuardFactories;
import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.examples.StageHistoryCsv;
import dev.pipelinesdk.files.DefinitionFileException;
import dev.pipelinesdk.files.DefinitionFiles;
import dev.pipelinesdk.testkit.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * Definitions from definition files (the format the command line's {@code --definition} reads):
 * checked on the driver, their text sent to the executors and read there into the same
 * definition; histories read and measured with it equal the command line's.
 */
class DefinitionsTest {
  private final SparkSession spark = SharedSpark.session();
  @TempDir Path dir;

  /** A pipeline no template has: its own stages, a guard by factory, an idle rule. */
  static PipelineDefinition demo() {
    return PipelineDefinition.builder("demo").name("Demo pipeline").currency("EUR")
        .stage(Stage.open("lead", "Lead", 0.1)).stage(Stage.open("demo", "Demo", 0.4))
        .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
        .transition("lead", "demo", GuardFactories.create("amount-present", Map.of()))
        .path("demo", "won").fromEveryOpenStage("lost")
        .rule(IdleRule.of("demo", Span.days(10)))
        .build();
  }

  private Path yaml(PipelineDefinition d, String name) throws Exception {
    StringBuilder text = new StringBuilder();
    DefinitionFiles.write(d, text, DefinitionFiles.Format.YAML);
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void aFileIsReadOnTheDriverAndAgainWhereverTheDefinitionsTravel() throws Exception {
    Path file = yaml(demo(), "demo.yaml");
    Definitions definitions = Definitions.builder().file("demo", file)
        .template("acme", "saas-b2b").build();
    assertThat(definitions.definition("demo")).isEqualTo(demo());
    assertThat(definitions.toString()).contains("demo=file " + file);
    // what a broadcast does: Java serialization; the copy reads the text into an equal one
    Definitions copy = Wire.roundTrip(definitions);
    assertThat(copy.definition("demo")).isEqualTo(demo()).isNotSameAs(
        definitions.definition("demo"));
    assertThat(copy.keys()).containsExactly("demo", "acme");
  }

  @Test
  void historiesReadWithAFilesDefinitionEqualTheCommandLinesReadingWithIt() throws Exception {
    Path file = yaml(demo(), "demo.yaml");
    // stage 'demo' exists only in the file's definition; 'qualification' does not exist there
    Path csv = Files.writeString(dir.resolve("demo.csv"), "deal_id,at,stage,amount,currency\n"
        + "d1,2026-01-05,lead,1000,EUR\nd1,2026-01-09,demo,1000,EUR\n"
        + "d1,2026-01-20,won,1000,EUR\nd2,2026-01-06,lead,,\nd3,2026-01-07,lead,500,EUR\n"
        + "d3,2026-01-08,demo,500,EUR\n");
    Path extra = Files.writeString(dir.resolve("extra.csv"), "deal_id,at,stage,amount,currency\n"
        + "d4,2026-01-08,qualification,,\n");
    Map<StageId, StageKind> stages = new LinkedHashMap<>();
    demo().stages().forEach(s -> stages.put(s.id(), s.kind()));
    StageHistoryCsv.Result cli = StageHistoryCsv.read(csv, stages,
        StageHistoryCsv.Options.defaults());
    List<DealHistory> expected = cli.histories();
    assertThat(expected).hasSize(3);

    SparkPipelines pipelines = SparkPipelines.of(spark, Definitions.builder()
        .file("demo", file).build());
    // and a row of a stage the file's definition does not have: a bad row of the pipeline
    Dataset<Row> rows = spark.read().option("header", "true").csv(csv.toString(),
            extra.toString())
        .withColumn("pipeline", lit("demo"));
    HistoryRead read = pipelines.histories(rows, HistoryOptions.defaults()).persist();
    assertThat(read.histories().collectAsList()).extracting(PipelineHistory::history)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(read.badRows().get("demo").rows()).isEqualTo(1);
    assertThat(read.badRows().get("demo").byProblem()).containsOnlyKeys(StageHistoryCsv.UNKNOWN_STAGE);

    List<Tuple2<String, FunnelReport>> funnel = read.histories()
        .groupByKey((MapFunction<PipelineHistory, String>) PipelineHistory::pipeline,
            Encoders.STRING())
        .agg(pipelines.aggregator(d -> Metrics.funnel(d).build(), FunnelReport.class)
            .toColumn())
        .collectAsList();
    assertThat(funnel).hasSize(1);
    assertThat(funnel.get(0)._2()).isEqualTo(Metrics.compute(Metrics.funnel(demo()).build(),
        expected));
  }

  @Test
  void textFromElsewhereIsReadByTheFormatItsNameSays() throws Exception {
    StringBuilder json = new StringBuilder();
    DefinitionFiles.write(demo(), json, DefinitionFiles.Format.JSON);
    StringBuilder yaml = new StringBuilder();
    DefinitionFiles.write(demo(), yaml, DefinitionFiles.Format.YAML);
    Definitions definitions = Definitions.builder()
        .file("a", "s3a://lake/pipelines/demo.json", json.toString())
        .file("b", "s3a://lake/pipelines/demo.YML", yaml.toString()).build();
    assertThat(definitions.definition("a")).isEqualTo(demo());
    assertThat(definitions.definition("b")).isEqualTo(demo());
  }

  @Test
  void aFilesProblemsFailOnTheDriverNamingTheFileAndPath() throws Exception {
    Path file = yaml(demo(), "broken.yaml");
    Files.writeString(file, Files.readString(file).replace("kind: \"won\"", "kind: \"closed\"")
        .replace("kind: won", "kind: closed"));
    DefinitionFileException e = catchThrowableOfType(DefinitionFileException.class,
        () -> Definitions.builder().file("demo", file));
    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith(file + ": "));
    assertThat(e.getMessage()).contains("$.stages[2].kind").contains("'closed'");

    DefinitionFileException missing = catchThrowableOfType(DefinitionFileException.class,
        () -> Definitions.builder().file("demo", dir.resolve("nowhere.yaml")));
    assertThat(missing.getMessage()).isEqualTo(dir.resolve("nowhere.yaml") + ": no such file");

    DefinitionFileException notJson = catchThrowableOfType(DefinitionFileException.class,
        () -> Definitions.builder().file("demo", "inline.json", "{\"id\": "));
    assertThat(notJson.getMessage()).startsWith("inline.json:1:").contains("not JSON");
  }
}

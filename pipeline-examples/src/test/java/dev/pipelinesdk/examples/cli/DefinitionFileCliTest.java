package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.files.DefinitionFileException;
import dev.pipelinesdk.files.DefinitionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --definition FILE, definition export, and --probabilities / --idle-days, end to end. */
class DefinitionFileCliTest {
  @TempDir
  Path dir;

  private static final String STAGES = "\"stages\": [{\"id\": \"lead\", \"probability\": 0.2},"
      + " {\"id\": \"won\", \"kind\": \"won\"}, {\"id\": \"lost\", \"kind\": \"lost\"}]";
  private static final String TRANSITIONS = "\"transitions\": [{\"from\": \"lead\", \"to\":"
      + " \"won\"}, {\"from\": \"lead\", \"to\": \"lost\"}]";

  private Path file(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** {@code diagram --definition f}: fails with exit 2 and exactly {@code err}, nothing on stdout. */
  private static void refused(Path f, String err) {
    Cli.Run run = Cli.run("diagram", "--definition", f.toString());
    assertThat(run.err()).isEqualTo(err + "\n");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnknownFieldIsNamedWithTheKnownOnes() throws IOException {
    Path f = file("typo.json", "{\"id\": \"demo\", \"stages\": [{\"id\": \"lead\","
        + " \"probabilty\": 0.2}, {\"id\": \"won\", \"kind\": \"won\"}, {\"id\": \"lost\","
        + " \"kind\": \"lost\"}], " + TRANSITIONS + "}");
    refused(f, f + ": $.stages[0].probabilty: unknown field 'probabilty'; known fields:"
        + " expectedDuration, forecastCategory, id, idleAfter, kind, name, probability");
  }

  @Test
  void aBadProbabilityNamesItsPathAndValue() throws IOException {
    Path f = file("p.json", "{\"id\": \"demo\", " + STAGES.replace("0.2", "1.5") + ", "
        + TRANSITIONS + "}");
    refused(f, f + ": $.stages[0].probability: 1.5 is not in [0, 1]");
  }

  @Test
  void everyProblemIsListedAtOnceFormatFirstThenTheBuilders() throws IOException {
    Path f = file("two.json", "{\"id\": \"demo\", " + STAGES.replace("0.2", "\"high\"")
        + ", \"transitions\": [{\"from\": \"lead\", \"to\": \"won\"}, {\"from\": \"lead\", \"to\":"
        + " \"lost\"}, {\"from\": \"lead\", \"to\": \"nowhere\"}]}");
    refused(f, f + ": $.stages[0].probability: 'high' is not a number\n"
        + f + ": transition lead -> nowhere: unknown stage 'nowhere'");
  }

  @Test
  void anUnknownGuardListsTheKnownGuards() throws IOException {
    Path f = file("guard.json", "{\"id\": \"demo\", " + STAGES + ", \"transitions\": [{\"from\":"
        + " \"lead\", \"to\": \"won\", \"guards\": [{\"guard\": \"minimum-score\", \"parameters\":"
        + " {\"min\": 50}}]}, {\"from\": \"lead\", \"to\": \"lost\"}]}");
    refused(f, f + ": $.transitions[0].guards[0].guard: no guard named 'minimum-score'; known"
        + " guards: [actor-has-role, amount-present, marketing-qualified, minimum-lead-score,"
        + " minimum-time-in-stage, minimum-touches, no-backward-moves, no-skipping, owner-in,"
        + " required-attributes, sales-qualified]");
  }

  @Test
  void aFileThatIsNotJsonGivesJacksonsLineAndColumn() throws IOException {
    Path f = file("broken.json", "{\"id\": \"demo\",\n  \"stages\": [}\n");
    refused(f, f + ":2:14: not JSON: Unexpected close marker '}': expected ']'");
    Path y = file("broken.yaml", "id: demo\nstages:\n  - {id: won, kind: won\n");
    refused(y, y + ":3:24: not YAML: while parsing a flow mapping; expected ',' or '}', but got"
        + " <stream end>");
  }

  @Test
  void aMissingFileIsOneLine() {
    refused(dir.resolve("nope.json"), dir.resolve("nope.json") + ": no such file");
  }

  @Test
  void definitionIsExclusiveWithTemplateAndStages() throws IOException {
    Path f = file("ok.json", "{\"id\": \"demo\", " + STAGES + ", " + TRANSITIONS + "}");
    for (String[] other : new String[][] {{"--template", "saas-b2b"},
        {"--stages", "lead", "--won", "won", "--lost", "lost"}}) {
      List<String> args = new java.util.ArrayList<>(List.of("diagram", "--definition",
          f.toString()));
      args.addAll(List.of(other));
      Cli.Run run = Cli.run(args.toArray(String[]::new));
      assertThat(run.exit()).isEqualTo(2);
      // picocli's wording differs between the two cases; its first line names both options
      assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("Error: ")
          .contains("--definition=", other[0] + "=");
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void anExportedTemplateIsReadBackByMetricsWithTheSameResult() throws IOException {
    Path events = file("events.csv", Cli.run("generate", "--deals", "40", "--seed", "7").out());
    for (String format : List.of("json", "yaml")) {
      Cli.Run export = Cli.run("definition", "export", "--template", "saas-b2b", "--format",
          format);
      assertThat(export.exit()).isZero();
      assertThat(export.err()).isEmpty();
      Path f = file("saas-b2b." + format, export.out());
      Cli.Run fromFile = Cli.run("metrics", "--events", events.toString(), "--definition",
          f.toString(), "--json");
      Cli.Run fromTemplate = Cli.run("metrics", "--events", events.toString(), "--template",
          "saas-b2b", "--json");
      assertThat(fromFile.exit()).as(fromFile.err()).isZero();
      assertThat(fromFile.json()).isEqualTo(fromTemplate.json());
      assertThat(Cli.run("diagram", "--definition", f.toString()).out())
          .isEqualTo(Cli.run("diagram", "--template", "saas-b2b").out());
    }
  }

  @Test
  void theReadmeExampleIsWhatExportWritesAndMetricsReadsIt()
      throws IOException, DefinitionFileException {
    String block = readmeBlock("### A pipeline as a file", "yaml");
    PipelineDefinition d = DefinitionFiles.read("README.md", block, DefinitionFiles.Format.YAML);
    Path f = file("demo.yaml", block);
    Cli.Run export = Cli.run("definition", "export", "--definition", f.toString(), "--format",
        "yaml");
    assertThat(export.out()).isEqualTo(block);
    Path events = file("events.csv", "deal_id,at,stage,amount,currency\n"
        + "d1,2026-01-05,lead,1000,EUR\nd1,2026-01-09,demo,1000,EUR\n"
        + "d1,2026-01-20,won,1000,EUR\nd2,2026-01-06,lead,,\n");
    Cli.Run metrics = Cli.run("metrics", "--events", events.toString(), "--definition",
        f.toString());
    assertThat(metrics.exit()).as(metrics.err()).isZero();
    assertThat(metrics.out()).contains("Pipeline demo");
    assertThat(d.stages()).extracting(s -> s.id().value())
        .containsExactly("lead", "demo", "won", "lost");
  }

  /** The first block of a language after a heading of the README, with its final line break. */
  private static String readmeBlock(String heading, String language) throws IOException {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.exists(p.resolve("README.md"))) {
      p = p.getParent();
    }
    List<String> lines = Files.readAllLines(p.resolve("README.md"));
    int at = lines.indexOf(heading);
    assertThat(at).as("README heading " + heading).isNotNegative();
    int start = lines.subList(at, lines.size()).indexOf("```" + language) + at + 1;
    int end = lines.subList(start, lines.size()).indexOf("```") + start;
    return String.join("\n", lines.subList(start, end)) + "\n";
  }

  /** Parses a diagram command line and returns its definition options. */
  private static DefinitionOptions options(String... args) {
    DiagramCommand command = new DiagramCommand();
    new CommandLine(command).parseArgs(args);
    return command.definition;
  }

  private static final String[] CUSTOM = {"--stages", "lead,demo,proposal,deal", "--won", "won",
      "--lost", "lost"};

  private static String[] custom(String... more) {
    String[] all = new String[CUSTOM.length + more.length];
    System.arraycopy(CUSTOM, 0, all, 0, CUSTOM.length);
    System.arraycopy(more, 0, all, CUSTOM.length, more.length);
    return all;
  }

  @Test
  void probabilitiesAndIdleDaysSetTheStagesOfStages() throws BadInputException {
    PipelineDefinition d = options(custom("--probabilities", "10,30,60,80", "--idle-days",
        "14,14,21,30")).definition(List.of());
    assertThat(d.openStages()).extracting(Stage::defaultProbability)
        .containsExactly(0.1, 0.3, 0.6, 0.8);
    assertThat(d.openStages()).extracting(Stage::idleAfter).containsExactly(
        Optional.of(Duration.ofDays(14)), Optional.of(Duration.ofDays(14)),
        Optional.of(Duration.ofDays(21)), Optional.of(Duration.ofDays(30)));
    PipelineDefinition defaults = options(CUSTOM).definition(List.of());
    assertThat(defaults.openStages()).extracting(Stage::defaultProbability)
        .containsExactly(0.2, 0.4, 0.6, 0.8);
    assertThat(defaults.openStages()).allMatch(s -> s.idleAfter().isEmpty());
  }

  @Test
  void theNoteSaysWhichDefaultsWereUsed() {
    assertThat(options(CUSTOM).defaultsNote()).isEqualTo("probabilities: defaults rising evenly"
        + " (20%, 40%, 60%, 80%); idle thresholds: none (no deal counts as idle); set these with"
        + " --probabilities, --idle-days or a --definition file");
    assertThat(options(custom("--idle-days", "1,2,3,4")).defaultsNote()).isEqualTo(
        "probabilities: defaults rising evenly (20%, 40%, 60%, 80%); set them with"
            + " --probabilities or a --definition file");
    assertThat(options("--stages", "a,b", "--won", "w", "--lost", "l", "--probabilities",
        "5,50").defaultsNote()).isEqualTo("idle thresholds: none (no deal counts as idle); set"
        + " them with --idle-days or a --definition file");
    assertThat(options("--stages", "a,b", "--won", "w", "--lost", "l").defaultsNote())
        .startsWith("probabilities: defaults rising evenly (33.3%, 66.7%);");
    assertThat(options(custom("--probabilities", "1,2,3,4", "--idle-days", "1,2,3,4"))
        .defaultsNote()).isEmpty();
    assertThat(options("--template", "saas-b2b").defaultsNote()).isEmpty();
    assertThat(options("--definition", "any.json").defaultsNote()).isEmpty();
  }

  @Test
  void badProbabilitiesAndIdleDaysNameTheOptionAndTheValue() {
    String[][] cases = {
        {"--probabilities", "10,30,60", "--probabilities: 3 values (10,30,60) for 4 stages"
            + " (--stages lead,demo,proposal,deal); give one per stage, in order"},
        {"--probabilities", "10,30,60,120", "--probabilities: 120 is not a percentage from 0 to"
            + " 100"},
        {"--probabilities", "10,x,60,80", "--probabilities: 'x' is not a number; give a"
            + " percentage from 0 to 100 per stage, such as --probabilities 10,30,60,80"},
        {"--idle-days", "14,0,21,30", "--idle-days: '0' is not a whole number of days from 1 to"
            + " 36500; give one per stage, such as --idle-days 14,14,21,30"},
        {"--idle-days", "14,14", "--idle-days: 2 values (14,14) for 4 stages"
            + " (--stages lead,demo,proposal,deal); give one per stage, in order"},
    };
    for (String[] c : cases) {
      String[] args = custom(c[0], c[1]);
      String[] withCommand = new String[args.length + 1];
      withCommand[0] = "diagram";
      System.arraycopy(args, 0, withCommand, 1, args.length);
      Cli.Run run = Cli.run(withCommand);
      assertThat(run.err()).as(c[1]).isEqualTo(c[2] + "\n");
      assertThat(run.exit()).isEqualTo(2);
    }
  }

  @Test
  void everyTemplateOnTheClassPathCanBeExported() {
    for (String t : PipelineTemplates.load().keySet()) {
      assertThat(Cli.run("definition", "export", "--template", t).exit()).as(t).isZero();
    }
  }
}

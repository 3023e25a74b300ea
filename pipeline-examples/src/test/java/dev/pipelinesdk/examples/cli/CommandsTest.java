package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.diagram.Diagrams;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.examples.MetricsSummary;
import dev.pipelinesdk.examples.SyntheticHistories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** generate, report, diagram and help, run in-process; the process-level contract. */
class CommandsTest {
  @TempDir
  Path dir;

  /** A test-only command whose run ends in an unexpected error (a bug). */
  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("boom");
    }
  }

  /** A test-only command that meets an exhausted heap (without exhausting it). */
  @Command(name = "oom")
  static final class Oom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  /** The command line with the test-only commands. */
  private static CommandLine withTestCommands() {
    return PipelineCli.commandLine().addSubcommand(new Boom()).addSubcommand(new Oom());
  }

  private static final String UNEXPECTED = "pipeline: unexpected error:"
      + " java.lang.IllegalStateException: boom\n";

  @Test
  void verboseShowsTheStackTraceOfThatRunOnly() {
    for (String[] args : new String[][] {{"-v", "boom"}, {"boom", "--verbose"}}) {
      Cli.Run verbose = Cli.run(withTestCommands(), args);
      assertThat(verbose.exit()).isEqualTo(1);
      assertThat(verbose.err()).startsWith(UNEXPECTED).contains("\tat " + Boom.class.getName());
      // the same JVM, a run without -v: no stack trace
      Cli.Run quiet = Cli.run(withTestCommands(), "boom");
      assertThat(quiet.exit()).isEqualTo(1);
      assertThat(quiet.err()).isEqualTo(UNEXPECTED + "(run with -v for the stack trace)\n");
    }
  }

  @Test
  void verboseInProcessLeavesTheLoggingConfigurationAlone() {
    String before = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel");
    assertThat(Cli.run(withTestCommands(), "-v", "boom").exit()).isEqualTo(1);
    assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo(before);
  }

  @Test
  void anExhaustedHeapIsOneLineSayingWhatToDo() {
    for (String[] args : new String[][] {{"oom"}, {"-v", "oom"}}) {
      Cli.Run run = Cli.run(withTestCommands(), args);
      assertThat(run.exit()).isEqualTo(PipelineCli.OUT_OF_MEMORY).isEqualTo(3);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).matches("pipeline: out of memory \\(Java heap space; the Java heap is"
          + " at most (\\d+\\.\\d GB|\\d+ MB)\\); give Java more memory:"
          + " java -Xmx\\d+g -jar pipeline\\.jar \\.\\.\\.\n");
    }
    assertThat(PipelineCli.outOfMemory(new OutOfMemoryError("Java heap space"), 2L << 30))
        .isEqualTo("pipeline: out of memory (Java heap space; the Java heap is at most 2.0 GB);"
            + " give Java more memory: java -Xmx4g -jar pipeline.jar ...");
    assertThat(PipelineCli.outOfMemory(new OutOfMemoryError(), 3L << 29))
        .isEqualTo("pipeline: out of memory (no detail; the Java heap is at most 1.5 GB);"
            + " give Java more memory: java -Xmx3g -jar pipeline.jar ...");
    assertThat(PipelineCli.outOfMemory(new OutOfMemoryError("Java heap space"), 256L << 20))
        .isEqualTo("pipeline: out of memory (Java heap space; the Java heap is at most 256 MB);"
            + " give Java more memory: java -Xmx2g -jar pipeline.jar ...");
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(Cli.run("--help").out()).contains("Exit codes:", "0   done",
        "1   unexpected error", "2   bad input or usage", "3   out of memory");
  }

  /** Runs {@code pipeline args} in a JVM of its own, as {@code java -jar pipeline.jar} does. */
  private Cli.Run inAProcess(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PipelineCli.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("process.out");
    Path err = dir.resolve("process.err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    process.getOutputStream().close(); // no input
    int exit = process.waitFor();
    return new Cli.Run(exit, Files.readString(out), Files.readString(err));
  }

  @Test
  void verboseGivesDebugLoggingInAProcessOfItsOwn() throws IOException, InterruptedException {
    Path file = dir.resolve("gen.csv");
    Files.writeString(file, Cli.run("generate", "--deals", "20", "--seed", "3").out());
    String[] metrics = {"metrics", "--events", file.toString(), "--template", "saas-b2b",
        "--json"};
    Cli.Run quiet = inAProcess(metrics);
    assertThat(quiet.exit()).isZero();
    assertThat(quiet.err()).doesNotContain("DEBUG");
    for (String[] verbose : new String[][] {{"-v"}, {}}) {
      List<String> args = new ArrayList<>(List.of(verbose));
      args.addAll(List.of(metrics));
      if (verbose.length == 0) {
        args.add("--verbose"); // on the subcommand
      }
      Cli.Run run = inAProcess(args.toArray(String[]::new));
      assertThat(run.exit()).isZero();
      assertThat(run.out()).isEqualTo(quiet.out());
      assertThat(run.err()).contains("DEBUG dev.pipelinesdk.").doesNotContain("\tat ");
    }
  }

  @Test
  void helpListsEveryCommandAndEachCommandHasHelp() {
    Cli.Run run = Cli.run("--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("tour", "generate", "metrics", "report", "diagram");
    for (String command : new String[] {"tour", "generate", "metrics", "report", "diagram"}) {
      Cli.Run help = Cli.run(command, "--help");
      assertThat(help.exit()).isZero();
      assertThat(help.out()).startsWith("Usage: pipeline " + command);
    }
  }

  @Test
  void generateIsDeterministicForASeed() {
    String[] args = {"generate", "--template", "saas-b2b", "--deals", "60", "--seed", "11",
        "--from", "2026-01-01", "--to", "2026-03-31"};
    Cli.Run first = Cli.run(args);
    assertThat(first.exit()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(first.out()).startsWith("deal_id,at,stage,amount,currency,owner,source,lead_score,"
        + "touches\n");
    assertThat(Cli.run(args).out()).isEqualTo(first.out());
    args[6] = "12";
    assertThat(Cli.run(args).out()).isNotEqualTo(first.out());
  }

  @Test
  void generatedDataShowsWhatTheArticleTalksAbout() {
    String csv = Cli.run("generate", "--deals", "300", "--seed", "5").out();
    assertThat(csv).contains(",dormant,", ",won,", ",lost,", "warm:", "cold:");
    // a back-move: consideration after decision, or qualification after consideration
    assertThat(Pattern.compile("(D-\\d+),[^,]+,consideration,.*\\n\\1,[^,]+,qualification,")
        .matcher(csv).find()).isTrue();
    // a revival: an open stage right after dormant
    assertThat(Pattern.compile("(D-\\d+),[^,]+,dormant,.*\\n\\1,[^,]+,(qualification|"
        + "consideration|decision),").matcher(csv).find()).isTrue();
  }

  @Test
  void generatedFileReadsBackWithTheSameNumbersAsTheHistoriesInMemory() throws IOException {
    Path file = dir.resolve("gen.csv");
    Files.writeString(file, Cli.run("generate", "--deals", "200", "--seed", "3", "--from",
        "2026-01-01", "--to", "2026-06-30").out());
    Cli.Run run = Cli.run("metrics", "--events", file.toString(), "--template", "saas-b2b",
        "--as-of", "2026-06-30", "--json");
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.json().get("deals").asLong()).isEqualTo(200);
    String inMemory = MetricsSummary.compute(SyntheticHistories.definition(),
        SyntheticHistories.generate(200, 3, Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-07-01T00:00:00Z"), n -> { }),
        Instant.parse("2026-07-01T00:00:00Z")).toJson();
    com.fasterxml.jackson.databind.node.ObjectNode read =
        (com.fasterxml.jackson.databind.node.ObjectNode) run.json();
    assertThat(read.remove("input").get("rows").asLong()).isPositive();
    assertThat(read.remove("asOfRule").asText()).isEqualTo("the end of 2026-06-30 (UTC), as"
        + " --as-of says");
    assertThat(read).isEqualTo(new Cli.Run(0, inMemory, "").json());
  }

  @Test
  void reportWritesASelfContainedPageWithEverySection() throws IOException {
    Path file = dir.resolve("gen.csv");
    Files.writeString(file, Cli.run("generate", "--deals", "150", "--seed", "9").out());
    Path html = dir.resolve("report.html");
    Cli.Run run = Cli.run("report", "--events", file.toString(), "--template", "saas-b2b",
        "--html", html.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out().strip()).startsWith("Read " + file + ": ")
        .endsWith("\nreport written to " + html.toAbsolutePath());
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<h2 id=\"funnel\">Funnel</h2>",
        "<h2 id=\"pipeline\">Pipeline by stage</h2>",
        "<h2 id=\"forecast\">Forecast: the next 90 days</h2>",
        "<h2 id=\"dwell\">Dwell time per stage</h2>", "<h2 id=\"leaks\">Leak finder</h2>",
        "<h2 id=\"waterfall\">Movement waterfall</h2>").doesNotContain("src=\"http");
    Matcher images = Pattern.compile("<img alt=\"[^\"]+\" src=\"data:image/png;base64,"
        + "iVBORw0KGgo").matcher(page);
    int count = 0;
    while (images.find()) {
      count++;
    }
    assertThat(count).isEqualTo(9); // 5, and the forecast's distribution, backtest, reliability, sensitivity
  }

  @Test
  void diagramOfTheTemplate() {
    Cli.Run mermaid = Cli.run("diagram", "--template", "saas-b2b", "--format", "mermaid");
    assertThat(mermaid.exit()).isZero();
    assertThat(mermaid.out()).isEqualTo(Diagrams.mermaid(PipelineTemplates.definition("saas-b2b")))
        .startsWith("stateDiagram-v2").contains("prospecting --> qualification");
    Cli.Run dot = Cli.run("diagram", "--template", "saas-b2b", "--format", "dot");
    assertThat(dot.out()).isEqualTo(Diagrams.dot(PipelineTemplates.definition("saas-b2b")));
  }

  @Test
  void diagramOfStages() {
    Cli.Run run = Cli.run("diagram", "--stages", "lead,demo", "--won", "won", "--lost", "lost");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("stateDiagram-v2").contains("lead --> demo", "demo --> won",
        "lead --> lost");
  }

  @Test
  void diagramNeedsATemplateOrStages() {
    Cli.Run run = Cli.run("diagram");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required argument");
  }
}

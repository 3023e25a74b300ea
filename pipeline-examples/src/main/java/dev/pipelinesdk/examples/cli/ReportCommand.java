package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.PipelineReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline report}: the HTML report of a stage-history file. */
@Command(name = "report", usageHelpWidth = 100, sortOptions = false,
    description = "A self-contained HTML report of a stage-history CSV: funnel, pipeline by"
        + " stage, deals that need attention, funnel by owner and by lead source, dwell time, leaks,"
        + " movement waterfall.")
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--html", required = true, paramLabel = "OUT", description = "The HTML file.")
  Path html;

  @Option(names = "--since", paramLabel = "DATE", converter = Dates.Converter.class,
      description = "Start of the movement waterfall (default: 30 days before the as-of).")
  Dates.When since;

  @Mixin
  CsvOutOption csvOut;

  @Override
  public Integer call() throws BadInputException {
    InputOptions.Loaded in = input.load(spec.commandLine().getErr());
    Instant from = since != null ? since.start() : in.asOf().minus(Duration.ofDays(30));
    String page;
    PipelineReport report;
    try {
      Progress.show("drawing the report");
      report = PipelineReport.of(in.definition(), in.histories(), in.asOf(), from);
      page = report.html();
      Progress.done();
    } catch (IllegalArgumentException e) { // such as amounts in two currencies
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    try {
      Files.writeString(html, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(html + ": cannot write: " + e.getMessage());
    }
    List<Path> csv = csvOut.write(report);
    spec.commandLine().getOut().println(in.summary(input.events));
    spec.commandLine().getOut().println("report written to " + html.toAbsolutePath());
    if (!csv.isEmpty()) {
      spec.commandLine().getOut().println("CSV tables written to "
          + csvOut.dir.toAbsolutePath() + ": " + csv.stream().map(p -> p.getFileName().toString())
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}

package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.MetricsSummary;
import dev.pipelinesdk.examples.PipelineReport;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline metrics}: funnel and pipeline metrics of a stage-history file. */
@Command(name = "metrics", usageHelpWidth = 100, sortOptions = false,
    description = {"Funnel and pipeline metrics of a stage-history CSV as of an instant: the numbers, the"
            + " funnel, the pipeline, the deals that need attention, the funnel by owner and by"
            + " lead source, movements, time in stage, leaks.",
        "With --json: {asOf, won, lost, winRate, stages: [{stage, reached, open,"
            + " cumulativeDays, medianDays}], ..., asOfRule, input: {file, rows, deals,"
            + " skippedRows, skippedStages, droppedDeals}} (see the README)."})
final class MetricsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Mixin
  ActivitiesOptions activities;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--json", description = "Print the JSON contract instead of text tables.")
  boolean json;

  @Mixin
  CsvOutOption csvOut;

  @Override
  public Integer call() throws BadInputException {
    InputOptions.Loaded in = input.load(spec.commandLine().getErr(), activities);
    PipelineReport report = null;
    try {
      if (json) {
        spec.commandLine().getOut().print(MetricsSummary.compute(in.definition(), in.histories(),
            in.asOf()).toJson(in.json(input.events)));
      }
      if (!json || csvOut.dir != null) {
        report = PipelineReport.of(in.definition(), in.histories(), in.asOf(),
            in.asOf().minus(Duration.ofDays(30)));
      }
    } catch (IllegalArgumentException e) { // such as amounts in two currencies
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    if (report != null) {
      csvOut.write(report); // before any text: a failed write leaves no half a report
    }
    if (!json) {
      spec.commandLine().getOut().println(in.summary(input.events));
      spec.commandLine().getOut().println();
      spec.commandLine().getOut().print(report.text());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}

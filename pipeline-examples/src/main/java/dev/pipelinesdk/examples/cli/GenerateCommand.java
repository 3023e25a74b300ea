package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.StageHistoryCsv;
import dev.pipelinesdk.examples.SyntheticHistories;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline generate}: synthetic stage history as CSV on stdout. */
// No -V here: the version is the top command's (pipeline --version). Options in the order of
// their use, help last.
@Command(name = "generate", sortOptions = false, sortSynopsis = false,
    description = {"Realistic synthetic stage history as CSV on stdout: drop-off per stage,"
        + " back-moves, dormancy and revival, stalls, touches, lead sources, amounts.",
        "Deals go through the real pipeline engine and arrive evenly from --from to --to;"
            + " the same seed gives the same file."})
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--deals", required = true, paramLabel = "N", description = "How many deals.")
  int deals;

  @Option(names = "--template", defaultValue = "saas-b2b", paramLabel = "NAME",
      description = "The template: saas-b2b (the default), customer-success, mortgage, or one on"
          + " the class path.")
  String template;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--from", defaultValue = "2026-01-01", paramLabel = "DATE",
      converter = Dates.Converter.class,
      description = "The first day of the simulation (default: ${DEFAULT-VALUE}).")
  Dates.When from;

  @Option(names = "--to", defaultValue = "2026-06-30", paramLabel = "DATE",
      converter = Dates.Converter.class,
      description = "The last day of the simulation, included (default: ${DEFAULT-VALUE}).")
  Dates.When to;

  @Option(names = "--activities", paramLabel = "FILE",
      description = "Also write the deals' touches and snoozes to FILE as an activities CSV"
          + " (deal_id, at, type, direction, outcome, until, reason), which agenda, report and"
          + " metrics read with --activities.")
  java.nio.file.Path activities;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() throws BadInputException, IOException {
    PipelineDefinition definition;
    try {
      definition = PipelineTemplates.definition(template);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--template: " + e.getMessage());
    }
    Optional<String> cannot = SyntheticHistories.canDrive(definition);
    if (cannot.isPresent()) {
      throw new BadInputException("--template " + template + ": " + cannot.get());
    }
    if (deals < 0) {
      throw new BadInputException("--deals: must not be negative, not " + deals);
    }
    Instant end = to.end();
    if (!end.isAfter(from.start())) {
      throw new BadInputException("--to " + to.start() + " is before --from " + from.start());
    }
    List<DealHistory> histories = SyntheticHistories.generate(definition, deals, seed,
        from.start(), end, done -> Progress.show("generated " + done + " of " + deals + " deals"));
    Progress.done();
    StageHistoryCsv.write(histories, SyntheticHistories.attributes(definition),
        spec.commandLine().getOut());
    spec.commandLine().getOut().flush();
    if (activities != null) {
      try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(activities,
          java.nio.charset.StandardCharsets.UTF_8)) {
        StageHistoryCsv.writeActivities(histories, w);
      } catch (IOException e) {
        throw new BadInputException("--activities " + activities + ": cannot write: "
            + e.getMessage());
      }
    }
    return 0;
  }
}

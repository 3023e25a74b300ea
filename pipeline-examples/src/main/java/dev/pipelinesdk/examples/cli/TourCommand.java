package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.examples.Tour;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline tour}: the guided tour of the default B2B pipeline. */
// No -V here: the version is the top command's (pipeline --version).
@Command(name = "tour", sortOptions = false,
    description = "The default B2B pipeline end to end, the funnel-versus-pipeline report over"
        + " generated deals, and an HTML report.")
final class TourCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--html", paramLabel = "OUT",
      description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:java.io.tmpdir}/pipeline-tour-report.html")
  Path html;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() {
    new Tour(spec.commandLine().getOut(), html).run();
    spec.commandLine().getOut().flush();
    return 0;
  }
}

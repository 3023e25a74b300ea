package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.diagram.Diagrams;
import dev.pipelinesdk.examples.BadInputException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline diagram}: a pipeline's stage graph as Mermaid or Graphviz DOT. */
// No -V here: the version is the top command's (pipeline --version).
@Command(name = "diagram", usageHelpWidth = 100, sortOptions = false,
    description = {"The stage graph of a template or of --stages, as Mermaid (paste it into a"
        + " ```mermaid fence) or Graphviz DOT (render it with: dot -Tsvg)."})
final class DiagramCommand implements Callable<Integer> {
  /** The diagram formats. */
  enum Format { mermaid, dot }

  @Spec
  CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  DefinitionOptions definition;

  @Option(names = "--format", defaultValue = "mermaid", paramLabel = "FORMAT",
      description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() throws BadInputException {
    PipelineDefinition d = definition.definition(List.of());
    spec.commandLine().getOut().print(format == Format.dot ? Diagrams.dot(d) : Diagrams.mermaid(d));
    spec.commandLine().getOut().flush();
    return 0;
  }
}

package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.files.DefinitionFiles;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline definition}: pipeline definitions as files. */
@Command(name = "definition", usageHelpWidth = 100,
    description = "Pipeline definitions as files (JSON or YAML), for --definition FILE.",
    subcommands = DefinitionCommand.Export.class)
final class DefinitionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return PipelineCli.BAD_INPUT; // a command is needed
  }

  /** {@code pipeline definition export}: the file of a template (or of --stages) on stdout. */
  @Command(name = "export", usageHelpWidth = 100, sortOptions = false,
      description = {"Writes the definition file of a template, of a definition file (checked and"
          + " normalised) or of --stages to stdout; edit it and read it with --definition FILE."})
  static final class Export implements Callable<Integer> {
    /** The file formats. */
    enum Format { json, yaml }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DefinitionOptions definition;

    @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
        description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws BadInputException {
      PipelineDefinition d = definition.definition(List.of());
      PrintWriter out = spec.commandLine().getOut();
      try {
        DefinitionFiles.write(d, out, format == Format.yaml ? DefinitionFiles.Format.YAML
            : DefinitionFiles.Format.JSON);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
      out.flush();
      return PipelineCli.DONE;
    }
  }
}

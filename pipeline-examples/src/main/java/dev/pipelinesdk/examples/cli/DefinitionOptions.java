package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.PermissiveDefinition;
import dev.pipelinesdk.examples.StageHistoryCsv;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which pipeline: {@code --template NAME}, or {@code --stages A,B,C --won W --lost L}. */
final class DefinitionOptions {
  @Option(names = "--template", paramLabel = "NAME",
      description = "A pipeline template: saas-b2b, customer-success, or one on the class path.")
  String template;

  @ArgGroup(exclusive = false)
  Custom custom;

  /** A pipeline from stage names. */
  static final class Custom {
    @Option(names = "--stages", required = true, paramLabel = "A,B,C",
        description = "Open stages in funnel order (with --won and --lost).")
    String stages;

    /** {@return the open stages, in funnel order} */
    List<String> open() {
      return List.of(stages.split(",", -1));
    }

    @Option(names = "--won", required = true, paramLabel = "W", description = "The won stage.")
    String won;

    @Option(names = "--lost", required = true, paramLabel = "L", description = "The lost stage.")
    String lost;

    @Option(names = "--dormant", paramLabel = "D", description = "The dormant (gone dark) stage.")
    String dormant;
  }

  /** {@return the stages and their kinds, before reading a file} */
  Map<StageId, StageKind> stages() throws BadInputException {
    if (template != null) {
      Map<StageId, StageKind> out = new LinkedHashMap<>();
      templateDefinition().stages().forEach(s -> out.put(s.id(), s.kind()));
      return out;
    }
    try {
      return PermissiveDefinition.stages(custom.open(), custom.won, custom.lost,
          Optional.ofNullable(custom.dormant));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("bad --stages: " + e.getMessage());
    }
  }

  /**
   * The definition.
   *
   * @param moves the moves found in the file, allowed by a definition from stage names
   */
  PipelineDefinition definition(Collection<StageHistoryCsv.Move> moves) throws BadInputException {
    if (template != null) {
      return templateDefinition();
    }
    try {
      return PermissiveDefinition.of(custom.open(), custom.won, custom.lost,
          Optional.ofNullable(custom.dormant), moves);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("bad --stages: " + e.getMessage());
    }
  }

  private PipelineDefinition templateDefinition() throws BadInputException {
    try {
      return PipelineTemplates.definition(template);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--template: " + e.getMessage());
    }
  }
}

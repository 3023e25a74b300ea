package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.HubSpotPipelines;
import dev.pipelinesdk.examples.PermissiveDefinition;
import dev.pipelinesdk.examples.StageHistoryCsv;
import dev.pipelinesdk.files.DefinitionFileException;
import dev.pipelinesdk.files.DefinitionFiles;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which pipeline: {@code --template NAME}, {@code --definition FILE}, or {@code --stages A,B,C
 * --won W --lost L} (with {@code --probabilities} and {@code --idle-days}). The commands use it as
 * an exclusive group: exactly one of the three.
 */
final class DefinitionOptions {
  @Option(names = "--template", paramLabel = "NAME",
      description = "A pipeline template: saas-b2b, customer-success, mortgage, or one on the"
          + " class path.")
  String template;

  @ArgGroup(exclusive = false)
  Custom custom;

  // A group of its own after the --stages group: picocli's synopsis puts a group's options
  // before its subgroups, and this order keeps "--stages=A,B,C" unbroken in 100 columns.
  @ArgGroup(exclusive = false)
  FromFile fromFile;

  @ArgGroup(exclusive = false)
  HubSpot hubspot;

  /** A pipeline from HubSpot's pipelines JSON. */
  static final class HubSpot {
    @Option(names = "--hubspot-pipelines", required = true, paramLabel = "FILE",
        description = "HubSpot's deal pipelines JSON (GET /crm/v3/pipelines/deals, saved): the"
            + " stages, names and probabilities of the --pipeline ID pipeline (the history's"
            + " dealstage holds their ids).")
    Path file;
  }

  /** The pipeline to take from a HubSpot pipelines file: set by the options that read a file. */
  Optional<String> pipeline = Optional.empty();

  /** The stages read from the --hubspot-pipelines file, read once per run. */
  private List<Stage> hubspotStages;

  private List<Stage> hubspotStages() throws BadInputException {
    if (hubspotStages == null) {
      hubspotStages = HubSpotPipelines.stages(hubspot.file, pipeline);
    }
    return hubspotStages;
  }

  /** A pipeline from a definition file. */
  static final class FromFile {
    @Option(names = "--definition", required = true, paramLabel = "FILE",
        description = "A pipeline definition file, JSON or YAML (.yaml, .yml); write one with:"
            + " pipeline definition export.")
    Path file;
  }

  /** The definition read from the --definition file, read once per run. */
  private PipelineDefinition read;

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

    @Option(names = "--probabilities", paramLabel = "PERCENTS",
        description = "Win probability in percent (0..100) of each --stages stage, in order"
            + " (default: rising evenly).")
    String probabilities;

    @Option(names = "--idle-days", paramLabel = "DAYS",
        description = "Days without a touch or move after which a deal in each --stages stage is"
            + " idle, in order (default: never).")
    String idleDays;
  }

  /** {@return the stages and their kinds, before reading a file} */
  Map<StageId, StageKind> stages() throws BadInputException {
    if (hubspot != null) {
      Map<StageId, StageKind> out = new LinkedHashMap<>();
      hubspotStages().forEach(s -> out.put(s.id(), s.kind()));
      return out;
    }
    if (template != null || fromFile != null) {
      Map<StageId, StageKind> out = new LinkedHashMap<>();
      named().stages().forEach(s -> out.put(s.id(), s.kind()));
      return out;
    }
    Map<StageId, StageKind> stages;
    try {
      stages = PermissiveDefinition.stages(custom.open(), custom.won, custom.lost,
          Optional.ofNullable(custom.dormant));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("bad --stages: " + e.getMessage());
    }
    probabilities(); // bad values stop the command before the file is read
    idleAfter();
    return stages;
  }

  /**
   * The definition.
   *
   * @param moves the moves found in the file, allowed by a definition from stage names
   */
  PipelineDefinition definition(Collection<StageHistoryCsv.Move> moves) throws BadInputException {
    if (hubspot != null) {
      try {
        return HubSpotPipelines.definition(hubspotStages(), pipeline.orElse("hubspot"), moves);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(hubspot.file + ": " + e.getMessage());
      }
    }
    if (template != null || fromFile != null) {
      return named();
    }
    List<Double> probabilities = probabilities();
    List<Duration> idle = idleAfter();
    try {
      return PermissiveDefinition.of(custom.open(), custom.won, custom.lost,
          Optional.ofNullable(custom.dormant), moves, probabilities, idle);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("bad --stages: " + e.getMessage());
    }
  }

  /**
   * What the definition took from defaults rather than from the user, as one line for the
   * command's output: with {@code --stages} and no {@code --probabilities}, the evenly rising
   * probabilities (such as {@code probabilities: defaults rising evenly (20%, 40%, 60%, 80%);
   * set them with --probabilities or a --definition file}); with no {@code --idle-days}, that no
   * stage has an idle threshold; both in one line when both were defaulted. A template and a
   * definition file say everything themselves.
   *
   * @return the note, or empty when nothing was defaulted (a template, a file, or {@code
   *     --stages} with both {@code --probabilities} and {@code --idle-days})
   */
  String defaultsNote() {
    if (custom == null) {
      return "";
    }
    List<String> used = new ArrayList<>();
    List<String> options = new ArrayList<>();
    if (custom.probabilities == null) {
      int n = custom.open().size();
      used.add("probabilities: defaults rising evenly (" + IntStream.range(0, n)
          .mapToObj(i -> percent(PermissiveDefinition.defaultProbability(i, n)))
          .collect(Collectors.joining(", ")) + ")");
      options.add("--probabilities");
    }
    if (custom.idleDays == null) {
      used.add("idle thresholds: none (no deal counts as idle)");
      options.add("--idle-days");
    }
    if (used.isEmpty()) {
      return "";
    }
    return String.join("; ", used) + "; set " + (used.size() == 1 ? "them" : "these") + " with "
        + String.join(", ", options) + " or a --definition file";
  }

  /** {@code 20%}, {@code 33.3%}: a probability in percent with at most one decimal. */
  private static String percent(double p) {
    BigDecimal pct = BigDecimal.valueOf(p * 100).setScale(1, RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
    return pct.toPlainString() + "%";
  }

  /** {@return the --probabilities as probabilities in [0, 1], or empty if not given} */
  private List<Double> probabilities() throws BadInputException {
    if (custom.probabilities == null) {
      return List.of();
    }
    List<Double> out = new ArrayList<>();
    for (String v : values("--probabilities", custom.probabilities)) {
      BigDecimal pct;
      try {
        pct = new BigDecimal(v.strip());
      } catch (NumberFormatException e) {
        throw new BadInputException("--probabilities: '" + v + "' is not a number; give a"
            + " percentage from 0 to 100 per stage, such as --probabilities 10,30,60,80");
      }
      if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw new BadInputException("--probabilities: " + v.strip() + " is not a percentage"
            + " from 0 to 100");
      }
      out.add(pct.divide(BigDecimal.valueOf(100)).doubleValue());
    }
    return out;
  }

  /** {@return the --idle-days as durations, or empty if not given} */
  private List<Duration> idleAfter() throws BadInputException {
    if (custom.idleDays == null) {
      return List.of();
    }
    List<Duration> out = new ArrayList<>();
    for (String v : values("--idle-days", custom.idleDays)) {
      long days;
      try {
        days = Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        days = -1;
      }
      if (days < 1 || days > 36_500) {
        throw new BadInputException("--idle-days: '" + v + "' is not a whole number of days"
            + " from 1 to 36500; give one per stage, such as --idle-days 14,14,21,30");
      }
      out.add(Duration.ofDays(days));
    }
    return out;
  }

  /** The comma-separated values of an option, one per open stage. */
  private List<String> values(String option, String text) throws BadInputException {
    List<String> values = List.of(text.split(",", -1));
    List<String> open = custom.open();
    if (values.size() != open.size()) {
      throw new BadInputException(String.format(Locale.ROOT,
          "%s: %d value%s (%s) for %d stage%s (--stages %s); give one per stage, in order",
          option, values.size(), values.size() == 1 ? "" : "s", text, open.size(),
          open.size() == 1 ? "" : "s", custom.stages));
    }
    return values;
  }

  private PipelineDefinition named() throws BadInputException {
    if (fromFile != null) {
      if (read == null) {
        try {
          read = DefinitionFiles.read(fromFile.file);
        } catch (DefinitionFileException e) {
          throw new BadInputException(e.getMessage());
        }
      }
      return read;
    }
    try {
      return PipelineTemplates.definition(template);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--template: " + e.getMessage());
    }
  }
}

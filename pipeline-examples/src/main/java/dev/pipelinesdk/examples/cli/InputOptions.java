package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.StageHistoryCsv;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Reading a stage-history file: the options {@code metrics} and {@code report} share. */
final class InputOptions {
  @Option(names = "--events", required = true, paramLabel = "FILE",
      description = "Stage-history CSV: deal_id,at,stage[,amount,currency,owner,source,...].")
  Path events;

  @ArgGroup(exclusive = true, multiplicity = "1")
  DefinitionOptions definition;

  @Option(names = "--as-of", paramLabel = "DATE", converter = Dates.Converter.class,
      description = "A date counts everything on that day (UTC); a date-time everything at or"
          + " before it. Default: the last day in the file.")
  Dates.When asOf;

  @Option(names = "--map", paramLabel = "COLUMN=NAME,...",
      description = "Read a column under another name, e.g. deal_id=Id,at=CreatedDate,"
          + "stage=StageName,amount=Amount.")
  String map;

  @Option(names = "--skip-bad-rows",
      description = "Skip bad rows (not unknown stages: see --skip-stage), count them in the"
          + " output and list them on stderr, instead of stopping.")
  boolean skipBadRows;

  @Option(names = "--skip-stage", paramLabel = "STAGE,...",
      description = "Drop the rows of these stages (names as in the file) instead of stopping"
          + " at them as unknown; the output says how many.")
  String skipStages;

  @Option(names = "--currency", paramLabel = "CODE", defaultValue = "EUR",
      description = "Currency of amounts without one (default: ${DEFAULT-VALUE}).")
  String currency;

  @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
      description = "The file's encoding, such as windows-1252 (default: ${DEFAULT-VALUE}).")
  String encoding;

  /**
   * The file read into histories, cut at the as-of instant.
   *
   * @param definition the pipeline definition, after reading
   * @param histories the histories: deals created by the as-of time, their events up to it
   * @param asOf the as-of instant the metrics are computed at
   * @param asOfRule how the instant was chosen, in words
   * @param read what the reader read
   */
  record Loaded(PipelineDefinition definition, List<DealHistory> histories, Instant asOf,
      String asOfRule, StageHistoryCsv.Result read) {
    /** {@return one line for stdout: what was read, what was dropped, the as-of instant} */
    String summary(Path file) {
      StringBuilder sb = new StringBuilder("Read ").append(file).append(": ")
          .append(read.rows()).append(" rows, ").append(read.histories().size()).append(" deals");
      if (read.skippedRows() > 0) {
        sb.append("; skipped ").append(read.skippedRows()).append(" bad rows");
      }
      read.skippedStages().forEach((stage, rows) -> sb.append("; dropped ").append(rows)
          .append(" rows of stage '").append(stage).append('\''));
      if (read.droppedDeals() > 0) {
        sb.append("; ").append(read.droppedDeals()).append(" deals dropped (no row kept)");
      }
      return sb.append(". As of ").append(asOf).append(": ").append(asOfRule).append('.')
          .toString();
    }

    /** {@return the same, as JSON fields} */
    Map<String, Object> json(Path file) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("file", file.toString());
      input.put("rows", read.rows());
      input.put("deals", read.histories().size());
      input.put("skippedRows", read.skippedRows());
      input.put("skippedStages", read.skippedStages());
      input.put("droppedDeals", read.droppedDeals());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("asOfRule", asOfRule);
      out.put("input", input);
      return out;
    }
  }

  Loaded load(PrintWriter err) throws BadInputException {
    Currency c;
    try {
      c = Money.currency(currency);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--currency: " + e.getMessage());
    }
    Charset charset;
    try {
      charset = Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new BadInputException("--encoding: unknown encoding '" + encoding + "'; try UTF-8,"
          + " windows-1252 or ISO-8859-1");
    }
    Map<String, String> columns = new LinkedHashMap<>();
    if (map != null) {
      for (String pair : map.split(",", -1)) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || eq == pair.length() - 1) {
          throw new BadInputException("--map: expected COLUMN=NAME pairs separated by commas,"
              + " such as deal_id=Id,stage=StageName, not '" + pair + "'");
        }
        if (columns.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
          throw new BadInputException("--map: column '" + pair.substring(0, eq) + "' is mapped"
              + " twice");
        }
      }
    }
    List<String> skip = skipStages == null ? List.of() : List.of(skipStages.split(",", -1));
    StageHistoryCsv.Options options;
    try {
      options = StageHistoryCsv.Options.defaults().withCurrency(c).withSkipBadRows(skipBadRows)
          .withSkipStages(Set.copyOf(skip)).withColumns(columns);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--map: " + e.getMessage());
    }
    try {
      options = options.withCharset(charset);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--encoding: " + e.getMessage());
    }
    Progress.show("reading " + events);
    StageHistoryCsv.Result read = StageHistoryCsv.read(events, definition.stages(), options);
    Progress.done();
    LoggerFactory.getLogger(InputOptions.class).debug("{}: {} rows, {} deals, {} moves", events,
        read.rows(), read.histories().size(), read.moves());
    if (read.skippedRows() > 0) {
      err.println("skipped " + read.skippedRows() + " bad rows of " + read.rows() + " in "
          + events + ": " + read.skippedByProblem().entrySet().stream()
              .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
      read.skipped().stream().limit(20).forEach(b -> err.println("  " + b.message()));
      if (read.skippedRows() > 20) {
        err.println("  ... and " + (read.skippedRows() - 20) + " more");
      }
    }
    for (String stage : skip) {
      if (!read.skippedStages().containsKey(stage)) {
        err.println("warning: --skip-stage '" + stage + "' occurs in no row of " + events);
      }
    }
    warnAboutUnseenStages(read, err);
    err.flush();
    if (read.histories().isEmpty()) {
      throw new BadInputException(events + ": no deals to measure (" + read.rows()
          + " data rows" + (read.rows() > 0 ? ", none kept" : "") + ")");
    }
    Dates.When when = asOf != null ? asOf : Dates.When.dayOf(read.latest().orElseThrow());
    String rule = asOf == null ? "the end of " + when.text() + " (UTC), the last day in the file"
        : when.wholeDay() ? "the end of " + when.text() + " (UTC), as --as-of says"
        : "as --as-of says";
    return new Loaded(definition.definition(read.moves()), cut(read.histories(), when),
        when.end(), rule, read);
  }

  /** The --won, --lost and --dormant stages that occur in no row, with the stages that do. */
  private void warnAboutUnseenStages(StageHistoryCsv.Result read, PrintWriter err) {
    DefinitionOptions.Custom custom = definition.custom;
    if (custom == null || read.histories().isEmpty()) {
      return;
    }
    Map<String, String> named = new LinkedHashMap<>();
    named.put("--won", custom.won);
    named.put("--lost", custom.lost);
    if (custom.dormant != null) {
      named.put("--dormant", custom.dormant);
    }
    Set<String> seen = new LinkedHashSet<>();
    read.stagesSeen().forEach(s -> seen.add(s.value()));
    named.forEach((option, stage) -> {
      if (!seen.contains(stage)) {
        err.println("warning: the " + option + " stage '" + stage + "' occurs in no row of "
            + events + "; the stages in the file: " + String.join(", ", seen));
      }
    });
  }

  /**
   * The histories as they were by a time: deals created after it are left out, later events
   * cut off.
   */
  static List<DealHistory> cut(List<DealHistory> histories, Dates.When when) {
    List<DealHistory> out = new ArrayList<>(histories.size());
    for (DealHistory h : histories) {
      List<DealEvent> events = h.events();
      if (!when.includes(events.get(0).at())) {
        continue;
      }
      int n = events.size();
      while (!when.includes(events.get(n - 1).at())) {
        n--;
      }
      out.add(n == events.size() ? h : DealHistory.of(events.subList(0, n)));
    }
    return out;
  }
}

package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.StageHistoryCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      description = "A date includes that whole day (UTC); a date-time is taken as given."
          + " Default: the latest event.")
  Dates.When asOf;

  @Option(names = "--map", split = ",", paramLabel = "COLUMN=NAME",
      description = "Read a column under another name, e.g. deal_id=Id,at=CreatedDate,"
          + "stage=StageName,amount=Amount.")
  Map<String, String> map = new LinkedHashMap<>();

  @Option(names = "--skip-bad-rows",
      description = "Skip bad rows and summarise them on stderr instead of stopping.")
  boolean skipBadRows;

  @Option(names = "--currency", paramLabel = "CODE", defaultValue = "EUR",
      description = "Currency of amounts without one (default: ${DEFAULT-VALUE}).")
  String currency;

  /**
   * The file read into histories.
   *
   * @param definition the pipeline definition, after reading
   * @param histories the histories
   * @param asOf the as-of instant
   */
  record Loaded(PipelineDefinition definition, List<DealHistory> histories, Instant asOf) {}

  Loaded load(PrintWriter err) throws BadInputException {
    Currency c;
    try {
      c = Money.currency(currency);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--currency: " + e.getMessage());
    }
    StageHistoryCsv.Options options;
    try {
      options = new StageHistoryCsv.Options(map, skipBadRows, c);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--map: " + e.getMessage());
    }
    Progress.show("reading " + events);
    StageHistoryCsv.Result read = StageHistoryCsv.read(events, definition.stages(), options);
    Progress.done();
    LoggerFactory.getLogger(InputOptions.class).debug("{}: {} rows, {} deals, {} moves", events,
        read.rows(), read.histories().size(), read.moves());
    if (!read.skipped().isEmpty()) {
      err.println("skipped " + read.skipped().size() + " bad rows of " + read.rows() + " in "
          + events + ": " + read.skipped().stream().collect(Collectors.groupingBy(
              StageHistoryCsv.BadRow::problem, LinkedHashMap::new, Collectors.counting()))
              .entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
              .collect(Collectors.joining(", ")));
      read.skipped().stream().limit(20).forEach(b -> err.println("  " + b.message()));
      if (read.skipped().size() > 20) {
        err.println("  ... and " + (read.skipped().size() - 20) + " more");
      }
      err.flush();
    }
    if (read.histories().isEmpty()) {
      throw new BadInputException(events + ": no deals to measure (" + read.rows()
          + " data rows)");
    }
    Instant at = asOf != null ? asOf.end() : read.latest().orElseThrow();
    return new Loaded(definition.definition(read.moves()), read.histories(), at);
  }
}

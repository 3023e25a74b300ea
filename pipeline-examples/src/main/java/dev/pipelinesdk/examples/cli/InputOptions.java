package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.examples.ActivitiesCsv;
import dev.pipelinesdk.examples.AmountFormat;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.ExportPresets;
import dev.pipelinesdk.examples.StageHistoryCsv;
import dev.pipelinesdk.examples.Timestamps;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Reading a stage-history file: the options {@code metrics}, {@code report}, {@code agenda},
 * {@code forecast} and {@code backtest} share; with an activities file for the commands that
 * take one ({@link ActivitiesOptions}).
 */
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

  @Option(names = "--preset", paramLabel = "NAME",
      description = "A known export's columns and formats: salesforce-opportunity-history,"
          + " hubspot-deal-stage-history, fivetran-salesforce-opportunity (see the README);"
          + " --map and --date-format given too win.")
  String preset;

  @Option(names = "--date-format", paramLabel = "PATTERN",
      description = "Dates in another form besides ISO: a pattern such as dd/MM/yyyy or"
          + " MM/dd/yyyy HH:mm, or epoch-millis / epoch-seconds.")
  String dateFormat;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "Zone of dates and times without an offset, and of --as-of dates, such as"
          + " Europe/Berlin (default: ${DEFAULT-VALUE}).")
  String zone;

  @Option(names = "--amount-format", paramLabel = "LOCALE",
      description = "Amounts as a locale writes them, such as en-US ($1,234.50) or de-DE"
          + " (1.234,50 €); a symbol must agree with the currency. Default: plain 1234.50.")
  String amountFormat;

  @Option(names = "--pipeline", paramLabel = "ID",
      description = "Read only the rows whose pipeline column is ID (files holding several"
          + " pipelines); the output says how many rows were left out.")
  String pipeline;

  /**
   * The file read into histories, cut at the as-of instant.
   *
   * @param definition the pipeline definition, after reading
   * @param histories the histories: deals created by the as-of time, their events up to it
   * @param asOf the as-of instant the metrics are computed at
   * @param asOfRule how the instant was chosen, in words
   * @param read what the reader read
   * @param zone the zone of dates and times without an offset
   * @param defaults which stage values were defaults, in words; empty if none
   */
  record Loaded(PipelineDefinition definition, List<DealHistory> histories, Instant asOf,
      String asOfRule, StageHistoryCsv.Result read, String zone, String defaults) {
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
      if (read.otherPipelineRows() > 0) {
        sb.append("; ").append(read.otherPipelineRows()).append(" rows of other pipelines left"
            + " out");
      }
      if (read.localTimes() > 0) {
        sb.append("; ").append(read.localTimes()).append(" dates and times without an offset"
            + " read in ").append(zone.equals("UTC") ? "UTC" : zone).append(" (--zone)");
      }
      if (read.firstSeenClosed() > 0) {
        sb.append("; ").append(read.firstSeenClosed()).append(" deals first seen won or lost"
            + " (the file starts after they closed)");
      }
      sb.append(". As of ").append(asOfRule).append(" (").append(asOf).append(").");
      read.activities().ifPresent(a -> sb.append('\n').append(a.line()));
      if (!defaults.isEmpty()) {
        sb.append("\nStages: ").append(defaults).append('.');
      }
      return sb.toString();
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
      input.put("otherPipelineRows", read.otherPipelineRows());
      input.put("localTimes", read.localTimes());
      input.put("zone", zone);
      input.put("firstSeenClosed", read.firstSeenClosed());
      read.activities().ifPresent(a -> {
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("file", a.file());
        act.put("rows", a.rows());
        act.put("touches", a.touches());
        act.put("snoozes", a.snoozes());
        act.put("leftOut", a.leftOut());
        act.put("unknownDeals", a.unknownDeals());
        act.put("unknownDealRows", a.unknownDealRows());
        act.put("beforeCreation", a.beforeCreation());
        act.put("skippedRows", a.skippedRows());
        input.put("activities", act);
      });
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("asOfRule", asOfRule);
      if (!defaults.isEmpty()) {
        out.put("defaults", defaults);
      }
      out.put("input", input);
      return out;
    }
  }

  Loaded load(PrintWriter err) throws BadInputException {
    return load(err, null);
  }

  /**
   * Reads the file, and the activities file if one is given, into histories cut at the as-of
   * time.
   *
   * @param err where skipped rows and warnings go
   * @param activities the activities options of the command, or null if it takes none
   * @return what was read
   * @throws BadInputException for bad options or bad input
   */
  Loaded load(PrintWriter err, @Nullable ActivitiesOptions activities) throws BadInputException {
    if (activities != null && activities.orphan() != null) {
      throw new BadInputException(activities.orphan() + ": is for --activities FILE, which is"
          + " not given");
    }
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
    Optional<String> dates = Optional.ofNullable(dateFormat);
    if (preset != null) {
      ExportPresets.Preset p;
      try {
        p = ExportPresets.named(preset);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--preset: " + e.getMessage());
      }
      columns.putAll(p.columns());
      if (dates.isEmpty()) {
        dates = p.dateFormat();
      }
    }
    if (map != null) {
      columns.putAll(pairs("--map", map, "deal_id=Id,stage=StageName")); // wins over a preset
    }
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new BadInputException("--zone: unknown zone '" + zone + "'; use UTC, an offset such"
          + " as +01:00, or a region such as Europe/Berlin");
    }
    Timestamps timestamps;
    try {
      timestamps = Timestamps.of(dates, zoneId);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--date-format: " + e.getMessage());
    }
    AmountFormat amounts = AmountFormat.plain();
    if (amountFormat != null) {
      Locale locale = Locale.forLanguageTag(amountFormat);
      if (locale.getLanguage().isEmpty() || !Arrays.asList(
          java.text.DecimalFormatSymbols.getAvailableLocales()).contains(locale)) {
        throw new BadInputException("--amount-format: unknown locale '" + amountFormat + "'; use"
            + " a language tag such as en-US, de-DE, fr-FR or en-GB");
      }
      amounts = AmountFormat.of(locale);
    }
    List<String> skip = skipStages == null ? List.of() : List.of(skipStages.split(",", -1));
    StageHistoryCsv.Options options;
    try {
      options = StageHistoryCsv.Options.defaults().withCurrency(c).withSkipBadRows(skipBadRows)
          .withSkipStages(Set.copyOf(skip)).withColumns(columns).withTimestamps(timestamps)
          .withAmounts(amounts).withPipeline(Optional.ofNullable(pipeline));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--map: " + e.getMessage());
    }
    try {
      options = options.withCharset(charset);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--encoding: " + e.getMessage());
    }
    ActivitiesCsv.Parsed parsed = null;
    if (activities != null && activities.file != null) {
      parsed = activities(activities, charset, zoneId);
    }
    definition.pipeline = Optional.ofNullable(pipeline);
    Progress.show("reading " + events);
    StageHistoryCsv.Result read = StageHistoryCsv.read(events, definition.stages(), options,
        parsed);
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
    read.activities().ifPresent(a -> {
      if (a.skippedRows() > 0) {
        err.println("skipped " + a.skippedRows() + " bad rows of " + a.rows() + " in "
            + a.file() + ": " + a.skippedByProblem().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        a.skipped().stream().limit(20).forEach(b -> err.println("  " + b.message()));
        if (a.skippedRows() > 20) {
          err.println("  ... and " + (a.skippedRows() - 20) + " more");
        }
      }
    });
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
    Dates.When when = asOf != null ? asOf.in(zoneId)
        : Dates.When.dayOf(read.latest().orElseThrow(), zoneId);
    String rule = asOf == null ? "the end of " + when.text() + " (" + when.zoneText()
        + "), the last day in the file"
        : when.wholeDay() ? "the end of " + when.text() + " (" + when.zoneText()
            + "), as --as-of says"
        : when.start() + ", as --as-of says";
    return new Loaded(definition.definition(read.moves()), cut(read.histories(), when),
        when.end(), rule, read, zone, definition.defaultsNote());
  }

  /** Parses the activities file with its preset, mapping and date format. */
  private ActivitiesCsv.Parsed activities(ActivitiesOptions a, Charset charset, ZoneId zoneId)
      throws BadInputException {
    Map<String, String> columns = new LinkedHashMap<>();
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    Optional<String> dates = Optional.ofNullable(a.dateFormat);
    if (a.preset != null) {
      ExportPresets.ActivityPreset p;
      try {
        p = ExportPresets.activities(a.preset);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--activities-preset: " + e.getMessage());
      }
      columns.putAll(p.columns());
      values.putAll(p.values());
      if (dates.isEmpty()) {
        dates = p.dateFormat();
      }
    }
    if (a.map != null) {
      columns.putAll(pairs("--activities-map", a.map, "deal_id=WhatId,at=CompletedDateTime"));
    }
    Timestamps timestamps;
    try {
      timestamps = Timestamps.of(dates, zoneId);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--activities-date-format: " + e.getMessage());
    }
    ActivitiesCsv.Options options;
    try {
      options = ActivitiesCsv.Options.defaults().withColumns(columns).withValues(values)
          .withSkipBadRows(skipBadRows).withCharset(charset).withTimestamps(timestamps);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--activities-map: " + e.getMessage());
    }
    Progress.show("reading " + a.file);
    ActivitiesCsv.Parsed parsed = ActivitiesCsv.read(a.file, options);
    Progress.done();
    return parsed;
  }

  /** {@code COLUMN=NAME,...} as a map, each column once. */
  private static Map<String, String> pairs(String option, String text, String example)
      throws BadInputException {
    Map<String, String> mapped = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new BadInputException(option + ": expected COLUMN=NAME pairs separated by commas,"
            + " such as " + example + ", not '" + pair + "'");
      }
      if (mapped.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
        throw new BadInputException(option + ": column '" + pair.substring(0, eq) + "' is"
            + " mapped twice");
      }
    }
    return mapped;
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

package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Touch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads an activities CSV: one row per touch (a call, an email, a meeting) or snooze on a deal,
 * as CRMs export their activities apart from the deals (Salesforce's Task and Event objects,
 * HubSpot's engagements, Pipedrive's activities; {@link ExportPresets#ACTIVITIES}). The rows are
 * merged into the deals' histories by {@link StageHistoryCsv#read(Path, Map, StageHistoryCsv.Options,
 * Parsed)}, through the engine's import path, in time order with the stage rows.
 *
 * <ul>
 *   <li>A header row is required. Columns {@code deal_id}, {@code at} and {@code type} are
 *       required; {@code direction}, {@code outcome}, {@code until} and {@code reason} are
 *       optional; other columns are ignored. {@link Options#columns} maps other column names
 *       (several of ours may read the same column), {@link Options#values} other values.
 *   <li>{@code type}: {@code call}, {@code email}, {@code meeting}, {@code message}, {@code
 *       social}, {@code event} or {@code other}, a touch ({@link Touch.Channel}); {@code snooze},
 *       a snooze of the deal's automation items until the date in {@code until} (an ISO date, or
 *       a date-time whose date in the zone counts) for the {@code reason} (required); or {@code
 *       note}, which is not a touch. {@code direction}: {@code outbound} (the default) or {@code
 *       inbound}; {@code internal} is not a touch. {@code outcome}: {@code completed} (the
 *       default), {@code no response}, {@code replied}, {@code next step agreed} or {@code
 *       declined} ({@link Touch.Result}); {@code planned} and {@code canceled} are not touches.
 *       Values are read case-insensitively, with a space, {@code -} or {@code _} between words.
 *   <li>A row that is not a touch (a note, an internal call, a planned or canceled activity) or
 *       that names no deal is counted by reason ({@link Summary#leftOut()}) and left out; its
 *       {@code at} is not read (a planned task has no completion time yet).
 *   <li>{@code at} is read as the stage-history reader reads it ({@link Options#timestamps()}).
 *   <li>Bad input (an empty or unknown type, direction or outcome, a bad date, a snooze without
 *       its date or reason, {@code until} on a touch, an invalid deal id, a ragged row, a byte
 *       that is not valid in the encoding, a quote that does not close) stops the read with a
 *       {@link BadInputException} naming the file, the line and the value, or, with {@link
 *       Options#skipBadRows()}, is skipped and counted; a header problem always stops it.
 * </ul>
 *
 * <p>Memory: one pass; the rows are held in a compact form, grouped by deal, until the merge.
 */
public final class ActivitiesCsv {
  /** The required columns. */
  public static final List<String> REQUIRED = List.of("deal_id", "at", "type");
  /** Every column with a meaning; other columns are ignored. */
  public static final List<String> COLUMNS = List.of("deal_id", "at", "type", "direction",
      "outcome", "until", "reason");
  /** The values of {@code type}, in words. */
  public static final List<String> TYPES = List.of("call", "email", "meeting", "message",
      "social", "event", "other", "snooze", "note");
  /** The values of {@code direction}. */
  public static final List<String> DIRECTIONS = List.of("outbound", "inbound", "internal");
  /** The values of {@code outcome}. */
  public static final List<String> OUTCOMES = List.of("completed", "no response", "replied",
      "next step agreed", "declined", "planned", "canceled");

  /** Why a row was left out: not linked to a deal. */
  public static final String NO_DEAL = "no deal";
  /** Why a row was left out: a note. */
  public static final String NOTE = "note";
  /** Why a row was left out: an internal call. */
  public static final String INTERNAL = "internal";
  /** Why a row was left out: planned, not done yet. */
  public static final String PLANNED = "planned";
  /** Why a row was left out: canceled. */
  public static final String CANCELED = "canceled";

  private ActivitiesCsv() {}

  /**
   * How to read a file. Start from {@link #defaults()} and change what differs.
   *
   * @param columns our column name to the file's column name, such as {@code deal_id ->
   *     WhatId}
   * @param values per column of ours, the file's values (compared ignoring case) to ours, such
   *     as {@code type: ListEmail -> email}; a value mapped to the empty text takes the column's
   *     default; values not listed are read as ours
   * @param skipBadRows skip bad rows (and report them) instead of stopping at the first one
   * @param charset the file's encoding; one that keeps ASCII as ASCII
   * @param timestamps how {@code at} and {@code until} are read
   */
  public record Options(Map<String, String> columns, Map<String, Map<String, String>> values,
      boolean skipBadRows, Charset charset, Timestamps timestamps) {
    /**
     * Checks and copies.
     *
     * @param columns our column name to the file's column name
     * @param values per column of ours, the file's values to ours
     * @param skipBadRows skip bad rows instead of stopping at the first one
     * @param charset the file's encoding
     * @param timestamps how {@code at} and {@code until} are read
     * @throws IllegalArgumentException if a mapped column is not one of ours, a value maps to
     *     none of the column's values, or the charset does not keep ASCII as ASCII
     * @throws NullPointerException if an argument is null
     */
    public Options {
      columns = Map.copyOf(columns);
      Objects.requireNonNull(charset, "charset is null");
      Objects.requireNonNull(timestamps, "timestamps is null");
      for (String c : columns.keySet()) {
        if (!COLUMNS.contains(c)) {
          throw new IllegalArgumentException("cannot map unknown activity column '" + c
              + "'; columns: " + String.join(", ", COLUMNS));
        }
      }
      Map<String, Map<String, String>> copy = new LinkedHashMap<>();
      values.forEach((column, map) -> {
        List<String> ours = vocabulary(column);
        Map<String, String> lower = new LinkedHashMap<>();
        map.forEach((theirs, mine) -> {
          if (!mine.isEmpty() && !ours.contains(mine)) {
            throw new IllegalArgumentException("value '" + theirs + "' of column " + column
                + " is mapped to '" + mine + "', which is none of " + String.join(", ", ours));
          }
          lower.put(theirs.strip().toLowerCase(Locale.ROOT), mine);
        });
        copy.put(column, Collections.unmodifiableMap(lower));
      });
      values = Collections.unmodifiableMap(copy);
      if (!CsvRecords.asciiCompatible(charset)) {
        throw new IllegalArgumentException("encoding " + charset.name() + " is not supported:"
            + " only encodings that keep ASCII as ASCII are (UTF-8, ISO-8859-1, windows-1252,"
            + " ...); save the file as UTF-8");
      }
    }

    /** {@return the defaults: our columns and values, stop at the first bad row, UTF-8, ISO} */
    public static Options defaults() {
      return new Options(Map.of(), Map.of(), false, StandardCharsets.UTF_8, Timestamps.iso());
    }

    /**
     * {@return these options with other column names}
     *
     * @param columns our column name to the file's column name
     */
    public Options withColumns(Map<String, String> columns) {
      return new Options(columns, values, skipBadRows, charset, timestamps);
    }

    /**
     * {@return these options with other values}
     *
     * @param values per column of ours, the file's values to ours
     */
    public Options withValues(Map<String, Map<String, String>> values) {
      return new Options(columns, values, skipBadRows, charset, timestamps);
    }

    /**
     * {@return these options, skipping bad rows or not}
     *
     * @param skip whether to skip bad rows
     */
    public Options withSkipBadRows(boolean skip) {
      return new Options(columns, values, skip, charset, timestamps);
    }

    /**
     * {@return these options with another encoding}
     *
     * @param charset the encoding
     */
    public Options withCharset(Charset charset) {
      return new Options(columns, values, skipBadRows, charset, timestamps);
    }

    /**
     * {@return these options, reading timestamps another way}
     *
     * @param timestamps how {@code at} and {@code until} are read
     */
    public Options withTimestamps(Timestamps timestamps) {
      return new Options(columns, values, skipBadRows, charset, timestamps);
    }
  }

  private static List<String> vocabulary(String column) {
    switch (column) {
      case "type":
        return TYPES;
      case "direction":
        return DIRECTIONS;
      case "outcome":
        return OUTCOMES;
      default:
        throw new IllegalArgumentException("column " + column + " has no values to map; columns"
            + " with values: type, direction, outcome");
    }
  }

  /**
   * What the activities did to the histories, once merged ({@link StageHistoryCsv.Result#activities()}).
   *
   * @param file the file read
   * @param rows the data rows read (bad and left-out ones included)
   * @param touches the touches merged into histories
   * @param snoozes the snoozes merged into histories
   * @param leftOut how many rows were not touches or named no deal, by reason ({@value #NOTE},
   *     {@value #INTERNAL}, {@value #PLANNED}, {@value #CANCELED}, {@value #NO_DEAL})
   * @param unknownDeals how many deal ids the activities name that are not among the histories
   *     read (not in the stage-history file, or none of their rows kept)
   * @param unknownDealRows how many activities those deals had
   * @param unknownDealExamples the first few of those deal ids, in file order
   * @param beforeCreation how many activities were before their deal's creation, so left out
   * @param skipped the bad rows skipped, in file order, the first {@value
   *     StageHistoryCsv#KEPT_BAD_ROWS}; empty unless skipping
   * @param skippedByProblem how many bad rows were skipped, by kind of problem
   */
  public record Summary(String file, long rows, long touches, long snoozes,
      Map<String, Long> leftOut, long unknownDeals, long unknownDealRows,
      List<String> unknownDealExamples, long beforeCreation, List<StageHistoryCsv.BadRow> skipped,
      Map<String, Long> skippedByProblem) {
    /**
     * Copies the collections.
     *
     * @param file the file read
     * @param rows the data rows read
     * @param touches the touches merged
     * @param snoozes the snoozes merged
     * @param leftOut rows left out by reason
     * @param unknownDeals deal ids not among the histories
     * @param unknownDealRows their activities
     * @param unknownDealExamples the first few of those ids
     * @param beforeCreation activities before their deal's creation
     * @param skipped the bad rows kept
     * @param skippedByProblem bad rows by problem
     */
    public Summary {
      Objects.requireNonNull(file, "file is null");
      leftOut = Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
      unknownDealExamples = List.copyOf(unknownDealExamples);
      skipped = List.copyOf(skipped);
      skippedByProblem = Collections.unmodifiableMap(new LinkedHashMap<>(skippedByProblem));
    }

    /** {@return how many bad rows were skipped} */
    public long skippedRows() {
      return skippedByProblem.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@return how many rows were left out as not touches or without a deal} */
    public long leftOutRows() {
      return leftOut.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * {@return one line for people: what was merged, what was left out and why}
     */
    public String line() {
      StringBuilder sb = new StringBuilder("Activities ").append(file).append(": ")
          .append(Figures.count(rows, "row")).append(", ").append(Figures.count(touches))
          .append(touches == 1 ? " touch" : " touches").append(" and ").append(Figures.count(snoozes, "snooze")).append(" merged");
      if (leftOutRows() > 0) {
        sb.append("; left out ").append(leftOut.entrySet().stream()
            .map(e -> Figures.count(e.getValue()) + " " + leftOutWords(e.getKey(), e.getValue()))
            .collect(Collectors.joining(", ")));
      }
      if (unknownDealRows > 0) {
        sb.append("; ").append(activities(unknownDealRows))
            .append(" of ").append(Figures.count(unknownDeals, "deal"))
            .append(" not in the stage history (").append(String.join(", ",
                unknownDealExamples.stream().map(Messages::quote).toList()))
            .append(unknownDeals > unknownDealExamples.size() ? ", ..." : "").append(")");
      }
      if (beforeCreation > 0) {
        sb.append("; ").append(activities(beforeCreation))
            .append(" before the deal was created");
      }
      if (skippedRows() > 0) {
        sb.append("; skipped ").append(Figures.count(skippedRows(), "bad row"));
      }
      return sb.append('.').toString();
    }

    private static String activities(long n) {
      return Figures.count(n) + (n == 1 ? " activity" : " activities");
    }

    private static String leftOutWords(String reason, long n) {
      boolean one = n == 1;
      switch (reason) {
        case NOTE:
          return one ? "note" : "notes";
        case INTERNAL:
          return one ? "internal call" : "internal calls";
        case PLANNED:
          return "planned (not done)";
        case CANCELED:
          return "canceled";
        case NO_DEAL:
          return "without a deal";
        default:
          return reason;
      }
    }
  }

  /** One activity, compact: held until the merge. */
  static final class Row {
    final long line;
    final long seconds;
    final int nanos;
    /** The touch, or null for a snooze. */
    final @Nullable Touch touch;
    final @Nullable LocalDate until;
    final @Nullable String reason;

    Row(long line, long seconds, int nanos, @Nullable Touch touch, @Nullable LocalDate until,
        @Nullable String reason) {
      this.line = line;
      this.seconds = seconds;
      this.nanos = nanos;
      this.touch = touch;
      this.until = until;
      this.reason = reason;
    }

    Instant instant() {
      return Instant.ofEpochSecond(seconds, nanos);
    }
  }

  /**
   * An activities file parsed, not merged yet: its rows grouped by deal, in time order (ties in
   * file order), and what was counted while reading. Pass it to {@link
   * StageHistoryCsv#read(Path, Map, StageHistoryCsv.Options, Parsed)}; one merge only (the rows
   * are handed over to the histories). Not thread-safe.
   */
  public static final class Parsed {
    final String file;
    final boolean skipBadRows;
    final long rows;
    final Map<String, List<Row>> byDeal;
    final Map<String, Long> leftOut;
    final List<StageHistoryCsv.BadRow> skipped;
    final Map<String, Long> skippedByProblem;
    private boolean merged;

    Parsed(String file, boolean skipBadRows, long rows, Map<String, List<Row>> byDeal,
        Map<String, Long> leftOut, List<StageHistoryCsv.BadRow> skipped,
        Map<String, Long> skippedByProblem) {
      this.file = file;
      this.skipBadRows = skipBadRows;
      this.rows = rows;
      this.byDeal = byDeal;
      this.leftOut = leftOut;
      this.skipped = skipped;
      this.skippedByProblem = skippedByProblem;
    }

    /** {@return the file name, for messages} */
    public String file() {
      return file;
    }

    /** {@return the data rows read} */
    public long rows() {
      return rows;
    }

    /** {@return the activities held for the merge: touches and snoozes of named deals} */
    public long activities() {
      return byDeal.values().stream().mapToLong(List::size).sum();
    }

    /** Hands the rows over to one merge. */
    Map<String, List<Row>> take() {
      if (merged) {
        throw new IllegalStateException("the activities of " + file + " were merged already");
      }
      merged = true;
      return byDeal;
    }

    /** {@return the file, the rows and the deals, on one line} */
    @Override
    public String toString() {
      return "ActivitiesCsv.Parsed[" + file + ", " + rows + " rows, " + byDeal.size() + " deals]";
    }
  }

  /**
   * Reads a file.
   *
   * @param file the file
   * @param options how to read
   * @return the activities, grouped by deal
   * @throws BadInputException if the file cannot be read or holds bad input; the message names
   *     the file (and the line and value, for bad content) on one line
   */
  public static Parsed read(Path file, Options options) throws BadInputException {
    String name = file.toString();
    if (name.isEmpty()) {
      throw new BadInputException("no activities file named: the file name is empty");
    }
    if (Files.isDirectory(file)) {
      throw new BadInputException(name + ": is a directory, not a file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, name, options);
    } catch (NoSuchFileException e) {
      throw new BadInputException(name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new BadInputException(name + ": cannot read: permission denied");
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException(name + ": cannot read: " + Messages.quote(
          String.valueOf(e.getMessage())));
    }
  }

  /**
   * Reads an activities CSV from a byte stream in {@link Options#charset()}, in one pass.
   *
   * @param in the bytes; not closed
   * @param file the file name, for messages
   * @param options how to read
   * @return the activities, grouped by deal
   * @throws BadInputException if the text holds bad input
   * @throws IOException if reading fails
   */
  public static Parsed read(InputStream in, String file, Options options)
      throws BadInputException, IOException {
    return new Reading(file, options).run(in);
  }

  /** The state of reading one file. */
  private static final class Reading {
    private final String file;
    private final Options options;
    private final Map<String, Integer> column = new LinkedHashMap<>();
    private final Map<String, Long> leftOut = new LinkedHashMap<>();
    private final List<StageHistoryCsv.BadRow> skipped = new ArrayList<>();
    private final Map<String, Long> skippedByProblem = new LinkedHashMap<>();
    private final Map<String, String> deals = new HashMap<>();
    private List<String> header = List.of();

    Reading(String file, Options options) {
      this.file = file;
      this.options = options;
    }

    Parsed run(InputStream in) throws BadInputException, IOException {
      CsvRecords records = CsvRecords.of(in, options.charset());
      Map<String, List<Row>> byDeal = new LinkedHashMap<>();
      long rows = records.read(file, REQUIRED, this::header, fields -> {
        try {
          row(fields.values(), fields.line(), byDeal);
        } catch (Problem p) {
          skip(p.row);
        }
      }, (bad, message) -> skip(new StageHistoryCsv.BadRow(bad.line(), bad.problem(), message)));
      for (List<Row> list : byDeal.values()) {
        list.sort(Comparator.comparingLong((Row r) -> r.seconds).thenComparingInt(r -> r.nanos));
      }
      skipped.sort(Comparator.comparingLong(StageHistoryCsv.BadRow::line));
      return new Parsed(file, options.skipBadRows(), rows, byDeal, leftOut, skipped,
          skippedByProblem);
    }

    private String at(long line) {
      return file + ":" + line + ": ";
    }

    private int header(List<String> names, long line) throws BadInputException {
      header = names;
      column.putAll(CsvRecords.columns(header, COLUMNS, REQUIRED, options.columns(), at(line),
          " in the activities"));
      return header.size();
    }

    private void skip(StageHistoryCsv.BadRow row) throws BadInputException {
      if (!options.skipBadRows()) {
        throw new BadInputException(row.message());
      }
      if (skipped.size() < StageHistoryCsv.KEPT_BAD_ROWS) {
        skipped.add(row);
      }
      skippedByProblem.merge(row.problem(), 1L, Long::sum);
    }

    private String value(List<String> values, String ours) {
      Integer index = column.get(ours);
      return index == null ? "" : values.get(index);
    }

    private String where(String ours) {
      return " in column " + header.get(column.get(ours));
    }

    private Problem bad(long line, String problem, String what) {
      return new Problem(new StageHistoryCsv.BadRow(line, problem, at(line) + what));
    }

    /** Our value of a column: mapped by the options, else read as ours; null if empty. */
    private @Nullable String word(List<String> values, String ours, long line) {
      String raw = value(values, ours);
      if (raw.isEmpty()) {
        return null;
      }
      Map<String, String> mapped = options.values().get(ours);
      if (mapped != null) {
        String m = mapped.get(raw.toLowerCase(Locale.ROOT));
        if (m != null) {
          return m.isEmpty() ? null : m;
        }
      }
      String w = raw.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ')
          .replaceAll(" +", " ");
      if (vocabulary(ours).contains(w)) {
        return w;
      }
      throw bad(line, "unknown " + ours, "unknown activity " + ours + " " + Messages.quote(raw)
          + where(ours) + "; known: " + String.join(", ", vocabulary(ours))
          + (mapped == null || mapped.isEmpty() ? "" : " or " + mapped.keySet().stream()
              .collect(Collectors.joining(", "))));
    }

    private void row(List<String> values, long line, Map<String, List<Row>> byDeal) {
      if (values.size() != header.size()) {
        throw bad(line, "ragged row", "row has " + values.size() + " values but the header has "
            + header.size() + ": " + Messages.quote(String.join(",", values)));
      }
      String type = word(values, "type", line);
      if (type == null) {
        throw bad(line, "empty type", "empty activity type" + where("type") + "; give one of "
            + String.join(", ", TYPES));
      }
      String deal = value(values, "deal_id");
      if (deal.isEmpty()) {
        leftOut.merge(NO_DEAL, 1L, Long::sum);
        return;
      }
      try {
        DealId.of(deal);
      } catch (IllegalArgumentException e) {
        throw bad(line, "invalid deal id", e.getMessage() + where("deal_id"));
      }
      String until = value(values, "until");
      String reason = value(values, "reason");
      Touch touch = null;
      LocalDate untilDate = null;
      if (type.equals("snooze")) {
        if (until.isEmpty()) {
          throw bad(line, "snooze without a date", "a snooze needs the date it lasts until in"
              + " column " + options.columns().getOrDefault("until", "until"));
        }
        if (reason.isBlank()) {
          throw bad(line, "snooze without a reason", "a snooze needs a reason in column "
              + options.columns().getOrDefault("reason", "reason"));
        }
        long[] u = instant(until, "until", line);
        untilDate = Instant.ofEpochSecond(u[0], u[1]).atZone(options.timestamps().zone())
            .toLocalDate();
      } else {
        if (type.equals("note")) {
          leftOut.merge(NOTE, 1L, Long::sum);
          return;
        }
        if (!until.isEmpty()) {
          throw bad(line, "until on a touch", "until " + Messages.quote(until) + where("until")
              + " is for snoozes; this row is a " + type);
        }
        String direction = word(values, "direction", line);
        String outcome = word(values, "outcome", line);
        if ("internal".equals(direction)) {
          leftOut.merge(INTERNAL, 1L, Long::sum);
          return;
        }
        if ("planned".equals(outcome) || "canceled".equals(outcome)) {
          leftOut.merge(outcome, 1L, Long::sum);
          return;
        }
        touch = new Touch(Touch.Channel.valueOf(type.toUpperCase(Locale.ROOT)),
            "inbound".equals(direction) ? Touch.Direction.INBOUND : Touch.Direction.OUTBOUND,
            outcome == null ? Touch.Result.COMPLETED
                : Touch.Result.valueOf(outcome.toUpperCase(Locale.ROOT).replace(' ', '_')));
        reason = null;
      }
      long[] at = instant(value(values, "at"), "at", line);
      String known = deals.computeIfAbsent(deal, d -> d);
      byDeal.computeIfAbsent(known, d -> new ArrayList<>(4)).add(new Row(line, at[0],
          (int) at[1], touch, untilDate, reason == null ? null : reason.strip()));
    }

    /** The instant as {seconds, nanos}, read by the options' timestamps, within range. */
    private long[] instant(String text, String ours, long line) {
      if (text.isEmpty()) {
        throw bad(line, "empty date", "empty " + header.get(column.get(ours)));
      }
      Timestamps.Parsed parsed = options.timestamps().parse(text);
      if (parsed == null) {
        throw bad(line, "bad date", "bad date " + Messages.quote(text) + where(ours)
            + ": expected " + options.timestamps().expected());
      }
      Instant at = parsed.instant();
      if (at.isBefore(StageHistoryCsv.EARLIEST) || !at.isBefore(StageHistoryCsv.END)) {
        throw bad(line, "date out of range", "date " + Messages.quote(text) + where(ours)
            + " is outside the dates this reader takes, " + StageHistoryCsv.EARLIEST_TEXT
            + " to " + StageHistoryCsv.END_TEXT + " (exclusive)");
      }
      return new long[] {at.getEpochSecond(), at.getNano()};
    }
  }

  /** A bad row found while parsing: thrown inside a read, never out of it. */
  private static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient StageHistoryCsv.BadRow row;

    Problem(StageHistoryCsv.BadRow row) {
      super(row.message(), null, false, false);
      this.row = row;
    }
  }
}

package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.HistoryImport;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the stage-history CSV: one row per stage entry, the format of a CRM's
 * opportunity or deal stage history export.
 *
 * <ul>
 *   <li>A header row is required. Columns {@code deal_id}, {@code at} and {@code stage} are
 *       required; {@code amount}, {@code currency}, {@code owner} and {@code source} are
 *       optional; any other column becomes a deal attribute (numbers, {@code true}/{@code false}
 *       and ISO dates are typed, anything else is text). {@link Options#columns} maps other column
 *       names, such as Salesforce's {@code StageName}, onto these.
 *   <li>{@code at} is an ISO date ({@code 2017-03-01}, read as the start of that day, UTC) or an
 *       ISO date-time with an offset ({@code 2017-03-01T10:15:00Z}, {@code
 *       2017-03-01T10:15:00+01:00}; {@code +0100} is accepted too), from {@link #EARLIEST} up to
 *       {@link #END}. {@code amount} is a plain decimal number (ASCII digits, an optional
 *       fraction after a point; at most {@link Money#MAX_INTEGER_DIGITS} digits before the point
 *       and {@link Money#MAX_FRACTION_DIGITS} after). A deal has one currency: the first a row
 *       names, with or without an amount, else {@link Options#currency()}.
 *   <li>The bytes are read in {@link Options#charset()} (UTF-8 by default; a UTF-8 byte-order
 *       mark is skipped), one physical line at a time, so an invalid byte is named by line and
 *       byte offset; quoted values may hold line breaks (RFC 4180, parsed by Commons CSV).
 *   <li>Rows may come in any order: they are grouped by deal and ordered by {@code at}, ties in
 *       file order. The first row of a deal creates it; each later row whose stage differs from
 *       the deal's stage is a stage entry (a move, win, loss, going dark, or a revival / reopen,
 *       by the kinds of the two stages); a row in the stage the deal is already in only updates
 *       it. An empty {@code amount} means unchanged; a changed amount, owner or attribute becomes
 *       the matching change event. {@code source} {@code warm:webinar} or {@code cold:call} is
 *       the lead source; any other source is kept as attribute {@code source}. An attribute column
 *       named {@code lost_reason} gives the reason of a loss.
 *   <li>Bad input (a bad or out-of-range date, a bad amount, an unknown currency, a currency
 *       change within a deal, a ragged row, an invalid deal id, an invalid byte, an unbalanced
 *       quote, a row the engine refuses) stops the read with a {@link BadInputException} naming
 *       the file, the line and the value on one line, or, with {@link Options#skipBadRows}, the
 *       row is skipped and counted in the {@link Result}. A header problem (a missing, duplicate
 *       or invalid column), a line over 1 MiB and an {@linkplain #UNKNOWN_STAGE unknown stage}
 *       always stop the read; the rows of stages named in {@link Options#skipStages()} are
 *       dropped and counted instead.
 *   <li>Memory: one pass over the bytes; rows are held in a compact form until the end (a deal's
 *       rows may come anywhere in the file) and let go as each deal's history is built.
 * </ul>
 *
 * <p><b>Through the engine's import path.</b> Histories are not assembled event by event: each
 * is built by a {@link Pipeline} over {@link PermissiveDefinition#forImport the stages given}.
 * A deal's first row is a {@link Pipeline#importDeal} (the import counterpart of {@code
 * create}: the deal may be first seen in any stage, won and lost included) and each later row's
 * changes are {@link Pipeline#importFact} calls, all at the row's instant ({@code
 * Request.by("import").at(instant)}): a stage change is a {@link Command.MoveTo}, or a {@link
 * Command.Lose} naming the lost stage when the row has a {@code lost_reason}; then a {@link
 * Command.ChangeAmount}, a {@link Command.ChangeOwner} and a {@link Command.SetAttribute} per
 * attribute, each a no-op when nothing changes. So the structure is checked (known stages, valid
 * values, time order) but guards are not applied to historical facts, and a move need not be a
 * declared transition: an export records what happened, whether or not today's rules would
 * allow it. The engine picks each event by the stages' kinds, and every history read passes
 * {@link DealHistory#checkImportedAgainst} for a definition with these stages. A row the engine
 * refuses ({@link Outcome.Rejected}, or a new deal it cannot create) is bad input of the kind
 * {@value #REFUSED}, its message {@code file:line: } and the engine's reasons, which name the
 * value; a skipped row keeps none of its changes, and when a deal's first row is skipped its
 * next row creates it.
 *
 * <p><b>Activities.</b> CRMs export touches (calls, emails, meetings) apart from the deals; {@link
 * #read(Path, Map, Options, ActivitiesCsv.Parsed)} merges an activities file read by {@link
 * ActivitiesCsv} into the histories, through the same import path: per deal, the activities and
 * the stage rows in time order (an activity at the same instant as a row comes after it; ties
 * among activities in file order), each activity a {@link Command.RecordTouch} or a {@link
 * Command.Snooze} at its instant. An activity before its deal's creation is counted and left out
 * ({@link ActivitiesCsv.Summary#beforeCreation()}); one whose deal has no history here (not in
 * this file, or none of its rows kept) is counted ({@link ActivitiesCsv.Summary#unknownDeals()}),
 * not an error; one the engine refuses (a snooze of a won deal, a snooze until a date that is
 * not after its own day) is a bad row of the activities file ({@value #REFUSED}), stopping the
 * read or, when the activities' options skip bad rows, skipped and counted. {@link
 * #writeActivities} writes the activities of histories in the format {@link ActivitiesCsv}
 * reads.
 */
public final class StageHistoryCsv {
  /** The required columns. */
  public static final List<String> REQUIRED = List.of("deal_id", "at", "stage");
  /** Every column with a meaning of its own; other columns are attributes. */
  public static final List<String> COLUMNS = List.of("deal_id", "at", "stage", "amount",
      "currency", "owner", "source", "created_at", "pipeline", "close_date");

  /** The kind of a row the engine refuses, in {@link BadRow#problem()}. */
  public static final String REFUSED = "refused by the engine";
  /** The kind of a row in a stage that is not one of the given stages. */
  public static final String UNKNOWN_STAGE = "unknown stage";
  /** The earliest instant a row may have: 1900-01-01, UTC. */
  public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  /** The end of the instants a row may have (exclusive): 2100-01-01, UTC. */
  public static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
  /** The earliest date a row may have, as text. */
  public static final String EARLIEST_TEXT = "1900-01-01";
  /** The end of the dates a row may have (exclusive), as text. */
  public static final String END_TEXT = "2100-01-01";
  /** The most characters of an amount: {@value}. */
  public static final int MAX_AMOUNT_LENGTH = Money.MAX_INTEGER_DIGITS + 1
      + Money.MAX_FRACTION_DIGITS;
  /** The most bad rows a {@link Result} keeps in {@link Result#skipped()}: {@value}. */
  public static final int KEPT_BAD_ROWS = 10_000;

  private static final String ACTOR = "import";
  /** Imports carry their instants: the engine never needs a clock for them. */
  private static final InstantSource NO_CLOCK = () -> {
    throw new IllegalStateException("an import reads no clock: every fact has its row's instant");
  };
  /** Digits and points only, maybe negative: text that is a number, however long. */
  private static final Pattern DIGITS = Pattern.compile("-?[0-9.]+");
  /** Distinct values remembered so repeated ones share one object. */
  private static final int INTERNED = 100_000;

  private StageHistoryCsv() {}

  /**
   * How to read a file. Start from {@link #defaults()} and change what differs.
   *
   * @param columns our column name to the file's column name, such as {@code stage -> StageName}
   * @param skipBadRows skip bad rows (and report them) instead of stopping at the first one
   * @param currency the currency of amounts whose {@code currency} is empty
   * @param charset the file's encoding; one that keeps ASCII as ASCII (UTF-8, ISO-8859-1,
   *     windows-1252, ...)
   * @param skipStages stage names whose rows are dropped (and counted in {@link
   *     Result#skippedStages()}) instead of being an unknown stage, which always stops the read
   */
  public record Options(Map<String, String> columns, boolean skipBadRows, Currency currency,
      Charset charset, Set<String> skipStages, Timestamps timestamps, AmountFormat amounts,
      Optional<String> pipeline) {
    /**
     * Creates the value.
     *
     * @param columns our column name to the file's column name
     * @param skipBadRows skip bad rows instead of stopping at the first one
     * @param currency the currency of amounts without one
     * @param charset the file's encoding
     * @param skipStages stage names whose rows are dropped
     * @param timestamps how {@code at} and {@code created_at} are read
     * @param amounts how {@code amount} is written
     * @param pipeline if present, only the rows whose {@code pipeline} column has this value are
     *     read (the others are counted in {@link Result#otherPipelineRows()})
     * @throws IllegalArgumentException if a mapped column is not one of ours, or the charset
     *     does not keep ASCII as ASCII (UTF-16, UTF-32)
     * @throws NullPointerException if an argument is null
     */
    public Options {
      columns = Map.copyOf(columns);
      Objects.requireNonNull(currency, "currency is null");
      Objects.requireNonNull(charset, "charset is null");
      Objects.requireNonNull(timestamps, "timestamps is null");
      Objects.requireNonNull(amounts, "amounts is null");
      Objects.requireNonNull(pipeline, "pipeline is null");
      skipStages = Set.copyOf(skipStages);
      for (String c : columns.keySet()) {
        if (!COLUMNS.contains(c)) {
          throw new IllegalArgumentException("cannot map unknown column '" + c + "'; columns: "
              + String.join(", ", COLUMNS));
        }
      }
      if (!CsvRecords.asciiCompatible(charset)) {
        throw new IllegalArgumentException("encoding " + charset.name() + " is not supported:"
            + " only encodings that keep ASCII as ASCII are (UTF-8, ISO-8859-1, windows-1252,"
            + " ...); save the file as UTF-8");
      }
    }

    /**
     * {@return the defaults: no mapping, stop at the first bad row, EUR, UTF-8, no stage
     * skipped, ISO timestamps in UTC, plain amounts, every pipeline}
     */
    public static Options defaults() {
      return new Options(Map.of(), false, Money.currency("EUR"), StandardCharsets.UTF_8,
          Set.of(), Timestamps.iso(), AmountFormat.plain(), Optional.empty());
    }

    /**
     * {@return these options with other column names}
     *
     * @param columns our column name to the file's column name
     */
    public Options withColumns(Map<String, String> columns) {
      return new Options(columns, skipBadRows, currency, charset, skipStages, timestamps,
          amounts, pipeline);
    }

    /**
     * {@return these options, skipping bad rows or not}
     *
     * @param skip whether to skip bad rows
     */
    public Options withSkipBadRows(boolean skip) {
      return new Options(columns, skip, currency, charset, skipStages, timestamps, amounts,
          pipeline);
    }

    /**
     * {@return these options with another currency for amounts without one}
     *
     * @param currency the currency
     */
    public Options withCurrency(Currency currency) {
      return new Options(columns, skipBadRows, currency, charset, skipStages, timestamps,
          amounts, pipeline);
    }

    /**
     * {@return these options with another encoding}
     *
     * @param charset the encoding
     */
    public Options withCharset(Charset charset) {
      return new Options(columns, skipBadRows, currency, charset, skipStages, timestamps,
          amounts, pipeline);
    }

    /**
     * {@return these options, dropping the rows of these stages}
     *
     * @param stages the stage names, as in the file
     */
    public Options withSkipStages(Set<String> stages) {
      return new Options(columns, skipBadRows, currency, charset, stages, timestamps, amounts,
          pipeline);
    }

    /**
     * {@return these options, reading timestamps another way}
     *
     * @param timestamps how {@code at} and {@code created_at} are read
     */
    public Options withTimestamps(Timestamps timestamps) {
      return new Options(columns, skipBadRows, currency, charset, skipStages, timestamps,
          amounts, pipeline);
    }

    /**
     * {@return these options, reading amounts another way}
     *
     * @param amounts how {@code amount} is written
     */
    public Options withAmounts(AmountFormat amounts) {
      return new Options(columns, skipBadRows, currency, charset, skipStages, timestamps,
          amounts, pipeline);
    }

    /**
     * {@return these options, reading one pipeline's rows only}
     *
     * @param pipeline the value of the {@code pipeline} column to read, or empty for all rows
     */
    public Options withPipeline(Optional<String> pipeline) {
      return new Options(columns, skipBadRows, currency, charset, skipStages, timestamps,
          amounts, pipeline);
    }
  }

  /**
   * A row that was skipped.
   *
   * @param line the line number in the file (the header is line 1)
   * @param problem the kind of problem, such as "bad date"
   * @param message the whole message, naming file, line and value, on one line
   */
  public record BadRow(long line, String problem, String message) {}

  /**
   * A stage change found in the file.
   *
   * @param from the stage left
   * @param to the stage entered
   */
  public record Move(StageId from, StageId to) {}

  /**
   * What a read produced.
   *
   * @param histories one history per deal, in order of first appearance
   * @param moves every distinct stage change found, in order of first appearance
   * @param rows the data rows read (bad and skipped ones included)
   * @param skipped the bad rows skipped, in file order, the first {@value #KEPT_BAD_ROWS}; empty
   *     unless skipping
   * @param skippedByProblem how many bad rows were skipped, by kind of problem, in order of first
   *     appearance
   * @param skippedStages how many rows were dropped because their stage was named to be skipped,
   *     by stage name
   * @param droppedDeals how many deals had rows (with a valid deal id) but none that was kept, so
   *     are not in {@code histories}
   * @param stagesSeen the stages that occur in rows kept
   * @param otherPipelineRows how many rows were left out because their {@code pipeline} is not
   *     {@link Options#pipeline()}
   * @param localTimes how many timestamps had no offset, so were read in {@link
   *     Timestamps#zone()}
   * @param firstSeenClosed how many deals' histories start in a won or lost stage (no earlier row,
   *     no earlier {@code created_at}): an export that begins after they closed
   * @param activities what the activities merged into the histories did, if an activities file
   *     was given ({@link #read(Path, Map, Options, ActivitiesCsv.Parsed)})
   */
  public record Result(List<DealHistory> histories, List<Move> moves, long rows,
      List<BadRow> skipped, Map<String, Long> skippedByProblem, Map<String, Long> skippedStages,
      long droppedDeals, Set<StageId> stagesSeen, long otherPipelineRows, long localTimes,
      long firstSeenClosed, Optional<ActivitiesCsv.Summary> activities) {
    /**
     * Creates the value, copying the collections.
     *
     * @param histories one history per deal
     * @param moves every distinct stage change found
     * @param rows the data rows read
     * @param skipped the bad rows skipped kept
     * @param skippedByProblem how many bad rows were skipped by problem
     * @param skippedStages how many rows were dropped by skipped stage
     * @param droppedDeals how many deals were dropped entirely
     * @param stagesSeen the stages that occur
     * @param otherPipelineRows rows left out for another pipeline
     * @param localTimes timestamps without an offset, read in the zone
     * @param firstSeenClosed deals whose history starts in a won or lost stage
     * @param activities what the activities did, if any were given
     */
    public Result {
      histories = List.copyOf(histories);
      moves = List.copyOf(moves);
      skipped = List.copyOf(skipped);
      skippedByProblem = Collections.unmodifiableMap(new LinkedHashMap<>(skippedByProblem));
      skippedStages = Collections.unmodifiableMap(new LinkedHashMap<>(skippedStages));
      stagesSeen = Collections.unmodifiableSet(new LinkedHashSet<>(stagesSeen));
      Objects.requireNonNull(activities, "activities is null");
    }

    /** {@return how many bad rows were skipped, all of them} */
    public long skippedRows() {
      return skippedByProblem.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * {@return the instant of the latest event of any deal that a stage-history row made (not a
     * touch or snooze, which may come from an activities file and be planned for later); empty
     * without deals}
     */
    public Optional<Instant> latest() {
      Instant latest = null;
      for (DealHistory h : histories) {
        List<DealEvent> events = h.events();
        int i = events.size() - 1;
        while (i > 0 && (events.get(i) instanceof DealEvent.TouchRecorded
            || events.get(i) instanceof DealEvent.Snoozed)) {
          i--; // the creation is a row's
        }
        Instant at = events.get(i).at();
        latest = latest == null || at.isAfter(latest) ? at : latest;
      }
      return Optional.ofNullable(latest);
    }
  }

  /**
   * Reads a file.
   *
   * @param file the file
   * @param stages the known stages and their kinds
   * @param options how to read
   * @return the histories
   * @throws BadInputException if the file cannot be read or holds bad input; the message names
   *     the file (and the line and value, for bad content) on one line
   */
  public static Result read(Path file, Map<StageId, StageKind> stages, Options options)
      throws BadInputException {
    return read(file, stages, options, null);
  }

  /**
   * Reads a file and merges an activities file's touches and snoozes into the histories (see
   * "Activities" in the class comment).
   *
   * @param file the file
   * @param stages the known stages and their kinds
   * @param options how to read
   * @param activities the activities, as {@link ActivitiesCsv#read(Path, ActivitiesCsv.Options)}
   *     parsed them; merged once (they are handed over to the histories)
   * @return the histories, with {@link Result#activities()}
   * @throws BadInputException if a file cannot be read or holds bad input (an activity the engine
   *     refuses included, unless the activities' options skip bad rows); the message names the
   *     file (and the line and value, for bad content) on one line
   */
  public static Result read(Path file, Map<StageId, StageKind> stages, Options options,
      ActivitiesCsv.@Nullable Parsed activities) throws BadInputException {
    String name = file.toString();
    if (name.isEmpty()) {
      throw new BadInputException("no file named: the file name is empty");
    }
    if (Files.isDirectory(file)) {
      throw new BadInputException(name + ": is a directory, not a file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new Reading(name, stages, options, activities).run(in);
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
   * Reads a stage-history CSV from a byte stream in {@link Options#charset()}, in one pass; the
   * rows of a deal are kept (in a compact form) until the end of the stream, since they may come
   * in any order, then each deal's rows become its history and are let go.
   *
   * @param in the bytes; not closed
   * @param file the file name, for messages
   * @param stages the known stages and their kinds
   * @param options how to read
   * @return the histories
   * @throws BadInputException if the text holds bad input
   * @throws IOException if reading fails
   */
  public static Result read(InputStream in, String file, Map<StageId, StageKind> stages,
      Options options) throws BadInputException, IOException {
    return new Reading(file, stages, options, null).run(in);
  }

  /**
   * Reads a stage-history CSV from a byte stream and merges the activities into its histories.
   *
   * @param in the bytes; not closed
   * @param file the file name, for messages
   * @param stages the known stages and their kinds
   * @param options how to read
   * @param activities the activities, parsed; merged once
   * @return the histories, with {@link Result#activities()}
   * @throws BadInputException if the text holds bad input or an activity is refused (unless
   *     skipped)
   * @throws IOException if reading fails
   */
  public static Result read(InputStream in, String file, Map<StageId, StageKind> stages,
      Options options, ActivitiesCsv.Parsed activities) throws BadInputException, IOException {
    return new Reading(file, stages, options, Objects.requireNonNull(activities,
        "activities is null")).run(in);
  }

  /** One read: the state of reading one file. */
  private static final class Reading {
    private final String file;
    private final Map<StageId, StageKind> stages;
    private final Map<String, StageId> stageByName = new HashMap<>();
    private final Options options;
    private final List<BadRow> skipped = new ArrayList<>();
    private final Map<String, Long> skippedByProblem = new LinkedHashMap<>();
    private final Map<String, Long> skippedStages = new LinkedHashMap<>();
    private final Set<StageId> stagesSeen = new LinkedHashSet<>();
    private final Set<String> dealsSeen = new HashSet<>();
    private long otherPipelineRows;
    private long localTimes;
    private long firstSeenClosed;
    private final Map<String, Integer> column = new LinkedHashMap<>(); // ours -> index
    private final List<String> attributeNames = new ArrayList<>();
    private final List<Integer> attributeIndexes = new ArrayList<>();
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final Pipeline pipeline;
    private HistoryImport fold; // named the amount column once the header is read
    private List<String> header = List.of();
    private final ActivitiesCsv.@Nullable Parsed parsed;
    /** The activities not merged yet, by deal; null without an activities file. */
    private final @Nullable Map<String, List<ActivitiesCsv.Row>> activities;
    private long touches;
    private long snoozes;
    private long beforeCreation;
    private final List<BadRow> activitySkipped = new ArrayList<>();
    private final Map<String, Long> activitySkippedByProblem = new LinkedHashMap<>();

    Reading(String file, Map<StageId, StageKind> stages, Options options,
        ActivitiesCsv.@Nullable Parsed activities) throws BadInputException {
      this.parsed = activities;
      this.activities = activities == null ? null : activities.take();
      if (activities != null) {
        activitySkipped.addAll(activities.skipped);
        activitySkippedByProblem.putAll(activities.skippedByProblem);
      }
      this.file = file;
      this.stages = Map.copyOf(stages);
      this.options = options;
      stages.keySet().forEach(s -> stageByName.put(s.value(), s));
      try {
        this.pipeline = Pipeline.of(PermissiveDefinition.forImport(stages), NO_CLOCK);
        this.fold = HistoryImport.into(pipeline, options.currency());
      } catch (IllegalArgumentException e) { // an InvalidDefinitionException
        throw new BadInputException(file + ": cannot import into these stages: "
            + e.getMessage());
      }
    }

    Result run(InputStream in) throws BadInputException, IOException {
      CsvRecords records = CsvRecords.of(in, options.charset());
      Map<String, List<Row>> byDeal = new LinkedHashMap<>();
      long rows = records.read(file, REQUIRED, this::header, fields -> {
        Row row;
        try {
          row = row(fields.values(), fields.line());
        } catch (RowProblem e) {
          skip(e.row, e.fatal);
          return;
        }
        if (row != null) {
          byDeal.computeIfAbsent(row.deal, d -> new ArrayList<>(4)).add(row);
        }
      }, (bad, message) -> skip(new BadRow(bad.line(), bad.problem(), message), false));
      Set<Move> moves = new LinkedHashSet<>();
      List<DealHistory> histories = new ArrayList<>(byDeal.size());
      for (Iterator<List<Row>> it = byDeal.values().iterator(); it.hasNext(); ) {
        List<Row> dealRows = it.next();
        it.remove(); // the rows are let go as their history is built
        dealRows.sort(Comparator.comparingLong((Row r) -> r.seconds).thenComparingInt(r -> r.nanos));
        List<ActivitiesCsv.Row> acts = activities == null ? null
            : activities.remove(dealRows.get(0).deal);
        DealHistory history = history(dealRows, acts, moves); // stable sort: ties in file order
        if (history != null) {
          histories.add(history);
        } else if (acts != null) {
          activities.put(dealRows.get(0).deal, acts); // no history to merge into: unknown
        }
      }
      skipped.sort(Comparator.comparingLong(BadRow::line));
      return new Result(histories, new ArrayList<>(moves), rows, skipped, skippedByProblem,
          skippedStages, dealsSeen.size() - histories.size(), stagesSeen, otherPipelineRows,
          localTimes, firstSeenClosed, Optional.ofNullable(summary()));
    }

    /** What the activities did: the ones still unmerged belong to deals without a history. */
    private ActivitiesCsv.@Nullable Summary summary() {
      if (parsed == null || activities == null) {
        return null;
      }
      long unknownRows = 0;
      List<String> examples = new ArrayList<>();
      for (Map.Entry<String, List<ActivitiesCsv.Row>> e : activities.entrySet()) {
        unknownRows += e.getValue().size();
        if (examples.size() < 3) {
          examples.add(e.getKey());
        }
      }
      activitySkipped.sort(Comparator.comparingLong(BadRow::line));
      return new ActivitiesCsv.Summary(parsed.file, parsed.rows, touches, snoozes,
          parsed.leftOut, activities.size(), unknownRows, examples, beforeCreation,
          activitySkipped.subList(0, Math.min(activitySkipped.size(), KEPT_BAD_ROWS)),
          activitySkippedByProblem);
    }

    private String at(long line) {
      return file + ":" + line + ": ";
    }

    private BadInputException stop(long line, String what) {
      return new BadInputException(at(line) + what);
    }

    private int header(List<String> names, long line) throws BadInputException {
      header = names;
      column.putAll(CsvRecords.columns(header, COLUMNS, REQUIRED, options.columns(), at(line),
          ""));
      if (column.containsKey("amount")) {
        fold = fold.withAmountColumn(header.get(column.get("amount")));
      }
      if (options.pipeline().isPresent() && !column.containsKey("pipeline")) {
        String theirs = options.columns().getOrDefault("pipeline", "pipeline");
        throw stop(line, "--pipeline " + options.pipeline().get() + " needs a column "
            + Messages.quote(theirs) + " saying each row's pipeline; the header has: "
            + shown(header));
      }
      for (int i = 0; i < header.size(); i++) {
        String h = header.get(i);
        if (!h.isEmpty() && !column.containsValue(i)) {
          String problem = attributeNameProblem(h);
          if (problem != null) {
            throw stop(line, "column " + (i + 1) + " of the header, " + Messages.quote(h)
                + ", cannot be an attribute name: " + problem);
          }
          attributeNames.add(h);
          attributeIndexes.add(i);
        }
      }
      return header.size();
    }

    private static String shown(List<String> header) {
      return CsvRecords.shown(header);
    }

    /** What is wrong with a column name as an attribute name, by the core's own rule; or null. */
    private static @Nullable String attributeNameProblem(String name) {
      try {
        NewDeal.builder().id("x").title("x").putAttribute(name, AttributeValue.of(true)).build();
        return null;
      } catch (IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("deal 'x': ") ? m.substring("deal 'x': ".length()) : m;
      }
    }

    private void skip(BadRow row, boolean fatal) throws BadInputException {
      if (fatal || !options.skipBadRows()) {
        throw new BadInputException(row.message());
      }
      if (skipped.size() < KEPT_BAD_ROWS) {
        skipped.add(row);
      }
      skippedByProblem.merge(row.problem(), 1L, Long::sum);
    }

    private String value(List<String> values, String ours) {
      Integer index = column.get(ours);
      return index == null ? "" : values.get(index);
    }

    private String intern(String s) {
      if (s.isEmpty()) {
        return "";
      }
      String known = strings.get(s);
      if (known != null) {
        return known;
      }
      if (strings.size() < INTERNED) {
        strings.put(s, s);
      }
      return s;
    }

    /** Parses one record; returns null for a row of a skipped stage. */
    private @Nullable Row row(List<String> values, long line) {
      if (values.size() != header.size()) {
        throw bad(line, "ragged row", "row has " + values.size() + " values but the header has "
            + header.size() + ": " + Messages.quote(String.join(",", values)));
      }
      if (options.pipeline().isPresent()
          && !options.pipeline().get().equals(value(values, "pipeline"))) {
        otherPipelineRows++;
        return null;
      }
      String deal = value(values, "deal_id");
      if (deal.isEmpty()) {
        throw bad(line, "empty deal_id", "empty " + header.get(column.get("deal_id")));
      }
      try {
        DealId.of(deal);
      } catch (IllegalArgumentException e) {
        throw bad(line, "invalid deal id", e.getMessage() + " in column "
            + header.get(column.get("deal_id")));
      }
      deal = intern(deal);
      dealsSeen.add(deal); // counted as dropped if none of its rows is kept
      String stageText = value(values, "stage");
      if (stageText.isEmpty()) {
        throw bad(line, "empty stage", "empty " + header.get(column.get("stage")));
      }
      StageId stage = stageByName.get(stageText);
      if (stage == null) {
        if (options.skipStages().contains(stageText)) {
          skippedStages.merge(stageText, 1L, Long::sum);
          return null;
        }
        throw unknownStage(line, stageText);
      }
      long[] at = instant(value(values, "at"), "at", line);
      String closeText = value(values, "close_date");
      LocalDate closeDate = closeText.isEmpty() ? null : closeDate(closeText, line);
      String createdText = value(values, "created_at");
      long[] created = createdText.isEmpty() ? null : instant(createdText, "created_at", line);
      AmountFormat.Parsed amount = amount(value(values, "amount"), line);
      Currency currency = null;
      String code = value(values, "currency");
      if (!code.isEmpty()) {
        try {
          currency = Money.currency(code);
        } catch (IllegalArgumentException e) {
          throw bad(line, "unknown currency", "unknown currency code " + Messages.quote(code)
              + " in column " + header.get(column.get("currency")));
        }
      }
      AttributeValue[] attributes = null;
      for (int i = 0; i < attributeIndexes.size(); i++) {
        String v = values.get(attributeIndexes.get(i));
        if (!v.isEmpty()) {
          if (attributes == null) {
            attributes = new AttributeValue[attributeIndexes.size()];
          }
          attributes[i] = typed(v, line, attributeNames.get(i));
        }
      }
      stagesSeen.add(stage);
      return new Row(line, deal, at[0], (int) at[1], stage,
          amount == null ? null : amount.value(),
          amount == null ? null : amount.symbol().map(this::intern).orElse(null), currency,
          intern(value(values, "owner")), intern(value(values, "source")), attributes,
          created == null ? Long.MIN_VALUE : created[0], created == null ? 0 : (int) created[1],
          closeDate);
    }

    private RowProblem unknownStage(long line, String text) {
      String known = stageByName.keySet().stream().sorted().collect(Collectors.joining(", "));
      String similar = stageByName.keySet().stream().filter(k -> k.equalsIgnoreCase(text.strip()))
          .findFirst().map(k -> "; did you mean '" + k + "'? (stage names are case-sensitive)")
          .orElse("");
      return new RowProblem(new BadRow(line, UNKNOWN_STAGE, at(line) + "unknown stage "
          + Messages.quote(text) + " in column " + header.get(column.get("stage"))
          + "; known stages: " + known + similar + "; to drop the rows of this stage, say"
          + " --skip-stage " + Messages.quote(text)), true);
    }

    private AttributeValue typed(String text, long line, String columnName) {
      AttributeValue known = values.get(text);
      if (known != null) {
        return known;
      }
      AttributeValue v;
      try {
        if (DIGITS.matcher(text).matches() && text.length() > 2 * MAX_AMOUNT_LENGTH) {
          throw new IllegalArgumentException("a number of " + text.length() + " characters is"
              + " too large");
        }
        v = AttributeValue.parse(text);
      } catch (IllegalArgumentException e) {
        throw bad(line, "invalid attribute", "invalid value " + Messages.quote(text)
            + " in column " + columnName + ": " + e.getMessage());
      }
      if (values.size() < INTERNED) {
        values.put(text, v);
      }
      return v;
    }

    /** An expected close date: a date (or a date-time, whose date in the zone counts). */
    private LocalDate closeDate(String text, long line) {
      long[] at = instant(text, "close_date", line);
      return Instant.ofEpochSecond(at[0], at[1]).atZone(options.timestamps().zone())
          .toLocalDate();
    }

    /** The instant as {seconds, nanos}, read by the options' timestamps, within range. */
    private long[] instant(String text, String ours, long line) {
      Timestamps.Parsed parsed = options.timestamps().parse(text);
      String where = " in column " + header.get(column.get(ours));
      if (parsed == null) {
        throw bad(line, "bad date", "bad date " + Messages.quote(text) + where + ": expected "
            + options.timestamps().expected());
      }
      Instant at = parsed.instant();
      if (at.isBefore(EARLIEST) || !at.isBefore(END)) {
        throw bad(line, "date out of range", "date " + Messages.quote(text) + where
            + " is outside the dates this reader takes, " + EARLIEST_TEXT + " to " + END_TEXT
            + " (exclusive)");
      }
      if (parsed.local()) {
        localTimes++;
      }
      return new long[] {at.getEpochSecond(), at.getNano()};
    }

    private AmountFormat.@Nullable Parsed amount(String text, long line) {
      if (text.isEmpty()) {
        return null;
      }
      String where = " in column " + header.get(column.get("amount"));
      String tooLarge = "amount " + Messages.quote(text) + where + " has more than "
          + Money.MAX_INTEGER_DIGITS + " digits before the point or " + Money.MAX_FRACTION_DIGITS
          + " after it";
      // the digits are counted before anything reads them as a number
      if (text.length() > 2 * MAX_AMOUNT_LENGTH && DIGITS.matcher(text).matches()) {
        throw bad(line, "amount too large", tooLarge);
      }
      AmountFormat.Parsed parsed = text.length() > 2 * MAX_AMOUNT_LENGTH ? null
          : options.amounts().parse(text);
      if (parsed == null) {
        throw bad(line, "non-numeric amount", "amount is not a plain decimal number: "
            .replace("a plain decimal number", options.amounts().locale().isPresent()
                ? "written as " + options.amounts().locale().get().toLanguageTag() + " writes it"
                : "a plain decimal number")
            + Messages.quote(text) + where + " (" + options.amounts().describe() + ")");
      }
      BigDecimal value = parsed.value();
      if (value.signum() < 0) {
        throw bad(line, "negative amount", "negative amount " + Messages.quote(text) + where);
      }
      int integerDigits = value.precision() - value.scale();
      if (integerDigits > Money.MAX_INTEGER_DIGITS || value.scale() > Money.MAX_FRACTION_DIGITS) {
        throw bad(line, "amount too large", tooLarge);
      }
      return parsed;
    }

    private RowProblem bad(long line, String problem, String what) {
      return new RowProblem(new BadRow(line, problem, at(line) + what), false);
    }

    /**
     * Builds one deal's history from its rows, ordered by time, through core's {@link
     * HistoryImport} (the fold {@code pipeline-spark} uses too): the first row that the engine
     * accepts creates the deal, each later row becomes the facts it records; the activities of
     * the deal are imported between the rows in time order (ties: the row first). A row the
     * engine refuses is a bad row; when skipped, none of its facts are kept. Returns null if no
     * row of the deal is left.
     */
    private @Nullable DealHistory history(List<Row> rows,
        @Nullable List<ActivitiesCsv.Row> acts, Set<Move> moves) throws BadInputException {
      List<HistoryImport.Row> parsed = new ArrayList<>(rows.size());
      for (Row r : rows) {
        parsed.add(new HistoryImport.Row(r.deal, r.instant(), r.stage,
            Optional.ofNullable(r.amount), Optional.ofNullable(r.currency),
            Optional.of(r.owner).filter(o -> !o.isEmpty()),
            Optional.of(r.source).filter(o -> !o.isEmpty()),
            r.createdSeconds == Long.MIN_VALUE ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(r.createdSeconds, r.createdNanos)),
            Optional.ofNullable(r.closeDate), r.attributes(attributeNames)));
      }
      HistoryImport.Result result;
      try {
        result = fold.history(parsed, new HistoryImport.Listener() {
          int next; // the next activity to import

          @Override
          public void refused(HistoryImport.Problem problem) {
            long line = rows.get(problem.row()).line;
            try {
              skip(new BadRow(line, problem.kind(), at(line) + problem.message()), false);
            } catch (BadInputException e) {
              throw new Stop(e);
            }
          }

          @Override
          public DealHistory between(DealHistory history, Optional<Instant> upTo) {
            DealHistory h = history;
            while (acts != null && next < acts.size()
                && (upTo.isEmpty() || before(acts.get(next), upTo.get()))) {
              try {
                h = activity(h, acts.get(next++));
              } catch (BadInputException e) {
                throw new Stop(e);
              }
            }
            return h;
          }

          @Override
          public Optional<HistoryImport.Problem> checkAmount(int i, Currency currency) {
            return amountProblem(i, rows.get(i), currency);
          }
        });
      } catch (Stop e) {
        throw e.cause;
      }
      if (result.history().isEmpty()) {
        return null;
      }
      DealHistory history = result.history().get();
      Row first = rows.get(result.createdBy());
      if (history.created().at().equals(first.instant())
          && stages.get(first.stage).isTerminal()) {
        firstSeenClosed++;
      }
      StageId stage = null;
      for (DealEvent e : history.events()) {
        StageId now = e instanceof DealEvent.Created c ? c.deal().stage()
            : e instanceof DealEvent.StageChanged c ? c.to() : stage;
        if (stage != null && !now.equals(stage)) {
          moves.add(new Move(stage, now));
        }
        stage = now;
      }
      return history;
    }

    private static boolean before(ActivitiesCsv.Row act, Instant at) {
      return act.seconds < at.getEpochSecond()
          || act.seconds == at.getEpochSecond() && act.nanos < at.getNano();
    }

    /**
     * The history after one activity, imported as a touch or a snooze at its instant; one before
     * the deal's creation is counted and left out, one the engine refuses is a bad row of the
     * activities file.
     */
    private DealHistory activity(DealHistory history, ActivitiesCsv.Row act)
        throws BadInputException {
      Instant at = act.instant();
      if (at.isBefore(history.created().at())) {
        beforeCreation++;
        return history;
      }
      Command fact;
      try {
        fact = act.touch != null ? new Command.RecordTouch(act.touch)
            : new Command.Snooze(Objects.requireNonNull(act.until),
                Objects.requireNonNull(act.reason));
      } catch (IllegalArgumentException e) { // a reason that is no valid free text
        return refusedActivity(history, act, e.getMessage());
      }
      Outcome outcome = pipeline.importFact(history, fact, Request.by(ACTOR).at(at));
      if (outcome instanceof Outcome.Rejected) {
        return refusedActivity(history, act, outcome.violations().stream()
            .map(Violation::message).collect(Collectors.joining("; ")));
      }
      if (act.touch != null) {
        touches++;
      } else {
        snoozes++;
      }
      return outcome.historyOrThrow();
    }

    private DealHistory refusedActivity(DealHistory history, ActivitiesCsv.Row act,
        String message) throws BadInputException {
      BadRow bad = new BadRow(act.line, REFUSED, parsed.file + ":" + act.line + ": " + message);
      if (!parsed.skipBadRows) {
        throw new BadInputException(bad.message());
      }
      activitySkipped.add(bad);
      activitySkippedByProblem.merge(REFUSED, 1L, Long::sum);
      return history; // the history before the activity stands
    }

    /**
     * What the command line checks of an amount beyond the fold: a currency symbol it was written
     * with must be the deal's currency's.
     */
    private Optional<HistoryImport.Problem> amountProblem(int i, Row row, Currency currency) {
      if (row.symbol != null && !options.amounts().agrees(row.symbol, currency)) {
        return Optional.of(new HistoryImport.Problem(i, "currency symbol", "amount '"
            + row.amount.toPlainString() + "' is written with " + Messages.quote(row.symbol)
            + ", which is not " + currency + " ("
            + currency.getSymbol(options.amounts().locale().orElse(Locale.ROOT)) + "), the"
            + " deal's currency; say the currency in a currency column or with --currency"));
      }
      return Optional.empty();
    }
  }

  /** A bad row that stops the read, thrown out of the fold's listener and caught around it. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient BadInputException cause;

    Stop(BadInputException cause) {
      super(cause.getMessage(), null, false, false);
      this.cause = cause;
    }
  }

  private static final class RowProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient BadRow row;
    final boolean fatal;

    RowProblem(BadRow row, boolean fatal) {
      super(row.message(), null, false, false);
      this.row = row;
      this.fatal = fatal;
    }
  }

  /** One parsed row, compact: rows are held until the end of the file. */
  private static final class Row {
    final long line;
    final String deal;
    final long seconds;
    final int nanos;
    final StageId stage;
    final @Nullable BigDecimal amount;
    /** The currency symbol the amount was written with, if any. */
    final @Nullable String symbol;
    final @Nullable Currency currency;
    final String owner;
    final String source;
    /** Per attribute column, its value or null; null when the row has none. */
    final AttributeValue @Nullable [] attributes;
    /** The {@code created_at} instant's seconds, or {@link Long#MIN_VALUE} without one. */
    final long createdSeconds;
    final int createdNanos;
    /** The expected close date the row gives, or null (unchanged). */
    final @Nullable LocalDate closeDate;

    Row(long line, String deal, long seconds, int nanos, StageId stage,
        @Nullable BigDecimal amount, @Nullable String symbol, @Nullable Currency currency,
        String owner, String source, AttributeValue @Nullable [] attributes, long createdSeconds,
        int createdNanos, @Nullable LocalDate closeDate) {
      this.line = line;
      this.deal = deal;
      this.seconds = seconds;
      this.nanos = nanos;
      this.stage = stage;
      this.amount = amount;
      this.currency = currency;
      this.owner = owner;
      this.source = source;
      this.attributes = attributes;
      this.symbol = symbol;
      this.createdSeconds = createdSeconds;
      this.createdNanos = createdNanos;
      this.closeDate = closeDate;
    }

    Instant instant() {
      return Instant.ofEpochSecond(seconds, nanos);
    }

    Map<String, AttributeValue> attributes(List<String> names) {
      Map<String, AttributeValue> out = new LinkedHashMap<>();
      if (attributes != null) {
        for (int i = 0; i < attributes.length; i++) {
          if (attributes[i] != null) {
            out.put(names.get(i), attributes[i]);
          }
        }
      }
      return out;
    }
  }

  /**
   * Writes histories as stage-history CSV: a row for each deal's creation and each stage entry,
   * with the amount when it is new or changed since the deal's previous row, then the given
   * attributes as they are at that moment (attribute {@code touches} is the number of touches
   * recorded so far).
   *
   * @param histories the histories
   * @param attributes the attribute columns to write after the standard ones
   * @param out where to write
   * @throws IOException if writing fails
   */
  public static void write(Iterable<DealHistory> histories, List<String> attributes, Appendable out)
      throws IOException {
    List<String> header = new ArrayList<>(COLUMNS.subList(0, COLUMNS.indexOf("created_at")));
    header.addAll(attributes);
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
        .setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').get());
    for (DealHistory h : histories) {
      Deal deal = null;
      Optional<Money> written = Optional.empty();
      for (DealEvent e : h.events()) {
        deal = e instanceof DealEvent.Created ? ((DealEvent.Created) e).deal() : deal.apply(e);
        if (e instanceof DealEvent.Created || e instanceof DealEvent.StageChanged) {
          List<Object> row = new ArrayList<>();
          row.add(deal.id().value());
          row.add(e.at().toString());
          row.add(deal.stage().value());
          boolean amountChanged = !deal.amount().equals(written);
          row.add(amountChanged ? deal.amount().map(m -> m.amount().toPlainString()).orElse("")
              : "");
          row.add(amountChanged
              ? deal.amount().map(m -> m.currency().getCurrencyCode()).orElse("") : "");
          written = deal.amount();
          row.add(deal.owner().orElse(""));
          row.add(deal.leadSource().map(LeadSource::toString).orElse(""));
          for (String a : attributes) {
            Deal d = deal;
            row.add(a.equals("touches") ? Integer.toString(d.touchCount())
                : d.attribute(a).map(Object::toString).orElse(""));
          }
          printer.printRecord(row);
        }
      }
    }
    printer.flush();
  }

  /**
   * Writes the touches and snoozes of histories as an activities CSV ({@link ActivitiesCsv}'s
   * columns {@code deal_id}, {@code at}, {@code type}, {@code direction}, {@code outcome}, {@code
   * until}, {@code reason}), one row per event, deal by deal in time order: what {@link #write}
   * leaves out, so that both files read back give the same touches and snoozes.
   *
   * @param histories the histories
   * @param out where to write
   * @throws IOException if writing fails
   */
  public static void writeActivities(Iterable<DealHistory> histories, Appendable out)
      throws IOException {
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
        .setHeader(ActivitiesCsv.COLUMNS.toArray(String[]::new)).setRecordSeparator('\n').get());
    for (DealHistory h : histories) {
      for (DealEvent e : h.events()) {
        if (e instanceof DealEvent.TouchRecorded t) {
          printer.printRecord(h.dealId().value(), e.at().toString(), words(t.touch().channel()),
              words(t.touch().direction()), words(t.touch().result()), "", "");
        } else if (e instanceof DealEvent.Snoozed z) {
          printer.printRecord(h.dealId().value(), e.at().toString(), "snooze", "", "",
              z.until().toString(), z.reason());
        }
      }
    }
    printer.flush();
  }

  private static String words(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}

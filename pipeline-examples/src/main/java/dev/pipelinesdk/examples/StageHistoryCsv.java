package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Violation;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
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
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

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
 *       2017-03-01T10:15:00+01:00}; {@code +0100} is accepted too).
 *   <li>Rows may come in any order: they are grouped by deal and ordered by {@code at}, ties in
 *       file order. The first row of a deal creates it; each later row whose stage differs from
 *       the deal's stage is a stage entry (a move, win, loss, going dark, or a revival / reopen,
 *       by the kinds of the two stages); a row in the stage the deal is already in only updates
 *       it. An empty {@code amount} means unchanged; a changed amount, owner or attribute becomes
 *       the matching change event. {@code source} {@code warm:webinar} or {@code cold:call} is
 *       the lead source; any other source is kept as attribute {@code source}. An attribute column
 *       named {@code lost_reason} gives the reason of a loss.
 *   <li>Bad input (an unknown stage, a bad date, a negative or non-numeric amount, an unknown
 *       currency, a currency change within a deal, a ragged row, a row the engine refuses, a
 *       missing required column) stops the read with a {@link BadInputException} naming the
 *       file, the line and the value, or, with {@link Options#skipBadRows}, the row is skipped
 *       and reported in {@link Result#skipped()}. A missing required column always stops the
 *       read.
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
 */
public final class StageHistoryCsv {
  /** The required columns. */
  public static final List<String> REQUIRED = List.of("deal_id", "at", "stage");
  /** Every column with a meaning of its own; other columns are attributes. */
  public static final List<String> COLUMNS =
      List.of("deal_id", "at", "stage", "amount", "currency", "owner", "source");

  private static final String ACTOR = "import";
  /** The kind of a row the engine refuses, in {@link BadRow#problem()}. */
  public static final String REFUSED = "refused by the engine";
  /** Imports carry their instants: the engine never needs a clock for them. */
  private static final InstantSource NO_CLOCK = () -> {
    throw new IllegalStateException("an import reads no clock: every fact has its row's instant");
  };
  private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter();
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private StageHistoryCsv() {}

  /**
   * How to read a file.
   *
   * @param columns our column name to the file's column name, such as {@code stage -> StageName}
   * @param skipBadRows skip bad rows (and report them) instead of stopping at the first one
   * @param currency the currency of amounts whose {@code currency} is empty
   */
  public record Options(Map<String, String> columns, boolean skipBadRows, Currency currency) {
    /**
     * Creates the value.
     *
     * @param columns our column name to the file's column name
     * @param skipBadRows skip bad rows instead of stopping at the first one
     * @param currency the currency of amounts without one
     * @throws IllegalArgumentException if a mapped column is not one of ours
     * @throws NullPointerException if {@code columns} or {@code currency} is null
     */
    public Options {
      columns = Map.copyOf(columns);
      Objects.requireNonNull(currency, "currency is null");
      for (String c : columns.keySet()) {
        if (!COLUMNS.contains(c)) {
          throw new IllegalArgumentException("cannot map unknown column '" + c + "'; columns: "
              + String.join(", ", COLUMNS));
        }
      }
    }

    /** {@return the defaults: no mapping, stop at the first bad row, EUR} */
    public static Options defaults() {
      return new Options(Map.of(), false, Money.currency("EUR"));
    }
  }

  /**
   * A row that was skipped.
   *
   * @param line the line number in the file (the header is line 1)
   * @param problem the kind of problem, such as "unknown stage"
   * @param message the whole message, naming file, line and value
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
   * @param rows the data rows read (bad ones included)
   * @param skipped the bad rows skipped, in file order; empty unless skipping
   */
  public record Result(List<DealHistory> histories, List<Move> moves, long rows,
      List<BadRow> skipped) {
    /**
     * Creates the value, copying the lists.
     *
     * @param histories one history per deal, in order of first appearance
     * @param moves every distinct stage change found
     * @param rows the data rows read
     * @param skipped the bad rows skipped, in file order
     */
    public Result {
      histories = List.copyOf(histories);
      moves = List.copyOf(moves);
      skipped = List.copyOf(skipped);
    }

    /** {@return the instant of the latest event of any deal; empty without deals} */
    public Optional<Instant> latest() {
      return histories.stream().map(h -> h.events().get(h.size() - 1).at())
          .max(Comparator.naturalOrder());
    }
  }

  /**
   * Reads a file.
   *
   * @param file the file
   * @param stages the known stages and their kinds
   * @param options how to read
   * @return the histories
   * @throws BadInputException if the file cannot be read or holds bad input
   */
  public static Result read(Path file, Map<StageId, StageKind> stages, Options options)
      throws BadInputException {
    String name = file.toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, name, stages, options);
    } catch (NoSuchFileException e) {
      throw new BadInputException(name + ": no such file");
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException(name + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * Reads CSV text.
   *
   * @param reader the text
   * @param file the file name, for messages
   * @param stages the known stages and their kinds
   * @param options how to read
   * @return the histories
   * @throws BadInputException if the text holds bad input
   * @throws IOException if reading fails
   */
  public static Result read(Reader reader, String file, Map<StageId, StageKind> stages,
      Options options) throws BadInputException, IOException {
    return new Reading(file, stages, options).run(reader);
  }

  /** One read: the state of reading one file. */
  private static final class Reading {
    private final String file;
    private final Map<StageId, StageKind> stages;
    private final Options options;
    private final List<BadRow> skipped = new ArrayList<>();
    private final Map<String, String> column = new LinkedHashMap<>(); // ours -> file's
    private final List<String> attributeColumns = new ArrayList<>();

    private final Pipeline pipeline;

    Reading(String file, Map<StageId, StageKind> stages, Options options)
        throws BadInputException {
      this.file = file;
      this.stages = Map.copyOf(stages);
      this.options = options;
      try {
        this.pipeline = Pipeline.of(PermissiveDefinition.forImport(stages), NO_CLOCK);
      } catch (IllegalArgumentException e) { // an InvalidDefinitionException
        throw new BadInputException(file + ": cannot import into these stages: "
            + e.getMessage());
      }
    }

    Result run(Reader reader) throws BadInputException, IOException {
      CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
          .setTrim(true).get();
      CSVParser parser;
      try {
        parser = CSVParser.parse(reader, format);
      } catch (IllegalArgumentException | UncheckedIOException e) {
        throw new BadInputException(file + ":1: bad header: " + e.getMessage());
      }
      try (parser) {
        List<String> header = parser.getHeaderNames().stream()
            .map(h -> h.startsWith("\uFEFF") ? h.substring(1) : h).toList();
        if (header.isEmpty()) {
          throw new BadInputException(file + ":1: no header row; required columns: "
              + String.join(", ", REQUIRED));
        }
        mapColumns(header);
        Map<String, List<Row>> byDeal = new LinkedHashMap<>();
        long rows = 0;
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
          long line = parser.getCurrentLineNumber() + 1;
          CSVRecord record;
          try {
            if (!records.hasNext()) {
              break;
            }
            record = records.next();
          } catch (UncheckedIOException | IllegalStateException e) {
            throw new BadInputException(file + ":" + line + ": not valid CSV: " + e.getMessage());
          }
          rows++;
          Row row = row(record, header, line);
          if (row != null) {
            byDeal.computeIfAbsent(row.deal, d -> new ArrayList<>()).add(row);
          }
        }
        Set<Move> moves = new LinkedHashSet<>();
        List<DealHistory> histories = new ArrayList<>();
        for (List<Row> dealRows : byDeal.values()) {
          dealRows.sort(Comparator.comparing(r -> r.at)); // stable: ties stay in file order
          DealHistory history = history(dealRows, moves);
          if (history != null) {
            histories.add(history);
          }
        }
        return new Result(histories, new ArrayList<>(moves), rows, skipped);
      }
    }

    private void mapColumns(List<String> header) throws BadInputException {
      for (String ours : COLUMNS) {
        String theirs = options.columns().getOrDefault(ours, ours);
        if (header.contains(theirs)) {
          column.put(ours, theirs);
        } else if (REQUIRED.contains(ours)) {
          throw new BadInputException(file + ":1: missing required column '" + theirs + "'"
              + (theirs.equals(ours) ? "" : " (mapped from " + ours + ")") + "; the header has: "
              + String.join(", ", header));
        }
      }
      for (String h : header) {
        if (!h.isBlank() && !column.containsValue(h)) {
          attributeColumns.add(h);
        }
      }
    }

    /** Parses one record; returns null for a skipped bad row. */
    private Row row(CSVRecord record, List<String> header, long line) throws BadInputException {
      try {
        if (!record.isConsistent()) {
          throw bad(line, "ragged row", "row has " + record.size() + " values but the header has "
              + header.size() + ": '" + String.join(",", record.values()) + "'");
        }
        String deal = record.get(column.get("deal_id"));
        if (deal.isEmpty()) {
          throw bad(line, "empty deal_id", "empty " + column.get("deal_id"));
        }
        Instant at = instant(record.get(column.get("at")), line);
        String stageText = record.get(column.get("stage"));
        StageId stage = stageText.isEmpty() ? null : StageId.of(stageText);
        if (stage == null || !stages.containsKey(stage)) {
          throw bad(line, "unknown stage", "unknown stage '" + stageText + "' in column "
              + column.get("stage") + "; known stages: " + String.join(", ",
                  stages.keySet().stream().map(StageId::value).sorted().toList()));
        }
        Optional<BigDecimal> amount = amount(optional(record, "amount"), line);
        Optional<Currency> currency = Optional.empty();
        String code = optional(record, "currency");
        if (!code.isEmpty()) {
          try {
            currency = Optional.of(Money.currency(code));
          } catch (IllegalArgumentException e) {
            throw bad(line, "unknown currency", "unknown currency code '" + code + "'");
          }
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (String a : attributeColumns) {
          String v = record.get(a);
          if (!v.isEmpty()) {
            try {
              attributes.put(a, typed(v));
            } catch (IllegalArgumentException e) {
              throw bad(line, "invalid attribute", "invalid value '" + v + "' in column " + a
                  + ": " + e.getMessage());
            }
          }
        }
        return new Row(line, deal, at, stage, amount, currency, optional(record, "owner"),
            optional(record, "source"), attributes);
      } catch (RowProblem e) {
        return skip(e.row);
      }
    }

    private Row skip(BadRow row) throws BadInputException {
      if (!options.skipBadRows()) {
        throw new BadInputException(row.message());
      }
      skipped.add(row);
      return null;
    }

    private String optional(CSVRecord record, String ours) {
      String theirs = column.get(ours);
      return theirs == null ? "" : record.get(theirs);
    }

    private Instant instant(String text, long line) {
      try {
        if (text.length() == 10) {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
          return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
          return OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant();
        }
      } catch (DateTimeParseException e) {
        throw bad(line, "bad date", "bad date '" + text + "' in column " + column.get("at")
            + ": expected an ISO date (2017-03-01) or an ISO date-time with offset"
            + " (2017-03-01T10:15:00Z)");
      }
    }

    private Optional<BigDecimal> amount(String text, long line) {
      if (text.isEmpty()) {
        return Optional.empty();
      }
      BigDecimal value;
      try {
        value = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw bad(line, "non-numeric amount", "amount is not a number: '" + text + "' in column "
            + column.get("amount"));
      }
      if (value.signum() < 0) {
        throw bad(line, "negative amount", "negative amount '" + text + "' in column "
            + column.get("amount"));
      }
      return Optional.of(value);
    }

    private RowProblem bad(long line, String problem, String what) {
      return new RowProblem(new BadRow(line, problem, file + ":" + line + ": " + what));
    }

    /**
     * Builds one deal's history from its rows, ordered by time, through the engine's import path:
     * the first row that the engine accepts creates the deal ({@link Pipeline#create} at the
     * row's instant), each later row becomes the facts it records ({@link Pipeline#importFact}
     * at the row's instant). A row the engine refuses is a bad row; when skipped, none of its
     * facts are kept. Returns null if no row of the deal is left.
     */
    private DealHistory history(List<Row> rows, Set<Move> moves) throws BadInputException {
      DealHistory history = null;
      int next = 0;
      while (history == null && next < rows.size()) {
        Row first = rows.get(next++);
        try {
          history = created(first, rows);
        } catch (RowProblem e) {
          skip(e.row);
        }
      }
      for (Row row : rows.subList(next, rows.size())) {
        try {
          history = imported(history, row, moves);
        } catch (RowProblem e) {
          skip(e.row); // the history before the row stands
        }
      }
      return history;
    }

    /** The history of a deal created by its first row. */
    private DealHistory created(Row first, List<Row> rows) {
      Currency currency = first.currency.orElse(options.currency());
      String source = rows.stream().map(r -> r.source).filter(s -> !s.isEmpty()).findFirst()
          .orElse("");
      Optional<LeadSource> leadSource = leadSource(source);
      Map<String, AttributeValue> attributes = new LinkedHashMap<>(first.attributes);
      if (!source.isEmpty() && leadSource.isEmpty()) {
        attributes.putIfAbsent("source", AttributeValue.of(source));
      }
      Request request = Request.by(ACTOR).at(first.at);
      NewDeal newDeal;
      try {
        newDeal = NewDeal.builder().id(first.deal).title(first.deal).stage(first.stage)
            .amount(first.amount.map(a -> Money.of(a, currency)))
            .owner(first.owner.isEmpty() ? Optional.empty() : Optional.of(first.owner))
            .leadSource(leadSource).attributes(attributes).build();
      } catch (IllegalArgumentException e) {
        throw refused(first.line, e.getMessage());
      }
      try {
        // importDeal, not create: an export may first show a deal in any stage, won or lost too
        return pipeline.importDeal(newDeal, request).historyOrThrow();
      } catch (IllegalArgumentException e) {
        throw refused(first.line, e.getMessage());
      }
    }

    /** The history after one later row's facts, all of them or (throwing) none. */
    private DealHistory imported(DealHistory history, Row row, Set<Move> moves) {
      Deal deal = history.current();
      Request request = Request.by(ACTOR).at(row.at);
      List<Command> facts = new ArrayList<>();
      Move move = null;
      if (!row.stage.equals(deal.stage())) {
        move = new Move(deal.stage(), row.stage);
        Optional<String> reason = Optional.ofNullable(row.attributes.get("lost_reason"))
            .map(Object::toString).filter(r -> !r.isBlank());
        if (stages.get(row.stage) == StageKind.LOST && reason.isPresent()) {
          try {
            facts.add(new Command.Lose(row.stage, reason.get()));
          } catch (IllegalArgumentException e) {
            throw refused(row.line, e.getMessage());
          }
        } else {
          facts.add(new Command.MoveTo(row.stage));
        }
      }
      if (row.amount.isPresent()) {
        Currency dealCurrency = deal.amount().map(Money::currency).orElse(options.currency());
        Currency c = row.currency.orElse(dealCurrency);
        if (deal.amount().isPresent() && !c.equals(dealCurrency)) {
          throw bad(row.line, "currency change", "currency '" + c + "' differs from deal '"
              + deal.id() + "''s currency '" + dealCurrency + "'");
        }
        facts.add(new Command.ChangeAmount(Optional.of(Money.of(row.amount.get(), c))));
      }
      if (!row.owner.isEmpty()) {
        facts.add(new Command.ChangeOwner(Optional.of(row.owner)));
      }
      for (Map.Entry<String, AttributeValue> a : row.attributes.entrySet()) {
        facts.add(new Command.SetAttribute(a.getKey(), Optional.of(a.getValue())));
      }
      DealHistory after = history;
      for (Command fact : facts) {
        Outcome outcome = pipeline.importFact(after, fact, request);
        if (outcome instanceof Outcome.Rejected) {
          throw refused(row.line, outcome.violations().stream().map(Violation::message)
              .collect(Collectors.joining("; ")));
        }
        after = outcome.historyOrThrow();
      }
      if (move != null) {
        moves.add(move);
      }
      return after;
    }

    private RowProblem refused(long line, String message) {
      return bad(line, REFUSED, message);
    }
  }

  private static Optional<LeadSource> leadSource(String text) {
    int colon = text.indexOf(':');
    if (colon < 0 || colon == text.length() - 1) {
      return Optional.empty();
    }
    String temperature = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String channel = text.substring(colon + 1);
    try {
      if (temperature.equals("warm")) {
        return Optional.of(LeadSource.warm(channel));
      }
      if (temperature.equals("cold")) {
        return Optional.of(LeadSource.cold(channel));
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static AttributeValue typed(String text) {
    if (NUMBER.matcher(text).matches()) {
      return AttributeValue.of(new BigDecimal(text));
    }
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return new AttributeValue.Flag(Boolean.parseBoolean(text));
    }
    if (text.length() == 10) {
      try {
        return new AttributeValue.Date(LocalDate.parse(text));
      } catch (DateTimeParseException e) {
        // text, then
      }
    }
    return AttributeValue.of(text);
  }

  /** A bad row found while parsing: thrown inside a read, never out of it. */
  private static final class RowProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient BadRow row;

    RowProblem(BadRow row) {
      super(row.message(), null, false, false);
      this.row = row;
    }
  }

  /** One parsed row. */
  private static final class Row {
    final long line;
    final String deal;
    final Instant at;
    final StageId stage;
    final Optional<BigDecimal> amount;
    final Optional<Currency> currency;
    final String owner;
    final String source;
    final Map<String, AttributeValue> attributes;

    Row(long line, String deal, Instant at, StageId stage, Optional<BigDecimal> amount,
        Optional<Currency> currency, String owner, String source,
        Map<String, AttributeValue> attributes) {
      this.line = line;
      this.deal = deal;
      this.at = at;
      this.stage = stage;
      this.amount = amount;
      this.currency = currency;
      this.owner = owner;
      this.source = source;
      this.attributes = attributes;
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
    List<String> header = new ArrayList<>(COLUMNS);
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
}

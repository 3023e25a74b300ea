package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.guard.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One deal's stage-history rows (what a CRM export or a data-lake table holds: a row per stage
 * entry or change, with the deal's fields as of then) into its history, through the engine's
 * import path. No I/O: the caller reads and parses its rows (a CSV file, Spark rows) into {@link
 * Row}s and gives each deal's rows in time order; this is the fold both the command line's reader
 * and {@code pipeline-spark} use, so a file read either way gives the same history and the same
 * refusals.
 *
 * <ul>
 *   <li>The first row the engine accepts creates the deal ({@link Pipeline#importDeal}) in its
 *       stage, with its amount, owner, close date and attributes, at the row's instant or at the
 *       earlier {@code createdAt} of the first row that has one; its lead source is the first
 *       non-empty {@code source} of any row, a known {@link LeadSource} or else an attribute
 *       {@code source}. A refused first row is a problem and the next row tries.
 *   <li>Each later row records what changed ({@link Pipeline#importFact} at its instant): a
 *       stage change is a {@link Command.MoveTo}, or a {@link Command.Lose} with the row's
 *       {@code lost_reason} attribute into a lost stage; then the amount, owner, close date and
 *       every attribute the row gives. A row the engine refuses keeps none of its changes (the
 *       history before it stands) and is a problem.
 *   <li>A deal has one currency: the first a row names (or implies with an amount), else the
 *       default; a row naming another is a problem ({@value #CURRENCY_CHANGE}), and so is an
 *       amount with more decimals than its currency has ({@value #BAD_AMOUNT}).
 * </ul>
 *
 * <p>Problems are told to a {@link Listener} as they are found, with the row's index in the list
 * and a message that names the value (the caller adds where the row came from: file and line,
 * or pipeline and deal). Immutable and thread-safe; the pipeline should be made with a clock that
 * is never read, since imports carry their instants.
 *
 * <pre>{@code
 * HistoryImport fold = HistoryImport.into(Pipeline.of(definition, clock), Money.currency("EUR"));
 * Optional<DealHistory> history = fold.history(rows, problem -> log.warn(problem.message()))
 *     .history();
 * }</pre>
 */
public final class HistoryImport {
  /** The kind of a row the engine refuses: {@value}. */
  public static final String REFUSED = "refused by the engine";
  /** The kind of a row naming another currency than the deal's: {@value}. */
  public static final String CURRENCY_CHANGE = "currency change";
  /** The kind of an amount with more decimals than its currency has: {@value}. */
  public static final String BAD_AMOUNT = "bad amount";
  private static final String ACTOR = "import";

  private final Pipeline pipeline;
  private final Currency defaultCurrency;
  /** How messages name the amount's column, if the caller has one. */
  private final Optional<String> amountColumn;

  private HistoryImport(Pipeline pipeline, Currency defaultCurrency,
      Optional<String> amountColumn) {
    this.pipeline = pipeline;
    this.defaultCurrency = defaultCurrency;
    this.amountColumn = amountColumn;
  }

  /**
   * A fold into a pipeline's definition.
   *
   * @param pipeline the pipeline whose import path records the rows; its clock is not read
   * @param defaultCurrency the currency of a deal whose rows name none
   * @return the fold
   * @throws NullPointerException naming the argument if one is null
   */
  public static HistoryImport into(Pipeline pipeline, Currency defaultCurrency) {
    return new HistoryImport(Objects.requireNonNull(pipeline, "pipeline is null"),
        Objects.requireNonNull(defaultCurrency, "defaultCurrency is null"), Optional.empty());
  }

  /**
   * This fold with messages that name the column the amounts come from ({@code amount '12.345'
   * in column Amount has more decimals than EUR has (2)}).
   *
   * @param column the column's name as the source spells it
   * @return the new fold
   * @throws NullPointerException if the column is null
   */
  public HistoryImport withAmountColumn(String column) {
    return new HistoryImport(pipeline, defaultCurrency,
        Optional.of(Objects.requireNonNull(column, "column is null")));
  }

  /**
   * One row of a deal, parsed: what the row says as of its instant.
   *
   * @param deal the deal's id (the same on every row of the deal)
   * @param at when the row's changes happened
   * @param stage the deal's stage from then on
   * @param amount the amount from then on, if the row gives one
   * @param currency the currency the row names, if any
   * @param owner the owner from then on, if the row gives one
   * @param source the lead source the row names, if any (as written)
   * @param createdAt when the deal was created, if the row says (counts when earlier than the
   *     first row)
   * @param closeDate the expected close date from then on, if the row gives one
   * @param attributes the attributes the row gives (an absent one is unchanged)
   */
  public record Row(String deal, Instant at, StageId stage, Optional<BigDecimal> amount,
      Optional<Currency> currency, Optional<String> owner, Optional<String> source,
      Optional<Instant> createdAt, Optional<LocalDate> closeDate,
      Map<String, AttributeValue> attributes) {
    /**
     * Checks and copies the values.
     *
     * @param deal the deal's id
     * @param at the row's instant
     * @param stage the stage
     * @param amount the amount, if any
     * @param currency the currency, if any
     * @param owner the owner, if any
     * @param source the lead source, if any
     * @param createdAt the creation instant, if any
     * @param closeDate the close date, if any
     * @param attributes the attributes, in the order given
     * @throws NullPointerException naming the argument if one is null
     */
    public Row {
      Objects.requireNonNull(deal, "deal is null");
      Objects.requireNonNull(at, "at is null");
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(amount, "amount is null");
      Objects.requireNonNull(currency, "currency is null");
      Objects.requireNonNull(owner, "owner is null");
      Objects.requireNonNull(source, "source is null");
      Objects.requireNonNull(createdAt, "createdAt is null");
      Objects.requireNonNull(closeDate, "closeDate is null");
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * A row that says only the deal's stage from an instant on; the {@code with} methods add
     * what else it gives.
     *
     * @param deal the deal's id
     * @param at the row's instant
     * @param stage the stage
     * @return the row
     * @throws NullPointerException naming the argument if one is null
     */
    public static Row of(String deal, Instant at, StageId stage) {
      return new Row(deal, at, stage, Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /**
     * {@return this row with an amount}
     *
     * @param amount the amount, in the currency the row or the deal has
     */
    public Row withAmount(BigDecimal amount) {
      return new Row(deal, at, stage, Optional.of(amount), currency, owner, source, createdAt,
          closeDate, attributes);
    }

    /**
     * {@return this row naming a currency}
     *
     * @param currency the currency
     */
    public Row withCurrency(Currency currency) {
      return new Row(deal, at, stage, amount, Optional.of(currency), owner, source, createdAt,
          closeDate, attributes);
    }

    /**
     * {@return this row with an owner}
     *
     * @param owner the owner
     */
    public Row withOwner(String owner) {
      return new Row(deal, at, stage, amount, currency, Optional.of(owner), source, createdAt,
          closeDate, attributes);
    }

    /**
     * {@return this row naming a lead source, as written}
     *
     * @param source the source, such as {@code referral}
     */
    public Row withSource(String source) {
      return new Row(deal, at, stage, amount, currency, owner, Optional.of(source), createdAt,
          closeDate, attributes);
    }

    /**
     * {@return this row saying when the deal was created}
     *
     * @param createdAt the creation instant
     */
    public Row withCreatedAt(Instant createdAt) {
      return new Row(deal, at, stage, amount, currency, owner, source, Optional.of(createdAt),
          closeDate, attributes);
    }

    /**
     * {@return this row with an expected close date}
     *
     * @param closeDate the date
     */
    public Row withCloseDate(LocalDate closeDate) {
      return new Row(deal, at, stage, amount, currency, owner, source, createdAt,
          Optional.of(closeDate), attributes);
    }

    /**
     * {@return this row with one more attribute (or another value of one it has)}
     *
     * @param name the attribute's name
     * @param value its value
     */
    public Row withAttribute(String name, AttributeValue value) {
      Map<String, AttributeValue> more = new LinkedHashMap<>(attributes);
      more.put(Objects.requireNonNull(name, "name is null"),
          Objects.requireNonNull(value, "value is null"));
      return new Row(deal, at, stage, amount, currency, owner, source, createdAt, closeDate,
          more);
    }
  }

  /**
   * A row whose changes were not kept.
   *
   * @param row the row's index in the list given
   * @param kind the kind of problem, such as {@value #REFUSED}
   * @param message what is wrong, naming the value (not where the row came from)
   */
  public record Problem(int row, String kind, String message) {
    /**
     * Checks the values.
     *
     * @param row the index
     * @param kind the kind
     * @param message the message
     * @throws NullPointerException if the kind or message is null
     */
    public Problem {
      Objects.requireNonNull(kind, "kind is null");
      Objects.requireNonNull(message, "message is null");
    }
  }

  /**
   * A deal's history, if any row was kept.
   *
   * @param history the history; empty if every row was refused
   * @param createdBy the index of the row that created the deal; -1 without a history
   */
  public record Result(Optional<DealHistory> history, int createdBy) {
    /**
     * Checks the values.
     *
     * @param history the history, if any
     * @param createdBy the creating row's index
     * @throws NullPointerException if the history is null
     */
    public Result {
      Objects.requireNonNull(history, "history is null");
    }
  }

  /** What the caller hears while a deal's rows are folded. */
  @FunctionalInterface
  public interface Listener {
    /**
     * A row whose changes are not kept; the history before it stands. An exception thrown here
     * ends the fold (a reader that stops at the first bad row throws).
     *
     * @param problem the row and why
     */
    void refused(Problem problem);

    /**
     * Called before each row after the one that created the deal, and once after the last: lets
     * the caller record other facts in time order (activities) between the rows.
     *
     * @param history the history so far
     * @param next the instant of the next row; empty after the last
     * @return the history to go on with (by default, the same)
     */
    default DealHistory between(DealHistory history, Optional<Instant> next) {
      return history;
    }

    /**
     * Checks a row's amount against the deal's currency beyond what the fold checks (its
     * decimals), such as a currency symbol the amount was written with; called before the fold's
     * own check.
     *
     * @param row the row's index
     * @param currency the deal's currency for this row
     * @return the problem, or empty if the amount may be in that currency (by default, empty)
     */
    default Optional<Problem> checkAmount(int row, Currency currency) {
      return Optional.empty();
    }
  }

  /**
   * Folds a deal's rows into its history.
   *
   * @param rows the deal's rows in time order (ties in the order they were read)
   * @param listener hears each refused row, and may record facts between rows
   * @return the history, if a row was kept
   * @throws NullPointerException if an argument is null
   */
  public Result history(List<Row> rows, Listener listener) {
    Objects.requireNonNull(listener, "listener is null");
    Fold fold = new Fold(rows, listener);
    DealHistory history = null;
    int next = 0;
    int createdBy = -1;
    while (history == null && next < rows.size()) {
      int i = next++;
      try {
        history = fold.created(i);
        createdBy = i;
      } catch (Refusal r) {
        listener.refused(r.problem);
      }
    }
    if (history == null) {
      return new Result(Optional.empty(), -1);
    }
    for (int i = next; i < rows.size(); i++) {
      history = listener.between(history, Optional.of(rows.get(i).at()));
      try {
        history = fold.imported(history, i);
      } catch (Refusal r) {
        listener.refused(r.problem); // the history before the row stands
      }
    }
    history = listener.between(history, Optional.empty());
    return new Result(Optional.of(history), createdBy);
  }

  /** A refused row, thrown inside the fold and caught there. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Problem problem;

    Refusal(Problem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }
  }

  /** The state of folding one deal: its rows and its currency once known. */
  private final class Fold {
    final List<Row> rows;
    final Listener listener;
    Currency known;

    Fold(List<Row> rows, Listener listener) {
      this.rows = rows;
      this.listener = listener;
    }

    Refusal refused(int row, String kind, String message) {
      return new Refusal(new Problem(row, kind, message));
    }

    /** The deal's currency for a row; a row naming another than the deal's is refused. */
    Currency currency(int i) {
      Row row = rows.get(i);
      if (row.currency().isPresent() && known != null && !row.currency().get().equals(known)) {
        throw refused(i, CURRENCY_CHANGE, "currency '" + row.currency().get() + "' differs"
            + " from deal '" + row.deal() + "''s currency '" + known + "'");
      }
      return row.currency().orElse(known != null ? known : defaultCurrency);
    }

    Money money(int i, BigDecimal amount, Currency currency) {
      Optional<Problem> problem = listener.checkAmount(i, currency);
      if (problem.isPresent()) {
        throw new Refusal(problem.get());
      }
      try {
        return Money.of(amount, currency);
      } catch (IllegalArgumentException e) {
        int digits = currency.getDefaultFractionDigits();
        throw refused(i, BAD_AMOUNT, "amount '" + amount.toPlainString() + "'"
            + amountColumn.map(c -> " in column " + c).orElse("") + " has more decimals than "
            + currency + " has (" + Math.max(digits, 0) + ")");
      }
    }

    DealHistory created(int i) {
      Row first = rows.get(i);
      Currency currency = currency(i);
      String source = rows.stream().map(Row::source).flatMap(Optional::stream)
          .filter(s -> !s.isEmpty()).findFirst().orElse("");
      Optional<LeadSource> leadSource = LeadSource.parse(source);
      Map<String, AttributeValue> attributes = new LinkedHashMap<>(first.attributes());
      if (!source.isEmpty() && leadSource.isEmpty()) {
        attributes.putIfAbsent("source", AttributeValue.of(source));
      }
      Optional<Money> amount = first.amount().isEmpty() ? Optional.empty()
          : Optional.of(money(i, first.amount().get(), currency));
      Instant createdAt = first.at();
      for (Row r : rows) {
        if (r.createdAt().isPresent()) { // created before its first row
          createdAt = r.createdAt().get().isBefore(createdAt) ? r.createdAt().get() : createdAt;
          break;
        }
      }
      DealHistory history;
      try {
        NewDeal deal = NewDeal.builder().id(first.deal()).title(first.deal())
            .stage(first.stage()).amount(amount).owner(first.owner().filter(o -> !o.isEmpty()))
            .leadSource(leadSource).attributes(attributes).closeDate(first.closeDate()).build();
        // importDeal, not create: an export may first show a deal in any stage, won or lost too
        history = pipeline.importDeal(deal, Request.by(ACTOR).at(createdAt)).historyOrThrow();
      } catch (IllegalArgumentException e) {
        throw refused(i, REFUSED, String.valueOf(e.getMessage()));
      }
      if (first.currency().isPresent() || first.amount().isPresent()) {
        known = currency;
      }
      return history;
    }

    DealHistory imported(DealHistory history, int i) {
      Row row = rows.get(i);
      Deal deal = history.current();
      List<Command> facts = new ArrayList<>();
      if (!row.stage().equals(deal.stage())) {
        Optional<String> reason = Optional.ofNullable(row.attributes().get("lost_reason"))
            .map(Object::toString).filter(r -> !r.isBlank());
        if (pipeline.definition().requireStage(row.stage()).kind() == StageKind.LOST
            && reason.isPresent()) {
          try {
            facts.add(new Command.Lose(row.stage(), reason.get()));
          } catch (IllegalArgumentException e) {
            throw refused(i, REFUSED, String.valueOf(e.getMessage()));
          }
        } else {
          facts.add(new Command.MoveTo(row.stage()));
        }
      }
      Currency currency = currency(i);
      if (row.amount().isPresent()) {
        facts.add(new Command.ChangeAmount(Optional.of(money(i, row.amount().get(), currency))));
      }
      row.owner().filter(o -> !o.isEmpty())
          .ifPresent(o -> facts.add(new Command.ChangeOwner(Optional.of(o))));
      row.closeDate().ifPresent(d -> facts.add(new Command.ChangeCloseDate(Optional.of(d))));
      for (Map.Entry<String, AttributeValue> a : row.attributes().entrySet()) {
        facts.add(new Command.SetAttribute(a.getKey(), Optional.of(a.getValue())));
      }
      Request request = Request.by(ACTOR).at(row.at());
      DealHistory after = history;
      for (Command fact : facts) {
        Outcome outcome = pipeline.importFact(after, fact, request);
        if (outcome instanceof Outcome.Rejected) {
          throw refused(i, REFUSED, outcome.violations().stream().map(Violation::message)
              .collect(Collectors.joining("; ")));
        }
        after = outcome.historyOrThrow();
      }
      if (row.currency().isPresent() || row.amount().isPresent()) {
        known = currency;
      }
      return after;
    }
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.MoneyDelta;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What moved during a period {@code [from, to)} ({@link Metrics#movements}), with Pipedrive's
 * semantics, and the waterfall of open pipeline value from the start of the period to its end.
 * Immutable.
 *
 * <p>The state "at the start" is after every event before {@code from}; "at the end" after every
 * event before {@code to}. Per stage (every stage, open or not): deals in it at the start, deals
 * created in it, moves in and out (events: a deal can count twice), of the moves out those to
 * won, lost and dormant, and deals in it at the end. Per stage they reconcile: {@code startedIn +
 * created + movedIn - movedOut = endedIn}.
 *
 * <p>The {@link Waterfall} explains the change of open pipeline value (the amounts of deals in
 * open stages) by new deals, stage moves, revivals and reopens, wins, losses, deals going dark,
 * and amount changes. It comes twice: unweighted (stage moves between open stages change
 * nothing), and weighted by stage default probabilities (moving forward usually adds value,
 * slipping back removes it; manual and learned probabilities are ignored so that only stages and
 * amounts explain the change; each deal's weighted value is rounded half-even to the currency's
 * scale, and every step is a difference of those, so the waterfall is in whole minor units).
 * Both reconcile exactly: {@code start + changes = end}.
 *
 * @param pipeline the pipeline definition id
 * @param from the start of the period (inclusive)
 * @param to the end of the period (exclusive)
 * @param stages every stage in declaration order
 * @param value the waterfall of open value, unweighted; empty if no deal had an amount
 * @param weighted the waterfall weighted by stage default probabilities; empty likewise
 */
public record MovementReport(String pipeline, Instant from, Instant to,
    List<MovementReport.Row> stages, Optional<MovementReport.Waterfall> value,
    Optional<MovementReport.Waterfall> weighted) {

  /**
   * What moved through one stage during the period. Moves are events, so a deal that goes in and
   * out twice counts twice.
   *
   * @param stage the stage id
   * @param name the stage name
   * @param kind the stage kind
   * @param startedIn deals in the stage at the start of the period
   * @param created deals created in the stage during the period
   * @param movedIn moves into the stage (not creations)
   * @param movedOut moves out of the stage, to any stage
   * @param won moves out of the stage into a won stage
   * @param lost moves out of the stage into a lost stage
   * @param wentDark moves out of the stage into a dormant stage
   * @param endedIn deals in the stage at the end of the period (for an open stage: still open)
   */
  public record Row(StageId stage, String name, StageKind kind, long startedIn, long created,
      long movedIn, long movedOut, long won, long lost, long wentDark, long endedIn) {

    static final int STARTED = 0;
    static final int CREATED = 1;
    static final int IN = 2;
    static final int OUT = 3;
    static final int WON = 4;
    static final int LOST = 5;
    static final int DARK = 6;
    static final int ENDED = 7;
    static final int COLUMNS = 8;

    /**
     * Checks the row's references.
     *
     * @param stage the stage id
     * @param name the stage name
     * @param kind the stage kind
     * @param startedIn deals in the stage at the start of the period
     * @param created deals created in the stage during the period
     * @param movedIn moves into the stage (not creations)
     * @param movedOut moves out of the stage, to any stage
     * @param won moves out of the stage into a won stage
     * @param lost moves out of the stage into a lost stage
     * @param wentDark moves out of the stage into a dormant stage
     * @param endedIn deals in the stage at the end of the period (for an open stage: still open)
     * @throws NullPointerException if any of {@code stage}, {@code name} or {@code kind} is null
     */
    public Row {
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(kind, "kind is null");
    }

    /** {@return whether {@code startedIn + created + movedIn - movedOut == endedIn}; always true} */
    public boolean reconciles() {
      return startedIn + created + movedIn - movedOut == endedIn;
    }
  }

  /**
   * The change of open pipeline value over the period, step by step, each a signed {@link
   * MoneyDelta} in one currency: additions positive, removals negative.
   *
   * @param start open value at the start of the period
   * @param newDeals value of deals created open during the period
   * @param advanced change from moves forward between open stages (zero unweighted)
   * @param slippedBack change from moves backward between open stages (zero unweighted)
   * @param revived value of deals that came back from dormant, won or lost (revivals, reopens)
   * @param won value that left as won (negative)
   * @param lost value that left as lost (negative)
   * @param wentDark value that left as dormant (negative)
   * @param increased amount increases of open deals (positive)
   * @param decreased amount decreases of open deals (negative)
   * @param end open value at the end of the period
   */
  public record Waterfall(MoneyDelta start, MoneyDelta newDeals, MoneyDelta advanced,
      MoneyDelta slippedBack, MoneyDelta revived, MoneyDelta won, MoneyDelta lost,
      MoneyDelta wentDark, MoneyDelta increased, MoneyDelta decreased, MoneyDelta end) {

    /**
     * Checks that every step is in one currency.
     *
     * @param start open value at the start of the period
     * @param newDeals value of deals created open during the period
     * @param advanced change from moves forward between open stages (zero unweighted)
     * @param slippedBack change from moves backward between open stages (zero unweighted)
     * @param revived value of deals that came back from dormant, won or lost (revivals, reopens)
     * @param won value that left as won (negative)
     * @param lost value that left as lost (negative)
     * @param wentDark value that left as dormant (negative)
     * @param increased amount increases of open deals (positive)
     * @param decreased amount decreases of open deals (negative)
     * @param end open value at the end of the period
     * @throws IllegalArgumentException naming the currencies if they differ
     */
    public Waterfall {
      Currency c = start.currency();
      for (MoneyDelta d : List.of(newDeals, advanced, slippedBack, revived, won, lost, wentDark,
          increased, decreased, end)) {
        if (!d.currency().equals(c)) {
          throw new IllegalArgumentException("a waterfall is in one currency: " + start + " and "
              + d);
        }
      }
    }

    static Waterfall of(Currency currency, BigDecimal[] v) {
      MoneyDelta[] d = new MoneyDelta[v.length];
      for (int i = 0; i < v.length; i++) {
        d[i] = MoneyDelta.of(v[i], currency);
      }
      return new Waterfall(d[MovementMetric.START], d[MovementMetric.NEW],
          d[MovementMetric.ADVANCED], d[MovementMetric.SLIPPED], d[MovementMetric.REVIVED],
          d[MovementMetric.WON], d[MovementMetric.LOST], d[MovementMetric.DARK],
          d[MovementMetric.INCREASED], d[MovementMetric.DECREASED], d[MovementMetric.END]);
    }

    /** {@return the currency of every step} */
    public Currency currency() {
      return start.currency();
    }

    /** {@return the sum of every change between start and end} */
    public MoneyDelta changes() {
      return newDeals.plus(advanced).plus(slippedBack).plus(revived).plus(won).plus(lost)
          .plus(wentDark).plus(increased).plus(decreased);
    }

    /** {@return whether {@code start + changes() == end}; always true for a computed waterfall} */
    public boolean reconciles() {
      return start.plus(changes()).equals(end);
    }

    /** {@return the steps as a plain-text table} */
    public String toTable() {
      TextTable t = new TextTable("", "step", currency().getCurrencyCode());
      t.row("start", start.amount().toPlainString());
      t.row("+ new", newDeals.amount().toPlainString());
      t.row("+ advanced", advanced.amount().toPlainString());
      t.row("- slipped back", slippedBack.amount().toPlainString());
      t.row("+ revived/reopened", revived.amount().toPlainString());
      t.row("- won", won.amount().toPlainString());
      t.row("- lost", lost.amount().toPlainString());
      t.row("- went dark", wentDark.amount().toPlainString());
      t.row("+ amount increased", increased.amount().toPlainString());
      t.row("- amount decreased", decreased.amount().toPlainString());
      t.row("end", end.amount().toPlainString());
      return t.render();
    }

    @Override
    public String toString() {
      return "Waterfall[start " + start + ", new " + newDeals + ", advanced " + advanced
          + ", slipped " + slippedBack + ", revived " + revived + ", won " + won + ", lost "
          + lost + ", dark " + wentDark + ", increased " + increased + ", decreased " + decreased
          + ", end " + end + "]";
    }
  }

  /**
   * Creates the value.
   *
   * @param pipeline the pipeline definition id
   * @param from the start of the period (inclusive)
   * @param to the end of the period (exclusive)
   * @param stages every stage in declaration order
   * @param value the waterfall of open value, unweighted; empty if no deal had an amount
   * @param weighted the waterfall weighted by stage default probabilities; empty likewise
   * @throws NullPointerException if any of {@code pipeline}, {@code from}, {@code to}, {@code
   *     value} or {@code weighted} is null
   */
  public MovementReport {
    Objects.requireNonNull(pipeline, "pipeline is null");
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    stages = List.copyOf(stages);
    Objects.requireNonNull(value, "value is null");
    Objects.requireNonNull(weighted, "weighted is null");
  }

  /**
   * Returns one stage's row.
   *
   * @param stage the stage
   * @return the row
   * @throws IllegalArgumentException if the pipeline has no such stage
   */
  public Row stage(StageId stage) {
    return TextTable.row(stages, Row::stage, pipeline, stage);
  }

  /** {@return the movement table, then both waterfalls} */
  public String toTable() {
    TextTable t = new TextTable("Movements of " + pipeline + " in [" + from + ", " + to + ")",
        "stage", "start", "new", "moved in", "moved out", "won", "lost", "went dark", "end");
    for (Row s : stages) {
      t.row(s.name(), s.startedIn(), s.created(), s.movedIn(), s.movedOut(), s.won(), s.lost(),
          s.wentDark(), s.endedIn());
    }
    return t.render() + value.map(w -> "Open pipeline value:\n" + w.toTable()
        + "Weighted by stage probability:\n" + weighted.orElseThrow().toTable())
        .orElse("Open pipeline value: no deal has an amount\n");
  }

  /** {@return a one-line summary} */
  @Override
  public String toString() {
    return "MovementReport[" + pipeline + " in [" + from + ", " + to + "): "
        + value.map(Object::toString).orElse("no amounts") + "]";
  }
}

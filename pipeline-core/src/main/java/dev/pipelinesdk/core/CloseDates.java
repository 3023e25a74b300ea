package dev.pipelinesdk.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a deal's expected close date ({@link Deal#closeDate()}) moved over its history: a signal
 * forecast models may use (a deal whose close date keeps slipping closes later, and less often,
 * than its stage suggests). Immutable and thread-safe; computed in one pass over the history's
 * events.
 *
 * <p>Definitions, all read from the {@link DealEvent.Created} event's deal and the {@link
 * DealEvent.CloseDateChanged} events:
 *
 * <ul>
 *   <li>{@link #first()}: the first close date the deal ever had (at creation or the first time
 *       one was set), empty if it never had one;
 *   <li>{@link #current()}: the close date after the last event counted, empty if there is none
 *       (never set, or cleared);
 *   <li>a <em>push</em> is a change to a date later than the last close date the deal had. A
 *       clear is not a push, and the date before a clear stays the one compared with: set to
 *       March 1, cleared, set to March 31 is one push of 30 days. A change to an earlier date
 *       (a pull-in) is not a push, and the next push is measured from the earlier date;
 *   <li>{@link #pushes()}: the number of pushes; {@link #daysPushed()}: the sum of their lengths
 *       in calendar days (pull-ins do not subtract).
 * </ul>
 *
 * <pre>{@code
 * CloseDates dates = CloseDates.of(history);
 * if (dates.pushes() >= 3) { ... } // a deal that slipped three times
 * }</pre>
 */
public final class CloseDates {
  private final @Nullable LocalDate first;
  private final @Nullable LocalDate current;
  private final int pushes;
  private final long daysPushed;

  private CloseDates(
      @Nullable LocalDate first, @Nullable LocalDate current, int pushes, long daysPushed) {
    this.first = first;
    this.current = current;
    this.pushes = pushes;
    this.daysPushed = daysPushed;
  }

  /**
   * The close dates over a whole history.
   *
   * @param history the deal's history
   * @return how its close date moved
   * @throws NullPointerException if the history is null
   * @throws ArithmeticException if the days pushed do not fit a {@code long} (only possible with
   *     dates near {@link LocalDate#MIN} and {@link LocalDate#MAX} pushed millions of times)
   */
  public static CloseDates of(DealHistory history) {
    Objects.requireNonNull(history, "history is null");
    return fold(history.events(), null);
  }

  /**
   * The close dates as they stood at an instant: only the events at or before it count, so a
   * later change can never alter the result (what a backtest at a cutoff needs).
   *
   * @param history the deal's history
   * @param asOf the instant; events after it are ignored
   * @return how its close date had moved by then
   * @throws IllegalArgumentException if the deal was created after {@code asOf}
   * @throws NullPointerException naming the argument if one is null
   * @throws ArithmeticException as {@link #of(DealHistory)}
   */
  public static CloseDates asOf(DealHistory history, Instant asOf) {
    Objects.requireNonNull(history, "history is null");
    Objects.requireNonNull(asOf, "asOf is null");
    if (history.created().at().isAfter(asOf)) {
      throw new IllegalArgumentException("deal '" + history.dealId() + "' was created at "
          + history.created().at() + ", after " + asOf + "; it had no close date then");
    }
    return fold(history.events(), asOf);
  }

  private static CloseDates fold(List<DealEvent> events, @Nullable Instant asOf) {
    LocalDate current = ((DealEvent.Created) events.get(0)).deal().closeDate().orElse(null);
    LocalDate first = current;
    LocalDate last = current; // the last present date: what a push is measured from
    int pushes = 0;
    long days = 0;
    for (int i = 1; i < events.size(); i++) {
      DealEvent e = events.get(i);
      if (asOf != null && e.at().isAfter(asOf)) {
        break; // histories are in time order
      }
      if (!(e instanceof DealEvent.CloseDateChanged)) {
        continue;
      }
      current = ((DealEvent.CloseDateChanged) e).closeDate().orElse(null);
      if (current == null) {
        continue;
      }
      if (first == null) {
        first = current;
      }
      if (last != null && current.isAfter(last)) {
        pushes++;
        days = Math.addExact(days, ChronoUnit.DAYS.between(last, current));
      }
      last = current;
    }
    return new CloseDates(first, current, pushes, days);
  }

  /** {@return the first close date the deal had, empty if it never had one} */
  public Optional<LocalDate> first() {
    return Optional.ofNullable(first);
  }

  /** {@return the close date now (at the instant asked for), empty if there is none} */
  public Optional<LocalDate> current() {
    return Optional.ofNullable(current);
  }

  /** {@return how many times the close date moved to a later date; 0 or more} */
  public int pushes() {
    return pushes;
  }

  /** {@return the calendar days all pushes added up; 0 or more, 0 when there was no push} */
  public long daysPushed() {
    return daysPushed;
  }

  /** Equal when every value is equal. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CloseDates)) {
      return false;
    }
    CloseDates c = (CloseDates) o;
    return pushes == c.pushes && daysPushed == c.daysPushed && Objects.equals(first, c.first)
        && Objects.equals(current, c.current);
  }

  @Override
  public int hashCode() {
    return Objects.hash(first, current, pushes, daysPushed);
  }

  /**
   * The values in words, such as {@code CloseDates{first=2026-03-01, current=2026-04-30,
   * pushes=2, daysPushed=60}}; an absent date is {@code none}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "CloseDates{first=" + (first == null ? "none" : first) + ", current="
        + (current == null ? "none" : current) + ", pushes=" + pushes + ", daysPushed="
        + daysPushed + "}";
  }
}

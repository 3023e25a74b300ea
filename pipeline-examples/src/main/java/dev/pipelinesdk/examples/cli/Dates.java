package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.examples.StageHistoryCsv;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line dates: an ISO date means a whole day (UTC), a date-time is taken as given. */
final class Dates {
  private Dates() {}

  /**
   * An instant or a whole day given on the command line.
   *
   * @param start the instant, or the start of the day (UTC)
   * @param wholeDay whether a date was given
   */
  record When(Instant start, boolean wholeDay, ZoneId zone) {
    /** A date in UTC, or an instant. */
    When(Instant start, boolean wholeDay) {
      this(start, wholeDay, ZoneOffset.UTC);
    }

    /** {@return the whole day of an instant in a zone} */
    static When dayOf(Instant instant, ZoneId zone) {
      return new When(instant.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant(), true,
          zone);
    }

    /** {@return a date read as that day in a zone; an instant as it is} */
    When in(ZoneId other) {
      if (!wholeDay) {
        return this;
      }
      return new When(start.atZone(zone).toLocalDate().atStartOfDay(other).toInstant(), true,
          other);
    }

    /**
     * {@return the instant after it: the start of the next day (in its zone) for a date, else
     * the instant}
     */
    Instant end() {
      return wholeDay ? start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone)
          .toInstant() : start;
    }

    /**
     * Whether something that happened at an instant happened by this time: for a day, strictly
     * before the start of the next day; for an instant, at or before it.
     *
     * @param at the instant
     * @return whether it counts
     */
    boolean includes(Instant at) {
      return wholeDay ? at.isBefore(end()) : !at.isAfter(start);
    }

    /** {@return the date or the instant, as given} */
    String text() {
      return wholeDay ? start.atZone(zone).toLocalDate().toString() : start.toString();
    }

    /** {@return the zone in words: "UTC" or its id} */
    String zoneText() {
      return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }
  }

  /**
   * Month ends whose horizon is over: the cutoffs of a backtest whose outcome is known. Each is
   * the end of a month in the zone (the start of the next month's first day), after the first
   * event and at least a horizon before the last known instant, so that what the deals open then
   * won within the horizon is known by it.
   *
   * @param first the first event; a cutoff must be after it
   * @param known the last instant whose events are known (the last event at or before the as-of)
   * @param horizon the horizon, positive
   * @param zone the zone whose months count
   * @param count at most this many, the latest ones
   * @return the cutoffs, oldest first; fewer than {@code count}, or none, when the data is short
   */
  static List<Instant> monthEnds(Instant first, Instant known, Duration horizon, ZoneId zone,
      int count) {
    List<Instant> out = new ArrayList<>();
    Instant latest = known.minus(horizon);
    LocalDate month = latest.atZone(zone).toLocalDate().withDayOfMonth(1);
    while (out.size() < count) {
      Instant t = month.atStartOfDay(zone).toInstant();
      if (!t.isAfter(first)) {
        break;
      }
      if (!t.isAfter(latest)) {
        out.add(t);
      }
      month = month.minusMonths(1);
    }
    Collections.reverse(out);
    return out;
  }

  /** Reads {@code 2017-03-01} or {@code 2017-03-01T10:15:00Z} / {@code ...+01:00}. */
  static final class Converter implements ITypeConverter<When> {
    @Override
    public When convert(String text) {
      When when;
      try {
        if (text.length() == 10) {
          when = new When(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(), true);
        } else {
          when = new When(OffsetDateTime.parse(text).toInstant(), false);
        }
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("bad date '" + text + "': expected an ISO date"
            + " (2017-03-01) or an ISO date-time with offset (2017-03-01T10:15:00Z)");
      }
      if (when.start().isBefore(StageHistoryCsv.EARLIEST)
          || !when.start().isBefore(StageHistoryCsv.END)) {
        throw new TypeConversionException("date '" + text + "' is outside the dates this command"
            + " takes, " + StageHistoryCsv.EARLIEST_TEXT + " to " + StageHistoryCsv.END_TEXT
            + " (exclusive)");
      }
      return when;
    }
  }
}

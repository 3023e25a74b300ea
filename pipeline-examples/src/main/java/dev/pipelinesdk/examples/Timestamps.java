package dev.pipelinesdk.examples;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the {@code at} column of an export is read: the ISO forms always, one more pattern or epoch
 * numbers when asked, and times without an offset in a stated zone.
 *
 * <ul>
 *   <li>Always: an ISO date ({@code 2017-03-01}: the start of that day in the zone); a date and
 *       time with {@code T} or a space between them, an hour of one or two digits, optional
 *       seconds and fraction ({@code 2022-03-02T16:11:00}, {@code 2021-01-07 6:49:18}, {@code
 *       2018-12-18 18:20:30.829}), and an optional offset ({@code Z}, {@code +01:00}, {@code
 *       +0100}, Salesforce's {@code 2022-03-02T16:11:00.000+0000}, or a trailing {@code " UTC"}
 *       as warehouses print it). Without an offset the time is read in the zone.
 *   <li>With a {@linkplain #of pattern} ({@code dd/MM/yyyy}, {@code MM/dd/yyyy HH:mm}, any
 *       {@link DateTimeFormatter} pattern): that pattern too, resolved strictly (no 30 February);
 *       a pattern without an offset is read in the zone, a pattern without a time is the start
 *       of the day.
 *   <li>With {@value #EPOCH_MILLIS} or {@value #EPOCH_SECONDS}: only whole numbers, the
 *       milliseconds or seconds since 1970-01-01T00:00Z (HubSpot exports milliseconds).
 * </ul>
 *
 * <p>Nothing is guessed between formats: a value is read by the ISO forms or the one pattern the
 * user named, never by trying day-first and month-first in turn.
 */
public final class Timestamps {
  /** The format name for epoch milliseconds. */
  public static final String EPOCH_MILLIS = "epoch-millis";
  /** The format name for epoch seconds. */
  public static final String EPOCH_SECONDS = "epoch-seconds";

  private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,16}");
  private static final DateTimeFormatter WITH_T = dateTime('T');
  private static final DateTimeFormatter WITH_SPACE = dateTime(' ');

  private final ZoneId zone;
  private final Optional<String> format;
  private final @Nullable DateTimeFormatter pattern;

  private Timestamps(ZoneId zone, Optional<String> format, @Nullable DateTimeFormatter pattern) {
    this.zone = zone;
    this.format = format;
    this.pattern = pattern;
  }

  /** {@return the ISO forms only, times without an offset in UTC} */
  public static Timestamps iso() {
    return new Timestamps(ZoneOffset.UTC, Optional.empty(), null);
  }

  /**
   * The ISO forms and, if given, one more format.
   *
   * @param format a {@link DateTimeFormatter} pattern such as {@code dd/MM/yyyy}, or {@value
   *     #EPOCH_MILLIS} or {@value #EPOCH_SECONDS}; empty for the ISO forms only
   * @param zone the zone of times without an offset
   * @return the timestamps
   * @throws IllegalArgumentException if the pattern is not a valid pattern, naming it
   */
  public static Timestamps of(Optional<String> format, ZoneId zone) {
    Objects.requireNonNull(zone, "zone is null");
    if (format.isEmpty() || isEpoch(format.get())) {
      return new Timestamps(zone, format, null);
    }
    String p = format.get();
    if (p.indexOf('G') < 0) {
      p = p.replace('y', 'u'); // year-of-era needs an era under STRICT; a plain year does not
    }
    try {
      return new Timestamps(zone, format, DateTimeFormatter.ofPattern(p, Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + format.get() + "' is not a date pattern ("
          + e.getMessage() + "); use letters such as dd/MM/yyyy HH:mm, or " + EPOCH_MILLIS
          + " or " + EPOCH_SECONDS);
    }
  }

  private static boolean isEpoch(String format) {
    return format.equals(EPOCH_MILLIS) || format.equals(EPOCH_SECONDS);
  }

  /** {@return the zone of times without an offset} */
  public ZoneId zone() {
    return zone;
  }

  /** {@return the extra format, if any} */
  public Optional<String> format() {
    return format;
  }

  /**
   * A value read.
   *
   * @param instant the instant
   * @param local whether the value had no offset, so was read in the zone
   */
  public record Parsed(Instant instant, boolean local) {}

  /**
   * Reads a value.
   *
   * @param text the value, trimmed
   * @return what it says, or null if it is none of the accepted forms (or an impossible date)
   */
  public @Nullable Parsed parse(String text) {
    if (format.isPresent() && isEpoch(format.get())) {
      if (!WHOLE_NUMBER.matcher(text).matches()) {
        return null;
      }
      long n = Long.parseLong(text);
      return new Parsed(format.get().equals(EPOCH_MILLIS) ? Instant.ofEpochMilli(n)
          : Instant.ofEpochSecond(n), false);
    }
    Parsed iso = iso(text);
    if (iso != null || pattern == null) {
      return iso;
    }
    try {
      return resolve(pattern.parse(text));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private @Nullable Parsed iso(String text) {
    if (text.length() == 10) {
      try {
        return new Parsed(LocalDate.parse(text).atStartOfDay(zone).toInstant(), true);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    if (text.length() < 15 || text.length() > 48) {
      return null;
    }
    String t = text;
    boolean utc = t.endsWith(" UTC");
    if (utc) {
      t = t.substring(0, t.length() - 4);
    }
    DateTimeFormatter f = t.charAt(10) == 'T' ? WITH_T : t.charAt(10) == ' ' ? WITH_SPACE : null;
    if (f == null) {
      return null;
    }
    try {
      TemporalAccessor parsed = f.parse(t);
      if (utc) {
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
          return null; // an offset and " UTC"
        }
        return new Parsed(LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC), false);
      }
      return resolve(parsed);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private Parsed resolve(TemporalAccessor t) {
    if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
      return new Parsed(Instant.from(t), false);
    }
    LocalDate date = LocalDate.from(t);
    if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
      return new Parsed(LocalDateTime.of(date, java.time.LocalTime.from(t))
          .toInstant(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))), false);
    }
    if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
      return new Parsed(LocalDateTime.of(date, java.time.LocalTime.from(t)).atZone(zone)
          .toInstant(), true);
    }
    return new Parsed(date.atStartOfDay(zone).toInstant(), true);
  }

  /** {@return what is accepted, in words, for a message} */
  public String expected() {
    if (format.isPresent() && isEpoch(format.get())) {
      return "a whole number of " + (format.get().equals(EPOCH_MILLIS) ? "milliseconds"
          : "seconds") + " since 1970-01-01T00:00:00Z (--date-format " + format.get() + ")";
    }
    return "an ISO date (2017-03-01) or date-time (2017-03-01T10:15:00Z, 2017-03-01 10:15:00;"
        + " without an offset in " + zone + ")" + format.map(f -> " or " + f + " (--date-format)")
            .orElse("; other forms need --date-format");
  }

  private static DateTimeFormatter dateTime(char separator) {
    return new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .appendLiteral(separator)
        .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, SignStyle.NOT_NEGATIVE)
        .appendLiteral(':')
        .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
        .optionalStart()
        .appendLiteral(':')
        .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
        .optionalStart()
        .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
        .optionalEnd()
        .optionalEnd()
        .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
        .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
        .toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT)
        .withChronology(java.time.chrono.IsoChronology.INSTANCE);
  }
}

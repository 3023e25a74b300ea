package dev.pipelinesdk.core.automation;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How long an automation rule waits: calendar time (a {@link Duration}, such as 14 days) or a
 * number of business days of a {@link BusinessCalendar}. Immutable.
 *
 * <p>{@link #from(Instant, BusinessCalendar)} says when a span that starts at an instant ends:
 * calendar time is added exactly ({@code 14 days} is 14 times 24 hours); business days move the
 * date by {@link BusinessCalendar#plusBusinessDays} in the calendar's zone and keep the time of
 * day, so 1 business day after Friday 15:00 is Monday 15:00 on {@link
 * BusinessCalendar#weekdays()}. On {@link BusinessCalendar#calendarDays()} n business days and n
 * days end at the same instant (except across a daylight-saving change of the zone).
 *
 * <p>Text ({@link #toString()}, {@link #parse(String)}): {@code 14 days}, {@code 1 day}, {@code
 * 10 business days}, {@code 1 business day}, or an ISO-8601 duration for calendar time that is
 * not whole days ({@code PT36H}); {@code parse} also takes ISO-8601 for whole days ({@code
 * P14D}).
 */
public final class Span {
  /** The longest span, in days (calendar or business): {@value}. */
  public static final int MAX_DAYS = BusinessCalendar.MAX_BUSINESS_DAYS;

  private static final Pattern TEXT =
      Pattern.compile("([0-9]{1,6}) (business )?(day|days)");

  private final @Nullable Duration duration; // calendar time, or null
  private final int businessDays; // when duration is null

  private Span(@Nullable Duration duration, int businessDays) {
    this.duration = duration;
    this.businessDays = businessDays;
  }

  /**
   * Calendar days.
   *
   * @param days how many, 1 to {@value #MAX_DAYS}
   * @return the span
   * @throws IllegalArgumentException naming the value if it is out of range
   */
  public static Span days(int days) {
    checkDays(days);
    return new Span(Duration.ofDays(days), 0);
  }

  /**
   * Business days of the rule's calendar.
   *
   * @param days how many, 1 to {@value #MAX_DAYS}
   * @return the span
   * @throws IllegalArgumentException naming the value if it is out of range
   */
  public static Span businessDays(int days) {
    checkDays(days);
    return new Span(null, days);
  }

  /**
   * Calendar time of any length, such as {@code Duration.ofHours(36)}.
   *
   * @param duration positive, at most {@value #MAX_DAYS} days
   * @return the span
   * @throws IllegalArgumentException naming the value if it is not positive or too long
   * @throws NullPointerException if the duration is null
   */
  public static Span of(Duration duration) {
    Objects.requireNonNull(duration, "duration is null");
    if (duration.isNegative() || duration.isZero()
        || duration.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw new IllegalArgumentException("a span must be positive and at most " + MAX_DAYS
          + " days, not " + duration);
    }
    return new Span(duration, 0);
  }

  /**
   * Reads a span from its text: {@code 14 days}, {@code 1 day}, {@code 10 business days}, {@code
   * 1 business day}, or an ISO-8601 duration ({@code P14D}, {@code PT36H}).
   *
   * @param text the text; surrounding whitespace is ignored
   * @return the span
   * @throws IllegalArgumentException naming the text if it is none of these or out of range
   * @throws NullPointerException if the text is null
   */
  public static Span parse(String text) {
    Objects.requireNonNull(text, "span text is null");
    String t = text.strip();
    Matcher m = TEXT.matcher(t);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      boolean one = m.group(3).equals("day");
      if (one != (n == 1)) {
        throw new IllegalArgumentException("'" + text + "' is not a span: write 1 day, 2 days");
      }
      checkDays(n);
      return m.group(2) != null ? businessDays(n) : days(n);
    }
    try {
      return of(Duration.parse(t));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a span such as 14 days, 10"
          + " business days or PT36H");
    }
  }

  private static void checkDays(int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("a span's days must be from 1 to " + MAX_DAYS + ", not "
          + days);
    }
  }

  /** {@return whether this counts business days rather than calendar time} */
  public boolean isBusinessDays() {
    return duration == null;
  }

  /** {@return the calendar time, empty for a span of business days} */
  public Optional<Duration> duration() {
    return Optional.ofNullable(duration);
  }

  /** {@return the number of business days, 0 for a span of calendar time} */
  public int businessDayCount() {
    return businessDays;
  }

  /**
   * When this span, started at an instant, ends.
   *
   * @param start when it starts
   * @param calendar the calendar business days are counted in
   * @return the instant it ends: the start plus the calendar time, or the same time of day on the
   *     date the business days lead to (in the calendar's zone)
   * @throws NullPointerException naming the argument if one is null
   * @throws DateTimeException if the end is beyond the instants {@code java.time} supports
   */
  public Instant from(Instant start, BusinessCalendar calendar) {
    Objects.requireNonNull(start, "start is null");
    Objects.requireNonNull(calendar, "calendar is null");
    if (duration != null) {
      return start.plus(duration);
    }
    ZonedDateTime z = start.atZone(calendar.zone());
    LocalDate date = calendar.plusBusinessDays(z.toLocalDate(), businessDays);
    return ZonedDateTime.of(date, z.toLocalTime(), calendar.zone()).toInstant();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Span)) {
      return false;
    }
    Span s = (Span) o;
    return Objects.equals(duration, s.duration) && businessDays == s.businessDays;
  }

  @Override
  public int hashCode() {
    return Objects.hash(duration, businessDays);
  }

  /**
   * The span as {@link #parse(String)} reads it: {@code 14 days}, {@code 1 business day}, or
   * ISO-8601 ({@code PT36H}) for calendar time that is not whole days.
   *
   * @return the text
   */
  @Override
  public String toString() {
    if (duration == null) {
      return businessDays + (businessDays == 1 ? " business day" : " business days");
    }
    if (duration.getNano() == 0 && duration.getSeconds() % 86_400 == 0) {
      long d = duration.toDays();
      return d + (d == 1 ? " day" : " days");
    }
    return duration.toString();
  }
}

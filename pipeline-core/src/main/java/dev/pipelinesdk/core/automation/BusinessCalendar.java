package dev.pipelinesdk.core.automation;

import com.google.common.collect.ImmutableSortedSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which days count as business days: every day but the weekend days and the holidays, in a time
 * zone (the zone says which date an instant falls on). Immutable and thread-safe.
 *
 * <p>{@link #calendarDays()} is the trivial calendar, every day a business day, in UTC: with it a
 * {@link Span#businessDays(int) business-day span} is a span of calendar days. {@link
 * #weekdays()} has Saturday and Sunday off. Build others with {@link #builder()}:
 *
 * <pre>{@code
 * BusinessCalendar berlin = BusinessCalendar.builder()
 *     .weekend(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
 *     .holidays(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26))
 *     .zone(ZoneId.of("Europe/Berlin"))
 *     .build();
 * berlin.plusBusinessDays(LocalDate.of(2026, 12, 24), 1); // 2026-12-28, a Monday
 * }</pre>
 *
 * <p>Counting: {@link #plusBusinessDays(LocalDate, int)} gives the n-th business day after a date
 * (the date itself is not counted); {@link #businessDaysBetween(LocalDate, LocalDate)} counts the
 * business days after the first date up to and including the second, so the two agree:
 * {@code businessDaysBetween(d, plusBusinessDays(d, n)) == n} for every {@code n >= 0}.
 *
 * <p>Equality: the same weekend days, holidays and zone (zones with a fixed offset are kept as
 * that offset, so a calendar in {@code ZoneId.of("UTC")} equals one in {@link ZoneOffset#UTC}).
 */
public final class BusinessCalendar {
  private static final BusinessCalendar CALENDAR_DAYS = new BusinessCalendar(
      EnumSet.noneOf(DayOfWeek.class), ImmutableSortedSet.of(), ZoneOffset.UTC);
  private static final BusinessCalendar WEEKDAYS = new BusinessCalendar(
      EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), ImmutableSortedSet.of(), ZoneOffset.UTC);

  /** The longest span {@link #plusBusinessDays} takes, in business days: {@value}. */
  public static final int MAX_BUSINESS_DAYS = 36_500;

  private final Set<DayOfWeek> weekend;
  private final boolean[] off = new boolean[8]; // by DayOfWeek.getValue(), 1 to 7
  private final ImmutableSortedSet<LocalDate> holidays;
  private final ZoneId zone;

  private BusinessCalendar(Set<DayOfWeek> weekend, ImmutableSortedSet<LocalDate> holidays,
      ZoneId zone) {
    EnumSet<DayOfWeek> w = EnumSet.noneOf(DayOfWeek.class);
    w.addAll(weekend);
    this.weekend = java.util.Collections.unmodifiableSet(w);
    for (DayOfWeek d : w) {
      off[d.getValue()] = true;
    }
    this.holidays = holidays;
    this.zone = zone;
  }

  /** {@return the trivial calendar: every day a business day, dates in UTC} */
  public static BusinessCalendar calendarDays() {
    return CALENDAR_DAYS;
  }

  /** {@return Monday to Friday, no holidays, dates in UTC} */
  public static BusinessCalendar weekdays() {
    return WEEKDAYS;
  }

  /** {@return a builder: no weekend, no holidays, UTC until told otherwise} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the days of the week that are not business days, in week order} */
  public Set<DayOfWeek> weekend() {
    return weekend;
  }

  /** {@return the holidays, in date order; a holiday on a weekend day changes nothing} */
  public SortedSet<LocalDate> holidays() {
    return holidays;
  }

  /** {@return the zone an instant's date is read in} */
  public ZoneId zone() {
    return zone;
  }

  /** {@return whether every day is a business day (no weekend, no holidays)} */
  public boolean isTrivial() {
    return weekend.isEmpty() && holidays.isEmpty();
  }

  /**
   * Whether a date is a business day.
   *
   * @param date the date
   * @return false on a weekend day or a holiday, else true
   * @throws NullPointerException if the date is null
   */
  public boolean isBusinessDay(LocalDate date) {
    Objects.requireNonNull(date, "date is null");
    return !off[date.getDayOfWeek().getValue()] && !holidays.contains(date);
  }

  /**
   * The n-th business day after a date; the date itself does not count, so a Friday plus one
   * business day is the next Monday on {@link #weekdays()}. Zero gives the date itself, whether it
   * is a business day or not.
   *
   * @param date the date
   * @param n how many business days, 0 to {@value #MAX_BUSINESS_DAYS}
   * @return the date n business days later
   * @throws IllegalArgumentException naming {@code n} if it is negative or above {@value
   *     #MAX_BUSINESS_DAYS}
   * @throws NullPointerException if the date is null
   */
  public LocalDate plusBusinessDays(LocalDate date, int n) {
    Objects.requireNonNull(date, "date is null");
    if (n < 0 || n > MAX_BUSINESS_DAYS) {
      throw new IllegalArgumentException("business days must be from 0 to " + MAX_BUSINESS_DAYS
          + ", not " + n);
    }
    if (isTrivial()) {
      return date.plusDays(n);
    }
    LocalDate d = date;
    for (int left = n; left > 0; ) {
      d = d.plusDays(1);
      if (isBusinessDay(d)) {
        left--;
      }
    }
    return d;
  }

  /**
   * Counts the business days after {@code from} up to and including {@code to}: 0 for the same
   * date, 1 from a Friday to the next Monday on {@link #weekdays()}. Antisymmetric: when {@code
   * to} is before {@code from} the result is minus the count from {@code to} to {@code from}.
   *
   * @param from the first date, not counted
   * @param to the last date, counted
   * @return the number of business days, negative when {@code to} is before {@code from}
   * @throws NullPointerException naming the argument if one is null
   */
  public long businessDaysBetween(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    if (to.isBefore(from)) {
      return -businessDaysBetween(to, from);
    }
    long days = to.toEpochDay() - from.toEpochDay();
    long weeks = days / 7;
    long count = weeks * (7 - weekend.size());
    for (LocalDate d = from.plusDays(weeks * 7 + 1); !d.isAfter(to); d = d.plusDays(1)) {
      if (!off[d.getDayOfWeek().getValue()]) {
        count++;
      }
    }
    for (LocalDate h : holidays.subSet(from, false, to, true)) {
      if (!off[h.getDayOfWeek().getValue()]) {
        count--;
      }
    }
    return count;
  }

  /**
   * The date an instant falls on in this calendar's zone.
   *
   * @param instant the instant
   * @return its date
   * @throws NullPointerException if the instant is null
   */
  public LocalDate date(Instant instant) {
    return Objects.requireNonNull(instant, "instant is null").atZone(zone).toLocalDate();
  }

  /**
   * The instant a date begins in this calendar's zone.
   *
   * @param date the date
   * @return its first instant
   * @throws NullPointerException if the date is null
   */
  public Instant startOf(LocalDate date) {
    return Objects.requireNonNull(date, "date is null").atStartOfDay(zone).toInstant();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof BusinessCalendar)) {
      return false;
    }
    BusinessCalendar c = (BusinessCalendar) o;
    return weekend.equals(c.weekend) && holidays.equals(c.holidays) && zone.equals(c.zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(weekend, holidays, zone);
  }

  /**
   * The calendar in words, such as {@code business days: weekend Sat, Sun; 2 holidays; UTC} or
   * {@code calendar days (UTC)}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    String z = zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    if (isTrivial()) {
      return "calendar days (" + z + ")";
    }
    String days = weekend.isEmpty() ? "no weekend" : "weekend " + weekend.stream()
        .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
        .collect(Collectors.joining(", "));
    String h = holidays.isEmpty() ? "no holidays"
        : holidays.size() + (holidays.size() == 1 ? " holiday" : " holidays");
    return "business days: " + days + "; " + h + "; " + z;
  }

  /** Builds a {@link BusinessCalendar}. Not thread-safe; the calendar it builds is. */
  public static final class Builder {
    private final EnumSet<DayOfWeek> weekend = EnumSet.noneOf(DayOfWeek.class);
    private final ImmutableSortedSet.Builder<LocalDate> holidays =
        ImmutableSortedSet.naturalOrder();
    private ZoneId zone = ZoneOffset.UTC;

    private Builder() {}

    /**
     * Adds weekend days (days of the week that are never business days).
     *
     * @param days the days
     * @return this builder
     * @throws NullPointerException if {@code days} or one of them is null
     */
    public Builder weekend(DayOfWeek... days) {
      Objects.requireNonNull(days, "weekend days are null");
      for (DayOfWeek d : days) {
        weekend.add(Objects.requireNonNull(d, "weekend day is null"));
      }
      return this;
    }

    /**
     * Adds holidays.
     *
     * @param dates the dates
     * @return this builder
     * @throws NullPointerException if {@code dates} or one of them is null
     */
    public Builder holidays(LocalDate... dates) {
      Objects.requireNonNull(dates, "holidays are null");
      return holidays(Arrays.asList(dates));
    }

    /**
     * Adds holidays.
     *
     * @param dates the dates
     * @return this builder
     * @throws NullPointerException if {@code dates} or one of them is null
     */
    public Builder holidays(Collection<LocalDate> dates) {
      Objects.requireNonNull(dates, "holidays are null");
      for (LocalDate d : dates) {
        holidays.add(Objects.requireNonNull(d, "holiday is null"));
      }
      return this;
    }

    /**
     * Sets the zone an instant's date is read in (default UTC). A zone with a fixed offset is
     * kept as that offset ({@link ZoneId#normalized()}): {@code ZoneId.of("UTC")} becomes {@link
     * ZoneOffset#UTC}.
     *
     * @param zone the zone
     * @return this builder
     * @throws NullPointerException if the zone is null
     */
    public Builder zone(ZoneId zone) {
      // normalized: a zone with a fixed offset is that offset, so "UTC" is ZoneOffset.UTC
      this.zone = Objects.requireNonNull(zone, "zone is null").normalized();
      return this;
    }

    /**
     * Builds the calendar.
     *
     * @return the calendar
     * @throws IllegalArgumentException if every day of the week is a weekend day
     */
    public BusinessCalendar build() {
      if (weekend.size() == 7) {
        throw new IllegalArgumentException("a business calendar needs at least one business day"
            + " a week; the weekend is " + weekend);
      }
      return new BusinessCalendar(weekend, holidays.build(), zone);
    }
  }
}

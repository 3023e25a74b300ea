package dev.pipelinesdk.examples.mortgage;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The eleven US federal holidays as banks observe them (a Saturday holiday on the Friday before,
 * a Sunday one on the Monday after), computed from their rules, for the lender's calendar.
 */
final class UsFederalHolidays {
  /** The first year the template's calendar has holidays for: {@value}. */
  static final int FIRST_YEAR = 2024;
  /** The last year the template's calendar has holidays for: {@value}. */
  static final int LAST_YEAR = 2030;

  private UsFederalHolidays() {}

  /** The observed holidays of the years from {@code first} to {@code last}, in date order. */
  static List<LocalDate> observed(int first, int last) {
    List<LocalDate> out = new ArrayList<>();
    for (int y = first; y <= last; y++) {
      out.add(observed(LocalDate.of(y, Month.JANUARY, 1)));         // New Year's Day
      out.add(nth(y, Month.JANUARY, DayOfWeek.MONDAY, 3));           // Martin Luther King Jr.
      out.add(nth(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3));          // Washington's Birthday
      out.add(LocalDate.of(y, Month.MAY, 1)
          .with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));   // Memorial Day
      out.add(observed(LocalDate.of(y, Month.JUNE, 19)));            // Juneteenth
      out.add(observed(LocalDate.of(y, Month.JULY, 4)));             // Independence Day
      out.add(nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));         // Labor Day
      out.add(nth(y, Month.OCTOBER, DayOfWeek.MONDAY, 2));           // Columbus Day
      out.add(observed(LocalDate.of(y, Month.NOVEMBER, 11)));        // Veterans Day
      out.add(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));        // Thanksgiving
      out.add(observed(LocalDate.of(y, Month.DECEMBER, 25)));        // Christmas Day
    }
    out.sort(null);
    return out;
  }

  private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
    return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
  }

  private static LocalDate observed(LocalDate date) {
    switch (date.getDayOfWeek()) {
      case SATURDAY:
        return date.minusDays(1);
      case SUNDAY:
        return date.plusDays(1);
      default:
        return date;
    }
  }
}

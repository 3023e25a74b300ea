package dev.pipelinesdk.core.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Business days counted by hand, and the laws that tie plus and between together. */
class BusinessCalendarTest {
  /** Monday to Friday, with Whit Monday 2026-05-25 off. */
  static final BusinessCalendar WHITSUN = BusinessCalendar.builder()
      .weekend(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).holidays(LocalDate.of(2026, 5, 25)).build();

  private static LocalDate may(int day) {
    return LocalDate.of(2026, 5, day);
  }

  @Test
  void plusBusinessDaysSkipsWeekendsAndHolidays() {
    assertThat(WHITSUN.plusBusinessDays(may(22), 0)).isEqualTo(may(22)); // Friday
    assertThat(WHITSUN.plusBusinessDays(may(22), 1)).isEqualTo(may(26)); // Tue: Mon is Whit Monday
    assertThat(WHITSUN.plusBusinessDays(may(21), 3)).isEqualTo(may(27)); // Thu + 3: Fri, Tue, Wed
    assertThat(WHITSUN.plusBusinessDays(may(23), 0)).isEqualTo(may(23)); // a Saturday stays
    assertThat(WHITSUN.plusBusinessDays(may(23), 1)).isEqualTo(may(26));
    assertThat(BusinessCalendar.weekdays().plusBusinessDays(may(22), 1)).isEqualTo(may(25));
    assertThat(BusinessCalendar.calendarDays().plusBusinessDays(may(22), 10)).isEqualTo(
        LocalDate.of(2026, 6, 1));
  }

  @Test
  void businessDaysBetweenCountsTheDaysAfterTheFirstUpToTheSecond() {
    assertThat(WHITSUN.businessDaysBetween(may(22), may(22))).isZero();
    assertThat(WHITSUN.businessDaysBetween(may(22), may(25))).isZero(); // Sat, Sun, Whit Monday
    assertThat(WHITSUN.businessDaysBetween(may(22), may(26))).isEqualTo(1);
    assertThat(WHITSUN.businessDaysBetween(may(1), may(31))).isEqualTo(19); // 20 weekdays - 1
    assertThat(WHITSUN.businessDaysBetween(may(31), may(1))).isEqualTo(-19);
    assertThat(BusinessCalendar.calendarDays().businessDaysBetween(may(1), may(31)))
        .isEqualTo(30);
    assertThat(WHITSUN.isBusinessDay(may(25))).isFalse();
    assertThat(WHITSUN.isBusinessDay(may(26))).isTrue();
    assertThat(WHITSUN.isBusinessDay(may(24))).isFalse();
  }

  static Gen<BusinessCalendar> calendars() {
    return lists().of(integers().between(1, 7)).ofSizeBetween(0, 6)
        .zip(lists().of(integers().between(0, 400)).ofSizeBetween(0, 30), (days, holidays) -> {
          EnumSet<DayOfWeek> weekend = EnumSet.noneOf(DayOfWeek.class);
          days.forEach(d -> weekend.add(DayOfWeek.of(d)));
          if (weekend.size() == 7) {
            weekend.remove(DayOfWeek.MONDAY);
          }
          BusinessCalendar.Builder b = BusinessCalendar.builder()
              .weekend(weekend.toArray(DayOfWeek[]::new));
          holidays.forEach(h -> b.holidays(LocalDate.of(2026, 1, 1).plusDays(h)));
          return b.build();
        });
  }

  @Test
  void betweenUndoesPlusAndIsAntisymmetric() {
    qt().forAll(calendars(), integers().between(0, 500), integers().between(0, 300),
        integers().between(0, 500)).checkAssert((c, start, n, other) -> {
          LocalDate d = LocalDate.of(2025, 12, 1).plusDays(start);
          LocalDate later = c.plusBusinessDays(d, n);
          assertThat(c.businessDaysBetween(d, later)).isEqualTo((long) n);
          assertThat(n == 0 || c.isBusinessDay(later)).isTrue();
          LocalDate e = LocalDate.of(2025, 12, 1).plusDays(other);
          assertThat(c.businessDaysBetween(d, e)).isEqualTo(-c.businessDaysBetween(e, d));
          long slow = 0;
          for (LocalDate x = d.plusDays(1); !x.isAfter(e); x = x.plusDays(1)) {
            slow += c.isBusinessDay(x) ? 1 : 0;
          }
          if (!e.isBefore(d)) {
            assertThat(c.businessDaysBetween(d, e)).isEqualTo(slow);
          }
        });
  }

  @Test
  void datesOfInstantsAreReadInTheZone() {
    BusinessCalendar tokyo = BusinessCalendar.builder().zone(ZoneId.of("Asia/Tokyo")).build();
    Instant lateEvening = Instant.parse("2026-05-22T20:00:00Z"); // Saturday 05:00 in Tokyo
    assertThat(tokyo.date(lateEvening)).isEqualTo(may(23));
    assertThat(tokyo.startOf(may(23))).isEqualTo(Instant.parse("2026-05-22T15:00:00Z"));
    assertThat(BusinessCalendar.builder().zone(ZoneId.of("UTC")).build())
        .isEqualTo(BusinessCalendar.calendarDays()).hasToString("calendar days (UTC)");
    assertThat(WHITSUN).hasToString("business days: weekend Sat, Sun; 1 holiday; UTC")
        .isEqualTo(BusinessCalendar.builder().holidays(List.of(may(25)))
            .weekend(DayOfWeek.SUNDAY, DayOfWeek.SATURDAY).zone(ZoneOffset.UTC).build())
        .isNotEqualTo(BusinessCalendar.weekdays());
    assertThat(WHITSUN.holidays()).containsExactly(may(25));
    assertThat(WHITSUN.weekend()).containsExactly(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
  }

  @Test
  void badCalendarsAndCountsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> BusinessCalendar.builder().weekend(DayOfWeek.values()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one business day a week");
    assertThatThrownBy(() -> WHITSUN.plusBusinessDays(may(1), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not -1");
    assertThatThrownBy(() -> WHITSUN.plusBusinessDays(null, 1))
        .isInstanceOf(NullPointerException.class).hasMessage("date is null");
  }

  @Test
  void spansEndOnTheSameTimeOfDayAfterBusinessDaysAndExactlyAfterCalendarTime() {
    Instant friday = Instant.parse("2026-05-22T15:00:00Z");
    assertThat(Span.businessDays(1).from(friday, WHITSUN))
        .isEqualTo(Instant.parse("2026-05-26T15:00:00Z"));
    assertThat(Span.days(3).from(friday, WHITSUN)).isEqualTo(friday.plus(Duration.ofDays(3)));
    assertThat(Span.of(Duration.ofHours(36)).from(friday, WHITSUN))
        .isEqualTo(Instant.parse("2026-05-24T03:00:00Z"));
    assertThat(Span.businessDays(3).from(friday, BusinessCalendar.calendarDays()))
        .isEqualTo(Span.days(3).from(friday, BusinessCalendar.calendarDays()));
  }

  @Test
  void spansReadWhatTheyWrite() {
    for (Span s : List.of(Span.days(1), Span.days(14), Span.businessDays(1),
        Span.businessDays(10), Span.of(Duration.ofHours(36)), Span.of(Duration.ofDays(2)))) {
      assertThat(Span.parse(s.toString())).isEqualTo(s);
    }
    assertThat(Span.parse("P14D")).isEqualTo(Span.days(14)).hasToString("14 days");
    assertThat(Span.parse(" 10 business days ")).isEqualTo(Span.businessDays(10));
    assertThat(Span.businessDays(1)).hasToString("1 business day").isNotEqualTo(Span.days(1));
    assertThat(Span.of(Duration.ofHours(36))).hasToString("PT36H");
    for (String bad : List.of("", "14", "two days", "1 days", "2 day", "0 days", "-3 days",
        "P0D", "PT-1H", "40000 days")) {
      assertThatThrownBy(() -> Span.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Span.parse("soon")).hasMessage(
        "'soon' is not a span such as 14 days, 10 business days or PT36H");
  }
}

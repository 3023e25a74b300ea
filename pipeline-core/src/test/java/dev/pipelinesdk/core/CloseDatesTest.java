package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link CloseDates} on hand-made histories, every number worked out in the comments. */
class CloseDatesTest {
  private static final DealId D1 = DealId.of("D-1");
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static Instant day(int n) {
    return T0.plusSeconds(86_400L * n);
  }

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  private static DealEvent.Created created(Optional<LocalDate> closeDate) {
    return new DealEvent.Created(D1, T0, "ana", Deal.builder().id(D1).title("Acme")
        .stage(StageId.of("prospecting")).createdAt(T0).closeDate(closeDate).build());
  }

  private static DealEvent.CloseDateChanged change(int day, String from, String to) {
    return new DealEvent.CloseDateChanged(D1, day(day), "ana",
        from.isEmpty() ? Optional.empty() : Optional.of(date(from)),
        to.isEmpty() ? Optional.empty() : Optional.of(date(to)));
  }

  /**
   * Created expecting March 1; pushed to March 31 (+30 days); pulled in to March 20 (not a push);
   * an owner change (ignored); pushed to April 10 (+21 from March 20, not from March 31); cleared
   * (not a push); set to April 30 (+20 from April 10, the last date it had); "changed" to the same
   * date (not a push). So: 3 pushes, 30 + 21 + 20 = 71 days.
   */
  private static final DealHistory SLIPPING = DealHistory.of(
      created(Optional.of(date("2026-03-01"))),
      change(1, "2026-03-01", "2026-03-31"),
      change(2, "2026-03-31", "2026-03-20"),
      new DealEvent.OwnerChanged(D1, day(3), "ana", Optional.empty(), Optional.of("ben")),
      change(4, "2026-03-20", "2026-04-10"),
      change(5, "2026-04-10", ""),
      change(6, "", "2026-04-30"),
      change(7, "2026-04-30", "2026-04-30"));

  @Test
  void pushesAreCountedAgainstTheLastDateTheDealHad() {
    CloseDates dates = CloseDates.of(SLIPPING);
    assertThat(dates.first()).contains(date("2026-03-01"));
    assertThat(dates.current()).contains(date("2026-04-30"));
    assertThat(dates.pushes()).isEqualTo(3);
    assertThat(dates.daysPushed()).isEqualTo(71);
    assertThat(dates.current()).isEqualTo(SLIPPING.current().closeDate());
    assertThat(dates).hasToString(
        "CloseDates{first=2026-03-01, current=2026-04-30, pushes=3, daysPushed=71}");
  }

  @Test
  void asOfCountsOnlyTheEventsAtOrBeforeTheInstant() {
    // at day 2 (the pull-in included): one push of 30 days, now March 20
    CloseDates day2 = CloseDates.asOf(SLIPPING, day(2));
    assertThat(day2.first()).contains(date("2026-03-01"));
    assertThat(day2.current()).contains(date("2026-03-20"));
    assertThat(day2.pushes()).isEqualTo(1);
    assertThat(day2.daysPushed()).isEqualTo(30);
    // just before day 2: still March 31
    assertThat(CloseDates.asOf(SLIPPING, day(2).minusNanos(1)).current())
        .contains(date("2026-03-31"));
    // at day 5, just cleared: no current date, two pushes (30 + 21)
    CloseDates day5 = CloseDates.asOf(SLIPPING, day(5));
    assertThat(day5.current()).isEmpty();
    assertThat(day5.first()).contains(date("2026-03-01"));
    assertThat(day5.pushes()).isEqualTo(2);
    assertThat(day5.daysPushed()).isEqualTo(51);
    // at the creation: only the created date
    assertThat(CloseDates.asOf(SLIPPING, T0)).isEqualTo(CloseDates.of(
        DealHistory.of(created(Optional.of(date("2026-03-01"))))));
    assertThat(CloseDates.asOf(SLIPPING, day(100))).isEqualTo(CloseDates.of(SLIPPING))
        .hasSameHashCodeAs(CloseDates.of(SLIPPING));
    assertThatThrownBy(() -> CloseDates.asOf(SLIPPING, T0.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal 'D-1' was created at 2026-03-02T09:00:00Z, after "
            + "2026-03-02T08:59:59Z; it had no close date then");
  }

  @Test
  void theFirstDateMayComeLaterAndTheLastMayBeACleared() {
    DealHistory h = DealHistory.of(created(Optional.empty()),
        change(1, "", "2026-05-01"), // first date, not a push
        change(2, "2026-05-01", "2026-05-02"), // +1
        change(3, "2026-05-02", ""));
    CloseDates dates = CloseDates.of(h);
    assertThat(dates.first()).contains(date("2026-05-01"));
    assertThat(dates.current()).isEmpty();
    assertThat(dates.pushes()).isEqualTo(1);
    assertThat(dates.daysPushed()).isEqualTo(1);
    assertThat(dates).hasToString("CloseDates{first=2026-05-01, current=none, pushes=1,"
        + " daysPushed=1}");
  }

  @Test
  void aDealThatNeverHadACloseDate() {
    DealHistory h = DealHistory.of(created(Optional.empty()),
        new DealEvent.OwnerChanged(D1, day(1), "ana", Optional.empty(), Optional.of("ben")));
    CloseDates dates = CloseDates.of(h);
    assertThat(dates.first()).isEmpty();
    assertThat(dates.current()).isEmpty();
    assertThat(dates.pushes()).isZero();
    assertThat(dates.daysPushed()).isZero();
    assertThat(dates).isNotEqualTo(CloseDates.of(SLIPPING)).isNotEqualTo(null);
  }

  @Test
  void nullsAreNamed() {
    assertThatThrownBy(() -> CloseDates.of(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("history is null");
    assertThatThrownBy(() -> CloseDates.asOf(SLIPPING, null))
        .isInstanceOf(NullPointerException.class).hasMessage("asOf is null");
  }
}

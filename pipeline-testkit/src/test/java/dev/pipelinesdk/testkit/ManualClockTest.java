package dev.pipelinesdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  @Test
  void movesOnlyWhenTold() {
    ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
    assertThat(clock.instant()).isEqualTo(clock.instant());
    assertThat(clock.advance(Duration.ofDays(2))).isEqualTo(Instant.parse("2026-01-07T09:00:00Z"));
    assertThat(clock.setTo(Instant.parse("2026-02-01T00:00:00Z")))
        .isEqualTo(clock.instant()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
  }

  @Test
  void neverGoesBack() {
    ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> clock.setTo(Instant.parse("2026-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-01-05T09:00:00Z").hasMessageContaining("2026-01-01T00:00:00Z");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
  }
}

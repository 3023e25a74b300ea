package dev.pipelinesdk.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A mutable clock for tests (the testkit's ManualClock cannot be used from core). */
final class TestClock implements InstantSource {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  static Instant day(double d) {
    return T0.plusSeconds(Math.round(d * 86_400));
  }

  /** Sets the clock; it may go back (each deal is built on its own timeline). */
  void setDay(double d) {
    now = day(d);
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }
}

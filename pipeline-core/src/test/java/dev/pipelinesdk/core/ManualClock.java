package dev.pipelinesdk.core;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for tests that only moves when told to. Core tests cannot use the testkit's clock
 * (testkit depends on core), so this is the tiny local equivalent. Thread-safe.
 */
public final class ManualClock implements InstantSource {
  private final AtomicReference<Instant> now;

  private ManualClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** A clock standing at the given ISO-8601 instant. */
  public static ManualClock at(String instant) {
    return new ManualClock(Instant.parse(instant));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /** Moves the clock forward (or not at all for a zero duration). */
  public ManualClock advance(Duration by) {
    Objects.requireNonNull(by, "by is null");
    if (by.isNegative()) {
      throw new IllegalArgumentException("a manual clock only moves forward: " + by);
    }
    now.updateAndGet(t -> t.plus(by));
    return this;
  }

  /** Sets the clock to any instant, also backwards (to provoke {@code clock_behind}). */
  public ManualClock set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant is null"));
    return this;
  }
}

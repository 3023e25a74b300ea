package dev.pipelinesdk.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to (like Guava testlib's {@code FakeTicker}): pass it to
 * {@code Pipeline.builder(...).clock(...)} to make tests and simulations deterministic.
 *
 * <p>Thread-safe: reads and moves are atomic. It never goes backwards: {@link #advance} refuses
 * negative durations and {@link #setTo} refuses earlier instants, because the engine refuses
 * changes dated before a deal's latest event.
 */
public final class ManualClock implements InstantSource {
  private final AtomicReference<Instant> now;

  private ManualClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /**
   * A clock standing at an instant.
   *
   * @param start the instant
   * @return the clock
   */
  public static ManualClock at(Instant start) {
    return new ManualClock(Objects.requireNonNull(start, "start is null"));
  }

  /**
   * A clock standing at an ISO-8601 instant such as {@code "2026-01-05T09:00:00Z"}.
   *
   * @param isoInstant the instant text
   * @return the clock
   * @throws java.time.format.DateTimeParseException if the text is not an instant
   */
  public static ManualClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far, not negative
   * @return the new instant
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration is null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a manual clock never goes back; got " + duration);
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  /**
   * Moves the clock to a later (or the same) instant.
   *
   * @param instant the new instant
   * @return the new instant
   * @throws IllegalArgumentException if {@code instant} is earlier than now
   */
  public Instant setTo(Instant instant) {
    Objects.requireNonNull(instant, "instant is null");
    return now.updateAndGet(t -> {
      if (instant.isBefore(t)) {
        throw new IllegalArgumentException(
            "a manual clock never goes back: it is " + t + ", asked for " + instant);
      }
      return instant;
    });
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}

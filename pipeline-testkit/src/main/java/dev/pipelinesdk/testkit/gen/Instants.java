package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.testkit.internal.Draw;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.quicktheories.core.Gen;

/** Generators of instants and durations, shrinking toward the start of their range. */
public final class Instants {
  /** The instant generated histories start from by default: {@value #DEFAULT_START_TEXT}. */
  public static final String DEFAULT_START_TEXT = "2026-01-05T09:00:00Z";

  private static final Instant DEFAULT_START = Instant.parse(DEFAULT_START_TEXT);

  private Instants() {}

  /**
   * Instants in a range, at whole-second precision.
   *
   * @param from the earliest (and the shrink target)
   * @param to the latest, not before {@code from}
   * @return the generator
   */
  public static Gen<Instant> between(Instant from, Instant to) {
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to " + to + " is before from " + from);
    }
    long seconds = Duration.between(from, to).getSeconds();
    return in -> from.plusSeconds(Draw.between(in, 0L, seconds));
  }

  /**
   * Instants from {@code start} up to {@code maxAfter} later.
   *
   * @param start the earliest (and the shrink target)
   * @param maxAfter how much later at most
   * @return the generator
   */
  public static Gen<Instant> after(Instant start, Duration maxAfter) {
    return between(start, start.plus(maxAfter));
  }

  /** {@return instants in the two years from {@value #DEFAULT_START_TEXT}} */
  public static Gen<Instant> recent() {
    return after(DEFAULT_START, Duration.ofDays(730));
  }

  /** {@return {@value #DEFAULT_START_TEXT}} */
  public static Instant defaultStart() {
    return DEFAULT_START;
  }

  /**
   * Durations from zero to {@code max}, at whole-second precision, shrinking toward zero.
   *
   * @param max the longest, not negative
   * @return the generator
   */
  public static Gen<Duration> durations(Duration max) {
    if (max.isNegative()) {
      throw new IllegalArgumentException("max duration is negative: " + max);
    }
    return in -> Duration.ofSeconds(Draw.between(in, 0L, max.getSeconds()));
  }
}

package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.testkit.internal.Draw;
import java.time.Duration;
import java.util.Objects;
import org.quicktheories.core.Gen;

/**
 * How time passes between the steps of a generated history: mostly short pauses (minutes to a
 * few hours, such as a call followed by a note), sometimes a dwell of days in a stage, rarely an
 * idle gap of weeks (a deal going dark). Every wait shrinks toward zero. Immutable.
 */
public final class Timing {
  private final Duration maxPause;
  private final Duration maxDwell;
  private final Duration minIdleGap;
  private final Duration maxIdleGap;
  private final int dwellPercent;
  private final int idlePercent;

  private Timing(Duration maxPause, Duration maxDwell, Duration minIdleGap, Duration maxIdleGap,
      int dwellPercent, int idlePercent) {
    this.maxPause = maxPause;
    this.maxDwell = maxDwell;
    this.minIdleGap = minIdleGap;
    this.maxIdleGap = maxIdleGap;
    this.dwellPercent = dwellPercent;
    this.idlePercent = idlePercent;
  }

  /** {@return pauses up to 4 hours, dwells up to 21 days (25%), idle gaps of 15 to 90 days (5%)} */
  public static Timing realistic() {
    return new Timing(Duration.ofHours(4), Duration.ofDays(21), Duration.ofDays(15),
        Duration.ofDays(90), 25, 5);
  }

  /** {@return no time passes between steps: every event of a history has the same instant} */
  public static Timing instantaneous() {
    return new Timing(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0);
  }

  /**
   * Returns this timing with other dwells.
   *
   * @param max the longest dwell in a stage
   * @param percent how often a step waits a dwell, 0 to 100
   * @return the new timing
   */
  public Timing withDwell(Duration max, int percent) {
    return new Timing(maxPause, Objects.requireNonNull(max, "max is null"), minIdleGap,
        maxIdleGap, checkedPercent(percent, idlePercent), idlePercent);
  }

  /**
   * Returns this timing with other idle gaps.
   *
   * @param min the shortest idle gap
   * @param max the longest idle gap, not shorter than {@code min}
   * @param percent how often a step waits an idle gap, 0 to 100
   * @return the new timing
   */
  public Timing withIdleGaps(Duration min, Duration max, int percent) {
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max idle gap " + max + " is shorter than min " + min);
    }
    return new Timing(maxPause, maxDwell, min, max, dwellPercent,
        checkedPercent(percent, dwellPercent));
  }

  private static int checkedPercent(int percent, int other) {
    if (percent < 0 || percent + other > 100) {
      throw new IllegalArgumentException("dwell and idle percentages must be in [0, 100] together,"
          + " got " + percent + " and " + other);
    }
    return percent;
  }

  /** {@return the waits before each step} */
  public Gen<Duration> waits() {
    return in -> {
      int kind = Draw.weighted(in, 100 - dwellPercent - idlePercent, dwellPercent, idlePercent);
      switch (kind) {
        case 1:
          return Duration.ofMinutes(Draw.between(in, 0L, maxDwell.toMinutes()));
        case 2:
          return Duration.ofMinutes(Draw.between(in, minIdleGap.toMinutes(),
              maxIdleGap.toMinutes()));
        default:
          return Duration.ofMinutes(Draw.between(in, 0L, maxPause.toMinutes()));
      }
    };
  }

  @Override
  public String toString() {
    return "Timing[pauses <= " + maxPause + ", dwells <= " + maxDwell + " (" + dwellPercent
        + "%), idle gaps " + minIdleGap + ".." + maxIdleGap + " (" + idlePercent + "%)]";
  }
}

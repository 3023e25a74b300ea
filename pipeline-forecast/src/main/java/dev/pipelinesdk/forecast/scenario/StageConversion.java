package dev.pipelinesdk.forecast.scenario;

import dev.pipelinesdk.core.StageId;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An open stage's observed conversion at an as-of instant, the {@code c} a {@link
 * Change.Conversion} changes: of the visits to the stage (entering it, by creation or a stage
 * change) that had ended by the as-of instant (the deal left the stage), the share that moved
 * forward: to a won stage or to a later open stage in funnel order. A visit that ended lost, gone
 * dark (dormant) or moved back counts as ended, not forward; a visit still going on at the as-of
 * instant counts in neither.
 *
 * @param stage the open stage
 * @param ended visits that ended by the as-of instant, at least 0
 * @param forward of them, those that moved forward, from 0 to {@code ended}
 */
public record StageConversion(StageId stage, long ended, long forward) {
  /**
   * Checks the value.
   *
   * @param stage the open stage
   * @param ended visits that ended, at least 0
   * @param forward those that moved forward, from 0 to ended
   * @throws IllegalArgumentException if the counts are negative or forward exceeds ended
   * @throws NullPointerException if stage is null
   */
  public StageConversion {
    Objects.requireNonNull(stage, "stage is null");
    if (ended < 0 || forward < 0 || forward > ended) {
      throw new IllegalArgumentException("stage '" + stage + "': forward visits " + forward
          + " must be from 0 to the ended visits " + ended);
    }
  }

  /** {@return {@code forward / ended}; empty if no visit has ended} */
  public OptionalDouble share() {
    return ended == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) forward / ended);
  }
}

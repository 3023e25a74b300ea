package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * A learned win probability for a deal, such as a forecast model's. Used for weighting when the
 * deal has no manual override; empty means "no opinion", so the stage default applies.
 *
 * <p>A learned model needs what happened, not only where the deal is: it receives the deal as of
 * the metric's instant, the deal's whole history and that instant. It must read only the events
 * at or before {@code asOf} (the history may hold later ones when a metric looks back in time),
 * so that a snapshot as of a past instant weighs deals with what was known then.
 *
 * <p>Must be thread-safe if the metric runs in parallel.
 */
@FunctionalInterface
public interface ProbabilitySource {

  /**
   * Returns the learned probability of a deal, as it is at the metric's instant.
   *
   * @param deal the open deal, as of {@code asOf}
   * @param history the deal's history; events after {@code asOf} must be ignored
   * @param asOf the metric's instant
   * @return a probability in [0, 1], or empty for no opinion
   */
  OptionalDouble probability(Deal deal, DealHistory history, Instant asOf);

  /** {@return a source with no opinion on any deal: stage defaults apply} */
  static ProbabilitySource none() {
    return (deal, history, asOf) -> OptionalDouble.empty();
  }

  /** Where the probability used for a deal came from, in order of precedence. */
  enum Kind {
    /** Set by hand on the deal ({@link Deal#manualProbability()}): wins over everything. */
    MANUAL,
    /** From the {@link ProbabilitySource} the caller supplied. */
    LEARNED,
    /** The stage's {@link dev.pipelinesdk.core.Stage#defaultProbability()}. */
    STAGE_DEFAULT
  }
}

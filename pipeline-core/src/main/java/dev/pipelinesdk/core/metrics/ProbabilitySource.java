package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Deal;
import java.util.OptionalDouble;

/**
 * A learned win probability for a deal, such as a forecast model's. Used for weighting when the
 * deal has no manual override; empty means "no opinion", so the stage default applies.
 *
 * <p>Must be thread-safe if the metric runs in parallel.
 */
@FunctionalInterface
public interface ProbabilitySource {

  /**
   * Returns the learned probability of a deal, as it is at the metric's instant.
   *
   * @param deal the open deal
   * @return a probability in [0, 1], or empty
   */
  OptionalDouble probability(Deal deal);

  /** {@return a source with no opinion on any deal: stage defaults apply} */
  static ProbabilitySource none() {
    return deal -> OptionalDouble.empty();
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

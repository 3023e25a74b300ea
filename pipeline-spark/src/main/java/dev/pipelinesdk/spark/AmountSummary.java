package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.core.forecast.UncertaintySource;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a won-amount distribution ({@link AmountDistribution}) says, without its trials: the
 * figures the command line's {@code forecast} prints. A distribution holds every trial's total
 * (20,000 of them by default), too much to keep per pipeline of a large job; this is what travels
 * back instead. Equal to {@link #of} of the single-machine library's distribution.
 *
 * @param dealCount the deals the distribution is made of (the open deals with an amount)
 * @param expected the distribution's mean (for Monte Carlo, the trials' mean; the forecast's
 *     exact expectation is {@code Forecast.expectedAmount()})
 * @param expectedStandardError the standard error of that mean
 * @param p10 the 10% quantile of the amount won
 * @param p50 the median
 * @param p90 the 90% quantile
 * @param includes the sources of uncertainty it includes
 * @param simulation the Monte Carlo settings (trials, seed, model uncertainty); empty for an
 *     exact distribution
 */
public record AmountSummary(int dealCount, Money expected, Money expectedStandardError,
    Money p10, Money p50, Money p90, Set<UncertaintySource> includes,
    Optional<Simulation> simulation) {
  /**
   * Checks and copies the values.
   *
   * @param dealCount the deals, at least 0
   * @param expected the mean
   * @param expectedStandardError its standard error
   * @param p10 the 10% quantile
   * @param p50 the median
   * @param p90 the 90% quantile
   * @param includes the sources of uncertainty
   * @param simulation the settings, if Monte Carlo
   * @throws IllegalArgumentException if the deal count is negative
   * @throws NullPointerException if an argument is null
   */
  public AmountSummary {
    Objects.requireNonNull(expected, "expected is null");
    Objects.requireNonNull(expectedStandardError, "expectedStandardError is null");
    Objects.requireNonNull(p10, "p10 is null");
    Objects.requireNonNull(p50, "p50 is null");
    Objects.requireNonNull(p90, "p90 is null");
    Objects.requireNonNull(simulation, "simulation is null");
    if (dealCount < 0) {
      throw new IllegalArgumentException("dealCount must not be negative, not " + dealCount);
    }
    includes = Set.copyOf(includes);
  }

  /**
   * {@return the summary of a distribution}
   *
   * @param distribution the distribution
   */
  public static AmountSummary of(AmountDistribution distribution) {
    return new AmountSummary(distribution.dealCount(), distribution.expected(),
        distribution.expectedStandardError(), distribution.p10(), distribution.p50(),
        distribution.p90(), distribution.includes(), distribution.simulation());
  }
}

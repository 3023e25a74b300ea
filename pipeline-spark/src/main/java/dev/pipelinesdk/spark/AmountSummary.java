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
 * back instead, so whatever is read from the trials (the quantiles, the probability of a target)
 * is read where they are combined. Equal to {@link #of} of the single-machine library's
 * distribution.
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
 * @param target the target and the probability of reaching it, if a target was given ({@link
 *     ForecastOptions#withTarget})
 */
public record AmountSummary(int dealCount, Money expected, Money expectedStandardError,
    Money p10, Money p50, Money p90, Set<UncertaintySource> includes,
    Optional<Simulation> simulation, Optional<Target> target) {
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
   * @param target the target and its probability, if any
   * @throws IllegalArgumentException if the deal count is negative, or the target is in another
   *     currency than the amounts, naming both
   * @throws NullPointerException if an argument is null
   */
  public AmountSummary {
    Objects.requireNonNull(expected, "expected is null");
    Objects.requireNonNull(expectedStandardError, "expectedStandardError is null");
    Objects.requireNonNull(p10, "p10 is null");
    Objects.requireNonNull(p50, "p50 is null");
    Objects.requireNonNull(p90, "p90 is null");
    Objects.requireNonNull(simulation, "simulation is null");
    Objects.requireNonNull(target, "target is null");
    if (dealCount < 0) {
      throw new IllegalArgumentException("dealCount must not be negative, not " + dealCount);
    }
    if (target.isPresent() && !target.get().amount().currency().equals(expected.currency())) {
      throw new IllegalArgumentException("target " + target.get().amount() + " is not in "
          + expected.currency() + ", the currency of the amounts");
    }
    includes = Set.copyOf(includes);
  }

  /**
   * {@return the summary of a distribution, without a target}
   *
   * @param distribution the distribution
   */
  public static AmountSummary of(AmountDistribution distribution) {
    return of(distribution, Optional.empty());
  }

  /**
   * {@return the summary of a distribution, with the probability of reaching a target read from
   * it ({@link AmountDistribution#probabilityAtLeast}) when one is given}
   *
   * @param distribution the distribution
   * @param target the target, in the distribution's currency, if any
   * @throws IllegalArgumentException if the target is in another currency
   */
  public static AmountSummary of(AmountDistribution distribution, Optional<Money> target) {
    return new AmountSummary(distribution.dealCount(), distribution.expected(),
        distribution.expectedStandardError(), distribution.p10(), distribution.p50(),
        distribution.p90(), distribution.includes(), distribution.simulation(),
        target.map(t -> new Target(t, distribution.probabilityAtLeast(t))));
  }

  /**
   * A target and the probability of reaching it, as the command line's {@code forecast
   * --target} prints it: {@code P(won amount >= target)}.
   *
   * @param amount the target, in the currency of the amounts
   * @param probability the probability that the amount won reaches it: for Monte Carlo the share
   *     of trials whose total is at least the target; 1 for a zero target
   */
  public record Target(Money amount, double probability) {
    /**
     * Checks the values.
     *
     * @param amount the target
     * @param probability the probability, in [0, 1]
     * @throws IllegalArgumentException naming the value if the probability is not in [0, 1]
     * @throws NullPointerException if amount is null
     */
    public Target {
      Objects.requireNonNull(amount, "amount is null");
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("the probability of a target must be in [0, 1], not "
            + probability);
      }
    }
  }
}

package dev.pipelinesdk.core.forecast;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.util.Objects;
import java.util.Optional;

/**
 * One open deal's forecast: the probability that it is won within the horizon.
 *
 * @param deal the deal
 * @param stage its stage at the as-of instant
 * @param amount its amount at the as-of instant, if known
 * @param probability the probability of being won within the horizon, in [0, 1]
 * @param basis how the probability came about, in words (such as "stage default of decision")
 */
public record DealForecast(DealId deal, StageId stage, Optional<Money> amount, double probability,
    String basis) {
  /**
   * Checks the value.
   *
   * @param deal the deal
   * @param stage its stage
   * @param amount its amount, if known
   * @param probability the probability, in [0, 1]
   * @param basis how it came about
   * @throws IllegalArgumentException if the probability is not a number in [0, 1], naming it
   *     and the deal
   * @throws NullPointerException if an argument is null
   */
  public DealForecast {
    Objects.requireNonNull(deal, "deal is null");
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(amount, "amount is null");
    Objects.requireNonNull(basis, "basis is null");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("deal '" + deal + "': probability must be in [0, 1],"
          + " not " + probability);
    }
  }
}

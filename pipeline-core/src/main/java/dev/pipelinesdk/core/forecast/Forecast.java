package dev.pipelinesdk.core.forecast;

import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's forecast of the deals open at an instant: each deal's probability of being won within
 * the horizon, and the expected values that follow from them. The expectations treat the
 * probabilities as known; how uncertain the total is (outcome noise and model error) is the
 * distribution's business, in {@code pipeline-forecast}.
 *
 * @param model the model's name
 * @param asOf the instant the forecast was made at
 * @param horizon how far it looks ahead: deals won in (asOf, asOf + horizon]
 * @param deals one forecast per open deal
 */
public record Forecast(String model, Instant asOf, Duration horizon, List<DealForecast> deals) {
  /**
   * Checks and copies the value.
   *
   * @param model the model's name
   * @param asOf the instant
   * @param horizon the horizon, positive
   * @param deals the deal forecasts
   * @throws IllegalArgumentException if the horizon is not positive
   * @throws NullPointerException if an argument is null
   */
  public Forecast {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(asOf, "asOf is null");
    Objects.requireNonNull(horizon, "horizon is null");
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("horizon must be positive, not " + horizon);
    }
    deals = List.copyOf(deals);
  }

  /** {@return the expected number of deals won within the horizon: the sum of probabilities} */
  public double expectedWins() {
    double sum = 0;
    for (DealForecast d : deals) {
      sum += d.probability();
    }
    return sum;
  }

  /**
   * The expected amount won within the horizon: the sum over deals with an amount of amount times
   * probability, rounded half-even to the currency's scale.
   *
   * @return the amount; empty if no deal has an amount
   * @throws IllegalArgumentException naming two deals if the amounts are in different currencies
   */
  public Optional<Money> expectedAmount() {
    return sum(true);
  }

  /**
   * The amount of the open deals, whatever their probability.
   *
   * @return the amount; empty if no deal has an amount
   * @throws IllegalArgumentException naming two deals if the amounts are in different currencies
   */
  public Optional<Money> openAmount() {
    return sum(false);
  }

  /**
   * amount x probability, exact up to {@value Money#MAX_FRACTION_DIGITS} decimals (a double's 17
   * decimals times a cent amount have more than a {@link Money} may have).
   */
  private static BigDecimal weighted(BigDecimal amount, double probability) {
    BigDecimal e = amount.multiply(BigDecimal.valueOf(probability));
    return e.scale() > Money.MAX_FRACTION_DIGITS
        ? e.setScale(Money.MAX_FRACTION_DIGITS, RoundingMode.HALF_EVEN) : e;
  }

  private Optional<Money> sum(boolean weighted) {
    Currency currency = null;
    DealForecast first = null;
    BigDecimal sum = BigDecimal.ZERO;
    for (DealForecast d : deals) {
      if (d.amount().isEmpty()) {
        continue;
      }
      Money m = d.amount().get();
      if (currency == null) {
        currency = m.currency();
        first = d;
      } else if (!currency.equals(m.currency())) {
        throw new IllegalArgumentException("deals '" + first.deal() + "' (" + currency + ") and '"
            + d.deal() + "' (" + m.currency() + ") have amounts in different currencies");
      }
      sum = sum.add(weighted ? weighted(m.amount(), d.probability()) : m.amount());
    }
    if (currency == null) {
      return Optional.empty();
    }
    return Optional.of(Money.of(sum, currency, RoundingMode.HALF_EVEN));
  }
}

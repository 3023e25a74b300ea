package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * Converts amounts into one reporting currency before a metric adds them. Without one, a metric
 * that meets two currencies throws {@link IllegalArgumentException} naming both: money never
 * mixes silently.
 */
@FunctionalInterface
public interface CurrencyConversion {

  /**
   * Converts an amount.
   *
   * @param amount the amount in its own currency
   * @return the amount in the reporting currency
   */
  Money convert(Money amount);

  /** {@return the identity: amounts stay as they are, so mixed currencies are refused} */
  static CurrencyConversion none() {
    return amount -> amount;
  }

  /**
   * Converts with fixed rates into a target currency.
   *
   * @param target the reporting currency
   * @param rates for each other currency, how many units of {@code target} one unit is worth
   * @return the conversion, rounding each converted amount half-even to the target currency's
   *     scale; it throws {@link IllegalArgumentException} naming the currency when it meets one
   *     without a rate
   * @throws IllegalArgumentException if a rate is negative
   */
  static CurrencyConversion rates(Currency target, Map<Currency, BigDecimal> rates) {
    Objects.requireNonNull(target, "target is null");
    Map<Currency, BigDecimal> copy = Map.copyOf(rates);
    copy.forEach((c, r) -> {
      if (r.signum() < 0) {
        throw new IllegalArgumentException("negative rate for " + c + ": " + r);
      }
    });
    return amount -> {
      if (amount.currency().equals(target)) {
        return amount;
      }
      BigDecimal rate = copy.get(amount.currency());
      if (rate == null) {
        throw new IllegalArgumentException("no rate from " + amount.currency().getCurrencyCode()
            + " to " + target.getCurrencyCode() + " for " + amount);
      }
      return Money.of(amount.amount().multiply(rate), target, RoundingMode.HALF_EVEN);
    };
  }
}

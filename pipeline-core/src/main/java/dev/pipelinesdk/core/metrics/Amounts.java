package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The currency of one accumulator: converts amounts, checks that they share a currency and turns
 * sums back into money, rounded half-even to the currency's own scale where a division or a
 * weighting made more decimals. Mutable, part of an accumulator. Before any amount was seen there
 * is no currency, and no money: results say "empty", never "0 XXX".
 */
final class Amounts implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private @Nullable Currency currency;

  Amounts() {}

  /** Converts and checks an amount, returning its value in the accumulator's currency. */
  BigDecimal value(Money money, DealId deal, CurrencyConversion conversion) {
    Money m = conversion.convert(money);
    if (currency == null) {
      currency = m.currency();
    } else if (!currency.equals(m.currency())) {
      throw new IllegalArgumentException("metric mixes currencies " + currency.getCurrencyCode()
          + " and " + m.currency().getCurrencyCode() + " (deal '" + deal + "' has " + m
          + "); supply a CurrencyConversion to report in one currency");
    }
    return m.amount();
  }

  void merge(Amounts other) {
    if (other.currency == null) {
      return;
    }
    if (currency == null) {
      currency = other.currency;
    } else if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("metric mixes currencies " + currency.getCurrencyCode()
          + " and " + other.currency.getCurrencyCode()
          + "; supply a CurrencyConversion to report in one currency");
    }
  }

  /** {@return the currency of the amounts seen; empty before the first} */
  Optional<Currency> currency() {
    return Optional.ofNullable(currency);
  }

  /** {@return a sum as money in the currency seen, rounded to its scale; empty without one} */
  Optional<Money> money(BigDecimal value) {
    return currency().map(c -> round(value, c));
  }

  /** {@return {@code sum / n} as money, rounded to the currency's scale; empty if n is 0} */
  Optional<Money> mean(BigDecimal sum, long n) {
    if (n == 0) {
      return Optional.empty();
    }
    return currency().map(c -> round(sum.divide(BigDecimal.valueOf(n), scale(c) + 2,
        RoundingMode.HALF_EVEN), c));
  }

  /** {@return a non-negative value as money in a currency, rounded half-even to its scale} */
  static Money round(BigDecimal value, Currency c) {
    return Money.of(value.max(BigDecimal.ZERO), c, RoundingMode.HALF_EVEN);
  }

  /** {@return the currency's scale: its default fraction digits, 2 where it has none} */
  static int scale(Currency c) {
    int digits = c.getDefaultFractionDigits();
    return digits < 0 ? 2 : digits;
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The currency of one accumulator: converts amounts, checks that they share a currency and turns
 * sums back into money. Mutable, part of an accumulator.
 */
final class Amounts implements java.io.Serializable {
  /** ISO 4217 "no currency": used for sums when no deal had an amount and nothing else says. */
  static final Currency NO_CURRENCY = Currency.getInstance("XXX");

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

  BigDecimal value(Optional<Money> money, DealId deal, CurrencyConversion conversion) {
    return money.isPresent() ? value(money.get(), deal, conversion) : BigDecimal.ZERO;
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

  /** {@return the currency seen, else the fallback (the definition's), else "XXX"} */
  Currency currency(Optional<Currency> fallback) {
    return currency != null ? currency : fallback.orElse(NO_CURRENCY);
  }

  Money money(BigDecimal value, Optional<Currency> fallback) {
    return Money.of(value.max(BigDecimal.ZERO), currency(fallback));
  }
}

package dev.pipelinesdk.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * A non-negative amount of money in one currency.
 *
 * <p>Amounts are exact ({@link BigDecimal}); the scale is normalised to at least the currency's
 * default fraction digits, so {@code Money.of("10", "EUR")} equals {@code Money.of("10.00",
 * "EUR")}. Arithmetic never mixes currencies silently: adding EUR to USD throws.
 *
 * @param amount the amount, never negative
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(amount, "amount is null");
    Objects.requireNonNull(currency, "currency is null");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(
          "amount is negative: " + amount.toPlainString() + " " + currency.getCurrencyCode());
    }
    amount = normalise(amount, currency);
  }

  private static BigDecimal normalise(BigDecimal amount, Currency currency) {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    BigDecimal stripped = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    return stripped.scale() < digits ? stripped.setScale(digits, RoundingMode.UNNECESSARY) : stripped;
  }

  /**
   * Returns an amount.
   *
   * @param amount the amount, never negative
   * @param currency the currency
   * @return the money value
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /**
   * Parses an amount such as {@code "1250.50"} in the currency with the given ISO 4217 code.
   *
   * @param amount a decimal number, never negative
   * @param currencyCode an ISO 4217 code such as {@code "EUR"}
   * @return the money value
   * @throws IllegalArgumentException if the amount is not a number or negative, or the code is not
   *     a known currency; the message names the bad value
   */
  public static Money of(String amount, String currencyCode) {
    Objects.requireNonNull(amount, "amount is null");
    return new Money(parse(amount), currency(currencyCode));
  }

  /**
   * Returns an amount given in minor units (cents for EUR, yen for JPY).
   *
   * @param minorUnits the amount in minor units, never negative
   * @param currency the currency
   * @return the money value
   */
  public static Money ofMinor(long minorUnits, Currency currency) {
    Objects.requireNonNull(currency, "currency is null");
    return new Money(
        BigDecimal.valueOf(minorUnits, Math.max(0, currency.getDefaultFractionDigits())), currency);
  }

  /**
   * Returns zero in the given currency.
   *
   * @param currency the currency
   * @return zero
   */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /**
   * Looks up a currency by ISO 4217 code with a message that names the code.
   *
   * @param code the code, such as {@code "EUR"}
   * @return the currency
   * @throws IllegalArgumentException if the code is not a known currency
   */
  public static Currency currency(String code) {
    Objects.requireNonNull(code, "currency code is null");
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown currency code: '" + code + "'", e);
    }
  }

  private static BigDecimal parse(String amount) {
    try {
      return new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("amount is not a number: '" + amount + "'", e);
    }
  }

  /** {@return whether the amount is zero} */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /**
   * Adds two amounts of the same currency.
   *
   * @param other the amount to add
   * @return the sum
   * @throws IllegalArgumentException if the currencies differ
   */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /**
   * Multiplies by a probability or weight, rounding half-even to the currency's scale.
   *
   * @param factor a finite, non-negative factor
   * @return the product
   * @throws IllegalArgumentException if {@code factor} is NaN, infinite or negative
   */
  public Money times(double factor) {
    if (!Double.isFinite(factor) || factor < 0) {
      throw new IllegalArgumentException("factor must be finite and non-negative: " + factor);
    }
    BigDecimal product = amount.multiply(BigDecimal.valueOf(factor));
    return new Money(
        product.setScale(Math.max(amount.scale(), Math.max(0, currency.getDefaultFractionDigits())),
            RoundingMode.HALF_EVEN),
        currency);
  }

  /**
   * Checks that another amount has the same currency.
   *
   * @param other the other amount
   * @throws IllegalArgumentException naming both currencies if they differ
   */
  public void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("currency mismatch: " + this + " and " + other
          + "; convert explicitly before combining");
    }
  }

  /**
   * Compares amounts of the same currency.
   *
   * @throws IllegalArgumentException if the currencies differ
   */
  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  /** {@return the amount and currency code, such as {@code "1250.50 EUR"}} */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}

package dev.pipelinesdk.core;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A signed difference of money in one currency, such as the change of a pipeline's value between
 * two dates: {@code +1200.00 EUR}, {@code -5.00 EUR}.
 *
 * <p>The same rules as {@link Money} apply, except for the sign: at most {@value
 * Money#MAX_INTEGER_DIGITS} integer and {@value Money#MAX_FRACTION_DIGITS} fraction digits, the
 * currency's scale (more decimals than the currency has are refused), and currencies never mix.
 * Equality is by value at that scale, so {@code MoneyDelta.of("5", "EUR")} equals {@code
 * MoneyDelta.of("5.00", "EUR")}. Immutable and thread-safe.
 *
 * @param amount the signed amount, at the currency's scale
 * @param currency the ISO 4217 currency
 */
public record MoneyDelta(BigDecimal amount, Currency currency) {

  /**
   * Checks and normalises a difference.
   *
   * @param amount the signed amount, at the currency's scale
   * @param currency the ISO 4217 currency
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming the amount if it is too large or has more decimals
   *     than the currency
   */
  public MoneyDelta {
    Objects.requireNonNull(amount, "amount is null");
    Objects.requireNonNull(currency, "currency is null");
    amount = Money.scaled(amount, currency, null, null);
  }

  /**
   * Returns a difference.
   *
   * @param amount the signed amount
   * @param currency the currency
   * @return the difference
   * @throws IllegalArgumentException naming the amount if it is too large or has more decimals
   *     than the currency
   */
  public static MoneyDelta of(BigDecimal amount, Currency currency) {
    return new MoneyDelta(amount, currency);
  }

  /**
   * Parses a signed difference such as {@code "-5.00"} or {@code "+1200"}.
   *
   * @param amount a signed decimal number, at most {@value Money#MAX_TEXT_LENGTH} characters
   * @param currencyCode an ISO 4217 code such as {@code "EUR"}
   * @return the difference
   * @throws IllegalArgumentException naming the bad value if the amount is not a number, too long,
   *     too large or has more decimals than the currency, or the code is not a known currency
   */
  public static MoneyDelta of(String amount, String currencyCode) {
    Currency currency = Money.currency(currencyCode);
    return new MoneyDelta(Money.scaled(Money.parse(amount), currency, null, amount), currency);
  }

  /**
   * Returns no change in the given currency.
   *
   * @param currency the currency
   * @return zero
   */
  public static MoneyDelta zero(Currency currency) {
    return new MoneyDelta(BigDecimal.ZERO, currency);
  }

  /**
   * Returns {@code to - from}: positive when the amount grew.
   *
   * @param from the amount before
   * @param to the amount after
   * @return the difference
   * @throws IllegalArgumentException naming both if the currencies differ
   */
  public static MoneyDelta between(Money from, Money to) {
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    from.requireSameCurrency(to);
    return new MoneyDelta(to.amount().subtract(from.amount()), to.currency());
  }

  /**
   * Adds another difference of the same currency.
   *
   * @param other the difference to add
   * @return the sum
   * @throws IllegalArgumentException naming both if the currencies differ, or if the sum is too
   *     large
   */
  public MoneyDelta plus(MoneyDelta other) {
    Objects.requireNonNull(other, "other is null");
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("currency mismatch: " + this + " and " + other
          + "; convert explicitly before combining");
    }
    return new MoneyDelta(amount.add(other.amount), currency);
  }

  /** {@return the opposite difference} */
  public MoneyDelta negate() {
    return new MoneyDelta(amount.negate(), currency);
  }

  /** {@return -1, 0 or 1 as the difference is negative, zero or positive} */
  public int signum() {
    return amount.signum();
  }

  /** {@return whether there is no difference} */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /**
   * {@return the signed amount and currency code: {@code "+1200.00 EUR"}, {@code "-5.00 EUR"},
   * {@code "0.00 EUR"}}
   */
  @Override
  public String toString() {
    return (amount.signum() > 0 ? "+" : "") + amount.toPlainString() + " "
        + currency.getCurrencyCode();
  }
}

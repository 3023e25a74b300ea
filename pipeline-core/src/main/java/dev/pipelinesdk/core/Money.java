package dev.pipelinesdk.core;

import dev.pipelinesdk.core.internal.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Currency;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A non-negative amount of money in one currency.
 *
 * <p>Amounts are exact ({@link BigDecimal}) and bounded: at most {@value #MAX_INTEGER_DIGITS}
 * integer digits and {@value #MAX_FRACTION_DIGITS} fraction digits, checked before anything else
 * is done with a number (so {@code Money.of("1e999999999", "EUR")} is refused at once). The scale
 * is the currency's default fraction digits, so {@code Money.of("10", "EUR")} equals {@code
 * Money.of("10.00", "EUR")}; an amount with more decimals than its currency has ({@code 100.5
 * JPY}, {@code 0.001 EUR}) is refused unless it is rounded explicitly with {@link
 * #of(BigDecimal, Currency, RoundingMode)}. A currency without a fraction-digit rule (XXX, XAU:
 * {@link Currency#getDefaultFractionDigits()} is -1) keeps the given scale, trailing zeros
 * stripped.
 *
 * <p>Arithmetic never mixes currencies silently: adding EUR to USD throws. Money is not {@link
 * Comparable} (amounts of different currencies have no order); compare amounts of one currency
 * with {@link #byAmount()}. Signed differences are {@link MoneyDelta}s.
 *
 * @param amount the amount, never negative, at the currency's scale
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) {

  /** The most integer digits an amount may have: {@value}. */
  public static final int MAX_INTEGER_DIGITS = Checks.MAX_INTEGER_DIGITS;

  /** The most fraction digits an amount may have, before rounding: {@value}. */
  public static final int MAX_FRACTION_DIGITS = Checks.MAX_FRACTION_DIGITS;

  /** The longest text {@link #of(String, String)} parses, in characters: {@value}. */
  public static final int MAX_TEXT_LENGTH = 100;

  private static final Comparator<Money> BY_AMOUNT = (a, b) -> {
    if (!a.currency.equals(b.currency)) {
      throw new IllegalArgumentException("cannot compare " + a + " with " + b
          + ": different currencies; convert explicitly before comparing");
    }
    return a.amount.compareTo(b.amount);
  };

  /**
   * Checks and normalises an amount.
   *
   * @param amount the amount, never negative, at the currency's scale
   * @param currency the ISO 4217 currency
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming the amount if it is negative, too large, or has more
   *     decimals than the currency
   */
  public Money {
    Objects.requireNonNull(amount, "amount is null");
    Objects.requireNonNull(currency, "currency is null");
    BigDecimal given = amount;
    amount = scaled(amount, currency, null, null);
    if (amount.signum() < 0) { // given is within the bounds now: its plain string is short
      throw new IllegalArgumentException(
          "amount is negative: " + given.toPlainString() + " " + currency.getCurrencyCode());
    }
  }

  /**
   * Checks an amount's size before anything else is done with it, then brings it to the
   * currency's scale: rounded with {@code rounding} if given, else refused if that would lose a
   * digit. Shared with {@link MoneyDelta}.
   *
   * @param text the text the amount was parsed from, for messages; null if it was not parsed
   */
  static BigDecimal scaled(BigDecimal amount, Currency currency, @Nullable RoundingMode rounding,
      @Nullable String text) {
    int digits = currency.getDefaultFractionDigits();
    if (amount.signum() == 0) { // whatever its exponent: 0E+999999999 is zero
      return digits <= 0 ? BigDecimal.ZERO : BigDecimal.ZERO.setScale(digits);
    }
    String size = Checks.decimalSizeProblem(amount);
    if (size != null) {
      throw new IllegalArgumentException(
          "amount " + shown(amount, text) + " " + currency + " has " + size);
    }
    if (amount.scale() == digits) { // already in the currency's decimals: what the rest gives
      return amount;
    }
    BigDecimal stripped = amount.stripTrailingZeros();
    if (digits < 0) { // no fraction-digit rule: keep the given scale, within the bound
      return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
    }
    if (stripped.scale() > digits) {
      if (rounding == null) {
        throw new IllegalArgumentException("amount " + shown(amount, text) + " has more decimals"
            + " than " + currency + " allows (" + digits + "); round it explicitly with"
            + " Money.of(amount, currency, roundingMode)");
      }
      return stripped.setScale(digits, rounding);
    }
    return stripped.setScale(digits, RoundingMode.UNNECESSARY);
  }

  /** Refuses a negative amount before rounding could make it zero. */
  private static BigDecimal requireNonNegative(BigDecimal amount, Currency currency,
      @Nullable String text) {
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(
          "amount is negative: " + shown(amount, text) + " " + currency.getCurrencyCode());
    }
    return amount;
  }

  /** The amount as the caller wrote it, or in a short form that is cheap for any size. */
  private static String shown(BigDecimal amount, @Nullable String text) {
    if (text != null) {
      return "'" + text + "'";
    }
    return amount.precision() <= 60 ? amount.toString()
        : "of " + amount.precision() + " digits at scale " + amount.scale();
  }

  /**
   * Returns an amount.
   *
   * @param amount the amount, never negative, with at most as many decimals as the currency has
   * @param currency the currency
   * @return the money value
   * @throws IllegalArgumentException naming the amount if it is negative, has more than {@value
   *     #MAX_INTEGER_DIGITS} integer or {@value #MAX_FRACTION_DIGITS} fraction digits, or more
   *     decimals than the currency
   */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /**
   * Returns an amount rounded to the currency's scale: {@code Money.of(new BigDecimal("0.125"),
   * EUR, RoundingMode.HALF_EVEN)} is {@code 0.12 EUR}. A currency without a fraction-digit rule
   * (XXX, XAU) keeps the given scale.
   *
   * @param amount the amount, never negative (after rounding)
   * @param currency the currency
   * @param rounding how to drop the decimals the currency does not have
   * @return the money value
   * @throws IllegalArgumentException naming the amount if it is negative or has more than {@value
   *     #MAX_INTEGER_DIGITS} integer or {@value #MAX_FRACTION_DIGITS} fraction digits
   */
  public static Money of(BigDecimal amount, Currency currency, RoundingMode rounding) {
    Objects.requireNonNull(amount, "amount is null");
    Objects.requireNonNull(currency, "currency is null");
    Objects.requireNonNull(rounding, "rounding mode is null");
    return new Money(scaled(requireNonNegative(amount, currency, null), currency, rounding, null),
        currency);
  }

  /**
   * Parses an amount such as {@code "1250.50"} in the currency with the given ISO 4217 code.
   *
   * @param amount a decimal number, never negative, at most {@value #MAX_TEXT_LENGTH} characters
   * @param currencyCode an ISO 4217 code such as {@code "EUR"}
   * @return the money value
   * @throws IllegalArgumentException if the amount is not a number, too long, too large, negative
   *     or has more decimals than the currency, or the code is not a known currency; the message
   *     names the bad value
   */
  public static Money of(String amount, String currencyCode) {
    Currency currency = currency(currencyCode);
    BigDecimal parsed = parse(amount);
    scaled(parsed, currency, null, amount); // the size and decimals checks, naming the text
    return new Money(parsed, currency);
  }

  /**
   * Parses an amount and rounds it to the currency's scale (see {@link #of(BigDecimal, Currency,
   * RoundingMode)}).
   *
   * @param amount a decimal number, never negative, at most {@value #MAX_TEXT_LENGTH} characters
   * @param currencyCode an ISO 4217 code such as {@code "EUR"}
   * @param rounding how to drop the decimals the currency does not have
   * @return the money value
   * @throws IllegalArgumentException naming the bad value, as {@link #of(String, String)}, except
   *     that extra decimals are rounded
   */
  public static Money of(String amount, String currencyCode, RoundingMode rounding) {
    Objects.requireNonNull(rounding, "rounding mode is null");
    Currency currency = currency(currencyCode);
    BigDecimal parsed = requireNonNegative(parse(amount), currency, amount);
    return new Money(scaled(parsed, currency, rounding, amount), currency);
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

  /**
   * Parses a decimal number of bounded length; shared with {@link MoneyDelta}.
   *
   * @throws IllegalArgumentException naming the text if it is too long or not a number
   */
  static BigDecimal parse(String amount) {
    Objects.requireNonNull(amount, "amount is null");
    if (amount.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException("amount is longer than " + MAX_TEXT_LENGTH
          + " characters (" + amount.length() + "): '" + amount.substring(0, 20) + "...'");
    }
    try {
      return new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("amount is not a number: '" + amount + "'", e);
    }
  }

  /**
   * Orders amounts of one currency by size. It refuses to compare amounts of different
   * currencies: {@code compare} throws {@link IllegalArgumentException} naming both.
   *
   * @return the comparator
   */
  public static Comparator<Money> byAmount() {
    return BY_AMOUNT;
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
   * @throws IllegalArgumentException if the currencies differ or the sum is too large
   */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /**
   * Multiplies by a probability or weight, rounding half-even to the currency's scale (for a
   * currency without a fraction-digit rule, to at most {@value #MAX_FRACTION_DIGITS} decimals).
   *
   * @param factor a finite, non-negative factor
   * @return the product
   * @throws IllegalArgumentException if {@code factor} is NaN, infinite or negative, or the
   *     product is too large
   */
  public Money times(double factor) {
    if (!Double.isFinite(factor) || factor < 0) {
      throw new IllegalArgumentException("factor must be finite and non-negative: " + factor);
    }
    return of(product(amount, factor), currency, RoundingMode.HALF_EVEN);
  }

  /**
   * The exact product of an amount and a factor, rounded half-even to at most {@value
   * #MAX_FRACTION_DIGITS} decimals: a double such as 0.12345678901234567 has 17 decimals, so the
   * exact product of a cent amount would have more than an amount may have.
   *
   * @param amount an amount within the bounds of {@link Money}
   * @param factor a finite factor
   * @return the product
   */
  private static BigDecimal product(BigDecimal amount, double factor) {
    BigDecimal product = amount.multiply(BigDecimal.valueOf(factor));
    return product.scale() > MAX_FRACTION_DIGITS
        ? product.setScale(MAX_FRACTION_DIGITS, RoundingMode.HALF_EVEN) : product;
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

  /** {@return the amount and currency code, such as {@code "1250.50 EUR"}} */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}

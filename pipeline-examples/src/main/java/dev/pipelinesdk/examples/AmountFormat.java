package dev.pipelinesdk.examples;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the {@code amount} column of an export is written: a plain decimal number ({@code
 * 1234.50}, the default), or a locale's way ({@code en-US}: {@code $1,234.50}, {@code 1,234};
 * {@code de-DE}: {@code 1.234,50 €}), with that locale's grouping and decimal separators, an
 * optional currency symbol or ISO code before or after the number, and groups of exactly three
 * digits when grouped. A symbol is never taken as the currency: it must agree with the deal's
 * currency ({@link #agrees}), which comes from the {@code currency} column or the default.
 */
public final class AmountFormat {
  private static final Pattern PLAIN = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  private final @Nullable Locale locale;
  private final @Nullable Pattern number;
  private final @Nullable Pattern withSymbol;

  private AmountFormat(@Nullable Locale locale) {
    this.locale = locale;
    if (locale == null) {
      number = null;
      withSymbol = null;
      return;
    }
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
    String group = Pattern.quote(String.valueOf(symbols.getGroupingSeparator()));
    if (Character.isSpaceChar(symbols.getGroupingSeparator())) {
      group = "[ \\u00a0\\u202f]"; // a space in any of its forms
    }
    String decimal = Pattern.quote(String.valueOf(symbols.getDecimalSeparator()));
    number = Pattern.compile("(?:[0-9]{1,3}(?:" + group + "[0-9]{3})+|[0-9]+)(?:" + decimal
        + "([0-9]+))?");
    withSymbol = Pattern.compile("(?<pre>[^0-9\\s\\-]{1,4})?[ \\u00a0]?(?<sign>-)?"
        + "(?<num>[0-9][^\\s]*?)[ \\u00a0]?(?<post>[^0-9\\s\\-]{1,4})?");
  }

  /** {@return plain decimal numbers: ASCII digits and an optional fraction after a point} */
  public static AmountFormat plain() {
    return new AmountFormat(null);
  }

  /**
   * A locale's way of writing amounts.
   *
   * @param locale the locale, such as {@code Locale.forLanguageTag("de-DE")}
   * @return the format
   */
  public static AmountFormat of(Locale locale) {
    return new AmountFormat(Objects.requireNonNull(locale, "locale is null"));
  }

  /** {@return the locale, or empty for plain numbers} */
  public Optional<Locale> locale() {
    return Optional.ofNullable(locale);
  }

  /**
   * An amount read.
   *
   * @param value the number
   * @param symbol the currency symbol or code written with it, if any
   */
  public record Parsed(BigDecimal value, Optional<String> symbol) {}

  /**
   * Reads an amount.
   *
   * @param text the value, trimmed, not empty
   * @return the amount, or null if it is not written this way; a negative number is read (and
   *     refused by the caller, who can say so)
   */
  public @Nullable Parsed parse(String text) {
    boolean negative = text.startsWith("-");
    String t = negative ? text.substring(1) : text;
    if (locale == null) {
      return PLAIN.matcher(t).matches() ? new Parsed(signed(new BigDecimal(t), negative),
          Optional.empty()) : null;
    }
    Matcher m = withSymbol.matcher(t);
    if (!m.matches()) {
      return null;
    }
    String pre = m.group("pre");
    String post = m.group("post");
    if (pre != null && post != null || m.group("sign") != null && negative) {
      return null;
    }
    negative |= m.group("sign") != null;
    Matcher n = number.matcher(m.group("num"));
    if (!n.matches()) {
      return null;
    }
    String digits = m.group("num");
    String fraction = n.group(1);
    String whole = fraction == null ? digits
        : digits.substring(0, digits.length() - fraction.length() - 1);
    whole = whole.replaceAll("[^0-9]", "");
    BigDecimal value = new BigDecimal(fraction == null ? whole : whole + "." + fraction);
    return new Parsed(signed(value, negative), Optional.ofNullable(pre != null ? pre : post));
  }

  private static BigDecimal signed(BigDecimal v, boolean negative) {
    return negative ? v.negate() : v;
  }

  /**
   * Whether a symbol written with an amount agrees with a currency: its ISO code, or its symbol
   * in this format's locale or in the currency's own.
   *
   * @param symbol the symbol
   * @param currency the currency
   * @return whether it does
   */
  public boolean agrees(String symbol, Currency currency) {
    return symbol.equalsIgnoreCase(currency.getCurrencyCode())
        || locale != null && symbol.equals(currency.getSymbol(locale))
        || symbol.equals(currency.getSymbol(Locale.ROOT));
  }

  /** {@return how amounts are written, in words, for messages} */
  public String describe() {
    if (locale == null) {
      return "digits 0-9 with an optional fraction after a point, such as 1250.50; no sign,"
          + " exponent or thousands separator; --amount-format LOCALE reads others";
    }
    DecimalFormatSymbols s = DecimalFormatSymbols.getInstance(locale);
    return "an amount as " + locale.toLanguageTag() + " writes it, such as 1" + (Character
        .isSpaceChar(s.getGroupingSeparator()) ? " " : String.valueOf(s.getGroupingSeparator()))
        + "250" + s.getDecimalSeparator() + "50, with an optional currency symbol";
  }
}

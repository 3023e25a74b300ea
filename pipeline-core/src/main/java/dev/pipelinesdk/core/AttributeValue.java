package dev.pipelinesdk.core;

import dev.pipelinesdk.core.internal.Checks;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A typed attribute value on a deal: text, number, flag or date. Create with the {@code of}
 * factories, read with pattern matching or the {@code as...} helpers of the variants.
 */
public sealed interface AttributeValue {

  /**
   * A text value.
   *
   * @param value the text, not null (may be empty)
   */
  record Text(String value) implements AttributeValue {
    /**
     * Checks the value.
     *
     * @param value the text, not null (may be empty)
     * @throws NullPointerException if {@code value} is null
     */
    public Text {
      Objects.requireNonNull(value, "text value is null");
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /**
   * An exact number of at most 30 integer and 18 fraction digits (the bound of {@link Money}), so
   * its plain text, and a deal's {@code toString()}, stay short. Equality ignores trailing zeros
   * ({@code 50} equals {@code 50.0}).
   *
   * @param value the number
   */
  record Number(BigDecimal value) implements AttributeValue {
    /**
     * Checks the size of the number before anything else is done with it.
     *
     * @param value the number
     * @throws IllegalArgumentException naming the number if it has more than 30 integer or 18
     *     fraction digits (such as {@code 1E+999999999})
     * @throws NullPointerException if {@code value} is null
     */
    public Number {
      Objects.requireNonNull(value, "number value is null");
      String size = Checks.decimalSizeProblem(value);
      if (size != null) {
        throw new IllegalArgumentException("number attribute " + (value.precision() <= 60
            ? value.toString() : "of " + value.precision() + " digits at scale " + value.scale())
            + " has " + size);
      }
      value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    @Override
    public String toString() {
      return value.toPlainString();
    }
  }

  /**
   * A yes/no value.
   *
   * @param value the flag
   */
  record Flag(boolean value) implements AttributeValue {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /**
   * A calendar date.
   *
   * @param value the date
   */
  record Date(LocalDate value) implements AttributeValue {
    /**
     * Checks the value.
     *
     * @param value the date
     * @throws NullPointerException if {@code value} is null
     */
    public Date {
      Objects.requireNonNull(value, "date value is null");
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  /**
   * Types a value written as text, the way the command line and the Spark reader type attribute
   * columns: digits with an optional sign and decimal part ({@code -12}, {@code 48000.50}) are a
   * number, {@code true} or {@code false} (any case) a flag, an ISO date ({@code 2026-05-04}) a
   * date, anything else text.
   *
   * @param text the text, already stripped of surrounding whitespace
   * @return the value
   * @throws IllegalArgumentException if a number has more than 30 integer or 18 fraction digits
   * @throws NullPointerException if {@code text} is null
   */
  static AttributeValue parse(String text) {
    if (Parsing.NUMBER.matcher(text).matches()) {
      return new Number(new BigDecimal(text));
    }
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return new Flag(Boolean.parseBoolean(text));
    }
    if (text.length() == 10) {
      try {
        return new Date(java.time.LocalDate.parse(text));
      } catch (java.time.format.DateTimeParseException e) {
        // text, then
      }
    }
    return new Text(text);
  }

  /**
   * A text value.
   *
   * @param text the text
   * @return the value
   */
  static AttributeValue of(String text) {
    return new Text(text);
  }

  /**
   * A number value.
   *
   * @param number the number
   * @return the value
   * @throws IllegalArgumentException if {@code number} has more than 30 integer or 18 fraction
   *     digits
   */
  static AttributeValue of(BigDecimal number) {
    return new Number(number);
  }

  /**
   * A number value.
   *
   * @param number the number
   * @return the value
   */
  static AttributeValue of(long number) {
    return new Number(BigDecimal.valueOf(number));
  }

  /**
   * A number value.
   *
   * @param number a finite number
   * @return the value
   * @throws IllegalArgumentException if {@code number} is NaN or infinite, or has more than 30
   *     integer or 18 fraction digits (such as {@code 1e300})
   */
  static AttributeValue of(double number) {
    if (!Double.isFinite(number)) {
      throw new IllegalArgumentException("number attribute must be finite, not " + number);
    }
    return new Number(BigDecimal.valueOf(number));
  }

  /**
   * A flag value.
   *
   * @param flag the flag
   * @return the value
   */
  static AttributeValue of(boolean flag) {
    return new Flag(flag);
  }

  /**
   * A date value.
   *
   * @param date the date
   * @return the value
   */
  static AttributeValue of(LocalDate date) {
    return new Date(date);
  }
}

/** What {@link AttributeValue#parse} recognises. */
final class Parsing {
  private Parsing() {}

  static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
      "-?[0-9]+(\\.[0-9]+)?");
}

package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Numbers, amounts and instants formatted for people, the same on every machine: fixed
 * symbols (comma for thousands, point for decimals), never the machine's locale.
 */
public final class Figures {
  private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(
      Locale.ROOT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(
      "uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  private Figures() {}

  private static DecimalFormat format(String pattern) {
    DecimalFormat f = new DecimalFormat(pattern, SYMBOLS); // not thread-safe: one per use
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    return f;
  }

  /**
   * {@return a count with thousands separators, {@code 1,234}}
   *
   * @param n the count
   */
  public static String count(long n) {
    return format("#,##0").format(n);
  }

  /**
   * {@return an amount in whole units with thousands separators, {@code 1,223,000}}
   *
   * @param a the amount
   */
  public static String amount(BigDecimal a) {
    return format("#,##0").format(a.setScale(0, RoundingMode.HALF_EVEN));
  }

  /**
   * {@return an amount with its currency, {@code EUR 1,223,000}}
   *
   * @param m the amount
   */
  public static String money(Money m) {
    return m.currency().getCurrencyCode() + " " + amount(m.amount());
  }

  /**
   * {@return a share as a percentage to one place, {@code 40.0%}}
   *
   * @param share the share, 1 for all
   */
  public static String percent(double share) {
    return format("#,##0.0").format(100 * share) + "%";
  }

  /**
   * {@return a duration in days to one place, {@code 12.5}}
   *
   * @param d the duration
   */
  public static String days(Duration d) {
    return days(exactDays(d));
  }

  /**
   * {@return a duration in days, exact}
   *
   * @param d the duration
   */
  public static BigDecimal exactDays(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
        .divide(BigDecimal.valueOf(86_400), 12, RoundingMode.HALF_EVEN);
  }

  /**
   * {@return days to one place, {@code 1,234.5}}
   *
   * @param d the days
   */
  public static String days(BigDecimal d) {
    return format("#,##0.0").format(d.setScale(1, RoundingMode.HALF_EVEN));
  }

  /**
   * {@return "n noun" or "n nouns", the count with thousands separators}
   *
   * @param n the count
   * @param noun the noun, singular
   */
  public static String count(long n, String noun) {
    return count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * An instant that ends a period, as people say it: midnight UTC is the end of the day
   * before ({@code 2026-06-30 (end of day, UTC)}), any other instant is given to the second
   * ({@code 2026-07-01 14:05:00 UTC}).
   *
   * @param end the instant
   * @return the text
   */
  public static String end(Instant end) {
    ZonedDateTime t = end.atZone(ZoneOffset.UTC);
    return t.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? DAY.format(t.minusDays(1)) + " (end of day, UTC)" : TIME.format(t) + " UTC";
  }

  /**
   * An instant that starts a period: midnight UTC is that day ({@code 2026-06-01 (start of
   * day, UTC)}), any other instant is given to the second.
   *
   * @param start the instant
   * @return the text
   */
  public static String start(Instant start) {
    ZonedDateTime t = start.atZone(ZoneOffset.UTC);
    return t.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? DAY.format(t) + " (start of day, UTC)" : TIME.format(t) + " UTC";
  }

  /** A cell for people; "-" for none. */
  static String cell(Table.Kind kind, Object value) {
    Object v = unwrap(value);
    if (v == null) {
      return "-";
    }
    switch (kind) {
      case COUNT:
        return v instanceof Number ? count(((Number) v).longValue()) : v.toString();
      case MONEY:
        return v instanceof Money ? amount(((Money) v).amount())
            : v instanceof BigDecimal ? amount((BigDecimal) v) : v.toString();
      case PERCENT:
        return v instanceof Double ? percent((Double) v) : v.toString();
      case DAYS:
        return v instanceof Duration ? days((Duration) v)
            : v instanceof BigDecimal ? days((BigDecimal) v) : v.toString();
      default:
        return v.toString();
    }
  }

  /** A cell for machines; empty for none. */
  static String raw(Table.Kind kind, Object value) {
    Object v = unwrap(value);
    if (v == null) {
      return "";
    }
    if (v instanceof Money) {
      return ((Money) v).amount().toPlainString();
    }
    if (v instanceof BigDecimal) {
      return kind == Table.Kind.DAYS ? ((BigDecimal) v).setScale(2, RoundingMode.HALF_EVEN)
          .toPlainString() : ((BigDecimal) v).toPlainString();
    }
    if (v instanceof Double) {
      return BigDecimal.valueOf((Double) v).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }
    if (v instanceof Duration) {
      return exactDays((Duration) v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
    return v.toString();
  }

  private static Object unwrap(Object value) {
    if (value instanceof Optional) {
      return ((Optional<?>) value).orElse(null);
    }
    if (value instanceof OptionalDouble) {
      OptionalDouble d = (OptionalDouble) value;
      return d.isPresent() ? (Object) d.getAsDouble() : null;
    }
    return value;
  }
}

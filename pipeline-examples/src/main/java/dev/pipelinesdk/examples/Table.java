package dev.pipelinesdk.examples;

import com.google.common.html.HtmlEscapers;
import dev.pipelinesdk.core.Money;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One table of the report, kept as raw values and rendered three ways: aligned plain text and
 * HTML formatted for people ({@link Figures}), and CSV with raw, machine-readable numbers.
 *
 * <p>Cells are {@code String}, {@code Long}/{@code Integer} (counts), {@code BigDecimal} or
 * {@link Money} (amounts, in the column's currency), {@code Double}/{@code OptionalDouble}
 * (shares in [0, 1]), {@link Duration} or {@code BigDecimal} days (durations), or an empty
 * {@code Optional}/{@code OptionalDouble} for "none" ({@code -} in text and HTML, an empty field
 * in CSV); an {@code Optional} holding a value renders as that value.
 */
final class Table {
  /** How a column's values are shown. */
  enum Kind {
    /** Text as is. */
    TEXT,
    /** A count: {@code 1,234}; raw in CSV. */
    COUNT,
    /** An amount in whole units: {@code 1,223,000}; CSV keeps the exact decimal. */
    MONEY,
    /** A share: {@code 40.0%}; CSV has the fraction to four places, {@code 0.4000}. */
    PERCENT,
    /** Days to one place: {@code 1,234.5}; CSV has days to two places, {@code 1234.50}. */
    DAYS
  }

  /**
   * A column.
   *
   * @param label the header shown to people
   * @param csv the CSV header (lower case, underscores)
   * @param kind how values are shown
   */
  record Column(String label, String csv, Kind kind) {}

  private final String name;
  private final List<Column> columns;
  private final List<List<Object>> rows = new ArrayList<>();

  /**
   * Starts a table.
   *
   * @param name the CSV file's base name, such as {@code funnel}
   * @param columns the columns
   */
  Table(String name, List<Column> columns) {
    this.name = name;
    this.columns = List.copyOf(columns);
  }

  static Column text(String label, String csv) {
    return new Column(label, csv, Kind.TEXT);
  }

  static Column count(String label, String csv) {
    return new Column(label, csv, Kind.COUNT);
  }

  static Column money(String label, String csv) {
    return new Column(label, csv, Kind.MONEY);
  }

  static Column percent(String label, String csv) {
    return new Column(label, csv, Kind.PERCENT);
  }

  static Column days(String label, String csv) {
    return new Column(label, csv, Kind.DAYS);
  }

  /** {@return the CSV file's base name} */
  String name() {
    return name;
  }

  /** {@return whether the table has no rows} */
  boolean isEmpty() {
    return rows.isEmpty();
  }

  /**
   * Adds a row.
   *
   * @param cells one per column
   * @return this table
   * @throws IllegalArgumentException if the count differs from the columns'
   */
  Table row(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(name + ": " + cells.length + " cells for "
          + columns.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  /** {@return the table as aligned text: first column left, the rest right, a rule under the header} */
  String text() {
    List<String[]> lines = new ArrayList<>();
    lines.add(columns.stream().map(Column::label).toArray(String[]::new));
    for (List<Object> r : rows) {
      String[] cells = new String[r.size()];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = Figures.cell(columns.get(i).kind(), r.get(i));
      }
      lines.add(cells);
    }
    int[] width = new int[columns.size()];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int n = 0; n < lines.size(); n++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        String c = lines.get(n)[i];
        String pad = " ".repeat(width[i] - c.length());
        line.append(i == 0 ? "" : "  ").append(i == 0 ? c + pad : pad + c);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
      if (n == 0) {
        sb.append("-".repeat(line.length())).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * Appends the table as HTML.
   *
   * @param h the page
   */
  void html(StringBuilder h) {
    h.append("<table>\n<tr>");
    columns.forEach(c -> h.append("<th>").append(esc(c.label())).append("</th>"));
    h.append("</tr>\n");
    for (List<Object> r : rows) {
      h.append("<tr>");
      for (int i = 0; i < r.size(); i++) {
        h.append("<td>").append(esc(Figures.cell(columns.get(i).kind(), r.get(i))))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  /**
   * Writes the table as {@code DIR/NAME.csv}: a header row, then raw values.
   *
   * @param dir the directory
   * @return the file written
   * @throws IOException if it cannot be written
   */
  Path csv(Path dir) throws IOException {
    Path file = dir.resolve(name + ".csv");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n")
            .setHeader(columns.stream().map(Column::csv).toArray(String[]::new)).get())) {
      for (List<Object> r : rows) {
        List<String> cells = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
          cells.add(Figures.raw(columns.get(i).kind(), r.get(i)));
        }
        p.printRecord(cells);
      }
    }
    return file;
  }

  private static String esc(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }

  /**
   * Numbers, amounts and instants formatted for people, the same on every machine: fixed
   * symbols (comma for thousands, point for decimals), never the machine's locale.
   */
  static final class Figures {
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

    /** {@return a count with thousands separators, {@code 1,234}} */
    static String count(long n) {
      return format("#,##0").format(n);
    }

    /** {@return an amount in whole units with thousands separators, {@code 1,223,000}} */
    static String amount(BigDecimal a) {
      return format("#,##0").format(a.setScale(0, RoundingMode.HALF_EVEN));
    }

    /** {@return an amount with its currency, {@code EUR 1,223,000}} */
    static String money(Money m) {
      return m.currency().getCurrencyCode() + " " + amount(m.amount());
    }

    /** {@return a share as a percentage to one place, {@code 40.0%}} */
    static String percent(double share) {
      return format("#,##0.0").format(100 * share) + "%";
    }

    /** {@return a duration in days to one place, {@code 12.5}} */
    static String days(Duration d) {
      return days(exactDays(d));
    }

    /** {@return a duration in days, exact} */
    static BigDecimal exactDays(Duration d) {
      return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
          .divide(BigDecimal.valueOf(86_400), 12, RoundingMode.HALF_EVEN);
    }

    /** {@return days to one place, {@code 1,234.5}} */
    static String days(BigDecimal d) {
      return format("#,##0.0").format(d.setScale(1, RoundingMode.HALF_EVEN));
    }

    /** {@return "n noun" or "n nouns", the count with thousands separators} */
    static String count(long n, String noun) {
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
    static String end(Instant end) {
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
    static String start(Instant start) {
      ZonedDateTime t = start.atZone(ZoneOffset.UTC);
      return t.toLocalTime().equals(LocalTime.MIDNIGHT)
          ? DAY.format(t) + " (start of day, UTC)" : TIME.format(t) + " UTC";
    }

    /** A cell for people; "-" for none. */
    static String cell(Kind kind, Object value) {
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
    static String raw(Kind kind, Object value) {
      Object v = unwrap(value);
      if (v == null) {
        return "";
      }
      if (v instanceof Money) {
        return ((Money) v).amount().toPlainString();
      }
      if (v instanceof BigDecimal) {
        return kind == Kind.DAYS ? ((BigDecimal) v).setScale(2, RoundingMode.HALF_EVEN)
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
}

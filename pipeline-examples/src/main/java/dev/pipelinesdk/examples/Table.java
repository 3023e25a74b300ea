package dev.pipelinesdk.examples;

import com.google.common.html.HtmlEscapers;
import dev.pipelinesdk.core.Money;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/** Renders rows as a plain-text table with aligned columns: the first left, the rest right. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final String title;

  TextTable(String title, String... header) {
    this.title = title;
    rows.add(header);
  }

  TextTable row(Object... cells) {
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      r[i] = String.valueOf(cells[i]);
    }
    rows.add(r);
    return this;
  }

  String render() {
    int cols = 0;
    for (String[] r : rows) {
      cols = Math.max(cols, r.length);
    }
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    if (!title.isEmpty()) {
      sb.append(title).append('\n');
    }
    for (int n = 0; n < rows.size(); n++) {
      String[] r = rows.get(n);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        if (i > 0) {
          line.append("  ");
        }
        String pad = " ".repeat(width[i] - r[i].length());
        line.append(i == 0 ? r[i] + pad : pad + r[i]);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
      if (n == 0) {
        int total = 0;
        for (int w : width) {
          total += w;
        }
        sb.append("-".repeat(total + 2 * (cols - 1))).append('\n');
      }
    }
    return sb.toString();
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  static String percent(OptionalDouble ratio) {
    return ratio.isPresent() ? percent(ratio.getAsDouble()) : "-";
  }

  /** A duration in days to one decimal, half-even, exact. */
  static String days(Duration d) {
    BigDecimal nanos = BigDecimal.valueOf(d.getSeconds()).multiply(BigDecimal.valueOf(1_000_000_000L))
        .add(BigDecimal.valueOf(d.getNano()));
    return nanos.divide(BigDecimal.valueOf(86_400_000_000_000L), 1, RoundingMode.HALF_EVEN)
        .toPlainString() + "d";
  }

  static String days(Optional<Duration> d) {
    return d.map(TextTable::days).orElse("-");
  }

  static String money(Optional<Money> m) {
    return m.map(x -> x.amount().toPlainString()).orElse("-");
  }

  /**
   * A report's row for a stage.
   *
   * @param rows the report's rows
   * @param id how a row names its stage
   * @param pipeline the report's pipeline, for the message
   * @param stage the stage wanted
   * @return the row
   * @throws IllegalArgumentException if no row is for that stage
   */
  static <R> R row(List<R> rows, Function<R, StageId> id, String pipeline, StageId stage) {
    for (R r : rows) {
      if (id.apply(r).equals(stage)) {
        return r;
      }
    }
    throw new IllegalArgumentException("pipeline '" + pipeline + "' has no stage '" + stage
        + "'");
  }

}

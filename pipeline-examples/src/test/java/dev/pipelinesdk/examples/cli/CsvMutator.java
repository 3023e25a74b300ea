package dev.pipelinesdk.examples.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Mutants of a well-formed stage-history CSV for {@link CliFuzzTest}: byte-level mutations
 * (flip, insert, delete, duplicate bytes; a byte-order mark; invalid UTF-8; a truncated file)
 * and structure-aware ones that know the header and the columns (bad amounts, dates, ids,
 * header names, currencies, stage names, quotes, ragged and reordered rows, long lines).
 *
 * <p>Deterministic: a mutant is a function of the base text and the random it is given. The
 * base must be a plain CSV (no quoted values), one record a line, the header first; the
 * structure-aware mutations split lines on commas. A mutant is at most {@link #MAX_BYTES}
 * long.
 */
final class CsvMutator {
  /** The largest mutant: a megabyte. */
  static final int MAX_BYTES = 1 << 20;

  private static final String MEGABYTE_OF_DIGITS_NAME = "a megabyte of digits";

  /** Amounts: out-of-range exponents, forms the README does not document, non-ASCII digits. */
  static final List<String> AMOUNTS = List.of("1e999999999", "1e99999999", "1e-99999999",
      "1e400", "1E5", "+5", ".5", "5.", "\u0665", "\u0665\u0660\u0660", "\uff15",
      "\uff15\uff10\uff10", MEGABYTE_OF_DIGITS_NAME, "-5", "-0", "0", "1.23456",
      "0.0000000000000000000001", "123456789012345678901234567890123", "1,5", "5 000", "NaN",
      "Infinity", "0x10", "1_000", "\u00a05", "5\u2003", "--5", "");

  /** Values of {@code at}: far from the rest, invalid days, date-times with and without offset. */
  static final List<String> DATES = List.of("0000-01-01", "1700-01-01", "+99999-01-01",
      "-999999999-01-01", "+999999999-12-31", "9999-12-31", "1970-01-01", "2024-02-30",
      "2023-02-29", "2024-02-29", "2024-13-01", "2024-00-10", "2026-03-01T10:00:00",
      "2026-03-01T10:00:00Z", "2026-03-01T10:00:00+01:00", "2026-03-01T10:00:00+0100",
      "2026-03-01T10:00:00-18:00", "2026-03-01T23:59:59.999999999+18:00", "2026-03-01T10:00Z",
      "2026-03-01 10:00:00Z", "2026-03-01T10:00:00+01:00[Europe/Paris]", "20260301",
      "+10000-01-01T00:00:00Z", "2026-3-1", "2026-03-01T25:00:00Z",
      "\u0662\u0660\u0662\u0666-03-01", "");

  /** Ids and header names the engine must refuse with file and line, not an exception. */
  static final List<String> BAD_NAMES = List.of("LONG201", "LONG300", "LONG10000", "a\u0001b",
      "a\u0007", "\u001b[31mred", "a\u007fb", "a\tb", "x\u2003", "x\u0085", "x\u00a0",
      "\u2003x", "\u0085x", "\u00a0x", "x\u2028y", "\ufeffx", "", " ");

  /** Currency codes: unknown, lower case, symbols, the no-currency code. */
  static final List<String> CURRENCIES = List.of("XYZ", "usd", "EURO", "\u20ac", "XXX", "EU",
      "12", "USD", "GBP", "JPY");

  /** Invalid UTF-8 sequences. */
  private static final byte[][] INVALID_UTF8 = {{(byte) 0xff}, {(byte) 0xfe}, {(byte) 0xc3},
      {(byte) 0xe2, (byte) 0x82}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0,
      (byte) 0x80}, {(byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
      (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};

  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
  private static final byte[] INTERESTING = {',', '"', '\n', '\r', 0, (byte) 0xff, ' ', '\\',
      '-', '9', (byte) 0x85};

  /** A mutation: a name for the summary, and the change it makes. */
  private interface Mutation {
    /** Applies the mutation, describing what it did; returns null if it does not apply. */
    String apply(Doc doc, SplittableRandom random);
  }

  /**
   * One mutant.
   *
   * @param index its index in the run
   * @param seed the seed of its random
   * @param mutations what was done, in order
   * @param bytes the file
   */
  record Mutant(int index, long seed, List<String> mutations, byte[] bytes) {
    String describe() {
      return "#" + index + " (seed " + seed + ") " + String.join(" then ", mutations);
    }
  }

  private final String base;
  private final List<Named> structural = new ArrayList<>();
  private final List<Named> bytewise = new ArrayList<>();

  private record Named(String name, Mutation mutation) {}

  /**
   * Creates a mutator of a base file.
   *
   * @param base the base CSV: a header and plain rows, one a line, ending with a newline
   */
  CsvMutator(String base) {
    if (!base.endsWith("\n") || base.contains("\"") || base.contains("\r")) {
      throw new IllegalArgumentException("the base must be plain CSV, one record a line");
    }
    this.base = base;
    structural.add(new Named("amount", CsvMutator::amount));
    structural.add(new Named("number attribute", CsvMutator::numberAttribute));
    structural.add(new Named("date", CsvMutator::date));
    structural.add(new Named("currency", CsvMutator::currency));
    structural.add(new Named("stage case", CsvMutator::stageCase));
    structural.add(new Named("deal id", (d, r) -> badValue(d, r, "deal_id", true)));
    structural.add(new Named("owner", (d, r) -> badValue(d, r, "owner", false)));
    structural.add(new Named("header name", CsvMutator::headerName));
    structural.add(new Named("duplicate column", CsvMutator::duplicateColumn));
    structural.add(new Named("empty header", CsvMutator::emptyHeader));
    structural.add(new Named("drop header", CsvMutator::dropHeader));
    structural.add(new Named("ragged row", CsvMutator::ragged));
    structural.add(new Named("unbalanced quote", CsvMutator::unbalancedQuote));
    structural.add(new Named("quoted newline", CsvMutator::quotedNewline));
    structural.add(new Named("swap rows", CsvMutator::swapRows));
    structural.add(new Named("duplicate or delete row", CsvMutator::duplicateOrDeleteRow));
    structural.add(new Named("long line", CsvMutator::longLine));
    structural.add(new Named("line endings", CsvMutator::lineEndings));
    structural.add(new Named("empty value", CsvMutator::emptyValue));
    structural.add(new Named("no rows", CsvMutator::noRows));
    bytewise.add(new Named("flip bit", CsvMutator::flipBit));
    bytewise.add(new Named("insert byte", CsvMutator::insertByte));
    bytewise.add(new Named("delete bytes", CsvMutator::deleteBytes));
    bytewise.add(new Named("interesting byte", CsvMutator::interestingByte));
    bytewise.add(new Named("duplicate bytes", CsvMutator::duplicateBytes));
    bytewise.add(new Named("byte-order mark", CsvMutator::bom));
    bytewise.add(new Named("invalid UTF-8", CsvMutator::invalidUtf8));
    bytewise.add(new Named("truncate mid-line", CsvMutator::truncate));
  }

  /** {@return the names of every mutation, for coverage checks} */
  List<String> mutationNames() {
    List<String> names = new ArrayList<>();
    structural.forEach(n -> names.add(n.name()));
    bytewise.forEach(n -> names.add(n.name()));
    return names;
  }

  /**
   * Makes a mutant: one mutation most of the time, sometimes two or three (structure-aware ones
   * first, then byte-level ones, so both kinds meet).
   *
   * @param index the mutant's index, for its description
   * @param seed the seed of its random: the same seed gives the same mutant
   */
  Mutant mutate(int index, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int roll = random.nextInt(100);
    int count = roll < 75 ? 1 : roll < 95 ? 2 : 3;
    List<Named> chosen = new ArrayList<>();
    int all = structural.size() + bytewise.size();
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(all);
      chosen.add(pick < structural.size() ? structural.get(pick)
          : bytewise.get(pick - structural.size()));
    }
    chosen.sort((a, b) -> Boolean.compare(bytewise.contains(a), bytewise.contains(b)));
    Doc doc = new Doc(base);
    List<String> done = new ArrayList<>();
    for (Named n : chosen) {
      String what = n.mutation().apply(doc, random);
      if (what != null) {
        done.add(n.name() + ": " + what);
      }
    }
    if (done.isEmpty()) { // nothing applied (say, a row mutation on a file without rows)
      done.add("flip bit: " + flipBit(doc, random));
    }
    byte[] bytes = doc.bytes();
    if (bytes.length > MAX_BYTES) {
      throw new IllegalStateException("mutant " + index + " is " + bytes.length + " bytes");
    }
    return new Mutant(index, seed, done, bytes);
  }

  /**
   * The file being mutated: lines (header first) until a byte-level mutation turns it into
   * bytes.
   */
  private static final class Doc {
    List<String> lines;
    String separator = "\n";
    boolean finalNewline = true;
    byte[] bytes;

    Doc(String text) {
      lines = new ArrayList<>(Arrays.asList(text.substring(0, text.length() - 1).split("\n",
          -1)));
    }

    byte[] bytes() {
      if (bytes == null) {
        bytes = (String.join(separator, lines) + (finalNewline ? separator : ""))
            .getBytes(StandardCharsets.UTF_8);
        lines = null;
      }
      return bytes;
    }

    int size() {
      return bytes == null ? lines.stream().mapToInt(l -> l.length() + 1).sum() : bytes.length;
    }

    List<String> header() {
      return lines.isEmpty() ? List.of() : fields(0);
    }

    int column(String name) {
      return header().indexOf(name);
    }

    /** The column's index, appended (empty on every row) if the header does not have it. */
    int columnOrAdd(String name) {
      int c = column(name);
      if (c >= 0 || lines.isEmpty()) {
        return c;
      }
      for (int i = 0; i < lines.size(); i++) {
        lines.set(i, lines.get(i) + (i == 0 ? "," + name : ","));
      }
      return column(name);
    }

    List<String> fields(int line) {
      return new ArrayList<>(Arrays.asList(lines.get(line).split(",", -1)));
    }

    void set(int line, int column, String value) {
      List<String> f = fields(line);
      while (f.size() <= column) {
        f.add("");
      }
      f.set(column, value);
      lines.set(line, String.join(",", f));
    }

    String get(int line, int column) {
      List<String> f = fields(line);
      return column < f.size() ? f.get(column) : "";
    }

    /** A random data row (1-based line index into {@link #lines}), or -1 if none. */
    int row(SplittableRandom random) {
      return lines.size() < 2 ? -1 : 1 + random.nextInt(lines.size() - 1);
    }

    /** The lines (indexes) of the deal of a row. */
    List<Integer> dealRows(int row) {
      String deal = get(row, 0);
      List<Integer> rows = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        if (get(i, 0).equals(deal)) {
          rows.add(i);
        }
      }
      return rows;
    }
  }

  private static <T> T pick(List<T> values, SplittableRandom random) {
    return values.get(random.nextInt(values.size()));
  }

  /** A line number of the file (1-based) for a line index. */
  private static String line(int index) {
    return "line " + (index + 1);
  }

  /** A value for a description: quoted and escaped, long ones abbreviated. */
  static String show(String value) {
    String escaped = escape(value);
    return escaped.length() <= 60 ? "'" + escaped + "'"
        : "'" + escaped.substring(0, 24) + "...' (" + value.length() + " chars)";
  }

  /** Escapes a string for a one-line report: controls, non-ASCII and backslash as escapes. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        b.append("\\\\");
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x20 || c >= 0x7f) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Escapes bytes for a one-line report: printable ASCII as is, anything else as \xNN. */
  static String escape(byte[] bytes, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      int c = bytes[i] & 0xff;
      if (c == '\\') {
        b.append("\\\\");
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c >= 0x20 && c < 0x7f) {
        b.append((char) c);
      } else {
        b.append(String.format(Locale.ROOT, "\\x%02x", c));
      }
    }
    return b.toString();
  }

  /** Expands the placeholders of {@link #AMOUNTS} and {@link #BAD_NAMES}, within the budget. */
  private static String expand(String value, Doc doc) {
    int budget = MAX_BYTES - doc.size() - 4096;
    if (value.equals(MEGABYTE_OF_DIGITS_NAME)) {
      return "9".repeat(Math.max(1, Math.min(1_000_000, budget)));
    }
    if (value.startsWith("LONG")) {
      int n = Integer.parseInt(value.substring(4));
      return "D".repeat(Math.max(1, Math.min(n, budget)));
    }
    return value;
  }

  private static String amount(Doc doc, SplittableRandom random) {
    int c = doc.column("amount");
    int row = doc.row(random);
    if (c < 0 || row < 0) {
      return null;
    }
    String value = expand(pick(AMOUNTS, random), doc);
    doc.set(row, c, value);
    return "amount " + show(value) + " on " + line(row);
  }

  private static String numberAttribute(Doc doc, SplittableRandom random) {
    List<String> header = doc.header();
    List<Integer> attributes = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (!List.of("deal_id", "at", "stage", "amount", "currency", "owner", "source")
          .contains(header.get(i))) {
        attributes.add(i);
      }
    }
    int c = attributes.isEmpty() ? doc.columnOrAdd("score") : pick(attributes, random);
    int row = doc.row(random);
    if (c < 0 || row < 0) {
      return null;
    }
    String value = expand(pick(AMOUNTS, random), doc);
    doc.set(row, c, value);
    return "attribute " + doc.header().get(c) + " " + show(value) + " on " + line(row);
  }

  private static String date(Doc doc, SplittableRandom random) {
    int c = doc.column("at");
    int row = doc.row(random);
    if (c < 0 || row < 0) {
      return null;
    }
    String value = pick(DATES, random);
    doc.set(row, c, value);
    return "at " + show(value) + " on " + line(row);
  }

  private static String currency(Doc doc, SplittableRandom random) {
    int amount = doc.column("amount");
    int row = doc.row(random);
    if (amount < 0 || row < 0) {
      return null;
    }
    int c = doc.columnOrAdd("currency");
    String code = pick(CURRENCIES, random);
    switch (random.nextInt(3)) {
      case 0: { // a currency on a row with an empty amount
        doc.set(row, amount, "");
        doc.set(row, c, code);
        return "currency " + show(code) + " with an empty amount on " + line(row);
      }
      case 1: { // a code on a row with an amount
        doc.set(row, amount, "100");
        doc.set(row, c, code);
        return "amount 100 currency " + show(code) + " on " + line(row);
      }
      default: { // clear the amount of the deal's first row, re-set it later in another currency
        List<Integer> rows = doc.dealRows(row);
        int first = rows.get(0);
        int later = rows.get(rows.size() - 1);
        doc.set(first, amount, "");
        doc.set(first, c, "");
        doc.set(later, amount, "250");
        doc.set(later, c, code);
        return "amount cleared on " + line(first) + ", 250 " + show(code) + " on " + line(later);
      }
    }
  }

  private static String stageCase(Doc doc, SplittableRandom random) {
    int c = doc.column("stage");
    int row = doc.row(random);
    if (c < 0 || row < 0) {
      return null;
    }
    String stage = doc.get(row, c);
    String value;
    switch (random.nextInt(6)) {
      case 0:
        value = stage.toUpperCase(Locale.ROOT);
        break;
      case 1:
        value = stage.isEmpty() ? "X" : Character.toUpperCase(stage.charAt(0)) + stage.substring(1);
        break;
      case 2:
        value = stage + "\u00a0";
        break;
      case 3:
        value = "negotiation";
        break;
      case 4:
        value = stage.replace('i', '\u0130'); // Turkish dotted capital I: case-folds oddly
        break;
      default:
        value = " " + stage + " ";
    }
    doc.set(row, c, value);
    return "stage " + show(value) + " on " + line(row);
  }

  /** A bad id in a column, on one row or on every row of a deal. */
  private static String badValue(Doc doc, SplittableRandom random, String column,
      boolean wholeDeal) {
    int c = doc.column(column);
    int row = doc.row(random);
    if (c < 0 || row < 0) {
      return null;
    }
    String value = expand(pick(BAD_NAMES, random), doc);
    List<Integer> rows = wholeDeal && random.nextBoolean() ? doc.dealRows(row) : List.of(row);
    for (int r : rows) {
      doc.set(r, c, value);
    }
    return column + " " + show(value) + " on " + (rows.size() == 1 ? line(row)
        : rows.size() + " rows from " + line(rows.get(0)));
  }

  private static String headerName(Doc doc, SplittableRandom random) {
    if (doc.lines.isEmpty()) {
      return null;
    }
    List<String> header = doc.header();
    String value = random.nextInt(4) == 0 ? pick(header, random)
        : expand(pick(BAD_NAMES, random), doc);
    int c = random.nextBoolean() ? header.size() - 1 : random.nextInt(header.size());
    String old = header.get(c);
    doc.set(0, c, value);
    return "header name " + show(old) + " renamed " + show(value);
  }

  private static String duplicateColumn(Doc doc, SplittableRandom random) {
    if (doc.lines.isEmpty()) {
      return null;
    }
    List<String> header = doc.header();
    int c = random.nextInt(header.size());
    for (int i = 0; i < doc.lines.size(); i++) {
      doc.lines.set(i, doc.lines.get(i) + "," + doc.get(i, c));
    }
    return "column " + show(header.get(c)) + " appears twice";
  }

  private static String emptyHeader(Doc doc, SplittableRandom random) {
    if (doc.lines.isEmpty()) {
      return null;
    }
    String value;
    switch (random.nextInt(3)) {
      case 0:
        value = "";
        break;
      case 1:
        value = ",".repeat(doc.header().size() - 1);
        break;
      default:
        value = doc.lines.get(0).replaceFirst("[^,]+$", "");
    }
    doc.lines.set(0, value);
    return "header " + show(value);
  }

  private static String dropHeader(Doc doc, SplittableRandom random) {
    if (doc.lines.isEmpty()) {
      return null;
    }
    doc.lines.remove(0);
    return "header removed";
  }

  private static String ragged(Doc doc, SplittableRandom random) {
    if (doc.lines.isEmpty()) {
      return null;
    }
    int row = random.nextInt(5) == 0 ? 0 : doc.row(random);
    if (row < 0) {
      return null;
    }
    List<String> fields = doc.fields(row);
    if (random.nextBoolean() && fields.size() > 1) {
      fields.remove(random.nextInt(fields.size()));
      doc.lines.set(row, String.join(",", fields));
      return "a value removed on " + line(row);
    }
    doc.lines.set(row, doc.lines.get(row) + ",x");
    return "a value added on " + line(row);
  }

  private static String unbalancedQuote(Doc doc, SplittableRandom random) {
    int row = doc.row(random);
    if (row < 0) {
      return null;
    }
    List<String> fields = doc.fields(row);
    int f = random.nextInt(fields.size());
    String v = fields.get(f);
    String value = random.nextBoolean() ? "\"" + v : v.substring(0, v.length() / 2) + "\""
        + v.substring(v.length() / 2);
    doc.set(row, f, value);
    return "value " + show(value) + " on " + line(row);
  }

  private static String quotedNewline(Doc doc, SplittableRandom random) {
    int row = doc.row(random);
    if (row < 0) {
      return null;
    }
    List<String> fields = doc.fields(row);
    int f = random.nextInt(fields.size());
    String v = fields.get(f);
    String inside = pick(List.of(v + "\n" + v, v + "\r\nx", "\n", v + "\n"), random);
    doc.set(row, f, "\"" + inside + "\"");
    return "value " + show("\"" + inside + "\"") + " in column " + f + " on " + line(row);
  }

  private static String swapRows(Doc doc, SplittableRandom random) {
    int a = doc.row(random);
    int b = doc.row(random);
    if (a < 0 || a == b) {
      return null;
    }
    String t = doc.lines.get(a);
    doc.lines.set(a, doc.lines.get(b));
    doc.lines.set(b, t);
    return "swapped " + line(a) + " and " + line(b);
  }

  private static String duplicateOrDeleteRow(Doc doc, SplittableRandom random) {
    int row = doc.row(random);
    if (row < 0) {
      return null;
    }
    if (random.nextBoolean()) {
      doc.lines.add(row, doc.lines.get(row));
      return "duplicated " + line(row);
    }
    doc.lines.remove(row);
    return "deleted " + line(row);
  }

  private static String longLine(Doc doc, SplittableRandom random) {
    int row = doc.row(random);
    if (row < 0) {
      return null;
    }
    int budget = MAX_BYTES - doc.size() - 4096;
    int length = Math.min(budget, 50_000 + random.nextInt(450_000));
    if (random.nextBoolean()) {
      int c = Math.max(0, doc.column("owner"));
      doc.set(row, c, "x".repeat(length));
      return "a value of " + length + " chars on " + line(row);
    }
    doc.lines.set(row, doc.lines.get(row) + ",".repeat(length / 2));
    return (length / 2) + " extra empty values on " + line(row);
  }

  private static String lineEndings(Doc doc, SplittableRandom random) {
    if (doc.lines.isEmpty()) {
      return null;
    }
    switch (random.nextInt(4)) {
      case 0:
        doc.separator = "\r\n";
        return "CRLF line endings";
      case 1:
        doc.finalNewline = false;
        return "no final newline";
      case 2: {
        int at = 1 + random.nextInt(doc.lines.size());
        doc.lines.add(Math.min(at, doc.lines.size()), "");
        return "empty " + line(at);
      }
      default: {
        int at = 1 + random.nextInt(doc.lines.size());
        doc.lines.add(Math.min(at, doc.lines.size()), "   ");
        return "blank " + line(at);
      }
    }
  }

  private static String emptyValue(Doc doc, SplittableRandom random) {
    int row = doc.row(random);
    if (row < 0) {
      return null;
    }
    int c = random.nextInt(3); // deal_id, at or stage in the bases
    if (c >= doc.header().size()) {
      return null;
    }
    String column = doc.header().get(c);
    doc.set(row, c, "");
    return "empty " + column + " on " + line(row);
  }

  private static String noRows(Doc doc, SplittableRandom random) {
    if (random.nextBoolean()) {
      doc.lines.subList(Math.min(1, doc.lines.size()), doc.lines.size()).clear();
      return "only the header";
    }
    doc.lines.clear();
    doc.finalNewline = false;
    return "empty file";
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String at(byte[] bytes, int offset) {
    return "at byte " + offset + " (line " + lineOf(bytes, offset) + ")";
  }

  private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
    out.write(bytes, 0, from);
    out.write(insert, 0, insert.length);
    out.write(bytes, to, bytes.length - to);
    return out.toByteArray();
  }

  private static String flipBit(Doc doc, SplittableRandom random) {
    byte[] b = doc.bytes();
    if (b.length == 0) {
      doc.bytes = new byte[] {(byte) random.nextInt(256)};
      return "a random byte in an empty file";
    }
    int i = random.nextInt(b.length);
    int bit = random.nextInt(8);
    b[i] ^= (byte) (1 << bit);
    return "bit " + bit + " " + at(b, i);
  }

  private static String insertByte(Doc doc, SplittableRandom random) {
    byte[] b = doc.bytes();
    int i = random.nextInt(b.length + 1);
    int v = random.nextInt(256);
    doc.bytes = splice(b, i, i, new byte[] {(byte) v});
    return String.format(Locale.ROOT, "0x%02x %s", v, at(doc.bytes, i));
  }

  private static String deleteBytes(Doc doc, SplittableRandom random) {
    byte[] b = doc.bytes();
    if (b.length == 0) {
      return null;
    }
    int i = random.nextInt(b.length);
    int n = Math.min(b.length - i, 1 + random.nextInt(8));
    doc.bytes = splice(b, i, i + n, new byte[0]);
    return n + " " + at(b, i);
  }

  private static String interestingByte(Doc doc, SplittableRandom random) {
    byte[] b = doc.bytes();
    if (b.length == 0) {
      return null;
    }
    int i = random.nextInt(b.length);
    byte v = INTERESTING[random.nextInt(INTERESTING.length)];
    b[i] = v;
    return String.format(Locale.ROOT, "0x%02x %s", v & 0xff, at(b, i));
  }

  private static String duplicateBytes(Doc doc, SplittableRandom random) {
    byte[] b = doc.bytes();
    if (b.length == 0) {
      return null;
    }
    int i = random.nextInt(b.length);
    int n = Math.min(b.length - i, 1 + random.nextInt(64));
    doc.bytes = splice(b, i, i, Arrays.copyOfRange(b, i, i + n));
    return n + " " + at(b, i);
  }

  private static String bom(Doc doc, SplittableRandom random) {
    byte[] b = doc.bytes();
    int where = random.nextInt(4) == 0 ? random.nextInt(b.length + 1) : 0;
    doc.bytes = splice(b, where, where, BOM);
    return where == 0 ? "at the start" : "inside, " + at(doc.bytes, where);
  }

  private static String invalidUtf8(Doc doc, SplittableRandom random) {
    byte[] b = doc.bytes();
    byte[] seq = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
    int i = random.nextInt(b.length + 1);
    boolean replace = random.nextBoolean() && i + seq.length <= b.length;
    doc.bytes = splice(b, i, replace ? i + seq.length : i, seq);
    return escape(seq, 0, seq.length) + (replace ? " over " : " inserted ") + at(doc.bytes, i);
  }

  private static String truncate(Doc doc, SplittableRandom random) {
    byte[] b = doc.bytes();
    if (b.length < 2) {
      return null;
    }
    int i = 1 + random.nextInt(b.length - 1);
    while (i < b.length && b[i - 1] == '\n') { // in the middle of a line
      i++;
    }
    doc.bytes = Arrays.copyOf(b, i);
    return at(b, i) + " of " + b.length;
  }

  /**
   * The offending lines of a mutant, escaped, with their line numbers: the lines its mutations
   * name ("on line 7"; a later mutation that moves rows may have shifted them), else the lines
   * that are not lines of the base.
   *
   * @param mutant the mutant
   * @param max at most this many
   * @return lines such as {@code line 7: D-00003,2026-01-12,...}
   */
  List<String> offendingLines(Mutant mutant, int max) {
    List<byte[]> lines = new ArrayList<>();
    byte[] b = mutant.bytes();
    int start = 0;
    for (int i = 0; i <= b.length; i++) {
      if (i == b.length || b[i] == '\n') {
        lines.add(Arrays.copyOfRange(b, start, i));
        start = i + 1;
      }
    }
    Set<Integer> named = new LinkedHashSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)")
        .matcher(String.join(" ", mutant.mutations()));
    while (m.find()) {
      named.add(Integer.parseInt(m.group(1)));
    }
    if (named.isEmpty()) {
      Set<String> baseLines = new LinkedHashSet<>(Arrays.asList(base.split("\n", -1)));
      for (int n = 1; n <= lines.size(); n++) {
        byte[] line = lines.get(n - 1);
        String text = new String(line, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), line)
            || !baseLines.contains(text)) {
          named.add(n);
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (int n : named) {
      if (out.size() == max) {
        break;
      }
      if (n <= lines.size()) {
        byte[] line = lines.get(n - 1);
        out.add("line " + n + ": " + escape(line, 0, Math.min(line.length, 160))
            + (line.length > 160 ? "... (" + line.length + " bytes)" : ""));
      }
    }
    return out;
  }
}

package dev.pipelinesdk.examples;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * The records of a CSV file, each with the line it starts on, read in one pass with bounded
 * memory; a record the file gets wrong is reported with its line and the reading goes on after it.
 *
 * <p>Three layers. Physical lines are split at the byte {@code \n} (so the charset must keep ASCII
 * as ASCII, as UTF-8, ISO-8859-1 and windows-1252 do) and decoded one by one with a decoder that
 * reports malformed input, so an invalid byte is named by line and byte offset and spoils only its
 * line. Lines are joined into records while a quoted value is open (an odd number of quote
 * characters so far); a quote that does not close within {@value #MAX_RECORD_LINES} lines, {@value
 * #MAX_RECORD_CHARS} characters or before the end of the file is reported on the line where it
 * opened, and the lines after it are read again as records of their own. The fields of each record
 * are parsed by Commons CSV (RFC 4180, values trimmed), one parser over the whole file that is
 * fed one record at a time, and replaced by a new one after a record it cannot parse.
 *
 * <p>A line longer than {@value #MAX_LINE_BYTES} bytes ends the reading (such a file is not an
 * export: {@code /dev/zero}, a binary file), as does a UTF-16 byte-order mark. A UTF-8 byte-order
 * mark is skipped. Empty lines are skipped.
 */
final class CsvRecords implements Closeable {
  /** The longest physical line, in bytes: {@value}. */
  static final int MAX_LINE_BYTES = 1 << 20;
  /** The most characters in one record: {@value}. */
  static final int MAX_RECORD_CHARS = 1 << 20;
  /** The most physical lines in one record (a quoted value with line breaks): {@value}. */
  static final int MAX_RECORD_LINES = 1000;

  /** What {@link #next} gives. */
  sealed interface Item permits Fields, Bad {
    /** {@return the line the record starts on, the first line being 1} */
    long line();
  }

  /**
   * A record's values.
   *
   * @param line the line it starts on
   * @param values its values, trimmed
   */
  record Fields(long line, List<String> values) implements Item {}

  /**
   * A record the file gets wrong.
   *
   * @param line the line it starts on
   * @param problem the kind of problem, such as "invalid UTF-8"
   * @param what the problem in words, without file and line
   * @param fatal whether reading cannot go on after it
   */
  record Bad(long line, String problem, String what, boolean fatal) implements Item {}

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).get();

  private final Lines lines;
  private final Feed feed = new Feed();
  private Iterator<CSVRecord> records;
  private int expected = -1;
  private @Nullable Fields stashed;
  private boolean ended;

  private CsvRecords(Lines lines) {
    this.lines = lines;
    newParser();
  }

  /**
   * Reads a byte stream.
   *
   * @param in the bytes; closed by {@link #close}
   * @param charset the encoding, one that keeps ASCII as ASCII (see {@link #asciiCompatible})
   * @return the records
   */
  static CsvRecords of(InputStream in, Charset charset) {
    return new CsvRecords(new Lines(in, charset));
  }

  /**
   * Whether bytes of a charset can be split into lines at the byte {@code \n}: whether it encodes
   * the ASCII characters a CSV file is structured by as ASCII.
   *
   * @param charset the charset
   * @return whether it does
   */
  static boolean asciiCompatible(Charset charset) {
    String probe = "\n\r\",;az09AZ";
    return charset.canEncode() && Arrays.equals(probe.getBytes(charset),
        probe.getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads a file's header: checks it and says how many values a record has. */
  @FunctionalInterface
  interface HeaderReader {
    /**
     * Reads the header.
     *
     * @param names the header's names, a UTF-8 byte-order mark stripped from the first
     * @param line its line
     * @return the number of values a record has
     * @throws BadInputException if the header is refused
     */
    int header(List<String> names, long line) throws BadInputException;
  }

  /** Takes one record's values. */
  @FunctionalInterface
  interface RecordReader {
    /**
     * Takes a record.
     *
     * @param record the record
     * @throws BadInputException to stop the reading
     */
    void record(Fields record) throws BadInputException;
  }

  /** Takes a record the file gets wrong, which the reading goes on after. */
  @FunctionalInterface
  interface BadRecords {
    /**
     * Takes a bad record.
     *
     * @param bad the record, its line and what is wrong
     * @param message the whole message, {@code file:line: what}
     * @throws BadInputException to stop the reading
     */
    void bad(Bad bad, String message) throws BadInputException;
  }

  /**
   * Reads a whole file the way every reader of ours does: the header first (one that cannot be
   * read, or none, stops with the file and line), then each record, a fatal bad record stopping
   * the reading, any other going to {@code bad}.
   *
   * @param file the file's name in messages
   * @param required the required columns, named when there is no header
   * @param header reads the header
   * @param records takes each record
   * @param bad takes each bad record that does not stop the reading
   * @return the number of records after the header, bad ones included
   * @throws BadInputException if the header is missing or refused, a record is fatal, or a
   *     reader stops
   * @throws IOException if reading fails
   */
  long read(String file, List<String> required, HeaderReader header, RecordReader records,
      BadRecords bad) throws BadInputException, IOException {
    Item first = next();
    if (first instanceof Bad b) { // a header that cannot be read is fatal
      throw new BadInputException(file + ":" + b.line() + ": " + b.what());
    }
    if (first == null) {
      throw new BadInputException(file + ":1: no header row; required columns: "
          + String.join(", ", required));
    }
    List<String> names = new ArrayList<>(((Fields) first).values());
    if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
      names.set(0, names.get(0).substring(1).strip());
    }
    expect(header.header(names, first.line()));
    long rows = 0;
    for (Item item = next(); item != null; item = next()) {
      rows++;
      if (item instanceof Bad b) {
        String message = file + ":" + b.line() + ": " + b.what();
        if (b.fatal()) {
          throw new BadInputException(message);
        }
        bad.bad(b, message);
      } else {
        records.record((Fields) item);
      }
    }
    return rows;
  }

  /**
   * Where each of our columns is in a header, by the name the options map it to (or its own).
   *
   * @param header the header
   * @param ours our columns, in our order
   * @param required those a file must have
   * @param mapping our column name to the file's
   * @param at the message prefix, {@code file:line: }
   * @param in what the file holds, for the message (such as {@code " in the activities"}), or
   *     empty
   * @return our column to its index; only those the header has
   * @throws BadInputException if a name repeats in the header or a required column is missing,
   *     listing the header
   */
  static Map<String, Integer> columns(List<String> header, List<String> ours,
      List<String> required, Map<String, String> mapping, String at, String in)
      throws BadInputException {
    Set<String> seen = new HashSet<>();
    for (String h : header) {
      if (!h.isEmpty() && !seen.add(h)) {
        throw new BadInputException(at + "duplicate column " + Messages.quote(h) + " in the"
            + " header; the header has: " + shown(header));
      }
    }
    Map<String, Integer> column = new LinkedHashMap<>();
    for (String o : ours) {
      String theirs = mapping.getOrDefault(o, o);
      int index = header.indexOf(theirs);
      if (index >= 0) {
        column.put(o, index);
      } else if (required.contains(o)) {
        throw new BadInputException(at + "missing required column " + Messages.quote(theirs)
            + (theirs.equals(o) ? "" : " (mapped from " + o + ")") + in + "; the header has: "
            + shown(header));
      }
    }
    return column;
  }

  /**
   * A header as messages show it: its names, each quoted only where quoting is needed to read
   * it (an unprintable character, a very long name).
   *
   * @param header the names
   * @return them, comma-separated
   */
  static String shown(List<String> header) {
    return header.stream().map(h -> Messages.quote(h).replaceAll("^'(.*)'$", "$1"))
        .collect(Collectors.joining(", "));
  }

  /**
   * Says how many values a record has (the header's count): a record joined from several lines
   * that has another count, or cannot be parsed, is taken for a quote that does not close where
   * it should; it is reported on its first line and the lines after that are read again.
   *
   * @param values the number of values
   */
  void expect(int values) {
    this.expected = values;
  }

  private void newParser() {
    CSVParser parser;
    try {
      parser = CSVParser.builder().setReader(feed).setFormat(FORMAT).get();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the feed has not been read yet: cannot happen
    }
    records = parser.iterator();
    feed.restart();
  }

  /**
   * The next record, or a bad one, in file order.
   *
   * @return the item, or null after the last
   * @throws IOException if reading the stream fails
   */
  @Nullable Item next() throws IOException {
    while (true) {
      Item pending = feed.pending.poll();
      if (pending != null) {
        return pending;
      }
      if (stashed != null) {
        Fields f = stashed;
        stashed = null;
        return f;
      }
      if (ended) {
        return null;
      }
      try {
        if (!records.hasNext()) {
          ended = feed.pending.isEmpty();
          continue;
        }
        CSVRecord record = records.next();
        Fields fields = new Fields(feed.lineAt(record.getCharacterPosition()),
            Arrays.asList(record.values()));
        if (expected >= 0 && fields.values().size() != expected && lines.joined(fields.line())) {
          feed.pending.add(lines.unjoin());
          continue;
        }
        if (feed.pending.isEmpty()) {
          return fields;
        }
        stashed = fields; // bad lines before it are reported first
      } catch (UncheckedIOException | IllegalStateException e) {
        if (feed.failure != null && e.getCause() == feed.failure) {
          throw feed.failure; // the stream itself failed
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        feed.skipCurrent();
        newParser();
        if (lines.joined(feed.currentLine)) {
          feed.pending.add(lines.unjoin());
        } else {
          feed.pending.add(new Bad(feed.currentLine, "not valid CSV", "not valid CSV ("
              + Messages.quote(String.valueOf(cause.getMessage())) + ")", false));
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  /**
   * The parser's reader: hands out one record's text (and a {@code \n}) per {@code read} call,
   * so the parser never holds more than the record it parses, and knows where each starts.
   */
  private final class Feed extends Reader {
    final ArrayDeque<Item> pending = new ArrayDeque<>();
    @Nullable IOException failure;
    long currentLine;
    private String current = "";
    private int at;
    private long position; // characters handed to the current parser
    private final ArrayDeque<long[]> starts = new ArrayDeque<>(); // {position, line}

    void restart() {
      position = 0;
      starts.clear();
    }

    void skipCurrent() {
      at = current.length();
    }

    long lineAt(long characterPosition) {
      while (starts.size() > 1 && starts.peekFirst()[0] < characterPosition) {
        starts.pollFirst();
      }
      long[] first = starts.peekFirst();
      return first != null && first[0] == characterPosition ? first[1] : currentLine;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (at == current.length()) {
        Item item;
        try {
          item = lines.nextRecord();
        } catch (IOException e) {
          failure = e;
          throw e;
        }
        if (item == null) {
          return -1;
        }
        if (item instanceof Bad bad) {
          pending.add(bad);
          if (bad.fatal()) {
            current = "";
            at = 0;
            return -1;
          }
          continue;
        }
        Fields text = (Fields) item;
        current = text.values().get(0) + "\n";
        at = 0;
        currentLine = text.line();
        starts.addLast(new long[] {position, text.line()});
      }
      int n = Math.min(length, current.length() - at);
      current.getChars(at, at + n, buffer, offset);
      at += n;
      position += n;
      return n;
    }

    @Override
    public void close() {
      // the lines are closed by CsvRecords.close
    }
  }

  /** Physical lines, decoded, joined into record texts while a quoted value is open. */
  private static final class Lines implements Closeable {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String charsetName;
    private final boolean utf8;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean started;
    private boolean eof;
    private long offset; // of buffer[pos] in the stream
    private byte[] line = new byte[256];
    private long lineNumber;
    private final ArrayDeque<Physical> again = new ArrayDeque<>();
    /** The lines of the last record joined from several, the first one first. */
    private List<Physical> lastJoined = List.of();

    /** Whether the last record joined from several lines starts on this line. */
    boolean joined(long line) {
      return !lastJoined.isEmpty() && lastJoined.get(0).line == line;
    }

    /**
     * Takes the last joined record apart: its first line is reported as a quote that does not
     * close, the lines after it will be read again.
     */
    Bad unjoin() {
      Physical first = lastJoined.get(0);
      long last = lastJoined.get(lastJoined.size() - 1).line;
      for (int i = lastJoined.size() - 1; i >= 1; i--) {
        again.addFirst(lastJoined.get(i));
      }
      lastJoined = List.of();
      return new Bad(first.line, "unbalanced quote", "a quoted value opens on this line and is"
          + " not closed where it should be (read with the lines up to line " + last + ", it is"
          + " no valid row); a quote inside a value must be doubled (\"\"): "
          + Messages.quote(first.text), false);
    }

    /** A physical line: its text, or what is wrong with it. */
    private record Physical(long line, @Nullable String text, @Nullable Bad bad) {}

    Lines(InputStream in, Charset charset) {
      this.in = in;
      this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      this.charsetName = charset.name();
      this.utf8 = charset.equals(StandardCharsets.UTF_8);
    }

    /** The next record's text as a one-value {@link Fields}, a {@link Bad}, or null at the end. */
    @Nullable Item nextRecord() throws IOException {
      while (true) {
        Physical first = physical();
        if (first == null) {
          return null;
        }
        if (first.bad != null) {
          return first.bad;
        }
        String text = first.text;
        if (text.isEmpty()) {
          continue;
        }
        int quotes = quotes(text);
        if (quotes % 2 == 0) {
          return new Fields(first.line, List.of(text));
        }
        StringBuilder record = new StringBuilder(text);
        List<Physical> read = new ArrayList<>();
        while (true) {
          Physical next = physical();
          if (next == null || next.bad != null || read.size() >= MAX_RECORD_LINES
              || record.length() > MAX_RECORD_CHARS) {
            if (next != null) {
              read.add(next);
            }
            for (int i = read.size() - 1; i >= 0; i--) {
              again.addFirst(read.get(i));
            }
            return new Bad(first.line, "unbalanced quote", "a quoted value opens on this line"
                + " and does not close " + (next == null ? "before the end of the file"
                    : next.bad != null ? "before line " + next.line + ", which cannot be read"
                        : "within " + MAX_RECORD_LINES + " lines or " + MAX_RECORD_CHARS
                            + " characters")
                + "; a quote inside a value must be doubled (\"\"): " + Messages.quote(text), false);
          }
          read.add(next);
          record.append('\n').append(next.text);
          quotes += quotes(next.text);
          if (quotes % 2 == 0) {
            read.add(0, first);
            lastJoined = read;
            return new Fields(first.line, List.of(record.toString()));
          }
        }
      }
    }

    private static int quotes(String text) {
      int n = 0;
      for (int i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
        n++;
      }
      return n;
    }

    /** Reads the next bytes into the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
      if (eof) {
        return false;
      }
      int n;
      do {
        n = in.read(buffer, 0, buffer.length);
      } while (n == 0);
      pos = 0;
      limit = Math.max(n, 0);
      eof = n < 0;
      return !eof;
    }

    private @Nullable Physical physical() throws IOException {
      if (!again.isEmpty()) {
        return again.pollFirst();
      }
      if (!started) {
        started = true;
        Physical bom = byteOrderMark();
        if (bom != null) {
          return bom;
        }
      }
      long start = offset;
      int length = 0;
      while (true) {
        if (pos == limit && !fill()) {
          if (length == 0) {
            return null;
          }
          break;
        }
        int i = pos;
        while (i < limit && buffer[i] != '\n') {
          i++;
        }
        int n = i - pos;
        if (length + n > MAX_LINE_BYTES) {
          lineNumber++;
          eof = true;
          pos = limit;
          return new Physical(lineNumber, null, new Bad(lineNumber, "line too long", "line "
              + lineNumber + " is longer than " + MAX_LINE_BYTES + " bytes: not a CSV file?",
              true));
        }
        if (length + n > line.length) {
          line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(buffer, pos, line, length, n);
        length += n;
        offset += n;
        if (i < limit) {
          pos = i + 1;
          offset++;
          break;
        }
        pos = limit;
      }
      lineNumber++;
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      return decode(lineNumber, start, length);
    }

    /** Skips a UTF-8 byte-order mark; a UTF-16 one ends the reading. */
    private @Nullable Physical byteOrderMark() throws IOException {
      while (limit < 3 && !eof) {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
          eof = true;
        } else {
          limit += n;
        }
      }
      if (limit >= 2 && (buffer[0] == (byte) 0xFF && buffer[1] == (byte) 0xFE
          || buffer[0] == (byte) 0xFE && buffer[1] == (byte) 0xFF)) {
        eof = true;
        pos = limit;
        return new Physical(1, null, new Bad(1, "UTF-16", "the file starts with a UTF-16"
            + " byte-order mark: save it as UTF-8 (in Excel: CSV UTF-8) or as " + charsetName,
            true));
      }
      if (utf8 && limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB
          && buffer[2] == (byte) 0xBF) {
        pos = 3;
        offset = 3;
      }
      return null;
    }

    private Physical decode(long number, long start, int length) {
      boolean ascii = true;
      for (int i = 0; i < length; i++) {
        if (line[i] < 0) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        return new Physical(number, new String(line, 0, length, StandardCharsets.ISO_8859_1),
            null);
      }
      decoder.reset();
      ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
      CharBuffer chars = CharBuffer.allocate(length + 1);
      CoderResult result = decoder.decode(bytes, chars, true);
      if (!result.isError()) {
        result = decoder.flush(chars);
      }
      if (result.isError()) {
        int at = bytes.position();
        StringBuilder shown = new StringBuilder();
        for (int i = at; i < Math.min(length, at + result.length()); i++) {
          shown.append(String.format(Locale.ROOT, "%s0x%02X", shown.length() == 0 ? "" : " ",
              line[i] & 0xFF));
        }
        String kind = "invalid " + charsetName;
        return new Physical(number, null, new Bad(number, kind, "not valid " + charsetName
            + ": byte " + shown + " at byte offset " + (start + at) + " of the file (byte "
            + (at + 1) + " of the line); if the file is in another encoding, say which with"
            + " --encoding, such as --encoding windows-1252", false));
      }
      chars.flip();
      return new Physical(number, chars.toString(), null);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

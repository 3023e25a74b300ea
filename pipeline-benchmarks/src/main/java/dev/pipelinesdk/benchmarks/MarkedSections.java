package dev.pipelinesdk.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Sections of {@code BENCHMARKS.md} written by another run than the one rewriting the file (the
 * forecast peers' script, the agenda benchmark by hand): each between a begin and an end marker,
 * read before the file is rewritten and written back in place, else before its {@code ##
 * Reproduce} heading.
 */
public final class MarkedSections {
  private MarkedSections() {}

  /**
   * The section of a report between two markers, markers included, if it has one.
   *
   * @param out the report
   * @param begin the begin marker
   * @param end the end marker
   * @return the section with a line break after the end marker, or empty
   * @throws IOException if reading fails
   */
  public static Optional<String> read(Path out, String begin, String end) throws IOException {
    if (!Files.exists(out)) {
      return Optional.empty();
    }
    String md = Files.readString(out, StandardCharsets.UTF_8);
    int b = md.indexOf(begin);
    int e = md.indexOf(end);
    return b >= 0 && e > b ? Optional.of(md.substring(b, e + end.length()) + "\n")
        : Optional.empty();
  }

  /**
   * Writes a section into a report: in place of the one between the markers, else before its
   * {@code ## Reproduce} heading, else at the end.
   *
   * @param out the report; created if missing
   * @param section the section, markers included
   * @param begin the begin marker
   * @param end the end marker
   * @throws IOException if reading or writing fails
   */
  public static void write(Path out, String section, String begin, String end)
      throws IOException {
    String md = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    int b = md.indexOf(begin);
    int e = md.indexOf(end);
    String updated;
    if (b >= 0 && e > b) {
      updated = md.substring(0, b) + section + md.substring(e + end.length())
          .replaceFirst("^\n", "");
    } else {
      int reproduce = md.indexOf("\n## Reproduce");
      updated = reproduce >= 0 ? md.substring(0, reproduce + 1) + section + "\n"
          + md.substring(reproduce + 1) : md + (md.isEmpty() || md.endsWith("\n\n") ? "" : "\n")
          + section;
    }
    Files.writeString(out, updated, StandardCharsets.UTF_8);
  }
}

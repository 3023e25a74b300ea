package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.PipelineReport;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --csv-out DIR}: the report's tables as CSV files, for {@code metrics} and {@code report}. */
final class CsvOutOption {
  @Option(names = "--csv-out", paramLabel = "DIR", description = "Also write the tables as CSV"
      + " files into DIR (created if missing): funnel.csv, pipeline.csv, flow.csv,"
      + " attention.csv, and by_owner.csv / by_lead_source.csv when the file has owners / lead"
      + " sources. Raw numbers, a header row.")
  Path dir;

  /**
   * Writes the CSV files if the option was given.
   *
   * @param report the report
   * @return the files written; empty without the option
   * @throws BadInputException naming the path if a file or the directory cannot be written
   */
  List<Path> write(PipelineReport report) throws BadInputException {
    if (dir == null) {
      return List.of();
    }
    try {
      return report.writeCsv(dir);
    } catch (FileSystemException e) { // a file where DIR should be, no permission, ...
      String path = e.getFile() != null ? e.getFile() : dir.toString();
      throw new BadInputException("--csv-out " + path + ": cannot write: " + reason(e));
    } catch (IOException e) {
      throw new BadInputException("--csv-out " + dir + ": cannot write: " + e.getMessage());
    }
  }

  private static String reason(FileSystemException e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "it exists and is not a directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such directory";
    }
    return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
  }
}

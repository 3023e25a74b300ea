package dev.pipelinesdk.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import picocli.CommandLine;

/** Runs the command line in-process with captured stdout and stderr. */
final class Cli {
  private Cli() {}

  /**
   * What a run gave.
   *
   * @param exit the exit code
   * @param out standard output
   * @param err standard error
   */
  record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return new ObjectMapper().enable(
            com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readTree(out);
      } catch (java.io.IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Runs {@code pipeline args} through the entry point {@code main} uses. */
  static Run run(String... args) {
    return run(PipelineCli.commandLine(), args);
  }

  /** Runs a command line made by {@link PipelineCli#commandLine()}, with test-only commands. */
  static Run run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = PipelineCli.run(cli, args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }
}

package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.examples.BadInputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code pipeline} command line, the main class of {@code pipeline.jar}. Without a command
 * it runs the tour.
 *
 * <p>Exit codes: 0 done; 2 bad input or bad usage (the message names the file, line and value,
 * or the option); 1 an unexpected error (a bug: the stack trace is shown with {@code -v}).
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "pipeline 0.1.0-SNAPSHOT",
    description = "Model, measure and report sales pipelines. Without a command, runs the tour.",
    // Later commands (forecast, agenda) are added to this list.
    subcommands = {TourCommand.class, GenerateCommand.class, MetricsCommand.class,
        ReportCommand.class, DiagramCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:unexpected error (a bug)",
        "2:bad input or usage; the message names the file, line and value"})
public final class PipelineCli implements Callable<Integer> {
  /** Exit code for bad input and bad usage. */
  public static final int BAD_INPUT = 2;

  @Spec
  CommandSpec spec;

  static boolean verbose;

  /**
   * Turns on debug logging and stack traces of unexpected errors.
   *
   * @param on whether {@code -v} was given
   */
  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Debug logging on stderr; stack traces of unexpected errors.")
  void verbose(boolean on) {
    if (on) {
      verbose = true;
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
  }

  /** Creates the command; picocli calls this. */
  public PipelineCli() {}

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** {@return the command line, ready to {@code execute}; tests capture its out and err} */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PipelineCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      if (e instanceof BadInputException) {
        err.println(e.getMessage());
        err.flush();
        return BAD_INPUT;
      }
      err.println("pipeline: unexpected error: " + e);
      if (verbose) {
        e.printStackTrace(err);
      } else {
        err.println("(run with -v for the stack trace)");
      }
      err.flush();
      return 1;
    });
    return cli;
  }

  @Override
  public Integer call() {
    return spec.commandLine().getSubcommands().get("tour").execute();
  }
}

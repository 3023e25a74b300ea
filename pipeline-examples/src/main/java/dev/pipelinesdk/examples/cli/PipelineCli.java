package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.examples.BadInputException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code pipeline} command line, the main class of {@code pipeline.jar}. Without a command
 * it runs the tour.
 *
 * <p>Exit codes: {@value #DONE} done; {@value #BAD_INPUT} bad input or bad usage (the message
 * names the file, line and value, or the option); {@value #UNEXPECTED} an unexpected error (a
 * bug: the stack trace is shown with {@code -v}); {@value #OUT_OF_MEMORY} the Java heap was
 * exhausted (one line saying how to give Java more memory, never a stack trace).
 *
 * <p>Every run is independent: the command line keeps no static mutable state, so {@code -v} in
 * one {@link #run run} does not make a later run of the same JVM verbose.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "pipeline 0.1.0-SNAPSHOT",
    description = "Model, measure and report sales pipelines. Without a command, runs the tour.",
    subcommands = {TourCommand.class, GenerateCommand.class, MetricsCommand.class,
        ReportCommand.class, DiagramCommand.class, DefinitionCommand.class, ForecastCommand.class,
        BacktestCommand.class, AgendaCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:unexpected error (a bug; -v shows the stack trace)",
        "2:bad input or usage; the message names the file, line and value",
        "3:out of memory; the message says how to give Java more memory"})
public final class PipelineCli implements Callable<Integer> {
  /** Exit code of a run that did what it was asked. */
  public static final int DONE = 0;
  /** Exit code of an unexpected error: a bug. */
  public static final int UNEXPECTED = 1;
  /** Exit code for bad input and bad usage. */
  public static final int BAD_INPUT = 2;
  /** Exit code when the Java heap was exhausted. */
  public static final int OUT_OF_MEMORY = 3;

  private static final String DEBUG_LOGGING = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec
  CommandSpec spec;

  // Inherited by every subcommand (pipeline -v metrics ... and pipeline metrics -v ... alike).
  // Read from each run's parse result (verbose(ParseResult)), never from a static field.
  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Debug logging on stderr; stack traces of unexpected errors.")
  boolean verbose;

  /** Creates the command; picocli calls this. */
  public PipelineCli() {}

  /**
   * Runs the command line in a process of its own and exits with its exit code. Here, and only
   * here, {@code -v} also turns on debug logging: the logging configuration belongs to the
   * process, and {@code main} sets it after parsing and before the first logger exists.
   * In-process callers ({@link #run run}) keep the logging configuration of their host.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    CommandLine cli = commandLine();
    IExecutionStrategy execute = cli.getExecutionStrategy();
    cli.setExecutionStrategy(parsed -> {
      if (verbose(parsed)) {
        System.setProperty(DEBUG_LOGGING, "debug");
      }
      return execute.execute(parsed);
    });
    System.exit(run(cli, args, cli.getOut(), cli.getErr()));
  }

  /**
   * Runs the command line once, in-process, writing to the given streams: the one entry point of
   * {@link #main main} and of callers that embed the command line (tests included). Safe to call
   * any number of times in one JVM: each call has its own command objects and options.
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @return the exit code: {@value #DONE}, {@value #UNEXPECTED}, {@value #BAD_INPUT} or {@value
   *     #OUT_OF_MEMORY}
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(commandLine(), args, out, err);
  }

  /**
   * Runs a command line made by {@link #commandLine()}, perhaps with more subcommands, once. An
   * {@link OutOfMemoryError}, which picocli's exception handler never sees (it handles {@link
   * Exception}s only), is answered here with one line and {@value #OUT_OF_MEMORY}.
   */
  static int run(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      // What held the memory is unreachable now that the command's frames are gone.
      err.println(outOfMemory(e, Runtime.getRuntime().maxMemory()));
      err.flush();
      return OUT_OF_MEMORY;
    }
  }

  /** The one line that answers an exhausted heap, for a heap of at most {@code maxHeap} bytes. */
  static String outOfMemory(OutOfMemoryError e, long maxHeap) {
    double gib = maxHeap / (double) (1L << 30);
    long suggested = Math.max(2, (long) Math.ceil(gib * 2));
    String heap = gib < 1 ? (maxHeap >> 20) + " MB" : String.format(Locale.ROOT, "%.1f GB", gib);
    return String.format(Locale.ROOT, "pipeline: out of memory (%s; the Java heap is at most %s);"
        + " give Java more memory: java -Xmx%dg -jar pipeline.jar ...",
        e.getMessage() == null ? "no detail" : e.getMessage(), heap, suggested);
  }

  /** {@return the command line, ready to {@link #run run}; tests capture its out and err} */
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
      if (verbose(parsed)) {
        e.printStackTrace(err);
      } else {
        err.println("(run with -v for the stack trace)");
      }
      err.flush();
      return UNEXPECTED;
    });
    return cli;
  }

  /** Whether {@code -v} was given in this run, to the top command or to a subcommand. */
  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Integer call() throws Exception {
    // The tour runs within this execution (not a nested execute with a parse result of its
    // own), so -v and the exception handler of this run apply to it.
    CommandLine tour = spec.commandLine().getSubcommands().get("tour");
    tour.parseArgs();
    return tour.<Callable<Integer>>getCommand().call();
  }
}

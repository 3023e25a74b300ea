package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinesdk.examples.SampleExports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line keeps the README's promise on every input: fuzzing {@code pipeline metrics}
 * in-process with {@value #MUTANTS} mutants (seed {@value #SEED}) of two well-formed
 * stage-history files, each mutant must end in
 *
 * <ul>
 *   <li>exit 0 with the JSON on stdout, or exit 2 with nothing on stdout and one message line
 *       naming the file and the line ({@code FILE:LINE: ...}), or only the file ({@code FILE:
 *       ...}) for a problem of the whole file ({@link #WHOLE_FILE});
 *   <li>with {@code --skip-bad-rows}, the summary of skipped rows before it (each row a line
 *       naming file and line), warnings ({@code warning: ...}) anywhere;
 *   <li>never exit 1 or another code, never a stack trace or an exception's name, never a raw
 *       line break or control character from the input in a message (a bad value is escaped, so
 *       a message is one line);
 *   <li>a work bound set by a counter, not a clock: the bytes the run's thread allocates (HotSpot's
 *       {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) are at most {@value
 *       #ALLOCATION_PER_INPUT_BYTE} times the input's size plus {@value #ALLOCATION_CONSTANT}.
 * </ul>
 *
 * <p>Each mutant runs on a worker thread. The allocation bound is also checked while it runs, so a
 * runaway is stopped being waited for as soon as it has allocated more than its bound. A mutant
 * without a result after {@value #HANG_GUARD_SECONDS} s fails as a hang: that is a guard against
 * a test that never ends, not an assertion on speed (healthy runs take milliseconds). A worker
 * that is given up on cannot be stopped; after {@value #MAX_GIVEN_UP} of them the run stops and
 * reports the mutants it did not run.
 *
 * <p>What the work bound cannot see: work that does not allocate. Parsing a megabyte of digits
 * with {@code new BigDecimal(String)} takes 17 s on JDK 17 (the conversion is quadratic) and
 * allocates 20 MB, well within the bound; such mutants pass, slowly. The reader must bound a
 * number's length before parsing it (amounts and typed attributes alike), which also keeps this
 * test fast.
 *
 * <p>Every failure is collected; the test fails once, with a summary by class (exit code,
 * exception or message shape, with a count and an example) and the details of a few mutants of
 * each class: the mutant's index and seed, the mutations applied, the offending lines escaped,
 * the arguments and the outcome. System property {@code cli.fuzz.mutants} reruns some mutants
 * by index (see {@link #only()}).
 */
@Tag("fuzz")
class CliFuzzTest {
  /** The seed of the run; mutant {@code i} has seed {@code SEED + i * GOLDEN}. */
  static final long SEED = 12L;
  static final long GOLDEN = 0x9E3779B97F4A7C15L;
  static final int MUTANTS = 3000;
  /** The hang guard, not a speed assertion. */
  static final long HANG_GUARD_SECONDS = 60;
  static final int MAX_GIVEN_UP = 4;
  /**
   * The work bound's constant, in bytes. A run of a mutant of the 6 KB base (picocli, reading,
   * the engine, metrics, JSON) allocated at most 4.6 MB when measured (JDK 17): seven times
   * that. {@code 1e99999999} used to allocate 1.4 GB on a 6 KB file.
   */
  static final long ALLOCATION_CONSTANT = 32L << 20;
  /**
   * The work bound per input byte. Runs of mutants from 50 KB to 1 MB allocated at most 34
   * bytes per input byte beyond a small run's 3 MB when measured: seven times that and more.
   */
  static final long ALLOCATION_PER_INPUT_BYTE = 256;

  /**
   * The whole-file problems a mutant can meet, which name the file without a line: no deal is
   * left to measure (an empty file, a header only, or every row skipped; the skipped rows are
   * listed above it, each with its line). Other whole-file messages ({@code no such file},
   * {@code permission denied}, {@code is a directory}) cannot arise from a mutant's content.
   * Everything else names a line: an encoding error, a header problem (line 1), a quote left
   * open (the line it opened on).
   */
  static final Pattern WHOLE_FILE =
      Pattern.compile("no deals to measure \\(\\d+ data rows?(, none kept)?\\)");

  @TempDir
  Path dir;

  /**
   * A well-formed file and how to read it.
   *
   * @param name its name in reports
   * @param text the CSV
   * @param definition the definition options
   */
  record Base(String name, String text, List<String> definition) {
    List<String> args(Path file, boolean skip) {
      List<String> args = new ArrayList<>(List.of("metrics", "--events", file.toString()));
      args.addAll(definition);
      args.add("--json");
      if (skip) {
        args.add("--skip-bad-rows");
      }
      return args;
    }
  }

  static List<Base> bases() {
    Cli.Run generated = Cli.run("generate", "--template", "saas-b2b", "--deals", "30", "--seed",
        "12", "--from", "2026-01-01", "--to", "2026-06-30");
    assertThat(generated.exit()).isZero();
    return List.of(
        new Base("generated (30 deals, saas-b2b, seed 12)", generated.out(),
            List.of("--template", "saas-b2b")),
        new Base("SampleExports.STAGE_HISTORY", SampleExports.STAGE_HISTORY,
            List.of("--stages", "lead,demo,proposal", "--won", "won", "--lost", "lost",
                "--dormant", "dark")));
  }

  /**
   * What one run gave.
   *
   * @param run the exit code and output, or null if it threw or was given up on
   * @param allocated the bytes the run's thread allocated
   * @param thrown what {@code Cli.run} threw, or null
   * @param givenUp why the run was given up on, or null
   */
  record Outcome(Cli.Run run, long allocated, Throwable thrown, String givenUp) {}

  /**
   * A broken promise.
   *
   * @param kind the class, for the summary
   * @param detail what exactly
   */
  record Verdict(String kind, String detail) {}

  /**
   * A mutant that broke a promise.
   *
   * @param verdict what it broke
   * @param mutant the mutant
   * @param mutator what made it
   * @param base its base
   * @param args the arguments of the run
   * @param outcome the outcome
   */
  record Failure(Verdict verdict, CsvMutator.Mutant mutant, CsvMutator mutator, Base base,
      List<String> args,
      Outcome outcome) {}

  static long seed(int index) {
    return SEED + index * GOLDEN;
  }

  @Test
  void everyMutantEndsInExitZeroOrOneMessageNamingFileAndLineWithinTheWorkBound()
      throws IOException {
    List<Integer> only = only();
    List<Base> bases = bases();
    List<CsvMutator> mutators = bases.stream().map(b -> new CsvMutator(b.text())).toList();
    List<Failure> failures = new ArrayList<>();
    long healthyMax = 0;
    double healthyMaxOfBound = 0;
    int exitZero = 0;
    int exitTwo = 0;
    int notRun = 0;
    int ran = 0;
    try (Worker worker = new Worker(TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS))) {
      // The bases themselves (which also loads the classes the mutants' runs need).
      for (Base base : bases) {
        for (boolean skip : new boolean[] {false, true}) {
          Path file = dir.resolve("base.csv");
          Files.writeString(file, base.text());
          Outcome outcome = worker.run(cli(base.args(file, skip)), Long.MAX_VALUE);
          assertThat(outcome.run()).as("%s: %s", base.name(), outcome).isNotNull();
          assertThat(outcome.run().err()).as(base.name()).isEmpty();
          assertThat(outcome.run().exit()).as(base.name()).isZero();
          assertThat(outcome.run().json().get("deals").asLong()).isPositive();
        }
      }
      for (int i = 0; i < MUTANTS; i++) {
        if (worker.givenUp >= MAX_GIVEN_UP) {
          notRun = MUTANTS - i;
          break;
        }
        if (!only.isEmpty() && !only.contains(i)) {
          continue;
        }
        ran++;
        int b = i % 3 == 2 ? 1 : 0; // a third of the mutants are of the sample
        CsvMutator.Mutant mutant = mutators.get(b).mutate(i, seed(i));
        boolean skip = (i & 1) == 1;
        Path file = dir.resolve(String.format(Locale.ROOT, "mutant-%04d.csv", i));
        Files.write(file, mutant.bytes());
        List<String> args = bases.get(b).args(file, skip);
        long bound = bound(mutant.bytes().length);
        Outcome outcome = worker.run(cli(args), bound);
        Files.delete(file);
        Optional<Verdict> verdict = verdict(outcome, file.toString(), bound);
        if (verdict.isPresent()) {
          failures.add(new Failure(verdict.get(), mutant, mutators.get(b), bases.get(b), args,
              outcome));
        } else {
          if (outcome.run().exit() == 0) {
            exitZero++;
          } else {
            exitTwo++;
          }
          healthyMax = Math.max(healthyMax, outcome.allocated());
          healthyMaxOfBound = Math.max(healthyMaxOfBound, outcome.allocated() / (double) bound);
        }
      }
    }
    if (!failures.isEmpty() || notRun > 0) {
      fail(report(failures, ran, exitZero, exitTwo, notRun, healthyMax, healthyMaxOfBound));
    }
    if (only.isEmpty()) { // the mutants are no mere noise, nor all refused
      assertThat(exitZero).as("mutants that read fine").isGreaterThan(MUTANTS / 10);
      assertThat(exitTwo).as("mutants refused with file and line").isGreaterThan(MUTANTS / 10);
    }
  }

  @Test
  void mutantsAreReproducibleSmallAndCoverEveryMutation() {
    for (Base base : bases()) {
      CsvMutator mutator = new CsvMutator(base.text());
      Map<String, Integer> used = new LinkedHashMap<>();
      mutator.mutationNames().forEach(n -> used.put(n, 0));
      for (int i = 0; i < MUTANTS; i++) {
        CsvMutator.Mutant mutant = mutator.mutate(i, seed(i));
        assertThat(mutant.bytes().length).isLessThanOrEqualTo(CsvMutator.MAX_BYTES);
        for (String m : mutant.mutations()) {
          used.merge(m.substring(0, m.indexOf(':')), 1, Integer::sum);
        }
        if (i % 100 == 0) {
          CsvMutator.Mutant again = mutator.mutate(i, seed(i));
          assertThat(again.bytes()).isEqualTo(mutant.bytes());
          assertThat(again.mutations()).isEqualTo(mutant.mutations());
        }
      }
      assertThat(used).as(base.name()).allSatisfy((name, count) ->
          assertThat(count).as(name).isGreaterThanOrEqualTo(30));
    }
  }

  @Test
  void theWorkerCountsWhatARunAllocatesAndGivesUpOnRunaways() {
    String json = "{\"deals\": 1}";
    List<byte[]> kept = new ArrayList<>();
    try (Worker worker = new Worker(TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS))) {
      // 48 MB allocated and kept until the run ends: counted, over a 6 KB file's bound
      Outcome heavy = worker.run(() -> {
        for (int i = 0; i < 48; i++) {
          kept.add(new byte[1 << 20]);
        }
        return new Cli.Run(0, json, "");
      }, Long.MAX_VALUE);
      kept.clear();
      assertThat(heavy.allocated()).isGreaterThan(48L << 20).isLessThan(bound(6000) * 2);
      assertThat(verdict(heavy, "f.csv", bound(6000))).map(Verdict::kind)
          .contains("over the work bound, then exit 0");
      Outcome light = worker.run(() -> new Cli.Run(0, json, ""), Long.MAX_VALUE);
      assertThat(light.allocated()).isLessThan(1L << 20);
      // a run that allocates until interrupted is given up on while it runs
      Outcome runaway = worker.run(() -> {
        long sink = 0;
        while (!Thread.currentThread().isInterrupted()) {
          sink += new byte[1 << 16].length;
        }
        return new Cli.Run(0, json, Long.toString(sink));
      }, 64L << 20);
      assertThat(runaway.givenUp()).startsWith("still running after allocating");
      assertThat(verdict(runaway, "f.csv", 64L << 20)).map(Verdict::kind)
          .contains("runaway: over the work bound while running");
      assertThat(worker.givenUp).isEqualTo(1);
      // the next run has a fresh worker thread
      assertThat(worker.run(() -> new Cli.Run(0, json, ""), Long.MAX_VALUE).run().exit())
          .isZero();
    }
    // a run that never ends is given up on by the hang guard (of 1 s here)
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    try (Worker worker = new Worker(TimeUnit.SECONDS.toNanos(1))) {
      Outcome hang = worker.run(() -> {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new Cli.Run(0, json, "");
      }, Long.MAX_VALUE);
      assertThat(verdict(hang, "f.csv", Long.MAX_VALUE)).map(Verdict::kind)
          .contains("hang guard");
    }
  }

  @Test
  void theOracleTellsAKeptPromiseFromABrokenOne() {
    String f = "/tmp/x.csv";
    String json = "{\"deals\": 3}";
    assertThat(verdict(new Cli.Run(0, json, ""), f)).isEmpty();
    assertThat(verdict(new Cli.Run(0, json, "skipped 1 bad row of 9 in " + f + ": 1 bad date\n"
        + "  " + f + ":4: bad date 'x'\n"), f)).isEmpty();
    assertThat(verdict(new Cli.Run(2, "", f + ":7: unknown stage 'x'\n"), f)).isEmpty();
    assertThat(verdict(new Cli.Run(2, "", f + ": no deals to measure (0 data rows)\n"), f))
        .isEmpty();
    assertThat(verdict(new Cli.Run(2, "", "skipped 2 bad rows of 2 in " + f + ": 2 bad date\n"
        + "  " + f + ":2: bad date 'x'\n  " + f + ":3: bad date 'y'\n"
        + f + ": no deals to measure (2 data rows, none kept)\n"), f)).isEmpty();
    assertThat(verdict(new Cli.Run(2, "", f + ":1: warning: never won\n" + f + ":3: bad\n"), f))
        .isEmpty();
    assertThat(verdict(new Cli.Run(1, "", "pipeline: unexpected error:"
        + " java.lang.ArithmeticException: Overflow\n(run with -v for the stack trace)\n"), f))
        .map(Verdict::kind).contains("exit 1 ArithmeticException: Overflow");
    assertThat(verdict(new Cli.Run(3, "", "pipeline: out of memory\n"), f)).isPresent();
    assertThat(verdict(new Cli.Run(2, "", f + ": cannot read: Input length = 1\n"), f))
        .map(Verdict::kind).contains("exit 2 without a line: cannot read: Input length = N");
    assertThat(verdict(new Cli.Run(2, "", f + ":3: bad owner 'a\nb'\n"), f)).map(Verdict::kind)
        .hasValueSatisfying(k -> assertThat(k).startsWith("exit 2 with a message over more"));
    assertThat(verdict(new Cli.Run(2, "", f + ":3: bad owner 'a\rb'\n"), f)).map(Verdict::kind)
        .contains("a raw line break (CR, NEL, LS or PS) from the input in a message");
    assertThat(verdict(new Cli.Run(2, "", f + ":3: bad owner 'a\u001bb'\n"), f))
        .map(Verdict::kind).contains("a raw control character from the input in a message");
    assertThat(verdict(new Cli.Run(2, "", f + ": cannot read\n"), f)).isPresent();
    assertThat(verdict(new Cli.Run(2, "", "cannot read " + f + "\n"), f)).isPresent();
    assertThat(verdict(new Cli.Run(0, json, "skipped 1 bad row of 9 in " + f + ": 1 bad\n"
        + "  " + f + ":4: bad owner 'a\nb'\n"), f)).isPresent();
    assertThat(verdict(new Cli.Run(2, "", f + ":3: x\n\tat a.B.c(B.java:1)\n"), f))
        .map(Verdict::kind).contains("stack trace on stderr");
    assertThat(verdict(new Cli.Run(2, "", f + ":3: java.lang.IllegalArgumentException: x\n"), f))
        .isPresent();
    assertThat(verdict(new Cli.Run(2, "{}", f + ":3: x\n"), f)).isPresent();
    assertThat(verdict(new Cli.Run(0, "not json", ""), f)).isPresent();
    assertThat(verdict(new Outcome(new Cli.Run(0, json, ""), bound(1000) + 1, null, null), f,
        bound(1000))).map(Verdict::kind).contains("over the work bound, then exit 0");
    assertThat(verdict(new Outcome(new Cli.Run(0, json, ""), bound(1000), null, null), f,
        bound(1000))).isEmpty();
  }

  /**
   * The mutants to run, from system property {@code cli.fuzz.mutants} ({@code 12,345}); all of
   * them without it. To rerun mutants of a report: {@code mvn -pl pipeline-examples test
   * -Dtest=CliFuzzTest -Dcli.fuzz.mutants=12,345}.
   */
  private static List<Integer> only() {
    String only = System.getProperty("cli.fuzz.mutants", "").strip();
    return only.isEmpty() ? List.of()
        : Arrays.stream(only.split(",")).map(String::strip).map(Integer::valueOf).toList();
  }

  private static java.util.function.Supplier<Cli.Run> cli(List<String> args) {
    return () -> Cli.run(args.toArray(String[]::new));
  }

  static long bound(int inputBytes) {
    return ALLOCATION_CONSTANT + ALLOCATION_PER_INPUT_BYTE * inputBytes;
  }

  /**
   * Whether an outcome keeps the promise; the broken promise if not.
   *
   * @param outcome the outcome
   * @param file the file name as given to {@code --events}
   * @param bound the allocation bound in bytes
   */
  static Optional<Verdict> verdict(Outcome outcome, String file, long bound) {
    if (outcome.givenUp() != null) {
      return Optional.of(new Verdict(outcome.givenUp().startsWith("hang") ? "hang guard"
          : "runaway: over the work bound while running", outcome.givenUp()));
    }
    if (outcome.thrown() != null) {
      return Optional.of(new Verdict("threw " + outcome.thrown().getClass().getName(),
          String.valueOf(outcome.thrown())));
    }
    Optional<Verdict> v = verdict(outcome.run(), file);
    if (v.isPresent()) {
      return v;
    }
    if (outcome.allocated() > bound) {
      String first = firstLine(outcome.run().err());
      String message = first.startsWith(file) ? first.substring(file.length()) : first;
      return Optional.of(new Verdict("over the work bound, then exit " + outcome.run().exit()
          + (message.isEmpty() ? "" : " " + shape(message)), String.format(Locale.ROOT,
              "allocated %,d bytes, bound %,d", outcome.allocated(), bound)));
    }
    return Optional.empty();
  }

  private static final Pattern UNEXPECTED =
      Pattern.compile("^pipeline: unexpected error: ([\\w.$]+)(?::\\s?(.*))?", Pattern.MULTILINE);
  private static final Pattern RAW = Pattern.compile("[\\x00-\\x1f\\x7f\\u0085\\u2028\\u2029]");

  /**
   * Whether a finished run keeps the promise; the broken promise if not.
   *
   * @param run the run
   * @param file the file name as given to {@code --events}
   */
  static Optional<Verdict> verdict(Cli.Run run, String file) {
    String err = run.err();
    String first = firstLine(err);
    if (run.exit() == 1) {
      Matcher m = UNEXPECTED.matcher(err);
      String kind = m.find() ? m.group(1).substring(m.group(1).lastIndexOf('.') + 1)
          + (m.group(2) == null ? "" : ": " + shape(m.group(2))) : shape(first);
      return Optional.of(new Verdict("exit 1 " + kind, first));
    }
    if (run.exit() != 0 && run.exit() != 2) {
      return Optional.of(new Verdict("exit " + run.exit() + " " + shape(first), first));
    }
    if (err.contains("\tat ")) {
      return Optional.of(new Verdict("stack trace on stderr", first));
    }
    if (err.contains("Exception")) {
      String named = err.lines().filter(l -> l.contains("Exception")).findFirst().orElseThrow();
      return Optional.of(new Verdict("an exception named on stderr: " + shape(
          named.startsWith(file) ? named.substring(file.length()) : named), named));
    }
    String f = Pattern.quote(file);
    Pattern skipped = Pattern.compile("skipped \\d+ bad rows? of \\d+ in " + f + ": .+");
    Pattern skippedRow = Pattern.compile("  " + f + ":\\d+: .+|  \\.\\.\\. and \\d+ more");
    Pattern warning = Pattern.compile("(" + f + "(:\\d+)?: )?warning: .+");
    List<String> lines = new ArrayList<>(Arrays.asList(err.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    for (String line : lines) {
      Matcher raw = RAW.matcher(line);
      if (raw.find()) {
        char c = raw.group().charAt(0);
        return Optional.of(new Verdict(c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029'
            ? "a raw line break (CR, NEL, LS or PS) from the input in a message"
            : "a raw control character from the input in a message", line));
      }
    }
    lines.removeIf(l -> warning.matcher(l).matches());
    int i = 0;
    if (i < lines.size() && skipped.matcher(lines.get(i)).matches()) {
      i++;
      while (i < lines.size() && skippedRow.matcher(lines.get(i)).matches()) {
        i++;
      }
    }
    if (run.exit() == 0) {
      if (i < lines.size()) {
        return Optional.of(new Verdict("exit 0 with a stderr line that is no message (a message"
            + " split by a raw newline?)", lines.get(i)));
      }
      try {
        JsonNode deals = run.json().get("deals");
        if (deals == null || !deals.isIntegralNumber()) {
          return Optional.of(new Verdict("exit 0 without the JSON's deals", run.out()));
        }
      } catch (UncheckedIOException e) {
        return Optional.of(new Verdict("exit 0 with no JSON on stdout", run.out()));
      }
      return Optional.empty();
    }
    if (!run.out().isEmpty()) {
      return Optional.of(new Verdict("exit 2 with output on stdout", run.out()));
    }
    if (i >= lines.size()) {
      return Optional.of(new Verdict("exit 2 without a message", err));
    }
    String error = lines.get(i);
    if (i + 1 < lines.size()) {
      return Optional.of(new Verdict("exit 2 with a message over more than one line (split by"
          + " a raw newline?)", error + "\n" + lines.get(i + 1)));
    }
    if (!error.startsWith(file + ":")) {
      return Optional.of(new Verdict("exit 2 not naming the file: " + shape(error), error));
    }
    String rest = error.substring(file.length() + 1);
    if (rest.matches("\\d+: .+")) {
      return Optional.empty();
    }
    if (rest.startsWith(" ") && WHOLE_FILE.matcher(rest.substring(1)).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Verdict("exit 2 without a line: " + shape(rest.strip()), error));
  }

  private static String firstLine(String s) {
    int n = s.indexOf('\n');
    return n < 0 ? s : s.substring(0, n);
  }

  /** The shape of a message, for classes: quoted values and numbers elided, at most 70 chars. */
  static String shape(String message) {
    String s = message.replaceAll("'[^']*'", "'...'")
        .replaceAll("U\\+[0-9A-F]{4,6}( [A-Z][A-Z ()-]*[A-Z)])?", "U+XXXX")
        .replaceAll("(?<!U\\+X{0,5})\\d+", "N");
    s = CsvMutator.escape(s);
    return s.length() <= 70 ? s : s.substring(0, 67) + "...";
  }

  private static String report(List<Failure> failures, int ran, int exitZero, int exitTwo,
      int notRun, long healthyMax, double healthyMaxOfBound) {
    Map<String, List<Failure>> byKind = new LinkedHashMap<>();
    for (Failure f : failures) {
      byKind.computeIfAbsent(f.verdict().kind(), k -> new ArrayList<>()).add(f);
    }
    List<Map.Entry<String, List<Failure>>> kinds = new ArrayList<>(byKind.entrySet());
    kinds.sort(Comparator.comparing((Map.Entry<String, List<Failure>> e) -> -e.getValue().size())
        .thenComparing(Map.Entry::getKey));
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%d of %d mutants run (seed %d) broke the command line's"
        + " promise in %d classes; %d exit 0 and %d exit 2 kept it%s. The work bound is %,d bytes"
        + " + %d per input byte; the runs that kept the promise allocated at most %,d bytes, at"
        + " most %.0f%% of their bound.%n%nBy class:%n", failures.size(), ran, SEED,
        kinds.size(), exitZero, exitTwo, notRun > 0 ? "; " + notRun + " not run after "
        + MAX_GIVEN_UP + " runaways" : "", ALLOCATION_CONSTANT, ALLOCATION_PER_INPUT_BYTE,
        healthyMax, 100 * healthyMaxOfBound));
    for (Map.Entry<String, List<Failure>> e : kinds) {
      Failure f = e.getValue().get(0);
      b.append(String.format(Locale.ROOT, "  %s: %d mutant%s, e.g. %s%n", e.getKey(),
          e.getValue().size(), e.getValue().size() == 1 ? "" : "s",
          f.mutant().describe()));
    }
    b.append(String.format(Locale.ROOT, "%nExamples (rerun some with -Dtest=CliFuzzTest"
        + " -Dcli.fuzz.mutants=INDEX,INDEX):%n"));
    for (Map.Entry<String, List<Failure>> e : kinds) {
      b.append(String.format(Locale.ROOT, "%n== %s%n", e.getKey()));
      for (Failure f : e.getValue().subList(0, Math.min(2, e.getValue().size()))) {
        b.append(String.format(Locale.ROOT, "  mutant %s%n    of %s, %d bytes, args: %s%n",
            f.mutant().describe(), f.base().name(), f.mutant().bytes().length,
            String.join(" ", f.args().subList(3, f.args().size()))));
        for (String line : f.mutator().offendingLines(f.mutant(), 3)) {
          b.append("    ").append(line).append(System.lineSeparator());
        }
        Outcome o = f.outcome();
        if (o.run() != null) {
          b.append(String.format(Locale.ROOT, "    -> exit %d, allocated %,d bytes, stderr:%n",
              o.run().exit(), o.allocated()));
          o.run().err().lines().limit(4).forEach(l -> b.append("       ")
              .append(CsvMutator.escape(l.length() > 300 ? l.substring(0, 300) + "..." : l))
              .append(System.lineSeparator()));
        }
        b.append("    -> ").append(CsvMutator.escape(f.verdict().detail().length() > 300
            ? f.verdict().detail().substring(0, 300) + "..." : f.verdict().detail()))
            .append(System.lineSeparator());
      }
    }
    return b.toString();
  }

  /** Runs each command line on a worker thread, measuring what the thread allocates. */
  static final class Worker implements AutoCloseable {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long hangGuardNanos;
    private ExecutorService executor = newExecutor();
    int givenUp;

    Worker(long hangGuardNanos) {
      this.hangGuardNanos = hangGuardNanos;
      if (!THREADS.isThreadAllocatedMemorySupported()) {
        throw new IllegalStateException("this JVM does not count the bytes a thread allocates");
      }
      THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private static ExecutorService newExecutor() {
      return Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cli-fuzz-worker");
        t.setDaemon(true);
        return t;
      });
    }

    /** One run's thread and its allocation counter at the start. */
    private static final class Attempt {
      volatile long thread = -1;
      volatile long start;

      Outcome run(java.util.function.Supplier<Cli.Run> cli) {
        start = THREADS.getCurrentThreadAllocatedBytes();
        thread = Thread.currentThread().getId();
        try {
          Cli.Run run = cli.get();
          return new Outcome(run, THREADS.getCurrentThreadAllocatedBytes() - start, null, null);
        } catch (Throwable t) { // StackOverflowError and the like: reported, not rethrown
          return new Outcome(null, THREADS.getCurrentThreadAllocatedBytes() - start, t, null);
        }
      }

      long allocatedSoFar() {
        long t = thread;
        return t < 0 ? 0 : THREADS.getThreadAllocatedBytes(t) - start;
      }
    }

    Outcome run(java.util.function.Supplier<Cli.Run> cli, long bound) {
      Attempt attempt = new Attempt();
      Future<Outcome> future = executor.submit(() -> attempt.run(cli));
      long started = System.nanoTime();
      while (true) {
        try {
          return future.get(20, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          long allocated = attempt.allocatedSoFar();
          if (allocated > bound) {
            return giveUp(future, allocated, String.format(Locale.ROOT, "still running after"
                + " allocating %,d bytes, over the bound of %,d", allocated, bound));
          }
          if (System.nanoTime() - started > hangGuardNanos) {
            return giveUp(future, allocated, "hang: no result after "
                + TimeUnit.NANOSECONDS.toSeconds(hangGuardNanos)
                + " s (a hang guard, not a speed assertion)");
          }
        } catch (ExecutionException e) {
          return new Outcome(null, attempt.allocatedSoFar(), e.getCause(), null);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }

    /** Gives up on a run that cannot be stopped: its thread is left behind, a daemon. */
    private Outcome giveUp(Future<Outcome> future, long allocated, String why) {
      future.cancel(true);
      executor.shutdownNow();
      executor = newExecutor();
      givenUp++;
      return new Outcome(null, allocated, null, why);
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }
}

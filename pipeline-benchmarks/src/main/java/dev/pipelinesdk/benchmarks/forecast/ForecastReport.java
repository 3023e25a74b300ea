package dev.pipelinesdk.benchmarks.forecast;

import dev.pipelinesdk.benchmarks.JfrHotspots;
import dev.pipelinesdk.benchmarks.metrics.Histories;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The last step of {@code peers/run-forecast-peers.sh}: runs the forecast JMH benchmarks ({@link
 * ForecastFitBenchmark}, {@link ForecastDistributionBenchmark}), reads what R and numpy measured
 * in the same directory ({@code r-times.csv}, {@code numpy-times.csv}, written by {@code
 * forecast_peers.R} and {@code forecast_peers.py}), prints our time, theirs and the ratio, and
 * writes the forecast section of {@code BENCHMARKS.md} between {@link #BEGIN} and {@link #END}
 * (replacing the previous one; {@code BenchmarkReport} keeps it when it rewrites the file). A
 * missed target gets a Flight Recorder profile of ours ({@link JfrHotspots}).
 *
 * <p>Arguments: {@code --dir DIR} (required: the peers' directory), {@code --out FILE} (default
 * {@code BENCHMARKS.md}), {@code --quick} (one short iteration each; the section says so).
 */
public final class ForecastReport {
  /** Opens the section in BENCHMARKS.md. */
  public static final String BEGIN = "<!-- forecast benchmarks: written by"
      + " pipeline-benchmarks/peers/run-forecast-peers.sh -->";
  /** Closes the section. */
  public static final String END = "<!-- end of forecast benchmarks -->";

  private static final String FIT = ForecastFitBenchmark.class.getName() + ".";
  private static final String DIST = ForecastDistributionBenchmark.class.getName() + ".";
  private static final String[] FORK_FLAGS = {"-Xms2g", "-Xmx6g"};

  private final boolean quick;
  private final Path dir;

  private ForecastReport(boolean quick, Path dir) {
    this.quick = quick;
    this.dir = dir;
  }

  /** One JMH result: ms per operation and its 99.9% error. */
  record Row(double ms, double error) {
    double relativeError() {
      return Double.isNaN(error) ? 0 : error / ms;
    }
  }

  /** A target from the issue, met or not. */
  record Target(String what, String measured, boolean met, String margin) {}

  /**
   * Runs the benchmarks and writes the section.
   *
   * @param args see the class documentation
   * @throws Exception if JMH, reading or writing fails
   */
  public static void main(String[] args) throws Exception {
    Path dir = null;
    Path out = Path.of("BENCHMARKS.md");
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir":
          dir = Path.of(args[++i]);
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        case "--quick":
          quick = true;
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]
              + "; use --dir DIR [--out FILE] [--quick]");
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("--dir DIR is required");
    }
    new ForecastReport(quick, dir).run(out);
  }

  private ChainedOptionsBuilder options(String include, int warmups, int iterations,
      int seconds) {
    return new OptionsBuilder().include(include).forks(1).threads(1)
        .warmupIterations(quick ? 1 : warmups).warmupTime(TimeValue.seconds(quick ? 1 : seconds))
        .measurementIterations(quick ? 1 : iterations)
        .measurementTime(TimeValue.seconds(quick ? 1 : seconds))
        .jvmArgs(FORK_FLAGS).shouldFailOnError(true);
  }

  private String flags(int warmups, int iterations, int seconds) {
    return quick ? "-f 1 -wi 1 -w 1s -i 1 -r 1s" : "-f 1 -t 1 -wi " + warmups + " -w " + seconds
        + "s -i " + iterations + " -r " + seconds + "s -jvmArgs \""
        + String.join(" ", FORK_FLAGS) + "\"";
  }

  private static String quoted(String prefix, String method) {
    return "^" + (prefix + method).replace(".", "\\.") + "$";
  }

  private void run(Path out) throws Exception {
    Map<String, String> meta = new LinkedHashMap<>();
    String loadBefore = loadAverage();
    System.out.println("== forecast JMH: the fit at 10,000, 100,000 and 1,000,000 histories");
    Collection<RunResult> fitResults = new Runner(options(quoted(FIT, "fit"), 2, 3, 3)
        .resultFormat(ResultFormatType.JSON).result(dir.resolve("jmh-forecast-fit.json")
            .toString()).build()).run();
    Map<Integer, Row> fit = new LinkedHashMap<>();
    for (RunResult r : fitResults) {
      fit.put(Integer.parseInt(r.getParams().getParam("deals")), row(r.getPrimaryResult()));
    }
    System.out.println("== forecast JMH: the distributions of 100,000 open deals");
    Collection<RunResult> distResults = new Runner(options("^" + DIST.replace(".", "\\.") + ".*",
        1, 3, 3).resultFormat(ResultFormatType.JSON).result(dir.resolve(
            "jmh-forecast-distribution.json").toString()).build()).run();
    Map<String, Row> dist = new HashMap<>();
    for (RunResult r : distResults) {
      dist.put(r.getParams().getBenchmark().substring(DIST.length()), row(r.getPrimaryResult()));
    }
    String loadAfter = loadAverage();
    System.out.println("== CPU seconds of ours (this JVM, not JMH)");
    CpuTimes.Result cpu = CpuTimes.measure(quick);
    for (String m : List.of("exactCount", "monteCarlo", "monteCarloOneThread", "loop",
        "loopParallel")) {
      if (!dist.containsKey(m)) {
        throw new IllegalStateException("benchmark " + m + " produced no result: " + dist.keySet());
      }
    }
    if (!fit.containsKey(ForecastData.HISTORIES)) {
      throw new IllegalStateException("the fit at 1,000,000 histories produced no result");
    }

    List<Map<String, String>> rTimes = csv(dir.resolve("r-times.csv"));
    List<Map<String, String>> stages = csv(dir.resolve("stages.csv"));
    Map<String, String> numpy = csv(dir.resolve("numpy-times.csv")).get(0);
    String numpyVersion = csv(dir.resolve("numpy-times.csv")).get(1).get("elapsed");
    Map<String, String> oursMc = csv(dir.resolve("ours-mc.csv")).get(0);
    Map<String, String> rVersions = properties(dir.resolve("r-versions.txt"));
    Map<String, String> loads = properties(dir.resolve("load.txt"));

    double survfit = 0;
    double survfitCpu = 0;
    double cuminc = 0;
    double cumincCpu = 0;
    double agreement = Double.NaN;
    for (Map<String, String> r : rTimes) {
      double e = Double.parseDouble(r.get("elapsed"));
      double c = Double.parseDouble(r.get("cpu"));
      switch (r.get("what")) {
        case "survfit":
          survfit += e;
          survfitCpu += c;
          break;
        case "cuminc":
          cuminc += e;
          cumincCpu += c;
          break;
        case "check_max_abs_difference":
          agreement = e;
          break;
        default:
          break;
      }
    }
    long visits1m = stages.stream().mapToLong(s -> Long.parseLong(s.get("visits"))).sum();
    double ours1m = fit.get(ForecastData.HISTORIES).ms() / 1000;
    double numpySeconds = Double.parseDouble(numpy.get("elapsed"));
    double mc = dist.get("monteCarlo").ms() / 1000;
    double mc1 = dist.get("monteCarloOneThread").ms() / 1000;
    double loop = dist.get("loop").ms() / 1000;
    double loopParallel = dist.get("loopParallel").ms() / 1000;
    double numpyCpu = Double.parseDouble(numpy.get("cpu"));

    List<Target> targets = new ArrayList<>();
    targets.add(faster("fit (1M histories, every stage) >= 10x faster than R's `survfit`",
        survfit / ours1m, 10, survfitCpu / cpu.fit()));
    targets.add(faster("fit (1M histories, every stage) >= 10x faster than `cmprsk::cuminc`",
        cuminc / ours1m, 10, cumincCpu / cpu.fit()));
    targets.add(faster("revenue distribution (common pool, " + cores() + " threads) >= 3x faster"
        + " than numpy", numpySeconds / mc, 3, numpyCpu / cpu.monteCarlo()));
    targets.add(faster("revenue distribution (one thread) >= 3x faster than numpy",
        numpySeconds / mc1, 3, numpyCpu / cpu.monteCarloOneThread()));
    targets.add(within("revenue distribution (common pool) within 2x of the primitive loop on the"
        + " same pool", mc / loopParallel, 2));
    targets.add(within("revenue distribution (one thread) within 2x of the primitive loop (one"
        + " thread)", mc1 / loop, 2));

    String fitProfile = null;
    String mcProfile = null;
    if (!targets.get(0).met() || !targets.get(1).met()) {
      System.out.println("== a fit target was missed: profiling the fit at 1M with Flight"
          + " Recorder");
      fitProfile = profile(options(quoted(FIT, "fit"), 1, 2, 3)
          .param("deals", Integer.toString(ForecastData.HISTORIES)), "forecast-fit");
    }
    if (targets.subList(2, 6).stream().anyMatch(t -> !t.met())) {
      System.out.println("== a revenue target was missed: profiling monteCarlo with Flight"
          + " Recorder");
      mcProfile = profile(options(quoted(DIST, "monteCarlo"), 1, 2, 3), "forecast-montecarlo");
    }

    StringBuilder sb = new StringBuilder();
    sb.append(BEGIN).append("\n## Forecast: fit and distributions (issue 14)\n\n");
    if (quick) {
      sb.append("> **SMOKE RUN: not a measurement** (`QUICK=1`, one short iteration each).\n\n");
    }
    sb.append("Written by `pipeline-benchmarks/peers/run-forecast-peers.sh` on ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .replaceAll("\\.\\d+", ""))
        .append(", one run on this machine (").append(cores()).append(" cores; load average")
        .append(" before R ").append(loads.getOrDefault("r", "?")).append(", before numpy ")
        .append(loads.getOrDefault("numpy", "?")).append(", before and after JMH ")
        .append(loadBefore).append(" and ").append(loadAfter).append("). JVM ")
        .append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.vm.version")).append("; JMH fit ")
        .append('`').append(flags(2, 3, 3)).append("`, distributions `").append(flags(1, 3, 3))
        .append("`, average time per operation. R ").append(rVersions.getOrDefault("r", "?"))
        .append(", survival ").append(rVersions.getOrDefault("survival", "?")).append(", cmprsk ")
        .append(rVersions.getOrDefault("cmprsk", "?")).append(", numpy ").append(numpyVersion)
        .append(" (Debian's packages, installed by the script). Ratios within this section only."
            + "\n\n");

    sb.append(String.format(Locale.ROOT, "**Data.** The metrics benchmark's fixed-seed `saas-b2b`"
        + " histories (`Histories`, whole-second instants, as of %s): every entry into an open or"
        + " dormant stage is a visit, ended by the deal's next entry into won (a win), lost or,"
        + " from an open stage, dormant (the competing outcome), or censored at the as-of"
        + " instant. At 1,000,000 histories that is **%,d visits** in %d stages. The open deals"
        + " are the first %,d deals open at the as-of instant, with the default model's"
        + " probability of a win within 90 days (%s of them above 0) and their amounts (EUR 1,000"
        + " to 99,999); Monte Carlo: %,d trials, seed %d.%n%n", Histories.AS_OF, visits1m,
        stages.size(), ForecastData.OPEN_DEALS,
        String.format(Locale.ROOT, "%,d", positives()), ForecastData.TRIALS, ForecastData.SEED));

    sb.append(String.format(Locale.ROOT, "**Agreement with R, checked before timing:** on those"
        + " %,d visits our `CompetingRisksModel.fit` over the histories has exactly R's event"
        + " times, and its survival and cumulative incidence of a win differ from"
        + " `survfit`'s multi-state estimate by at most **%.2g** over every stage and every one of"
        + " R's time points (bound 1e-9; the script stops above it). `mvn verify` keeps a small"
        + " version of this check (`AalenJohansenFixtureTest`, 300 visits, R's output committed"
        + " with `peers/aalen_johansen_fixture.R`).%n%n", visits1m, agreement));

    sb.append("### Fitting the default model (`competing-risks`)\n\n");
    sb.append("One operation = `CompetingRisksModel.fit(definition, histories, asOf)`: every visit"
        + " extracted from the `DealHistory` objects, then one Aalen-Johansen estimate per stage."
        + " Single-threaded.\n\n");
    sb.append("| histories | ms per fit | ± (99.9% CI) | x the time of the row above (10x the"
        + " histories) |\n| ---: | ---: | ---: | ---: |\n");
    Row previous = null;
    for (Map.Entry<Integer, Row> e : fit.entrySet()) {
      Row r = e.getValue();
      sb.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s |%n", e.getKey(), ms(r.ms()),
          Double.isNaN(r.error()) ? "n/a" : ms(r.error()),
          previous == null ? "" : fmt(r.ms() / previous.ms())));
      previous = r;
    }
    sb.append(String.format(Locale.ROOT, "%nAt 1,000,000 histories: %.2f µs per visit.%n%n",
        ours1m * 1e6 / visits1m));

    sb.append("Side by side with R on the same visits (R's time summed over the stages, each"
        + " stage's the median of its runs; reading the files not timed; R gets the visits"
        + " already extracted, ours starts from the histories):\n\n");
    sb.append("| contender | seconds (wall) | CPU seconds | ours is N x as fast (wall) | ours is"
        + " N x as fast (CPU) |\n| --- | ---: | ---: | ---: | ---: |\n");
    sb.append(String.format(Locale.ROOT, "| **ours**, `fit` over the 1,000,000 histories (JMH;"
        + " CPU: `CpuTimes`) | %.2f | %.2f | 1 | 1 |%n", ours1m, cpu.fit()));
    sb.append(String.format(Locale.ROOT, "| R `survfit(Surv(time, event) ~ 1, se.fit = FALSE,"
        + " timefix = FALSE)`, every stage | %.2f | %.2f | %s | %s |%n", survfit, survfitCpu,
        fmt(survfit / ours1m), fmt(survfitCpu / cpu.fit())));
    sb.append(String.format(Locale.ROOT, "| R `cmprsk::cuminc(time, outcome, cencode = 0)`, every"
        + " stage | %.2f | %.2f | %s | %s |%n", cuminc, cumincCpu, fmt(cuminc / ours1m),
        fmt(cumincCpu / cpu.fit())));
    sb.append("\nPer stage (R):\n\n| stage | visits | `survfit` s (wall / CPU) | `cuminc` s (wall"
        + " / CPU) |\n| --- | ---: | ---: | ---: |\n");
    for (Map<String, String> s : stages) {
      String name = s.get("stage");
      Map<String, String> sf = find(rTimes, "survfit", name);
      Map<String, String> ci = find(rTimes, "cuminc", name);
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %.2f / %.2f | %.2f / %.2f |%n", name,
          Long.parseLong(s.get("visits")), d(sf, "elapsed"), d(sf, "cpu"), d(ci, "elapsed"),
          d(ci, "cpu")));
    }
    sb.append("\n`survfit` is given its fastest options that give the same estimate: `se.fit ="
        + " FALSE` (no standard errors; ours computes none either) and `timefix = FALSE` (the"
        + " times are exact). With its default standard errors, one attempt on the 631,107"
        + " visits of `decision` had not finished after 15 minutes (on this machine, busy, while"
        + " the script was written; not measured again).\n\n");

    sb.append("### Forecasting 100,000 open deals\n\n");
    sb.append("| contender | ms per operation | ± (99.9% CI) | CPU seconds | N x the one-thread"
        + " loop's time |\n| --- | ---: | ---: | ---: | ---: |\n");
    Map<String, Double> cpuOf = Map.of("monteCarlo", cpu.monteCarlo(), "monteCarloOneThread",
        cpu.monteCarloOneThread(), "loop", cpu.loop());
    Map<String, String> names = new LinkedHashMap<>();
    names.put("exactCount", "**ours**, exact count distribution `Distributions.count(deals)`"
        + " (Poisson-binomial, FFT divide and conquer)");
    names.put("monteCarlo", "**ours**, revenue distribution `Distributions.monteCarlo(deals,"
        + " Simulation.of(10000, seed))`, common pool (" + cores() + " threads)");
    names.put("monteCarloOneThread", "**ours**, the same on a one-thread `ForkJoinPool`");
    names.put("loopParallel", "hand-written primitive loop, the same draws, common pool");
    names.put("loop", "hand-written primitive loop, the same draws, one thread");
    for (Map.Entry<String, String> e : names.entrySet()) {
      Row r = dist.get(e.getKey());
      Double c = cpuOf.get(e.getKey());
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", e.getValue(),
          ms(r.ms()), Double.isNaN(r.error()) ? "n/a" : ms(r.error()),
          c == null ? "" : String.format(Locale.ROOT, "%.2f", c), fmt(r.ms() / 1000 / loop)));
    }
    sb.append(String.format(Locale.ROOT, "| numpy %s, `%s`, chunks of 100 trials (median of %s"
        + " runs, wall-clock) | %s | | %.2f | %s |%n", numpyVersion, numpy.get("what"),
        numpy.get("runs"), ms(numpySeconds * 1000), numpyCpu, fmt(numpySeconds / loop)));
    sb.append(String.format(Locale.ROOT, "%nCPU seconds of ours: `CpuTimes`, in the report's JVM"
        + " after JMH (median of %d runs after %d warm-up runs; the fit and the loop by the"
        + " thread's CPU time; Monte Carlo, which runs on pool threads, by the process's, as"
        + " numpy's `process_time`, which also counts the JVM's compiler and GC threads and so"
        + " overstates ours a little).%n",
        quick ? 1 : CpuTimes.RUNS, quick ? 1 : CpuTimes.WARMUPS));
    sb.append(String.format(Locale.ROOT, "%nOurs and the loop draw the same numbers (the"
        + " benchmark's setup checks that P10, P50, P90 and the mean are identical); numpy draws"
        + " its own (PCG64), so it is checked against ours statistically: ours P10 / P50 / P90"
        + " EUR %s / %s / %s, numpy's %s / %s / %s, the exact expectation %s.%n%n",
        oursMc.get("p10"), oursMc.get("p50"), oursMc.get("p90"), numpy.get("p10"),
        numpy.get("p50"), numpy.get("p90"), oursMc.get("exact_expected")));

    sb.append("### Targets (issue 14)\n\n| target | measured | met? | margin |\n"
        + "| --- | --- | --- | --- |\n");
    for (Target t : targets) {
      sb.append("| ").append(t.what()).append(" | ").append(t.measured()).append(" | ")
          .append(t.met() ? "met" : "**missed**").append(" | ").append(t.margin()).append(" |\n");
    }
    double widest = 0;
    for (Row r : fit.values()) {
      widest = Math.max(widest, r.relativeError());
    }
    for (Row r : dist.values()) {
      widest = Math.max(widest, r.relativeError());
    }
    sb.append(String.format(Locale.ROOT, "%nSteadiness: the widest 99.9%% error of a JMH row here"
        + " is %.0f%% of its score.%s%n%n", 100 * widest, widest > 0.20
            ? " **Above 20%: the machine was busy, the ratios are rough.**" : ""));
    if (fitProfile != null) {
      sb.append("A fit target was missed, so the fit at 1,000,000 histories was run again"
          + " recording itself with JDK Flight Recorder (self time of the benchmark thread):\n\n"
          + "```\n").append(fitProfile.strip()).append("\n```\n\n");
    }
    if (mcProfile != null) {
      sb.append("A revenue-distribution target was missed, so `monteCarlo` was run again"
          + " recording itself with JDK Flight Recorder:\n\n```\n").append(mcProfile.strip())
          .append("\n```\n\n");
    }
    sb.append("Reproduce (about 15 minutes on 2 cores; installs R, survival, cmprsk and numpy"
        + " from Debian's packages if missing):\n\n```\n"
        + "pipeline-benchmarks/peers/run-forecast-peers.sh             # the real run\n"
        + "QUICK=1 pipeline-benchmarks/peers/run-forecast-peers.sh     # smoke run\n"
        + "java -jar pipeline-benchmarks/target/benchmarks.jar ForecastFitBenchmark -p"
        + " deals=1000000 -jvmArgs -Xmx6g\n"
        + "java -jar pipeline-benchmarks/target/benchmarks.jar ForecastDistributionBenchmark"
        + " -jvmArgs -Xmx6g\n```\n").append(END).append('\n');

    String section = sb.toString();
    writeSection(out, section);
    System.out.println();
    System.out.printf(Locale.ROOT, "fit, 1M histories: ours %.2f s; R survfit %.2f s (%sx),"
        + " cuminc %.2f s (%sx)%n", ours1m, survfit, fmt(survfit / ours1m), cuminc,
        fmt(cuminc / ours1m));
    System.out.printf(Locale.ROOT, "revenue, 100k deals x 10k trials: ours %.2f s (one thread"
        + " %.2f s); numpy %.2f s (%sx, one thread %sx); loop %.2f s / parallel %.2f s (ours"
        + " %sx / %sx their time)%n", mc, mc1, numpySeconds, fmt(numpySeconds / mc),
        fmt(numpySeconds / mc1), loop, loopParallel, fmt(mc1 / loop), fmt(mc / loopParallel));
    for (Target t : targets) {
      System.out.println((t.met() ? "MET    " : "MISSED ") + t.what() + ": " + t.measured());
    }
    System.out.println("wrote the forecast section of " + out.toAbsolutePath());
  }

  /**
   * Writes the section into a report: in place of the one between the markers, else before its
   * {@code ## Reproduce} heading, else at the end.
   *
   * @param out the report; created if missing
   * @param section the section, markers included
   * @throws IOException if reading or writing fails
   */
  public static void writeSection(Path out, String section) throws IOException {
    dev.pipelinesdk.benchmarks.MarkedSections.write(out, section, BEGIN, END);
  }

  private long positives() throws IOException {
    byte[] bytes = Files.readAllBytes(dir.resolve("deals-p.f64"));
    java.nio.DoubleBuffer b = java.nio.ByteBuffer.wrap(bytes)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    long n = 0;
    while (b.hasRemaining()) {
      n += b.get() > 0 ? 1 : 0;
    }
    return n;
  }

  private static Target faster(String what, double ratio, double bound, double cpuRatio) {
    return new Target(what, fmt(ratio) + "x faster (CPU time: " + fmt(cpuRatio) + "x)",
        ratio >= bound, ratio >= bound
        ? "by " + fmt(ratio / bound) + "x" : "short by " + fmt(bound / ratio) + "x (ours needs "
            + fmt(bound / ratio) + "x less time)");
  }

  private static Target within(String what, double ratio, double bound) {
    return new Target(what, "ours takes " + fmt(ratio) + "x the loop's time", ratio <= bound,
        ratio <= bound ? "with " + fmt(bound / ratio) + "x to spare" : "missed by "
            + fmt(ratio / bound) + "x");
  }

  private String profile(ChainedOptionsBuilder options, String name)
      throws RunnerException, IOException {
    Path jfr = dir.resolve(name + ".jfr").toAbsolutePath();
    Files.deleteIfExists(jfr);
    new Runner(options.forks(1).jvmArgsAppend(JfrHotspots.flags(jfr)).build()).run();
    return JfrHotspots.summary(jfr, 14, "dev.pipelinesdk.");
  }

  private static Row row(Result<?> r) {
    return new Row(r.getScore(), r.getScoreError());
  }

  private static Map<String, String> find(List<Map<String, String>> rows, String what,
      String stage) {
    return rows.stream().filter(r -> r.get("what").equals(what) && r.get("stage").equals(stage))
        .findFirst().orElseThrow(() -> new IllegalStateException("no " + what + " time for "
            + stage + " in r-times.csv"));
  }

  private static double d(Map<String, String> row, String column) {
    return Double.parseDouble(row.get(column));
  }

  /** A CSV with a header row and no quoting. */
  static List<Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < cells.length ? cells[i] : "");
      }
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, String> properties(Path file) throws IOException {
    Map<String, String> out = new HashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    }
    return out;
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }

  private static String ms(double x) {
    return x >= 100 ? String.format(Locale.ROOT, "%,.0f", x)
        : x >= 1 ? String.format(Locale.ROOT, "%.2f", x) : String.format(Locale.ROOT, "%.3f", x);
  }

  private static String fmt(double x) {
    return x >= 100 ? String.format(Locale.ROOT, "%,.0f", x) : String.format(Locale.ROOT, "%.2f",
        x);
  }
}

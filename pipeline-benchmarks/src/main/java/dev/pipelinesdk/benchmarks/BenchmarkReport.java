package dev.pipelinesdk.benchmarks;

import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.benchmarks.forecast.ForecastReport;
import dev.pipelinesdk.benchmarks.memory.MemoryFootprint;
import dev.pipelinesdk.benchmarks.metrics.DuckDb;
import dev.pipelinesdk.benchmarks.metrics.HeapCheck;
import dev.pipelinesdk.benchmarks.metrics.MetricsBenchmark;
import dev.pipelinesdk.benchmarks.transition.TransitionBenchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the transition benchmarks with {@code -prof gc}, the metrics benchmarks ({@link
 * MetricsBenchmark}, with {@code -prof gc}, and a Flight Recorder profile of ours if a metrics
 * target is missed), checks in a forked {@code -Xmx2g} JVM whether the metrics data set fits in 2 GiB
 * ({@link HeapCheck}), measures memory with JOL and writes
 * {@code BENCHMARKS.md}: ratios from this one run on this machine, the JVM, the flags, the date,
 * and every target from the issue with met or missed and by how much. If a throughput target is
 * missed, ours is run once more recording itself with Flight Recorder ({@link JfrHotspots}) and
 * its hottest methods and lines are included.
 *
 * <p>Arguments: {@code --out FILE} (default {@code BENCHMARKS.md}), {@code --json FILE} (JMH's
 * raw results, default {@code jmh-results.json}), {@code --quick} (a smoke run:
 * minimal iterations, marked as such in the report), {@code --deals N} (JOL deal count), {@code
 * --metrics-deals N} (deals of the metrics data set; default 1,000,000, 10,000 with {@code
 * --quick}).
 */
public final class BenchmarkReport {
  private static final String PREFIX = TransitionBenchmark.class.getName() + ".";
  private static final String GC_NORM = "gc.alloc.rate.norm";
  private static final String[] FORK_FLAGS = {"-Xms1g", "-Xmx1g"};
  private static final String METRICS_PREFIX = MetricsBenchmark.class.getName() + ".";
  /** 1M deals as histories take about 0.75 GB; 3 GB leaves the parallel pass and GC room. */
  private static final String[] METRICS_FORK_FLAGS = {"-Xms3g", "-Xmx3g"};
  /** The metrics contenders, in report order. */
  private static final Map<String, String> METRICS_NAMES = new LinkedHashMap<>();

  /**
   * The steps of one engine call, for the profile of {@code ours}: step -> the frames
   * ({@code SimpleClass.method} prefixes) that belong to it, tried in this order.
   */
  private static final Map<String, List<String>> ENGINE_STEPS = new LinkedHashMap<>();

  static {
    ENGINE_STEPS.put("the recorded events (`DealEvent` records and their checks)",
        List.of("DealEvent$", "Events.", "Checks.", "Pipeline.stageEvent", "Request.actor"));
    ENGINE_STEPS.put("creating the deal (`Deal.created`, its profile, validation)",
        List.of("Deal.created", "Deal$Profile", "Deal.checked", "Deal.problems", "Deal.immutable",
            "ImmutableNewDeal."));
    ENGINE_STEPS.put("the next deal value (`Deal.apply`, the fold)",
        List.of("DealFold.", "Deal.next", "Deal.<init>", "Deal$Extras", "Deal.apply"));
    ENGINE_STEPS.put("the guard (`GuardContext`, `Guards.evaluate`, the score check)",
        List.of("GuardContext.", "Guards.", "Guards$", "Guard$", "Verdict.",
            "SingletonImmutableBiMap.", "Deal.attribute", "BigDecimal."));
    ENGINE_STEPS.put("stage and edge lookup (`Plan`)", List.of("Plan.", "Plan$"));
    ENGINE_STEPS.put("the outcome (`Outcome.Accepted`)", List.of("Outcome$Accepted.", "Outcome."));
    ENGINE_STEPS.put("the caller's `events()` list (`List.of`)",
        List.of("List.of", "ImmutableCollections$List12."));
    ENGINE_STEPS.put("engine control flow (`Pipeline.run/decide/take/move/create`)",
        List.of("Pipeline."));
    ENGINE_STEPS.put("the benchmark loop and `Blackhole`",
        List.of("Ours.", "Blackhole.", "TransitionBenchmark"));
  }

  /** Benchmark method -> what the report calls it, in report order. */
  private static final Map<String, String> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put("ours", "**ours** (engine, guard, events; thread-safe), one call per step");
    NAMES.put("oursBatch", "**ours, batched**: `create`, then one `executeAll` of the 4 steps");
    NAMES.put("stateless4jSharedConfig", "stateless4j 2.6.0, shared config (not thread-safe)");
    NAMES.put("stateless4jConfigPerDeal", "stateless4j 2.6.0, config per deal (thread-safe)");
    NAMES.put("springMachinePerDeal", "Spring Statemachine %s, new machine per deal");
    NAMES.put("springResetAndReuse", "Spring Statemachine %s, reset and reuse one machine");
    NAMES.put("squirrel", "squirrel-foundation 0.3.10");
    NAMES.put("handWritten", "hand-written record + switch (JIT-optimised)");
    NAMES.put("handWrittenKeptAlive", "hand-written record + switch, every deal kept alive");
    NAMES.put("handWrittenWithEvents", "hand-written record + switch returning what ours returns"
        + " (deal, event, result, event list per step), all kept alive");
    METRICS_NAMES.put("oursSinglePass", "**ours** over a `PreparedHistories`, single pass"
        + " (`Metrics.compute(metric, log)`)");
    METRICS_NAMES.put("oursParallel", "**ours** over a `PreparedHistories`, parallel with merge"
        + " (`Metrics.computeParallel(metric, log)`)");
    METRICS_NAMES.put("duckDbQuery", "DuckDB %s in-process, in memory: query time (2 queries)");
    METRICS_NAMES.put("primitiveLoop", "plain-Java loop over primitive arrays (sort not timed)");
    METRICS_NAMES.put("oursOverHistories", "diagnostic: ours, the same metric over the"
        + " `List<DealHistory>` (`Metrics.compute(metric, histories)`)");
    METRICS_NAMES.put("oursWithQuantiles", "diagnostic: the full `Metrics.timeInStage` report"
        + " (median and p90 too) over the `PreparedHistories`, single pass");
    METRICS_NAMES.put("eventsMetric", "diagnostic: a `Metric` over the same `DealHistory` events"
        + " without core's metrics");
  }

  private final boolean quick;
  private final int forks;
  private final int warmups;
  private final int iterations;
  private final int seconds;
  private final int metricsWarmups;
  private final int metricsIterations;
  private final int metricsSeconds;

  private BenchmarkReport(boolean quick) {
    this.quick = quick;
    // Two forks per transition benchmark: on a shared machine a whole fork can run slow with a
    // tight error of its own (stateless4j once measured 3.8M deals/s against 5.6M-6.6M in five
    // other forks), and one fork per contender let that decide a ratio.
    this.forks = quick ? 1 : 2;
    this.warmups = quick ? 1 : 2;
    this.iterations = quick ? 1 : 3;
    this.seconds = quick ? 1 : 2;
    this.metricsWarmups = quick ? 1 : 2;
    this.metricsIterations = quick ? 1 : 3;
    this.metricsSeconds = quick ? 1 : 3;
  }

  /** One benchmark's numbers. */
  record Row(String method, double opsPerSecond, double error, double bytesPerDeal) {}

  /**
   * Runs everything and writes the report.
   *
   * @param args see the class docs
   * @throws Exception if JMH or writing fails
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of("BENCHMARKS.md");
    boolean quick = false;
    Integer deals = null;
    Integer metricsDeals = null;
    Path json = Path.of("jmh-results.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out":
          out = Path.of(args[++i]);
          break;
        case "--quick":
          quick = true;
          break;
        case "--json":
          json = Path.of(args[++i]);
          break;
        case "--deals":
          deals = Integer.parseInt(args[++i].replace("_", ""));
          break;
        case "--metrics-deals":
          metricsDeals = Integer.parseInt(args[++i].replace("_", ""));
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]
              + "; use --out FILE, --json FILE, --quick, --deals N, --metrics-deals N");
      }
    }
    new BenchmarkReport(quick).run(out, json, deals != null ? deals : quick ? 5_000 : 100_000,
        metricsDeals != null ? metricsDeals : quick ? 10_000 : 1_000_000);
  }

  private String jmhFlags() {
    return "-f " + forks + " -t 1 -wi " + warmups + " -w " + seconds + "s -i " + iterations
        + " -r " + seconds
        + "s -prof gc -jvmArgs \"" + String.join(" ", FORK_FLAGS) + "\"";
  }

  private ChainedOptionsBuilder options(String include) {
    return new OptionsBuilder().include(include).forks(forks).threads(1)
        .warmupIterations(warmups).warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
        .jvmArgs(FORK_FLAGS).shouldFailOnError(true);
  }

  private String metricsJmhFlags() {
    return "-f 1 -t 1 -wi " + metricsWarmups + " -w " + metricsSeconds + "s -i "
        + metricsIterations + " -r " + metricsSeconds + "s -prof gc -jvmArgs \""
        + String.join(" ", METRICS_FORK_FLAGS) + "\"";
  }

  private ChainedOptionsBuilder metricsOptions(String include, int metricsDeals) {
    return new OptionsBuilder().include(include).forks(1).threads(1)
        .warmupIterations(metricsWarmups).warmupTime(TimeValue.seconds(metricsSeconds))
        .measurementIterations(metricsIterations)
        .measurementTime(TimeValue.seconds(metricsSeconds))
        .param("deals", Integer.toString(metricsDeals))
        .jvmArgs(METRICS_FORK_FLAGS).shouldFailOnError(true);
  }

  /** The metrics run's results. */
  record MetricsRun(Map<String, Row> rows, Row load, Row oursLoad, String stack,
      HeapCheck.Result heap, String duckDbEngine, RunResult any) {}

  private MetricsRun runMetrics(Path json, int metricsDeals, List<Target> targets)
      throws RunnerException, IOException, InterruptedException, java.sql.SQLException {
    Path metricsJson = json.resolveSibling("jmh-metrics-results.json");
    Collection<RunResult> results = new Runner(metricsOptions("^" + METRICS_PREFIX
        .replace(".", "\\.") + ".*", metricsDeals).addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.JSON).result(metricsJson.toString()).build()).run();
    Map<String, Row> rows = new LinkedHashMap<>();
    Row load = null;
    Row oursLoad = null;
    RunResult any = null;
    for (RunResult r : results) {
      any = r;
      String method = r.getParams().getBenchmark().substring(METRICS_PREFIX.length());
      Result<?> primary = r.getPrimaryResult();
      Result<?> gc = r.getSecondaryResults().get(GC_NORM);
      Row row = new Row(method, primary.getScore(), primary.getScoreError(),
          gc == null ? Double.NaN : gc.getScore());
      if (method.equals("duckDbLoad")) {
        load = row;
      } else if (method.equals("oursLoad")) {
        oursLoad = row;
      } else {
        rows.put(method, row);
      }
    }
    for (String m : METRICS_NAMES.keySet()) {
      if (!rows.containsKey(m)) {
        throw new IllegalStateException("benchmark " + m + " produced no result: " + rows.keySet());
      }
    }
    if (load == null || oursLoad == null) {
      throw new IllegalStateException("duckDbLoad or oursLoad produced no result");
    }
    List<Target> metricsTargets = metricsTargets(rows);
    targets.addAll(metricsTargets);
    String stack = null;
    if (metricsTargets.stream().anyMatch(t -> !t.met)) {
      System.out.println("A metrics target was missed: profiling oursSinglePass with Flight"
          + " Recorder ...");
      stack = profile(metricsOptions("^" + (METRICS_PREFIX + "oursSinglePass")
          .replace(".", "\\.") + "$", metricsDeals).measurementIterations(quick ? 1 : 2),
          "oursSinglePass");
    }
    System.out.println("Heap check: " + metricsDeals + " deals as DealHistory values in a forked"
        + " -Xmx2g JVM ...");
    HeapCheck.Result heap = HeapCheck.fork(metricsDeals, "2g");
    System.out.print(heap.output());
    return new MetricsRun(rows, load, oursLoad, stack, heap, DuckDb.engineVersion(), any);
  }

  /** Times in ms per pass: lower is faster. Judged on the PreparedHistories path (oursSinglePass/Parallel). */
  private static List<Target> metricsTargets(Map<String, Row> rows) {
    List<Target> targets = new ArrayList<>();
    double duck = rows.get("duckDbQuery").opsPerSecond();
    double loop = rows.get("primitiveLoop").opsPerSecond();
    for (String ours : List.of("oursSinglePass", "oursParallel")) {
      String label = ours.equals("oursSinglePass") ? "PreparedHistories, single pass"
          : "PreparedHistories, parallel with merge";
      double t = rows.get(ours).opsPerSecond();
      double vsDuck = duck / t;
      targets.add(new Target("metrics: ours (" + label + ") >= 10x faster than DuckDB's query"
          + " time", vsDuck >= 1 ? fmt(vsDuck) + "x faster" : fmt(1 / vsDuck) + "x slower",
          vsDuck >= 10, vsDuck >= 10 ? "by " + fmt(vsDuck / 10) + "x" : "short by "
              + fmt(10 / vsDuck) + "x (ours needs " + fmt(10 / vsDuck) + "x less time)"));
      double vsLoop = t / loop;
      targets.add(new Target("metrics: ours (" + label + ") within 3x of the primitive-array"
          + " loop", "the loop is " + fmt(vsLoop) + "x faster", vsLoop <= 3,
          vsLoop <= 3 ? "with " + fmt(3 / vsLoop) + "x to spare" : "missed by " + fmt(vsLoop / 3)
              + "x (ours needs " + fmt(vsLoop / 3) + "x less time)"));
    }
    return targets;
  }

  private void run(Path out, Path json, int deals, int metricsDeals) throws Exception {
    Collection<RunResult> results = new Runner(options("^" + PREFIX.replace(".", "\\.") + ".*")
        .addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.JSON).result(json.toString())
        .build()).run();
    Map<String, Row> rows = new LinkedHashMap<>();
    RunResult any = null;
    for (RunResult r : results) {
      any = r;
      String method = r.getParams().getBenchmark().substring(PREFIX.length());
      Result<?> primary = r.getPrimaryResult();
      Result<?> gc = r.getSecondaryResults().get(GC_NORM);
      rows.put(method, new Row(method, primary.getScore(), primary.getScoreError(),
          gc == null ? Double.NaN : gc.getScore()));
    }
    for (String m : NAMES.keySet()) {
      if (!rows.containsKey(m)) {
        throw new IllegalStateException("benchmark " + m + " produced no result: " + rows.keySet());
      }
    }

    List<Target> targets = throughputTargets(rows);
    String stack = null;
    if (targets.stream().anyMatch(t -> !t.met)) {
      System.out.println("A throughput target was missed: profiling ours with Flight Recorder ...");
      stack = profile(options("^" + (PREFIX + "ours").replace(".", "\\.") + "$"), "ours",
          ENGINE_STEPS);
    }

    System.out.println("Metrics over " + metricsDeals + " deals ...");
    MetricsRun metrics = runMetrics(json, metricsDeals, targets);

    System.out.println("Allocation per engine call (ThreadMXBean) ...");
    Map<String, Long> perCall = AllocationBreakdown.measure();

    System.out.println("JOL: measuring retained heap for " + deals + " deals ...");
    MemoryFootprint.Result memory = MemoryFootprint.measure(deals);
    targets.addAll(memoryTargets(memory));
    System.out.print(MemoryFootprint.format(memory));
    System.out.println("JOL: measuring PreparedHistories (stage entries only) of " + deals + " deals ...");
    MemoryFootprint.StageLogFootprint logMemory = MemoryFootprint.measureStageLog(deals);

    String md = markdown(rows, targets, stack, perCall, memory, logMemory, any, metrics);
    Optional<String> forecast = MarkedSections.read(out, ForecastReport.BEGIN,
        ForecastReport.END);
    Optional<String> agenda = MarkedSections.read(out, AGENDA_BEGIN, AGENDA_END);
    Optional<String> spark = MarkedSections.read(out, SPARK_BEGIN, SPARK_END);
    Files.writeString(out, md, StandardCharsets.UTF_8);
    if (forecast.isPresent()) { // written by peers/run-forecast-peers.sh, which this run does not
      ForecastReport.writeSection(out, forecast.get());
    }
    if (agenda.isPresent()) { // from a run of AgendaBenchmark, which this run does not make
      MarkedSections.write(out, agenda.get(), AGENDA_BEGIN, AGENDA_END);
    }
    if (spark.isPresent()) { // from runs of pipeline-spark's SparkSqlBenchmark, by hand
      MarkedSections.write(out, spark.get(), SPARK_BEGIN, SPARK_END);
    }
    System.out.println("wrote " + out.toAbsolutePath() + " (raw JMH results: " + json + ")");
    for (Target t : targets) {
      System.out.println((t.met ? "MET    " : "MISSED ") + t.what + ": " + t.measured);
    }
  }

  /** The begin marker of the agenda section of {@code BENCHMARKS.md}: {@value}. */
  public static final String AGENDA_BEGIN = "<!-- agenda benchmarks: AgendaBenchmark, one run"
      + " by hand (see the section); kept when this report rewrites the file -->";
  /** The end marker of the agenda section: {@value}. */
  public static final String AGENDA_END = "<!-- end of agenda benchmarks -->";
  /** The begin marker of the Spark section of {@code BENCHMARKS.md}: {@value}. */
  public static final String SPARK_BEGIN = "<!-- spark benchmarks: SparkSqlBenchmark, runs by"
      + " hand (see the section); kept when this report rewrites the file -->";
  /** The end marker of the Spark section: {@value}. */
  public static final String SPARK_END = "<!-- end of spark benchmarks -->";

  /** A target from the issue. */
  record Target(String what, String measured, boolean met, String margin) {}

  private static String springVersion() {
    try (var in = BenchmarkReport.class.getResourceAsStream("versions.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("spring-statemachine", "4.0.x");
    } catch (IOException e) {
      return "4.0.x";
    }
  }

  /** Above this 99.9% error (as a share of the score) a target's rows make the ratios rough. */
  static final double NOISY = 0.20;

  /**
   * How steady the run was: the widest error, relative to its score, among the rows the targets
   * compare (ours, batched, stateless4j's shared config, Spring's faster way, the kept-alive
   * baseline); past {@link #NOISY} the machine was busy and the ratios are rough.
   */
  static String noise(Map<String, Row> rows) {
    String widest = null;
    double worst = 0;
    for (String m : List.of("ours", "oursBatch", "stateless4jSharedConfig", fasterSpring(rows),
        "handWrittenKeptAlive")) {
      Row r = rows.get(m);
      double relative = r.error() / r.opsPerSecond();
      if (!Double.isNaN(relative) && relative > worst) {
        worst = relative;
        widest = m;
      }
    }
    if (widest == null) {
      return "Steadiness: no errors (one iteration per benchmark).";
    }
    String line = String.format(Locale.ROOT, "Steadiness: the widest 99.9%% error among the rows"
        + " the targets compare is %.0f%% of its score (`%s`).", 100 * worst, widest);
    return worst <= NOISY ? line + " The machine was steady enough for the ratios below."
        : line + " **Above " + Math.round(100 * NOISY) + "%: the machine was busy during this"
            + " run, so the ratios below are rough; rerun on a quiet machine before quoting"
            + " them.**";
  }

  private static double ratio(Map<String, Row> rows, String a, String b) {
    return rows.get(a).opsPerSecond() / rows.get(b).opsPerSecond();
  }

  /** {@return the benchmark of Spring Statemachine's faster way, the one the target uses} */
  private static String fasterSpring(Map<String, Row> rows) {
    return rows.get("springMachinePerDeal").opsPerSecond()
        >= rows.get("springResetAndReuse").opsPerSecond()
        ? "springMachinePerDeal" : "springResetAndReuse";
  }

  private static List<Target> throughputTargets(Map<String, Row> rows) {
    List<Target> targets = new ArrayList<>();
    String fasterSpring = fasterSpring(rows);
    for (String ours : List.of("ours", "oursBatch")) {
      String who = ours.equals("ours") ? "ours (one call per step)" : "ours (batched)";
      double vsStateless = ratio(rows, ours, "stateless4jSharedConfig");
      targets.add(new Target(who + " >= 2x stateless4j's fast way (shared config)",
          fmt(vsStateless) + "x", vsStateless >= 2,
          vsStateless >= 2 ? "by " + fmt(vsStateless / 2) + "x" : "short by "
              + fmt(2 / vsStateless) + "x (needs " + fmt(2 / vsStateless) + "x more throughput)"));
      double vsSpring = ratio(rows, ours, fasterSpring);
      targets.add(new Target(who + " >= 1000x Spring Statemachine (its faster way: "
          + (fasterSpring.equals("springMachinePerDeal") ? "new machine per deal"
              : "reset and reuse") + ")", fmt(vsSpring) + "x", vsSpring >= 1000,
          vsSpring >= 1000 ? "by " + fmt(vsSpring / 1000) + "x" : "short by "
              + fmt(1000 / vsSpring) + "x"));
      double vsBaseline = ratio(rows, "handWrittenKeptAlive", ours);
      targets.add(new Target(who + " within 5x of the kept-alive hand-written baseline",
          "baseline is " + fmt(vsBaseline) + "x faster", vsBaseline <= 5,
          vsBaseline <= 5 ? "with " + fmt(5 / vsBaseline) + "x to spare" : "missed by "
              + fmt(vsBaseline / 5) + "x (ours needs " + fmt(vsBaseline / 5)
              + "x more throughput)"));
    }
    return targets;
  }

  private static List<Target> memoryTargets(MemoryFootprint.Result m) {
    List<Target> targets = new ArrayList<>();
    double bare = m.line("deal snapshot, bare (title only)").perItem();
    double own = m.line("deal snapshot, bare, title text excluded").perItem();
    double event = m.line("stage-change event").perItem();
    int dt = MemoryFootprint.DEAL_TARGET;
    int et = MemoryFootprint.EVENT_TARGET;
    targets.add(new Target("deal snapshot < " + dt + " B (ids and attributes excluded; title text"
        + " counted)", fmt1(bare) + " B", bare < dt,
        bare < dt ? fmt1(dt - bare) + " B to spare" : over(bare, dt)));
    targets.add(new Target("deal snapshot < " + dt + " B, title text excluded like ids (what the"
        + " SDK itself keeps)", fmt1(own) + " B", own < dt,
        own < dt ? fmt1(dt - own) + " B to spare" : over(own, dt)));
    targets.add(new Target("stage-change event < " + et + " B", fmt1(event) + " B", event < et,
        event < et ? fmt1(et - event) + " B to spare" : over(event, et)));
    return targets;
  }

  private static String over(double measured, int bound) {
    return "missed: " + fmt1(measured) + " B is not under " + bound + " B (" + fmt1(measured - bound)
        + " B over the bound, " + fmt1(100 * (measured - bound) / bound) + "%)";
  }

  /** Runs one benchmark again in a fork that records itself, and summarises the recording. */
  private String profile(ChainedOptionsBuilder options, String name)
      throws RunnerException, IOException {
    return profile(options, name, Map.of());
  }

  private String profile(ChainedOptionsBuilder options, String name,
      Map<String, List<String>> steps) throws RunnerException, IOException {
    Path jfr = Path.of("pipeline-benchmarks", "target", name + ".jfr").toAbsolutePath();
    Files.createDirectories(jfr.getParent());
    Files.deleteIfExists(jfr);
    // one fork: a second one would record over the first one's file
    new Runner(options.forks(1).jvmArgsAppend(JfrHotspots.flags(jfr)).build()).run();
    return JfrHotspots.summary(jfr, 14, "dev.pipelinesdk.", steps);
  }

  private String markdown(Map<String, Row> rows, List<Target> targets, String stack,
      Map<String, Long> perCall, MemoryFootprint.Result memory,
      MemoryFootprint.StageLogFootprint logMemory, RunResult any, MetricsRun metrics) {
    StringBuilder sb = new StringBuilder();
    String spring = springVersion();
    Row ours = rows.get("ours");
    sb.append("# Benchmarks\n\n");
    if (quick) {
      sb.append("> **SMOKE RUN: not a measurement.** Written by `QUICK=1 run-benchmarks.sh` with"
          + " one short iteration per benchmark, to check that the benchmarks and this report"
          + " work. Do not quote these numbers; run `pipeline-benchmarks/run-benchmarks.sh` on a"
          + " quiet machine for the real ones.\n\n");
    }
    sb.append("Written by `pipeline-benchmarks/run-benchmarks.sh` (module `pipeline-benchmarks`,"
        + " issue 6). Every number below comes from **one run on one machine**; compare ratios"
        + " within this file, never with numbers from another run or machine.\n\n");

    sb.append("## Machine and JVM\n\n| | |\n| --- | --- |\n");
    sb.append("| date | ").append(ZonedDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", "")).append(" |\n");
    sb.append("| machine | ").append(System.getProperty("os.name")).append(' ')
        .append(System.getProperty("os.arch")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc)")
        .append(cpuModel().map(c -> ", " + c).orElse("")).append(", load average at the end ")
        .append(loadAverage()).append(" |\n");
    sb.append("| JVM | ").append(any.getParams().getVmName()).append(' ')
        .append(any.getParams().getVmVersion()).append(" (JDK ")
        .append(any.getParams().getJdkVersion()).append(") |\n");
    sb.append("| JVM flags (benchmark forks) | `").append(String.join(" ",
        any.getParams().getJvmArgs())).append("` (default GC) |\n");
    sb.append("| JMH | ").append(any.getParams().getJmhVersion()).append(", `")
        .append(jmhFlags()).append("`, throughput mode |\n");
    sb.append("| JVM flags (metrics forks) | `").append(String.join(" ",
        metrics.any().getParams().getJvmArgs())).append("` (default GC) |\n");
    sb.append("| JMH, metrics | `").append(metricsJmhFlags()).append(" -p deals=")
        .append(metrics.heap().deals()).append("`, average time per full pass (DuckDB's load:"
        + " single shot) |\n");
    sb.append("| JOL | `GraphStats` totals over ").append(String.format(Locale.ROOT, "%,d",
        memory.deals())).append(" deals; layout: ").append(layoutSummary(memory.vm()))
        .append(" |\n\n");

    sb.append("## Transition throughput\n\n");
    sb.append("The same pipeline in every library: Prospecting -> Qualification -> Consideration"
        + " -> Decision -> Won, Lost from every open stage, one guard on Qualification ->"
        + " Consideration that needs a score >= 50. **One operation = one deal driven from"
        + " Prospecting to Won (4 moves)**; scores come from a fixed-seed table of 1,024 values in"
        + " [50, 100). Before timing, each benchmark's `@Setup` proves the implementation encodes"
        + " that graph (happy path reaches Won, the guard blocks at 49 and passes at 50, Lost is"
        + " reachable from every open stage, won and lost deals move no further), and every"
        + " operation fails unless its deal ends in Won. `GraphCheckTest` runs the same checks in"
        + " `mvn verify`.\n\n");
    sb.append("| implementation | deals/s | ± (99.9% CI) | bytes allocated per deal"
        + " (`gc.alloc.rate.norm`) | ours is N x as fast | it allocates N x ours |\n");
    sb.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (Map.Entry<String, String> e : NAMES.entrySet()) {
      Row r = rows.get(e.getKey());
      String name = e.getValue().contains("%s") ? String.format(e.getValue(), spring)
          : e.getValue();
      boolean self = r == ours;
      sb.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, "%,.0f",
          r.opsPerSecond())).append(" | ").append(Double.isNaN(r.error()) ? "n/a (1 iteration)"
          : String.format(Locale.ROOT, "%,.0f", r.error())).append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f", r.bytesPerDeal())).append(" | ")
          .append(self ? "1" : fmt(ours.opsPerSecond() / r.opsPerSecond())).append(" | ")
          .append(self ? "1" : fmt(r.bytesPerDeal() / ours.bytesPerDeal())).append(" |\n");
    }
    sb.append("\nHow each is used (see the classes in"
        + " `pipeline-benchmarks/src/main/java/dev/pipelinesdk/benchmarks/transition`):\n\n");
    sb.append("- **ours**: one shared, thread-safe `Pipeline` with `Guards.minimumLeadScore(50)`;"
        + " per deal `create(NewDeal)`, three `move`s and `win`, every `Outcome` checked"
        + " (`orElseThrow`) and its recorded events consumed. The `NewDeal` inputs are built once"
        + " (parsing input is not timed). The clock is `InstantSource.fixed(..)`, so reading the"
        + " time costs nothing and does not dominate; a system clock adds one `Instant` read per"
        + " change.\n");
    sb.append("- **ours, batched**: the same pipeline; per deal `create(NewDeal)`, then the four"
        + " steps as one `executeAll(deal, commands, request)` (all or nothing, one outcome with"
        + " the four events, one clock read). The command list is built once: commands are"
        + " values, one list serves every deal. Both outcomes' events are consumed.\n");
    sb.append("- **stateless4j**: its guards take no arguments. *Shared config*: one"
        + " `StateMachineConfig`, a new `StateMachine` per deal, the guard reads the score from a"
        + " mutable holder set before each deal, so two threads sharing the config race: **not"
        + " thread-safe**. *Config per deal*: a config whose guard captures the deal's score,"
        + " built per deal: thread-safe.\n");
    sb.append("- **Spring Statemachine**: `StateMachineBuilder` outside a Spring context, a"
        + " `Guard` reading the score from the extended state, the reactive API (`startReactively`,"
        + " `sendEvent(Mono)`, blocking on each result). *New machine per deal*: a"
        + " `StateMachineFactory` built once, Won and Lost declared as end states. *Reset and"
        + " reuse*: one machine, stopped, reset to Prospecting and started per deal (what a"
        + " persister restore does). With Won and Lost declared as end states this path silently"
        + " stops moving after the first deal (the first event is even reported ACCEPTED, the"
        + " state stays Prospecting); the setup check refuses it, so the reused machine declares no"
        + " end states (Won and Lost simply have no way out, the same graph).\n");
    sb.append("- **squirrel-foundation**: one `StateMachineBuilder` (thread-safe), a new machine"
        + " per deal as its docs recommend, the score passed as the `fire` context to a"
        + " `Condition`; Won and Lost are final states.\n");
    sb.append("- **hand-written**: an immutable record and a switch, no events, no reasons."
        + " *JIT-optimised*: the intermediate deals may be scalar-replaced. *Kept alive*: every"
        + " intermediate deal goes to a `Blackhole`, as a caller keeps each returned value: a"
        + " realistic floor for a library that returns values. *Returning what ours returns*:"
        + " the same record and switch, and per step what a recording engine hands back: the"
        + " new deal, an event (deal, instant, actor, from, to), a result holding the previous"
        + " deal, the new deal and the event, and the event list the caller appends; every one"
        + " goes to the `Blackhole`. No guard object, no validation, no lookups: the floor for"
        + " an API of that shape (a context row, not one of the issue's targets).\n\n");

    sb.append(noise(rows)).append("\n\n");

    sb.append("## Targets (from issue 6)\n\n| target | measured | met? | margin |\n"
        + "| --- | --- | --- | --- |\n");
    for (Target t : targets) {
      sb.append("| ").append(t.what).append(" | ").append(t.measured).append(" | ")
          .append(t.met ? "met" : "**missed**").append(" | ").append(t.margin).append(" |\n");
    }
    Row floor = rows.get("handWrittenWithEvents");
    Row keptAlive = rows.get("handWrittenKeptAlive");
    sb.append(String.format(Locale.ROOT, "%nFor scale (not a target): the kept-alive baseline is"
        + " %sx as fast as the same hand-written code returning what ours returns (a new deal,"
        + " an event, a result and an event list per step: %,.0f vs %,.0f bytes per deal);"
        + " ours is %sx slower than that floor. Within 5x of the kept-alive baseline asks an"
        + " engine that returns those values to be about as fast as hand-written code that does"
        + " nothing else.%n%n", fmt(keptAlive.opsPerSecond() / floor.opsPerSecond()),
        floor.bytesPerDeal(), keptAlive.bytesPerDeal(),
        fmt(floor.opsPerSecond() / ours.opsPerSecond())));

    sb.append("## What the profiles show\n\n");
    Row kept = rows.get("handWrittenKeptAlive");
    sb.append(String.format(Locale.ROOT, "`-prof gc`: ours allocates %,.0f bytes per deal,"
        + " about %,.0f bytes per transition (5 engine calls: create and 4 moves), against %,.0f"
        + " bytes per deal for the kept-alive hand-written baseline (%,.0f per step).%n%n",
        ours.bytesPerDeal(), ours.bytesPerDeal() / 5, kept.bytesPerDeal(),
        kept.bytesPerDeal() / 5));
    sb.append("Where ours allocates, per call (the JVM's per-thread allocation counter over a"
        + " million calls after warm-up, in the report's JVM; each step in its own loop, so escape"
        + " analysis differs a little from the benchmark):\n\n| step | bytes per call |\n"
        + "| --- | ---: |\n");
    perCall.forEach((step, bytes) -> sb.append("| ").append(step).append(" | ").append(bytes)
        .append(" |\n"));
    sb.append("\n");
    if (stack != null) {
      sb.append("A throughput target was missed, so `ours` was run again (same iterations, one"
          + " fork) in a fork recording itself with JDK Flight Recorder (`-XX:+DebugNonSafepoints`, class"
          + " `JfrHotspots`), not `-prof stack`: the stack profiler sees threads only at"
          + " safepoints and blamed the wrong lines. First the time per step of an engine call"
          + " (each sample goes to the step of the innermost of its top " + JfrHotspots.STEP_DEPTH
          + " frames that belongs to one; an allocation's cost lands on the step that allocates),"
          + " then the self time of the benchmark thread:\n\n```\n")
          .append(stack.strip()).append("\n```\n\n");
    } else {
      sb.append("Every throughput target was met, so no profile was taken.\n\n");
    }

    sb.append("## Memory (JOL)\n\n");
    sb.append("Retained heap measured with JOL (`org.openjdk.jol:jol-core`) on the running VM's"
        + " real layout, not estimated. ").append(String.format(Locale.ROOT, "%,d", memory.deals()))
        .append(" deals are created and driven to Won through the engine (5 events each) with a"
        + " clock that gives every change its own `Instant`. For a set of roots, *retained* ="
        + " `size(roots + excluded) - size(excluded) - size(the array holding the roots)`, where"
        + " *excluded* is what is not the deal's own: the pipeline and its definition (stage ids,"
        + " transition names and guards are shared by all deals), the deal ids (`DealId` and its"
        + " text), the attribute maps with their values, the actor's `Request` and the"
        + " `Currency`. Everything else reachable is counted: the snapshot object, its instants,"
        + " the title text (`\"Deal <n>\"`, 6 to 10 characters), the amount and the lead source."
        + " Bytes per item do not depend on the number of deals (only the titles' length varies"
        + " with it); 1M deals retain 1M times these figures.\n\n");
    sb.append("| what | items | bytes per item |\n| --- | ---: | ---: |\n");
    for (MemoryFootprint.Line l : memory.lines()) {
      sb.append("| ").append(l.what()).append(" | ").append(String.format(Locale.ROOT, "%,d",
          l.count())).append(" | ").append(fmt1(l.perItem())).append(" |\n");
    }
    sb.append("\nWhere a typical snapshot's bytes go (one deal, everything reachable; the id,"
        + " attribute map, `AttributeValue`, stage id and currency lines are excluded above):\n\n"
        + "```\n").append(memory.oneDeal().strip()).append("\n```\n\n");
    sb.append("One stage-change event, everything reachable (the stage ids, deal id and actor are"
        + " shared, excluded above): the record and its own `Instant`.\n\n"
        + "```\n").append(memory.oneEvent().strip()).append("\n```\n\n");
    sb.append(String.format(Locale.ROOT, "A `PreparedHistories` (core's columnar store of stage entries,"
        + " what the metrics benchmark queries) of the metrics data set at %,d deals / %,d"
        + " entries, measured the same way (everything reachable from the log minus the"
        + " definition and the deal ids, each object attributed by the column it hangs from):"
        + " **%.1f bytes per stage entry** (stage byte, epoch-second long, nanosecond int),"
        + " **%.1f bytes per deal** (offset int, `DealId` reference), %,d bytes fixed per log."
        + " The `DealId`s are the histories' own instances, not copied; if only the log kept"
        + " them they would add %.1f bytes per deal.%n%n```%n%s%n```%n%n", logMemory.deals(),
        logMemory.entries(), logMemory.perEntry(), logMemory.perDeal(), logMemory.fixedBytes(),
        logMemory.perId(), logMemory.footprint().strip()));

    metricsSection(sb, metrics);

    sb.append("## Reproduce\n\n```\npipeline-benchmarks/run-benchmarks.sh            # the real"
        + " run (well under 10 minutes on 2 cores)\nQUICK=1 pipeline-benchmarks/run-benchmarks.sh"
        + "    # smoke run, marked as such\n```\n\nRaw JMH results of the run:"
        + " `pipeline-benchmarks/target/jmh-results.json` and"
        + " `jmh-metrics-results.json` (not committed). Single benchmarks: `java -jar"
        + " pipeline-benchmarks/target/benchmarks.jar TransitionBenchmark.ours -prof gc`, `java"
        + " -jar pipeline-benchmarks/target/benchmarks.jar MetricsBenchmark -p deals=10000"
        + " -jvmArgs -Xmx3g`.\n");
    return sb.toString();
  }

  private static String duckDbJdbcVersion() {
    try (var in = BenchmarkReport.class.getResourceAsStream("versions.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("duckdb", "?");
    } catch (IOException e) {
      return "?";
    }
  }

  /** The metrics section; {@code Row.opsPerSecond} holds milliseconds per pass here. */
  private void metricsSection(StringBuilder sb, MetricsRun m) {
    HeapCheck.Result heap = m.heap();
    String duck = "`org.duckdb:duckdb_jdbc:" + duckDbJdbcVersion() + "` (engine "
        + m.duckDbEngine() + ")";
    sb.append("## Metrics over large histories\n\n");
    sb.append(String.format(Locale.ROOT, "Data: **%,d deals, %,d stage entries** (%.2f per"
        + " deal), template `saas-b2b`, fixed seed (`Histories`, class"
        + " `dev.pipelinesdk.benchmarks.metrics.Histories`): deals created over 365 days walk the"
        + " template's declared transitions (forward, back-moves, lost and dormant from every"
        + " open stage, revivals from dormant into qualification, consideration or decision,"
        + " reopened lost deals), one change every 1 hour to 30 days; the events are the ones the"
        + " engine records and every history passes `DealHistory.of`. As of"
        + " 2026-02-05T00:00:00Z (no event is later). Generation is not timed.%n%n",
        heap.deals(), heap.entries(), (double) heap.entries() / heap.deals()));
    sb.append("One operation = **all three answers over every deal** (exact definitions in"
        + " `MetricsBenchmark`'s Javadoc): (1) **reach** per funnel stage (prospecting,"
        + " qualification, consideration, decision, won): distinct deals that ever entered it;"
        + " (2) **conversion** per open stage: reach of the next stage / reach of this one;"
        + " (3) **time in stage** per stage (all 7): the sum over deals of the seconds from each"
        + " entry to the deal's next entry or to as-of, re-entries and open visits included."
        + " Every contender's `@Setup` computes all of them once and throws unless every number is"
        + " identical (doubles bit for bit); `MetricsEquivalenceTest` does the same at 5,000"
        + " deals in `mvn verify`.\n\n");
    sb.append("The targets are judged on **ours over a `PreparedHistories`** (`oursSinglePass`,"
        + " `oursParallel`): core's columnar store of stage entries, built once from the"
        + " histories (`PreparedHistories.stageEntriesOnly`, timed separately below, like DuckDB's load) and queried"
        + " many times. The same metric over the `List<DealHistory>` objects is shown too, as a"
        + " diagnostic row (`oursOverHistories`), with no target.\n\n");
    sb.append("| contender | ms per full pass | ± (99.9% CI) | passes/s | bytes allocated per"
        + " pass (`gc.alloc.rate.norm`, Java heap) | N x faster than DuckDB's query | N x the"
        + " loop's time |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    double duckMs = m.rows().get("duckDbQuery").opsPerSecond();
    double loopMs = m.rows().get("primitiveLoop").opsPerSecond();
    for (Map.Entry<String, String> e : METRICS_NAMES.entrySet()) {
      Row r = m.rows().get(e.getKey());
      String name = e.getValue().contains("%s") ? String.format(e.getValue(), duck)
          : e.getValue();
      sb.append("| ").append(name).append(" | ").append(ms(r.opsPerSecond())).append(" | ")
          .append(Double.isNaN(r.error()) ? "n/a (1 iteration)" : ms(r.error())).append(" | ")
          .append(String.format(Locale.ROOT, "%,.2f", 1000 / r.opsPerSecond())).append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f", r.bytesPerDeal())).append(" | ")
          .append(fmt(duckMs / r.opsPerSecond())).append(" | ")
          .append(fmt(r.opsPerSecond() / loopMs)).append(" |\n");
    }
    Row load = m.load();
    sb.append(String.format(Locale.ROOT, "%nDuckDB load, reported separately (not in the query"
        + " time): **%s ms** (single shot, mean of %d) for a new in-memory database, `CREATE"
        + " TABLE events(deal INTEGER, stage TINYINT, ts BIGINT)` and %,d rows through DuckDB's"
        + " `Appender`. Ours' load, reported the same way: **%s ms** (single shot, mean of %d)"
        + " for `PreparedHistories.stageEntriesOnly(definition, histories)` over the %,d histories: one pass over their"
        + " events into the log's columns, grouped by deal (the grouping DuckDB's query does with"
        + " `GROUP BY` / `PARTITION BY` and the loop gets from its untimed sort).%n%n",
        ms(load.opsPerSecond()), metricsIterations, heap.entries(),
        ms(m.oursLoad().opsPerSecond()), metricsIterations, heap.deals()));
    Row ours = m.rows().get("oursSinglePass");
    Row events = m.rows().get("eventsMetric");
    sb.append("How each computes it:\n\n");
    sb.append("- **ours** (`OursMetric`): core's one-pass `Metrics.timeInStageTotals(definition,"
        + " asOf)` metric, nothing re-implemented, run by `Metrics.compute(metric,"
        + " log)` / `Metrics.computeParallel(metric, log)` over a `PreparedHistories` (per stage entry a"
        + " stage byte, an epoch-second long and a nanosecond int, grouped by deal at load)."
        + " Reach is `Row.entered()` (the distinct deals that ever entered the stage; not the"
        + " funnel's cumulative `FunnelReport.Row.reached()`, where a deal that skipped a stage counts,"
        + " which `MetricsEquivalenceTest` shows differs on this data) for the open stages and"
        + " won; conversion is `entered(next) / entered(this)`, four divisions; time in stage is"
        + " `Row.cumulative()` per stage, exact to the nanosecond. `timeInStageTotals` is the time-in-stage"
        + " report without per-deal samples, so without median and p90, which these answers do"
        + " not need; the full report's cost is the `oursWithQuantiles` row. **Ours does no"
        + " sorting or grouping at query time**: the log is grouped by deal when it is built (the"
        + " load row above). Parallel: deal ranges on the common fork-join pool ("
        + Runtime.getRuntime().availableProcessors() + " cores), accumulators merged.\n");
    sb.append("- **DuckDB** ").append(duck).append(", in-process, in-memory, default settings"
        + " (its threads = the machine's cores): reach with `count(DISTINCT deal) ... GROUP BY"
        + " stage` joined to the funnel order, conversion with `lead()` over it, time in stage"
        + " with `lead(ts) OVER (PARTITION BY deal ORDER BY ts)` summed per stage; two prepared"
        + " queries per operation.\n");
    sb.append("- **loop** (`PrimitiveLoop`): one pass over `int[] deal`, `byte[] stage`, `long[]"
        + " epochSeconds` sorted by deal then time (built in setup, not timed), a bit mask of the"
        + " stages each deal entered.\n");
    sb.append("- **diagnostic** (`oursOverHistories`, no target): the same `OursMetric` over"
        + " the `List<DealHistory>` (`Metrics.compute(metric, histories)`): each history already"
        + " is one deal's events in time order, so no sorting either; its gap to ours is what the"
        + " object model costs.\n");
    sb.append("- **diagnostic** (`EventsMetric`, no target): the same answers as a `Metric` written"
        + " directly over `DealHistory.events()`, no allocation per deal, none of core's metrics."
        + " Its gap to `oursOverHistories` is what core's metric code costs over the same"
        + " objects.\n\n");
    Row overHistories = m.rows().get("oursOverHistories");
    sb.append(String.format(Locale.ROOT, "Ours over the `PreparedHistories`, single pass, allocates %,.0f"
        + " bytes per pass over %,d deals (per-stage counters; nothing per deal or entry). The"
        + " same metric over the histories takes %s ms, %sx ours' time over the log; the"
        + " diagnostic `EventsMetric` over the histories takes %s ms.%n%n", ours.bytesPerDeal(),
        heap.deals(), ms(overHistories.opsPerSecond()),
        fmt(overHistories.opsPerSecond() / ours.opsPerSecond()), ms(events.opsPerSecond())));
    if (m.stack() != null) {
      sb.append("A metrics target was missed, so `oursSinglePass` was run again recording itself"
          + " with JDK Flight Recorder. Self time:\n\n```\n").append(m.stack().strip())
          .append("\n```\n\n");
    }
    sb.append("### Memory of the data set\n\n");
    if (heap.fits()) {
      sb.append(String.format(Locale.ROOT, "Measured in a forked JVM with **`-Xmx%s`** (class"
          + " `HeapCheck`): heap in use after a full GC (`MemoryMXBean`, not JOL) minus before"
          + " generating. %,d deals / %,d events as `DealHistory` values retain **%,.0f MB**"
          + " (%,.0f bytes per deal, %,.0f per event, everything included: ids, titles, amounts,"
          + " the created snapshot and the current deal); the primitive arrays %,.0f MB."
          + " **It fits in a 2 GiB heap.** (The benchmark forks run with `%s` to leave room for"
          + " the parallel pass and DuckDB's JVM side.)%n%n", heap.maxHeap(), heap.deals(),
          heap.entries(), heap.historyBytes() / 1e6, (double) heap.historyBytes() / heap.deals(),
          (double) heap.historyBytes() / heap.entries(), heap.arrayBytes() / 1e6,
          String.join(" ", METRICS_FORK_FLAGS)));
    } else {
      sb.append(String.format(Locale.ROOT, "In a forked JVM with **`-Xmx%s`** (class"
          + " `HeapCheck`), generating %,d deals as `DealHistory` values **did not fit**. Output"
          + " of the fork:%n%n```%n%s%n```%n%n", heap.maxHeap(), heap.deals(),
          heap.output().strip()));
    }
  }

  private static String ms(double x) {
    return x >= 100 ? String.format(Locale.ROOT, "%,.0f", x)
        : x >= 1 ? String.format(Locale.ROOT, "%.2f", x) : String.format(Locale.ROOT, "%.3f", x);
  }

  private static String layoutSummary(String vmDetails) {
    List<String> parts = vmDetails.lines().filter(l -> l.startsWith("# Compressed")
        || l.startsWith("# Object alignment")).map(l -> l.substring(2).trim())
        .collect(Collectors.toList());
    return String.join("; ", parts);
  }

  private static Optional<String> cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String loadAverage() {
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }

  private static String fmt(double x) {
    if (x >= 100) {
      return String.format(Locale.ROOT, "%,.0f", x);
    }
    return String.format(Locale.ROOT, "%.2f", x);
  }

  private static String fmt1(double x) {
    return String.format(Locale.ROOT, "%.1f", x);
  }
}

package dev.pipelinesdk.benchmarks;

import dev.pipelinesdk.benchmarks.memory.MemoryFootprint;
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
import org.openjdk.jmh.profile.StackProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the transition benchmarks with {@code -prof gc}, measures memory with JOL and writes
 * {@code BENCHMARKS.md}: ratios from this one run on this machine, the JVM, the flags, the date,
 * and every target from the issue with met or missed and by how much. If a throughput target is
 * missed, ours is run once more under {@code -prof stack} and the hottest frames are included.
 *
 * <p>Arguments: {@code --out FILE} (default {@code BENCHMARKS.md}), {@code --json FILE} (JMH's
 * raw results, default {@code jmh-results.json}), {@code --quick} (a smoke run:
 * minimal iterations, marked as such in the report), {@code --deals N} (JOL deal count).
 */
public final class BenchmarkReport {
  private static final String PREFIX = TransitionBenchmark.class.getName() + ".";
  private static final String GC_NORM = "gc.alloc.rate.norm";
  private static final String[] FORK_FLAGS = {"-Xms1g", "-Xmx1g"};

  /** Benchmark method -> what the report calls it, in report order. */
  private static final Map<String, String> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put("ours", "**ours** (engine, guard, events; thread-safe)");
    NAMES.put("stateless4jSharedConfig", "stateless4j 2.6.0, shared config (not thread-safe)");
    NAMES.put("stateless4jConfigPerDeal", "stateless4j 2.6.0, config per deal (thread-safe)");
    NAMES.put("springMachinePerDeal", "Spring Statemachine %s, new machine per deal");
    NAMES.put("springResetAndReuse", "Spring Statemachine %s, reset and reuse one machine");
    NAMES.put("squirrel", "squirrel-foundation 0.3.10");
    NAMES.put("handWritten", "hand-written record + switch (JIT-optimised)");
    NAMES.put("handWrittenKeptAlive", "hand-written record + switch, every deal kept alive");
  }

  private final boolean quick;
  private final int warmups;
  private final int iterations;
  private final int seconds;

  private BenchmarkReport(boolean quick) {
    this.quick = quick;
    this.warmups = quick ? 1 : 3;
    this.iterations = quick ? 1 : 5;
    this.seconds = quick ? 1 : 2;
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
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]
              + "; use --out FILE, --json FILE, --quick, --deals N");
      }
    }
    new BenchmarkReport(quick).run(out, json, deals != null ? deals : quick ? 5_000 : 100_000);
  }

  private String jmhFlags() {
    return "-f 1 -t 1 -wi " + warmups + " -w " + seconds + "s -i " + iterations + " -r " + seconds
        + "s -prof gc -jvmArgs \"" + String.join(" ", FORK_FLAGS) + "\"";
  }

  private ChainedOptionsBuilder options(String include) {
    return new OptionsBuilder().include(include).forks(1).threads(1)
        .warmupIterations(warmups).warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
        .jvmArgs(FORK_FLAGS).shouldFailOnError(true);
  }

  private void run(Path out, Path json, int deals) throws RunnerException, IOException {
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
      stack = stackProfile();
    }

    System.out.println("Allocation per engine call (ThreadMXBean) ...");
    Map<String, Long> perCall = AllocationBreakdown.measure();

    System.out.println("JOL: measuring retained heap for " + deals + " deals ...");
    MemoryFootprint.Result memory = MemoryFootprint.measure(deals);
    targets.addAll(memoryTargets(memory));
    System.out.print(MemoryFootprint.format(memory));

    String md = markdown(rows, targets, stack, perCall, memory, any);
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath() + " (raw JMH results: " + json + ")");
    for (Target t : targets) {
      System.out.println((t.met ? "MET    " : "MISSED ") + t.what + ": " + t.measured);
    }
  }

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

  private static double ratio(Map<String, Row> rows, String a, String b) {
    return rows.get(a).opsPerSecond() / rows.get(b).opsPerSecond();
  }

  private static List<Target> throughputTargets(Map<String, Row> rows) {
    List<Target> targets = new ArrayList<>();
    double vsStateless = ratio(rows, "ours", "stateless4jSharedConfig");
    targets.add(new Target("ours >= 2x stateless4j's fast way (shared config)",
        fmt(vsStateless) + "x", vsStateless >= 2,
        vsStateless >= 2 ? "by " + fmt(vsStateless / 2) + "x" : "short by "
            + fmt(2 / vsStateless) + "x (needs " + fmt(2 / vsStateless) + "x more throughput)"));
    String fasterSpring = rows.get("springMachinePerDeal").opsPerSecond()
        >= rows.get("springResetAndReuse").opsPerSecond()
        ? "springMachinePerDeal" : "springResetAndReuse";
    double vsSpring = ratio(rows, "ours", fasterSpring);
    targets.add(new Target("ours >= 1000x Spring Statemachine (its faster way: "
        + (fasterSpring.equals("springMachinePerDeal") ? "new machine per deal" : "reset and reuse")
        + ")", fmt(vsSpring) + "x", vsSpring >= 1000,
        vsSpring >= 1000 ? "by " + fmt(vsSpring / 1000) + "x" : "short by "
            + fmt(1000 / vsSpring) + "x"));
    double vsBaseline = ratio(rows, "handWrittenKeptAlive", "ours");
    targets.add(new Target("ours within 5x of the kept-alive hand-written baseline",
        "baseline is " + fmt(vsBaseline) + "x faster", vsBaseline <= 5,
        vsBaseline <= 5 ? "with " + fmt(5 / vsBaseline) + "x to spare" : "missed by "
            + fmt(vsBaseline / 5) + "x (ours needs " + fmt(vsBaseline / 5)
            + "x more throughput)"));
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

  private String stackProfile() throws RunnerException {
    System.out.println("A throughput target was missed: profiling ours with -prof stack ...");
    Collection<RunResult> results = new Runner(options("^" + (PREFIX + "ours").replace(".", "\\.")
        + "$").addProfiler(StackProfiler.class, "lines=4;top=8;detailLine=false")
        .build()).run();
    for (RunResult r : results) {
      for (BenchmarkResult br : r.getBenchmarkResults()) {
        Result<?> stack = br.getSecondaryResults().get("stack");
        if (stack != null) {
          return stack.extendedInfo();
        }
      }
    }
    return "(the stack profiler returned nothing)";
  }

  private String markdown(Map<String, Row> rows, List<Target> targets, String stack,
      Map<String, Long> perCall, MemoryFootprint.Result memory, RunResult any) {
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
        + " realistic floor for a library that returns values.\n\n");

    sb.append("## Targets (from issue 6)\n\n| target | measured | met? | margin |\n"
        + "| --- | --- | --- | --- |\n");
    for (Target t : targets) {
      sb.append("| ").append(t.what).append(" | ").append(t.measured).append(" | ")
          .append(t.met ? "met" : "**missed**").append(" | ").append(t.margin).append(" |\n");
    }
    sb.append("| metrics targets (10x DuckDB, within 3x of a primitive-array loop) | not measured"
        + " yet | - | see below |\n\n");

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
      sb.append("A throughput target was missed, so `ours` was run again under `-prof stack`"
          + " (same iterations). Hottest frames:\n\n```\n").append(stack.strip())
          .append("\n```\n\n");
    } else {
      sb.append("Every throughput target was met, so `-prof stack` was not run.\n\n");
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
    sb.append("One stage-change event, everything reachable (the stage ids, deal id, actor and"
        + " transition name are shared, excluded above): the record and its own `Instant`.\n\n"
        + "```\n").append(memory.oneEvent().strip()).append("\n```\n\n");

    sb.append("## Not measured yet: metrics over large histories\n\n");
    sb.append("TODO (waits for the metrics issue): 1M deals / about 5M stage-entry events from a"
        + " fixed seed; funnel reach per stage, stage-to-stage conversion and cumulative time in"
        + " stage, ours (single pass, and parallel with merge) vs DuckDB in-process"
        + " (`org.duckdb:duckdb_jdbc`, same answers in SQL, load time reported separately) vs a"
        + " plain-Java loop over primitive arrays, all checked equal in setup. Targets: ours at"
        + " least 10x faster than DuckDB's query time and within 3x of the primitive-array loop."
        + " **No number in this file covers them yet.**\n\n");

    sb.append("## Reproduce\n\n```\npipeline-benchmarks/run-benchmarks.sh            # the real"
        + " run (well under 10 minutes on 2 cores)\nQUICK=1 pipeline-benchmarks/run-benchmarks.sh"
        + "    # smoke run, marked as such\n```\n\nRaw JMH results of the run:"
        + " `pipeline-benchmarks/target/jmh-results.json` (not committed). Single benchmarks: `java -jar"
        + " pipeline-benchmarks/target/benchmarks.jar TransitionBenchmark.ours -prof gc`.\n");
    return sb.toString();
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

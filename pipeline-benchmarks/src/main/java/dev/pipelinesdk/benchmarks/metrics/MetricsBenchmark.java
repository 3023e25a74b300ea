package dev.pipelinesdk.benchmarks.metrics;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.PreparedHistories;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Metrics over large histories: one operation computes three answers over every deal of a
 * fixed-seed data set ({@link Histories}: {@code saas-b2b}, 1M deals and about 5M stage entries by
 * default; {@code -p deals=N} for another size), as of {@link Histories#AS_OF} (no event is later).
 *
 * <p>A <em>stage entry</em> is a deal's created event (entering its first stage) or a stage
 * change (entering the change's {@code to} stage). The answers:
 *
 * <ol>
 *   <li><b>Reach</b>, per funnel stage (the open stages in funnel order: prospecting,
 *       qualification, consideration, decision; then won): the number of distinct deals with at
 *       least one entry into the stage. Not cumulative: a deal revived from dormant straight into
 *       decision reaches decision, not qualification.
 *   <li><b>Conversion</b>, per open stage in funnel order: {@code reach(next) / reach(stage)} as a
 *       double, the next of decision being won.
 *   <li><b>Time in stage</b>, per stage of the definition (closed ones included): the sum over
 *       deals of the whole seconds from each entry into the stage to the deal's next entry, or to
 *       as-of for its last entry. Re-entries add up; a won or lost deal keeps "being in" its stage
 *       until as-of (core's {@code StageTimes} semantics), so the stages add up to the deals'
 *       lifetimes.
 * </ol>
 *
 * <p>The contenders, each returning {@link Answers}; {@link Contenders#setUp} computes all of them
 * once and throws unless every number is equal, and {@code MetricsEquivalenceTest} does the same
 * in {@code mvn verify} at 5,000 deals:
 *
 * <ul>
 *   <li><b>oursSinglePass</b>: {@link OursMetric} (core's {@code Metrics.timeInStageTotals})
 *       through {@link Metrics#compute(dev.pipelinesdk.core.metrics.Metric, PreparedHistories)}
 *       over {@link PreparedHistories#stageEntriesOnly} built from the histories in setup: core's
 *       columnar store of stage entries, which the library reads for this metric. Users prepare
 *       once and query many times, as DuckDB's table is loaded once. No sorting or grouping at
 *       query time: the entries are grouped by deal when they are prepared.
 *   <li><b>oursParallel</b>: the same metric, {@link
 *       Metrics#computeParallel(dev.pipelinesdk.core.metrics.Metric, PreparedHistories)} (deal
 *       ranges on the common fork-join pool, accumulators merged).
 *   <li><b>oursLoad</b>: preparing those stage entries from the {@code List<DealHistory>}
 *       ({@link PreparedHistories#stageEntriesOnly}, which also checks every history against the
 *       definition), one shot per iteration; reported separately, like DuckDB's load.
 *   <li><b>duckDbQuery</b>: {@link DuckDb#query()}, two SQL queries over the in-memory table
 *       (loaded in setup; the load is timed separately by <b>duckDbLoad</b>: a fresh in-memory
 *       database, {@code CREATE TABLE} and the appender, one shot per iteration).
 *   <li><b>primitiveLoop</b>: {@link PrimitiveLoop} over arrays sorted by deal then time (built
 *       in setup, not timed).
 *   <li><b>oursOverHistories</b> (diagnostic, no target): the same {@link OursMetric} through
 *       {@link Metrics#compute(dev.pipelinesdk.core.metrics.Metric, Iterable)} over the {@code
 *       List<DealHistory>}: what the object path costs.
 *   <li><b>oursWithQuantiles</b> (diagnostic, no target): {@link OursMetric#withQuantiles} (the
 *       full {@code Metrics.timeInStage} report, one sample per deal and stage for the exact median
 *       and p90) over the {@code PreparedHistories}, single pass: what the quantiles cost.
 *   <li><b>eventsMetric</b> (diagnostic, no target): {@link EventsMetric}, the answers as a
 *       metric over the same {@code DealHistory} events without core's metrics: separates the
 *       cost of core's metric code from the cost of the object model.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetricsBenchmark {

  /** The data set; generated once per fork, not timed. */
  @State(Scope.Benchmark)
  public static class Data {
    /** Number of deals (about 5 stage entries each). */
    @Param({"1000000"})
    public int deals;

    Histories.Dataset data;
    PipelineDefinition definition;
    int[] funnel;
    int stages;

    /** Generates the data set. */
    @Setup(Level.Trial)
    public void generate() {
      data = Histories.generate(deals);
      definition = Histories.definition();
      funnel = Answers.funnelPositions(definition);
      stages = definition.stages().size();
    }
  }

  /** Every contender ready, their answers checked equal. */
  @State(Scope.Benchmark)
  public static class Contenders {
    Histories.Dataset data;
    OursMetric metric;
    OursMetric withQuantiles;
    PreparedHistories log;
    EventsMetric eventsMetric;
    DuckDb duckDb;
    int[] funnel;
    int stages;

    /**
     * Loads the stage log and DuckDB and checks that all contenders return identical answers.
     *
     * @param d the data set
     * @throws SQLException if DuckDB fails
     * @throws IllegalStateException if two contenders disagree
     */
    @Setup(Level.Trial)
    public void setUp(Data d) throws SQLException {
      data = d.data;
      funnel = d.funnel;
      stages = d.stages;
      metric = new OursMetric(d.definition, Histories.AS_OF);
      withQuantiles = OursMetric.withQuantiles(d.definition, Histories.AS_OF);
      log = PreparedHistories.stageEntriesOnly(d.definition, data.histories());
      eventsMetric = new EventsMetric(d.definition, Histories.AS_OF);
      duckDb = DuckDb.load(data, funnel, stages);
      check(this);
    }

    /** Closes DuckDB. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      duckDb.close();
    }
  }

  /**
   * Computes every contender's answers and throws unless they are identical.
   *
   * @param c the contenders
   * @return the common answers
   * @throws SQLException if DuckDB fails
   */
  static Answers check(Contenders c) throws SQLException {
    Answers loop = primitiveLoop(c);
    Answers.requireEqual(loop, "primitive loop", oursSinglePass(c), "ours, single pass");
    Answers.requireEqual(loop, "primitive loop", oursParallel(c), "ours, parallel");
    Answers.requireEqual(loop, "primitive loop", oursOverHistories(c), "ours over histories");
    Answers.requireEqual(loop, "primitive loop", oursWithQuantiles(c), "ours with quantiles");
    Answers.requireEqual(loop, "primitive loop", c.duckDb.query(), "DuckDB");
    Answers.requireEqual(loop, "primitive loop", eventsMetric(c), "events-only metric");
    return loop;
  }

  /** A fresh in-memory database per shot, for the load benchmark. */
  @State(Scope.Thread)
  public static class Fresh {
    DuckDb loaded;

    /** Closes the database loaded by the shot. */
    @TearDown(Level.Invocation)
    public void close() throws SQLException {
      if (loaded != null) {
        loaded.close();
        loaded = null;
      }
    }
  }

  /** Ours, sequential: {@code Metrics.compute(metric, log)} over the stage log. */
  @Benchmark
  public static Answers oursSinglePass(Contenders c) {
    return c.metric.compute(c.log);
  }

  /** Ours, parallel with merge: {@code Metrics.computeParallel(metric, log)}. */
  @Benchmark
  public static Answers oursParallel(Contenders c) {
    return c.metric.computeParallel(c.log);
  }

  /** Ours' load time: the stage log built from the histories. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public PreparedHistories oursLoad(Data d) {
    return PreparedHistories.stageEntriesOnly(d.definition, d.data.histories());
  }

  /**
   * Diagnostic, not a contender: the same metric over the {@code List<DealHistory>}, single
   * pass ({@code Metrics.compute(metric, histories)}).
   */
  @Benchmark
  public static Answers oursOverHistories(Contenders c) {
    return c.metric.compute(c.data.histories());
  }

  /**
   * Diagnostic, not a contender: the full time-in-stage report (median and p90 too) over the
   * stage log, single pass.
   */
  @Benchmark
  public static Answers oursWithQuantiles(Contenders c) {
    return c.withQuantiles.compute(c.log);
  }

  /**
   * Diagnostic, not a contender: {@link EventsMetric}, a metric over the same histories written
   * without core's metrics, single pass.
   */
  @Benchmark
  public static Answers eventsMetric(Contenders c) {
    return Metrics.compute(c.eventsMetric, c.data.histories());
  }

  /** DuckDB: the two queries over the loaded table. */
  @Benchmark
  public static Answers duckDbQuery(Contenders c) throws SQLException {
    return c.duckDb.query();
  }

  /** The loop over primitive arrays. */
  @Benchmark
  public static Answers primitiveLoop(Contenders c) {
    return PrimitiveLoop.compute(c.data.deal(), c.data.stage(), c.data.at(), c.data.asOf(),
        c.stages, c.funnel);
  }

  /** DuckDB's load time: a new in-memory database, the table and the appender. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public void duckDbLoad(Data d, Fresh f) throws SQLException {
    f.loaded = DuckDb.load(d.data, d.funnel, d.stages);
  }
}

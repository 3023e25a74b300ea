package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.stream.Stream;

/**
 * Runs metrics: over histories (an {@code Iterable} or a {@code Stream}) or over {@link
 * PreparedHistories}, where the library reads the prepared columns of stage entries for the
 * metrics that need nothing else, with the same result.
 */
public final class Metrics {
  private Metrics() {}

  /**
   * The funnel, the cohort view: of the deals created in a period, how many reached each stage,
   * how many converted, where the others dropped out. See {@link FunnelReport} for the exact
   * semantics.
   *
   * <pre>{@code
   * Metric<FunnelReport> funnel = Metrics.funnel(definition)
   *     .createdBetween(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"))
   *     .temperature(LeadSource.Temperature.WARM)
   *     .build();
   * FunnelReport report = Metrics.compute(funnel, histories);
   * }</pre>
   *
   * @param definition the pipeline definition whose open stages form the funnel
   * @return a builder; without filters the cohort is every deal
   */
  public static FunnelBuilder funnel(PipelineDefinition definition) {
    return new FunnelBuilder(Objects.requireNonNull(definition, "definition is null"));
  }

  /**
   * The pipeline, the snapshot view: where every open deal is as of an instant, what the
   * pipeline is worth, which deals rot, and whether the target is covered. See {@link
   * SnapshotReport}.
   *
   * <pre>{@code
   * SnapshotReport now = Metrics.compute(
   *     Metrics.snapshot(definition, asOf).target(Money.of("500000", "EUR")).build(), histories);
   * }</pre>
   *
   * @param definition the pipeline definition
   * @param asOf the instant; events at or before it count
   * @return a builder
   */
  public static SnapshotBuilder snapshot(PipelineDefinition definition, Instant asOf) {
    return new SnapshotBuilder(Objects.requireNonNull(definition, "definition is null"),
        Objects.requireNonNull(asOf, "asOf is null"));
  }

  /**
   * Time in stage over all deals, with the median and p90 of each stage's per-deal times (one
   * primitive sample per deal and stage reached). See {@link TimeInStageReport}.
   *
   * @param definition the pipeline definition the histories follow
   * @param asOf the last instant whose events count (inclusive); open visits count up to it
   * @return the metric; it reads prepared columns when given {@link PreparedHistories}
   */
  public static Metric<TimeInStageReport> timeInStage(PipelineDefinition definition,
      Instant asOf) {
    return TimeInStageMetric.of(definition, asOf, true);
  }

  /**
   * Time in stage over all deals, counts and sums only: the same report without median and p90
   * ({@link TimeInStageReport#quantiles()} false), a few arrays of counters whatever the number
   * of deals, several times faster.
   *
   * @param definition the pipeline definition the histories follow
   * @param asOf the last instant whose events count (inclusive); open visits count up to it
   * @return the metric; it reads prepared columns when given {@link PreparedHistories}
   */
  public static Metric<TimeInStageReport> timeInStageTotals(PipelineDefinition definition,
      Instant asOf) {
    return TimeInStageMetric.of(definition, asOf, false);
  }

  /**
   * Time and flow per open stage as of an instant: dwell of the deals that left, win rates, the
   * sales cycle and pipeline velocity. See {@link FlowReport}.
   *
   * @param definition the pipeline definition
   * @param asOf the instant; events after it are ignored
   * @return the metric
   */
  public static Metric<FlowReport> flow(PipelineDefinition definition, Instant asOf) {
    return flow(definition, asOf, CurrencyConversion.none());
  }

  /**
   * Time and flow with a currency conversion for won amounts.
   *
   * @param definition the pipeline definition
   * @param asOf the instant; events after it are ignored
   * @param conversion the conversion into one reporting currency
   * @return the metric
   */
  public static Metric<FlowReport> flow(PipelineDefinition definition, Instant asOf,
      CurrencyConversion conversion) {
    return new FlowMetric(new StageIndex(Objects.requireNonNull(definition, "definition is null")),
        Objects.requireNonNull(asOf, "asOf is null"),
        Objects.requireNonNull(conversion, "conversion is null"));
  }

  /**
   * What moved during a period {@code [from, to)}, Pipedrive style, and the waterfall of open
   * pipeline value. See {@link MovementReport}.
   *
   * @param definition the pipeline definition
   * @param from the start of the period (inclusive)
   * @param to the end of the period (exclusive)
   * @return the metric
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public static Metric<MovementReport> movements(PipelineDefinition definition, Instant from,
      Instant to) {
    return movements(definition, from, to, CurrencyConversion.none());
  }

  /**
   * What moved during a period, with a currency conversion.
   *
   * @param definition the pipeline definition
   * @param from the start of the period (inclusive)
   * @param to the end of the period (exclusive)
   * @param conversion the conversion into one reporting currency
   * @return the metric
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public static Metric<MovementReport> movements(PipelineDefinition definition, Instant from,
      Instant to, CurrencyConversion conversion) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("period ends at " + to + " before it starts at " + from);
    }
    return new MovementMetric.Movements(new StageIndex(definition), from, to,
        Objects.requireNonNull(conversion, "conversion is null"));
  }

  /**
   * Finds the stages where deals drop out (lost) or go dark abnormally, and says so in words
   * with the numbers and what the leak hints at. See {@link LeakBuilder} for the rules.
   *
   * @param definition the pipeline definition
   * @return a builder; without a cohort every deal counts
   */
  public static LeakBuilder leaks(PipelineDefinition definition) {
    return new LeakBuilder(Objects.requireNonNull(definition, "definition is null"));
  }

  /**
   * Converts a duration into days, the convenience for people: {@code Duration} is what the API
   * returns, days are what a sales team reads.
   *
   * @param duration the duration
   * @return the duration in (fractional) days
   */
  public static double days(Duration duration) {
    Objects.requireNonNull(duration, "duration is null");
    return (duration.getSeconds() + duration.getNano() / 1e9) / 86_400.0;
  }

  /**
   * Computes a metric sequentially, in one pass.
   *
   * @param metric the metric
   * @param histories the deal histories
   * @param <R> the result type
   * @return the result
   * @throws NullPointerException if an argument or a history is null
   * @throws dev.pipelinesdk.core.InvalidHistoryException if a history does not fit the metric's
   *     definition (a built-in metric checks every history it is given)
   * @throws IllegalArgumentException as {@link Metric.Accumulator#add} does
   */
  public static <R> R compute(Metric<R> metric, Iterable<DealHistory> histories) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(histories, "histories is null");
    Metric.Accumulator<R> acc = metric.newAccumulator();
    int i = 0;
    for (DealHistory h : histories) {
      if (h == null) {
        throw new NullPointerException("history " + i + " is null");
      }
      acc.add(h);
      i++;
    }
    return acc.result();
  }

  /**
   * Computes a metric over a stream, in parallel if the stream is parallel.
   *
   * @param metric the metric
   * @param histories the deal histories
   * @param <R> the result type
   * @return the result
   * @throws IllegalArgumentException as {@link Metric.Accumulator#add} does
   */
  public static <R> R compute(Metric<R> metric, Stream<DealHistory> histories) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(histories, "histories is null");
    return histories.collect(metric.collector());
  }

  /**
   * Computes a metric over prepared histories, sequentially, in one pass. A built-in metric
   * that needs only stage entries (time in stage) reads the prepared columns; any other metric
   * reads the retained histories.
   *
   * @param metric the metric
   * @param prepared the prepared histories
   * @param <R> the result type
   * @return the result; the same as {@link #compute(Metric, Iterable)} over the histories
   * @throws IllegalArgumentException if the metric's definition has other stages than the
   *     prepared histories', or the metric needs histories and {@code prepared} kept only stage
   *     entries ({@link PreparedHistories#stageEntriesOnly})
   */
  public static <R> R compute(Metric<R> metric, PreparedHistories prepared) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(prepared, "prepared is null");
    BuiltInMetric<?, R> columnar = columnar(metric, prepared);
    if (columnar != null) {
      return runColumns(columnar, prepared.columns(), 0, prepared.deals());
    }
    return compute(metric, histories(metric, prepared));
  }

  /**
   * Computes a metric over prepared histories in parallel: the deals are split into ranges run
   * as tasks on the {@linkplain ForkJoinPool#commonPool() common fork-join pool}, each with its
   * own accumulator, merged. Same result as {@link #compute(Metric, PreparedHistories)}.
   *
   * @param metric the metric
   * @param prepared the prepared histories
   * @param <R> the result type
   * @return the result
   * @throws IllegalArgumentException as {@link #compute(Metric, PreparedHistories)} does
   */
  public static <R> R computeParallel(Metric<R> metric, PreparedHistories prepared) {
    Objects.requireNonNull(metric, "metric is null");
    Objects.requireNonNull(prepared, "prepared is null");
    BuiltInMetric<?, R> columnar = columnar(metric, prepared);
    if (columnar == null) {
      return histories(metric, prepared).parallelStream().collect(metric.collector());
    }
    return parallel(columnar, prepared);
  }

  private static <A, R> R parallel(BuiltInMetric<A, R> metric, PreparedHistories prepared) {
    int deals = prepared.deals();
    int parallelism = ForkJoinPool.getCommonPoolParallelism();
    // A few ranges per worker for balance; no range under 4,096 deals (task overhead).
    int leaf = Math.max(4_096, deals / Math.max(1, 4 * parallelism));
    if (parallelism <= 1 || deals <= leaf) {
      return runColumns(metric, prepared.columns(), 0, deals);
    }
    return metric.result(ForkJoinPool.commonPool().invoke(
        new Range<>(metric, prepared.columns(), 0, deals, leaf)));
  }

  private static <A, R> R runColumns(BuiltInMetric<A, R> metric, StageColumns columns, int from,
      int to) {
    A state = metric.newState();
    metric.addColumns(state, columns, from, to);
    return metric.result(state);
  }

  /** The metric, if it reads the prepared columns; null if it reads histories. */
  private static <R> BuiltInMetric<?, R> columnar(Metric<R> metric, PreparedHistories prepared) {
    if (metric instanceof BuiltInMetric) {
      BuiltInMetric<?, R> builtIn = (BuiltInMetric<?, R>) metric;
      if (!builtIn.ix.sameStages(prepared.columns().ix)) {
        throw new IllegalArgumentException("the metric reads pipeline '"
            + builtIn.definition().id() + "' with stages " + builtIn.definition().stages()
                .stream().map(s -> s.id().value()).toList()
            + "; the prepared histories are of pipeline '" + prepared.definition().id()
            + "' with stages " + prepared.definition().stages().stream()
                .map(s -> s.id().value()).toList());
      }
      if (builtIn.columnar()) {
        return builtIn;
      }
    }
    return null;
  }

  private static List<DealHistory> histories(Metric<?> metric, PreparedHistories prepared) {
    return prepared.histories().orElseThrow(() -> new IllegalArgumentException("metric "
        + metric + " reads whole histories, but " + prepared + " kept only stage entries;"
        + " prepare them with PreparedHistories.of(definition, histories) instead"));
  }

  /**
   * Configures a funnel: the cohort (creation period and filters over the deal as created) and
   * the as-of instant. Not thread-safe; the metrics it builds are.
   */
  public static final class FunnelBuilder {
    private final PipelineDefinition definition;
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();
    private Optional<Instant> asOf = Optional.empty();
    private Predicate<Deal> filter = d -> true;
    private final List<String> description = new ArrayList<>();
    private CurrencyConversion conversion = CurrencyConversion.none();

    FunnelBuilder(PipelineDefinition definition) {
      this.definition = definition;
    }

    /**
     * Restricts the cohort to deals created in {@code [from, to)}.
     *
     * @param from the first instant included
     * @param to the first instant excluded
     * @return this builder
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public FunnelBuilder createdBetween(Instant from, Instant to) {
      Objects.requireNonNull(from, "from is null");
      Objects.requireNonNull(to, "to is null");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("period ends at " + to + " before it starts at " + from);
      }
      this.from = Optional.of(from);
      this.to = Optional.of(to);
      return this;
    }

    /**
     * Ignores events after an instant, as if the funnel were computed then; deals created later
     * are not in the cohort.
     *
     * @param asOf the last instant whose events count (inclusive)
     * @return this builder
     */
    public FunnelBuilder asOf(Instant asOf) {
      this.asOf = Optional.of(Objects.requireNonNull(asOf, "asOf is null"));
      return this;
    }

    /**
     * Restricts the cohort with a predicate over the deal as created (its {@code Created}
     * event). Several filters all apply.
     *
     * @param predicate the filter
     * @return this builder
     */
    public FunnelBuilder where(Predicate<Deal> predicate) {
      Objects.requireNonNull(predicate, "predicate is null");
      return where("custom filter", predicate);
    }

    /**
     * Restricts the cohort to one lead source.
     *
     * @param source the lead source, such as {@code LeadSource.warm("webinar")}
     * @return this builder
     */
    public FunnelBuilder leadSource(LeadSource source) {
      Objects.requireNonNull(source, "source is null");
      return where("lead source " + source, d -> d.leadSource().equals(Optional.of(source)));
    }

    /**
     * Restricts the cohort to cold or warm leads.
     *
     * @param temperature cold or warm
     * @return this builder
     */
    public FunnelBuilder temperature(LeadSource.Temperature temperature) {
      Objects.requireNonNull(temperature, "temperature is null");
      return where(temperature.name().toLowerCase(Locale.ROOT) + " leads",
          d -> d.leadSource().map(s -> s.temperature() == temperature).orElse(false));
    }

    /**
     * Restricts the cohort to one owner (at creation).
     *
     * @param owner the owner
     * @return this builder
     */
    public FunnelBuilder owner(String owner) {
      Objects.requireNonNull(owner, "owner is null");
      return where("owner " + owner, d -> d.owner().equals(Optional.of(owner)));
    }

    /**
     * Restricts the cohort to deals with an attribute value (at creation).
     *
     * @param name the attribute name
     * @param value the value
     * @return this builder
     */
    public FunnelBuilder attribute(String name, AttributeValue value) {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(value, "value is null");
      return where(name + " = " + value, d -> d.attribute(name).equals(Optional.of(value)));
    }

    /**
     * Sets the conversion of won amounts into one reporting currency (see {@link
     * CurrencyConversion}).
     *
     * @param conversion the conversion
     * @return this builder
     */
    public FunnelBuilder conversion(CurrencyConversion conversion) {
      this.conversion = Objects.requireNonNull(conversion, "conversion is null");
      return this;
    }

    private FunnelBuilder where(String what, Predicate<Deal> predicate) {
      filter = filter.and(predicate);
      description.add(what);
      return this;
    }

    /** {@return the funnel metric of the cohort} */
    public Metric<FunnelReport> build() {
      return new FunnelMetric(spec());
    }

    /**
     * Builds a breakdown: one funnel per key, such as {@link FunnelBreakdown#byTemperature()}.
     *
     * @param key the key of a deal as created
     * @return the breakdown metric
     */
    public Metric<FunnelBreakdown> by(Function<Deal, String> key) {
      return new FunnelMetric.Breakdown(spec(), Objects.requireNonNull(key, "key is null"));
    }

    FunnelMetric.Spec spec() {
      List<String> what = new ArrayList<>();
      if (from.isPresent()) {
        what.add("created in [" + from.get() + ", " + to.get() + ")");
      }
      what.addAll(description);
      asOf.ifPresent(a -> what.add("as of " + a));
      return new FunnelMetric.Spec(new StageIndex(definition), from, to, asOf, filter,
          what.isEmpty() ? "all deals" : String.join(", ", what), conversion);
    }
  }

  /** Configures a snapshot. Not thread-safe; the metric it builds is. */
  public static final class SnapshotBuilder {
    private final PipelineDefinition definition;
    private final Instant asOf;
    private ProbabilitySource learned = ProbabilitySource.none();
    private Map<DealId, Instant> snoozed = Map.of();
    private Optional<StageId> decision = Optional.empty();
    private Optional<Duration> stalledAfter = Optional.empty();
    private Optional<Money> target = Optional.empty();
    private CurrencyConversion conversion = CurrencyConversion.none();

    SnapshotBuilder(PipelineDefinition definition, Instant asOf) {
      this.definition = definition;
      this.asOf = asOf;
    }

    /**
     * Supplies learned probabilities (second in precedence, after a manual override).
     *
     * @param source the source
     * @return this builder
     */
    public SnapshotBuilder probabilities(ProbabilitySource source) {
      this.learned = Objects.requireNonNull(source, "source is null");
      return this;
    }

    /**
     * Snoozes idle detection per deal until an instant. Snoozes recorded in the histories
     * ({@code DealEvent.Snoozed}, through the engine's {@code snooze}) count without this: the
     * latest at or before the as-of instant ends at the start of its date in the definition's
     * {@linkplain PipelineDefinition#calendar() calendar} zone, as on the agenda. An entry here
     * wins over the history for its deal.
     *
     * @param snoozedUntil for each snoozed deal, the instant the snooze ends
     * @return this builder
     */
    public SnapshotBuilder snoozed(Map<DealId, Instant> snoozedUntil) {
      this.snoozed = Map.copyOf(snoozedUntil);
      return this;
    }

    /**
     * Names the decision stage whose idle deals are listed as stalled; the default is the last
     * open stage.
     *
     * @param stage an open stage
     * @return this builder
     * @throws IllegalArgumentException if the stage is not an open stage of the definition
     */
    public SnapshotBuilder decisionStage(StageId stage) {
      Objects.requireNonNull(stage, "stage is null");
      if (definition.funnelIndex(stage).isEmpty()) {
        throw new IllegalArgumentException("decision stage '" + stage
            + "' is not an open stage of pipeline '" + definition.id() + "'");
      }
      this.decision = Optional.of(stage);
      return this;
    }

    /**
     * Sets how long a deal may sit at the decision stage without activity before it is stalled;
     * the default is the stage's idle threshold, else its expected duration.
     *
     * @param threshold a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public SnapshotBuilder stalledAfter(Duration threshold) {
      Objects.requireNonNull(threshold, "threshold is null");
      if (threshold.isZero() || threshold.isNegative()) {
        throw new IllegalArgumentException("stall threshold must be positive, not " + threshold);
      }
      this.stalledAfter = Optional.of(threshold);
      return this;
    }

    /**
     * Sets the target to compute coverage against.
     *
     * @param target the target, in the reporting currency
     * @return this builder
     */
    public SnapshotBuilder target(Money target) {
      this.target = Optional.of(Objects.requireNonNull(target, "target is null"));
      return this;
    }

    /**
     * Sets the conversion of amounts into one reporting currency.
     *
     * @param conversion the conversion
     * @return this builder
     */
    public SnapshotBuilder conversion(CurrencyConversion conversion) {
      this.conversion = Objects.requireNonNull(conversion, "conversion is null");
      return this;
    }

    /** {@return the snapshot metric} */
    public Metric<SnapshotReport> build() {
      StageIndex ix = new StageIndex(definition);
      if (ix.openSize() == 0) {
        throw new IllegalArgumentException("pipeline '" + definition.id() + "' has no open stage");
      }
      StageId decisionStage = decision.orElse(ix.open.get(ix.openSize() - 1).id());
      Optional<Duration> stall = stalledAfter.or(() -> {
        var s = definition.requireStage(decisionStage);
        return s.idleAfter().or(s::expectedDuration);
      });
      return new SnapshotMetric(ix, asOf, learned, snoozed, definition.calendar(),
          ix.require(decisionStage), stall, target, conversion);
    }
  }

  /** Configures a leak finder. Not thread-safe; the metric it builds is. */
  public static final class LeakBuilder {
    private final PipelineDefinition definition;
    private final FunnelBuilder current;
    private Optional<FunnelBuilder> baseline = Optional.empty();
    private double ratioToOthers = 1.5;
    private double ratioToBaseline = 1.3;
    private double minimumGap = 0.10;
    private long minimumDeals = 10;
    private final Map<StageId, String> hints = new HashMap<>();

    LeakBuilder(PipelineDefinition definition) {
      this.definition = definition;
      this.current = new FunnelBuilder(definition);
    }

    /**
     * Sets the cohort examined: deals created in {@code [from, to)}.
     *
     * @param from the first instant included
     * @param to the first instant excluded
     * @return this builder
     */
    public LeakBuilder cohort(Instant from, Instant to) {
      current.createdBetween(from, to);
      return this;
    }

    /**
     * Sets a baseline cohort to compare with: deals created in an earlier period {@code [from,
     * to)}.
     *
     * @param from the first instant included
     * @param to the first instant excluded
     * @return this builder
     */
    public LeakBuilder baseline(Instant from, Instant to) {
      baseline = Optional.of(new FunnelBuilder(definition).createdBetween(from, to));
      return this;
    }

    /**
     * Sets how many times the median of the other stages a rate must be to be a leak.
     *
     * @param ratio at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code ratio} is below 1 or not finite
     */
    public LeakBuilder ratioToOthers(double ratio) {
      this.ratioToOthers = atLeastOne("ratio to other stages", ratio);
      return this;
    }

    /**
     * Sets how many times the baseline rate a rate must be to be a leak.
     *
     * @param ratio at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code ratio} is below 1 or not finite
     */
    public LeakBuilder ratioToBaseline(double ratio) {
      this.ratioToBaseline = atLeastOne("ratio to baseline", ratio);
      return this;
    }

    /**
     * Sets by how much (absolute, as a share) a rate must exceed what it is compared with.
     *
     * @param gap in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code gap} is outside [0, 1] or NaN
     */
    public LeakBuilder minimumGap(double gap) {
      if (!(gap >= 0 && gap <= 1)) {
        throw new IllegalArgumentException("minimum gap must be in [0, 1], not " + gap);
      }
      this.minimumGap = gap;
      return this;
    }

    /**
     * Sets how many deals must have reached a stage for it to be judged.
     *
     * @param deals at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code deals} is below 1
     */
    public LeakBuilder minimumDeals(long deals) {
      if (deals < 1) {
        throw new IllegalArgumentException("minimum deals must be at least 1, not " + deals);
      }
      this.minimumDeals = deals;
      return this;
    }

    /**
     * Overrides what a leak at a stage hints at.
     *
     * @param stage an open stage
     * @param hint the reading, such as "the demo does not show the value"
     * @return this builder
     * @throws IllegalArgumentException if the stage is not an open stage or the hint is blank
     */
    public LeakBuilder hint(StageId stage, String hint) {
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(hint, "hint is null");
      if (definition.funnelIndex(stage).isEmpty()) {
        throw new IllegalArgumentException("stage '" + stage + "' is not an open stage of pipeline '"
            + definition.id() + "'");
      }
      if (hint.isBlank()) {
        throw new IllegalArgumentException("hint for stage '" + stage + "' is blank");
      }
      hints.put(stage, hint);
      return this;
    }

    private static double atLeastOne(String what, double ratio) {
      if (!(ratio >= 1) || Double.isInfinite(ratio)) {
        throw new IllegalArgumentException(what + " must be a finite number of at least 1, not "
            + ratio);
      }
      return ratio;
    }

    /** {@return the leak finder metric} */
    public Metric<LeakReport> build() {
      List<Stage> open = definition.openStages();
      String[] hintOf = new String[open.size()];
      for (int i = 0; i < open.size(); i++) {
        Stage s = open.get(i);
        hintOf[i] = hints.getOrDefault(s.id(), LeakMetric.defaultHint(s, i, open.size()));
      }
      return new LeakMetric.Finder(current.spec(), baseline.map(FunnelBuilder::spec), ratioToOthers,
          ratioToBaseline, minimumGap, minimumDeals, Arrays.asList(hintOf));
    }
  }

  /** One range of deals: split in two until small enough, then one state. */
  private static final class Range<A> extends RecursiveTask<A> {
    private static final long serialVersionUID = 1L;
    private final transient BuiltInMetric<A, ?> metric;
    private final transient StageColumns columns;
    private final int from;
    private final int to;
    private final int leaf;

    Range(BuiltInMetric<A, ?> metric, StageColumns columns, int from, int to, int leaf) {
      this.metric = metric;
      this.columns = columns;
      this.from = from;
      this.to = to;
      this.leaf = leaf;
    }

    @Override
    protected A compute() {
      if (to - from <= leaf) {
        A state = metric.newState();
        metric.addColumns(state, columns, from, to);
        return state;
      }
      int mid = (from + to) >>> 1;
      Range<A> right = new Range<>(metric, columns, mid, to, leaf);
      right.fork();
      A left = new Range<>(metric, columns, from, mid, leaf).compute();
      return metric.merge(left, right.join());
    }
  }
}

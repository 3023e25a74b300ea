package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Finds the stages where deals drop out (lost) or go dark abnormally, and says so in words with
 * the numbers and what the leak hints at. Entry point for {@link LeakReport} metrics.
 *
 * <p>The drop-off rate of an open stage is the share of the cohort's deals that reached it and
 * were lost or went dark from it ({@link FunnelStage#dropOffRate()}). A stage with at least
 * {@linkplain Builder#minimumDeals minimum deals} reached is a leak when its rate is
 *
 * <ul>
 *   <li>at least {@linkplain Builder#ratioToOthers ratioToOthers} (default 1.5) times the median
 *       rate of the other judged stages, and at least {@linkplain Builder#minimumGap minimumGap}
 *       (default 0.10) above it; or
 *   <li>with a {@linkplain Builder#baseline baseline} cohort, at least {@linkplain
 *       Builder#ratioToBaseline ratioToBaseline} (default 1.3) times the same stage's baseline
 *       rate and at least {@code minimumGap} above it.
 * </ul>
 *
 * <p>What a leak hints at follows the article: at qualification, lead quality; at consideration,
 * differentiation or innovation; at decision, pricing or the buyer persona. Stages are matched by
 * id or name ("prospect", "qualif", "consider", "decision", "proposal", "negotiat"), else by
 * position (first, middle, last open stage); {@link Builder#hint} overrides per stage.
 */
public final class LeakFinder {
  private LeakFinder() {}

  /**
   * Starts a leak finder over a pipeline's open stages.
   *
   * @param definition the pipeline definition
   * @return a builder; without a cohort every deal counts
   */
  public static Builder of(PipelineDefinition definition) {
    return new Builder(Objects.requireNonNull(definition, "definition is null"));
  }

  /** Configures a leak finder. Not thread-safe; the metric it builds is. */
  public static final class Builder {
    private final PipelineDefinition definition;
    private final Funnel.Builder current;
    private Optional<Funnel.Builder> baseline = Optional.empty();
    private double ratioToOthers = 1.5;
    private double ratioToBaseline = 1.3;
    private double minimumGap = 0.10;
    private long minimumDeals = 10;
    private final Map<StageId, String> hints = new HashMap<>();

    Builder(PipelineDefinition definition) {
      this.definition = definition;
      this.current = Funnel.of(definition);
    }

    /**
     * Sets the cohort examined: deals created in {@code [from, to)}.
     *
     * @param from the first instant included
     * @param to the first instant excluded
     * @return this builder
     */
    public Builder cohort(Instant from, Instant to) {
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
    public Builder baseline(Instant from, Instant to) {
      baseline = Optional.of(Funnel.of(definition).createdBetween(from, to));
      return this;
    }

    /**
     * Sets how many times the median of the other stages a rate must be to be a leak.
     *
     * @param ratio at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code ratio} is below 1 or not finite
     */
    public Builder ratioToOthers(double ratio) {
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
    public Builder ratioToBaseline(double ratio) {
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
    public Builder minimumGap(double gap) {
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
    public Builder minimumDeals(long deals) {
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
    public Builder hint(StageId stage, String hint) {
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
        hintOf[i] = hints.getOrDefault(s.id(), defaultHint(s, i, open.size()));
      }
      return new LeakMetric(current.spec(), baseline.map(Funnel.Builder::spec), ratioToOthers,
          ratioToBaseline, minimumGap, minimumDeals, Arrays.asList(hintOf));
    }
  }

  static String defaultHint(Stage stage, int position, int count) {
    String text = (stage.id().value() + " " + stage.name()).toLowerCase(Locale.ROOT);
    if (text.contains("prospect")) {
      return "targeting: check the ideal customer profile and where prospects come from";
    }
    if (text.contains("qualif")) {
      return "lead quality: check the lead sources and the scoring threshold";
    }
    if (text.contains("consider") || text.contains("demo") || text.contains("evaluat")) {
      return "differentiation or innovation: the offer may not stand out against the alternatives";
    }
    if (text.contains("decision") || text.contains("proposal") || text.contains("negotiat")
        || text.contains("purchase")) {
      return "pricing or the buyer persona: check the price and whether the decision maker is"
          + " involved";
    }
    if (position == 0) {
      return "lead quality: check the lead sources and the scoring threshold";
    }
    if (position == count - 1) {
      return "pricing or the buyer persona: check the price and whether the decision maker is"
          + " involved";
    }
    return "differentiation or innovation: the offer may not stand out against the alternatives";
  }

  /** Two funnels in one pass: the cohort and the baseline. */
  static final class LeakMetric extends BuiltInMetric<FunnelMetric.Acc[], LeakReport> {
    private final FunnelMetric.Spec current;
    private final Optional<FunnelMetric.Spec> baseline;
    private final double ratioToOthers;
    private final double ratioToBaseline;
    private final double minimumGap;
    private final long minimumDeals;
    private final List<String> hints;

    LeakMetric(FunnelMetric.Spec current, Optional<FunnelMetric.Spec> baseline,
        double ratioToOthers, double ratioToBaseline, double minimumGap, long minimumDeals,
        List<String> hints) {
      super(current.stages());
      this.current = current;
      this.baseline = baseline;
      this.ratioToOthers = ratioToOthers;
      this.ratioToBaseline = ratioToBaseline;
      this.minimumGap = minimumGap;
      this.minimumDeals = minimumDeals;
      this.hints = List.copyOf(hints);
    }

    @Override
    FunnelMetric.Acc[] newState() {
      int n = current.stages().openSize();
      return new FunnelMetric.Acc[] {new FunnelMetric.Acc(n), new FunnelMetric.Acc(n)};
    }

    @Override
    void add(FunnelMetric.Acc[] acc, DealHistory history) {
      var created = history.created().deal();
      if (current.inCohort(created)) {
        FunnelMetric.addDeal(current, acc[0], history, created);
      }
      if (baseline.isPresent() && baseline.get().inCohort(created)) {
        FunnelMetric.addDeal(baseline.get(), acc[1], history, created);
      }
    }

    @Override
    FunnelMetric.Acc[] merge(FunnelMetric.Acc[] l, FunnelMetric.Acc[] r) {
      l[0].merge(r[0]);
      l[1].merge(r[1]);
      return l;
    }

    @Override
    LeakReport result(FunnelMetric.Acc[] acc) {
      FunnelReport now = FunnelMetric.report(current, acc[0], current.description());
      Optional<FunnelReport> base = baseline.map(b -> FunnelMetric.report(b, acc[1],
          b.description()));
      List<FunnelStage> stages = now.stages();
      List<LeakReport.StageDropOff> rows = new ArrayList<>();
      List<Leak> leaks = new ArrayList<>();
      for (int i = 0; i < stages.size(); i++) {
        FunnelStage s = stages.get(i);
        boolean judged = s.reached() >= minimumDeals;
        List<Double> others = new ArrayList<>();
        for (int j = 0; j < stages.size(); j++) {
          if (j != i && stages.get(j).reached() >= minimumDeals) {
            others.add(stages.get(j).dropOffRate());
          }
        }
        OptionalDouble median = others.isEmpty() ? OptionalDouble.empty()
            : OptionalDouble.of(Quantiles.quantile(
                others.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.5));
        OptionalDouble baseRate = OptionalDouble.empty();
        if (base.isPresent()) {
          FunnelStage b = base.get().stages().get(i);
          if (b.reached() >= minimumDeals) {
            baseRate = OptionalDouble.of(b.dropOffRate());
          }
        }
        double rate = s.dropOffRate();
        boolean vsStages = judged && median.isPresent()
            && rate >= ratioToOthers * median.getAsDouble()
            && rate - median.getAsDouble() >= minimumGap;
        boolean vsBaseline = judged && baseRate.isPresent()
            && rate >= ratioToBaseline * baseRate.getAsDouble()
            && rate - baseRate.getAsDouble() >= minimumGap;
        rows.add(new LeakReport.StageDropOff(s.stage(), s.name(), s.reached(), s.lost(),
            s.wentDark(), rate, median, baseRate, judged, vsStages || vsBaseline));
        if (vsStages || vsBaseline) {
          leaks.add(new Leak(s.stage(), s.name(), s.reached(), s.lost(), s.wentDark(), rate,
              vsStages ? median : OptionalDouble.empty(),
              vsBaseline ? baseRate : OptionalDouble.empty(), hints.get(i)));
        }
      }
      leaks.sort((a, b) -> Double.compare(b.rate(), a.rate()));
      return new LeakReport(now.pipeline(), now.cohort(), base.map(FunnelReport::cohort), rows,
          leaks);
    }
  }
}

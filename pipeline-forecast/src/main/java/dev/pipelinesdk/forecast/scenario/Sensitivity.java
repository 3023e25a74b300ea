package dev.pipelinesdk.forecast.scenario;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.MoneyDelta;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.metrics.LeakReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * "Where to invest": for every open stage, how much the expected amount won and the probability
 * of reaching a target move per percentage point of conversion gained ({@link
 * Change.Conversion} of +1) and per day less spent at the stage ({@link Change.Dwell} of -1),
 * each a {@link Scenarios what-if} of the one change against the base, on common random numbers
 * (so the change of P(target) is the change's, not Monte Carlo noise). Rows are ranked by the
 * expected gain per conversion point, then per day saved, then funnel order; each says whether
 * the leak finder ({@link Metrics#leaks}, default settings, on the same histories) flags the
 * stage. Deterministic: the same input, model and seed give the same result. Made by {@link
 * #of}; immutable.
 *
 * <p>The two levers are in different units (a point, a day), so they rank the stages each on its
 * own scale; compare a point with a day only with what each costs you. A later stage acts on more
 * deals (every deal at or before it), an earlier one on deals whose probability is small, which
 * is why neither end of the funnel wins by construction.
 */
public final class Sensitivity {
  private final Forecast base;
  private final AmountDistribution baseDistribution;
  private final Optional<Money> target;
  private final List<Row> rows;

  private Sensitivity(Forecast base, AmountDistribution baseDistribution, Optional<Money> target,
      List<Row> rows) {
    this.base = base;
    this.baseDistribution = baseDistribution;
    this.target = target;
    this.rows = List.copyOf(rows);
  }

  /**
   * What one lever does to the forecast.
   *
   * @param expected the change of the expected amount won (exact, as {@link
   *     WhatIf#expectedDelta()})
   * @param probabilityOfTarget the change of P(won amount &ge; target), when a target is given
   */
  public record Effect(MoneyDelta expected, OptionalDouble probabilityOfTarget) {
    /**
     * Checks the value.
     *
     * @param expected the change of the expected amount
     * @param probabilityOfTarget the change of P(target), if a target is given
     * @throws NullPointerException if an argument is null
     */
    public Effect {
      Objects.requireNonNull(expected, "expected is null");
      Objects.requireNonNull(probabilityOfTarget, "probabilityOfTarget is null");
    }
  }

  /**
   * One open stage's sensitivity.
   *
   * @param stage the stage
   * @param name its name
   * @param conversion its observed conversion at the as-of instant
   * @param openDeals the open deals at it or at an earlier open stage: those the levers act on
   * @param perConversionPoint the effect of +1 percentage point of conversion; empty if the
   *     conversion cannot be changed so (no ended visit, a conversion of 0, or above 99%)
   * @param perDaySaved the effect of one day less at the stage
   * @param leakJudged whether enough deals reached the stage for the leak finder to judge it
   * @param leak whether the leak finder flags it
   */
  public record Row(StageId stage, String name, StageConversion conversion, long openDeals,
      Optional<Effect> perConversionPoint, Effect perDaySaved, boolean leakJudged,
      boolean leak) {
    /**
     * Checks the value.
     *
     * @param stage the stage
     * @param name its name
     * @param conversion its observed conversion
     * @param openDeals the open deals the levers act on, at least 0
     * @param perConversionPoint the effect of +1 point, if it can be computed
     * @param perDaySaved the effect of one day saved
     * @param leakJudged whether the leak finder judged the stage
     * @param leak whether it flags it
     * @throws NullPointerException if an argument is null
     */
    public Row {
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(conversion, "conversion is null");
      Objects.requireNonNull(perConversionPoint, "perConversionPoint is null");
      Objects.requireNonNull(perDaySaved, "perDaySaved is null");
    }
  }

  /**
   * Ranks the open stages.
   *
   * @param model the model
   * @param input what is known at the as-of instant
   * @param simulation the Monte Carlo settings, the same for the base and every lever
   * @param target a target amount, if any: the rows then give the change of P(target)
   * @return the ranking
   * @throws IllegalArgumentException if no open deal has an amount, the target is in another
   *     currency, or the model cannot forecast the input
   * @throws NullPointerException if an argument is null
   */
  public static Sensitivity of(ForecastModel model, ForecastInput input, Simulation simulation,
      Optional<Money> target) {
    Objects.requireNonNull(simulation, "simulation is null");
    Objects.requireNonNull(target, "target is null");
    Scenarios.Engine engine = new Scenarios.Engine(model, input);
    WhatIf none = engine.apply(Scenario.none());
    if (none.currency().isEmpty()) {
      throw new IllegalArgumentException("no open deal has an amount, so there is no amount to"
          + " rank the stages by");
    }
    Comparison baseRun = none.compare(simulation);
    AmountDistribution baseDist = baseRun.base();
    if (target.isPresent()) {
      baseDist.probabilityAtLeast(target.get()); // throws on another currency
    }
    LeakReport leaks = Metrics.compute(Metrics.leaks(input.definition()).build(),
        input.histories());
    Map<StageId, LeakReport.Row> leakRows = new HashMap<>();
    leaks.stages().forEach(r -> leakRows.put(r.stage(), r));
    List<Row> rows = new ArrayList<>();
    for (Stage s : input.definition().openStages()) {
      StageConversion c = engine.conversions.get(s.id());
      int at = input.definition().funnelIndex(s.id()).orElseThrow();
      long affected = none.base().deals().stream().filter(d -> input.definition()
          .funnelIndex(d.stage()).map(i -> i <= at).orElse(false)).count();
      Optional<Effect> perPoint = Optional.empty();
      OptionalDouble share = c.share();
      if (share.isPresent() && share.getAsDouble() > 0 && share.getAsDouble() + 0.01 <= 1) {
        perPoint = Optional.of(effect(engine.apply(Scenario.of(new Change.Conversion(s.id(), 1))),
            baseDist, simulation, target));
      }
      Effect perDay = effect(engine.apply(Scenario.of(new Change.Dwell(s.id(), -1))), baseDist,
          simulation, target);
      LeakReport.Row leak = leakRows.get(s.id());
      rows.add(new Row(s.id(), s.name(), c, affected, perPoint, perDay,
          leak != null && leak.judged(), leak != null && leak.leak()));
    }
    Map<StageId, Integer> order = new HashMap<>();
    input.definition().openStages().forEach(s -> order.put(s.id(), order.size()));
    Comparator<Row> ranking = Comparator
        .comparing((Row r) -> r.perConversionPoint().map(e -> e.expected().amount())
            .orElse(null), Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(r -> r.perDaySaved().expected().amount(), Comparator.reverseOrder())
        .thenComparing(r -> order.get(r.stage()));
    rows.sort(ranking);
    return new Sensitivity(none.base(), baseDist, target, rows);
  }

  private static Effect effect(WhatIf w, AmountDistribution baseDist, Simulation simulation,
      Optional<Money> target) {
    MoneyDelta expected = w.expectedDelta().orElseThrow(); // the base has amounts: compare ran
    OptionalDouble p = OptionalDouble.empty();
    if (target.isPresent()) {
      AmountDistribution changed = w.compare(simulation, baseDist).scenario();
      p = OptionalDouble.of(changed.probabilityAtLeast(target.get())
          - baseDist.probabilityAtLeast(target.get()));
    }
    return new Effect(expected, p);
  }

  /** {@return the base forecast the levers are measured against} */
  public Forecast base() {
    return base;
  }

  /** {@return the base's amount distribution, on the same random numbers as every lever} */
  public AmountDistribution baseDistribution() {
    return baseDistribution;
  }

  /** {@return the target, if one was given} */
  public Optional<Money> target() {
    return target;
  }

  /** {@return one row per open stage, ranked (see the class description)} */
  public List<Row> rows() {
    return rows;
  }

  /**
   * Whether any stage's day saved changes the expected amount: models that ignore the horizon
   * (markov, and weighted without close dates) give no gain for time saved.
   *
   * @return whether the dwell lever moves anything
   */
  public boolean timeMatters() {
    return rows.stream().anyMatch(r -> r.perDaySaved().expected().signum() != 0);
  }
}

package dev.pipelinesdk.forecast.scenario;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.MoneyDelta;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.core.forecast.Simulation;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A scenario's outcome: the base forecast and the forecast as the scenario changes it, with the
 * changes in words. Made only by {@link Scenarios#apply}. Immutable and safe to share.
 */
public final class WhatIf {
  private final Scenario scenario;
  private final List<String> changes;
  private final Forecast base;
  private final Forecast forecast;
  private final Optional<Currency> currency;

  WhatIf(Scenario scenario, List<String> changes, Forecast base, Forecast forecast,
      Optional<Currency> currency) {
    this.scenario = scenario;
    this.changes = List.copyOf(changes);
    this.base = base;
    this.forecast = forecast;
    this.currency = currency;
  }

  /** {@return the scenario applied} */
  public Scenario scenario() {
    return scenario;
  }

  /**
   * The changes in words, one per change of the scenario and in its order, with what they
   * touched: such as "conversion of Decision +5 points (62.1% of 87 ended visits -> 67.1%): the
   * 120 open deals at or before it x1.081" (their probabilities are multiplied by 1.081).
   *
   * @return the sentences
   */
  public List<String> changes() {
    return changes;
  }

  /** {@return the model's forecast of the input as it is} */
  public Forecast base() {
    return base;
  }

  /**
   * The forecast under the scenario: one deal forecast per deal open in it (added deals last,
   * dropped ones left out); a changed probability's basis ends with what the scenario did to it.
   *
   * @return the forecast, over the input's horizon
   */
  public Forecast forecast() {
    return forecast;
  }

  /**
   * The currency of the amounts: the pipeline's, else that of the open deals' or added deals'
   * amounts.
   *
   * @return the currency; empty if no deal has an amount and the pipeline fixes none
   */
  public Optional<Currency> currency() {
    return currency;
  }

  /**
   * The change of the expected amount won: the scenario's expected amount minus the base's (each
   * rounded as {@link Forecast#expectedAmount()} rounds it), exact, without sampling.
   *
   * @return the difference; empty if there is no currency (no amounts)
   */
  public Optional<MoneyDelta> expectedDelta() {
    return currency.map(c -> MoneyDelta.between(Scenarios.orZero(base.expectedAmount(), c),
        Scenarios.orZero(forecast.expectedAmount(), c)));
  }

  /**
   * The base and the scenario's amount distributions by Monte Carlo on common random numbers:
   * both runs use the same settings and seed, over the same deals in the same order (base deals
   * first, in the base's order, then added ones), a deal absent from one side counting there with
   * probability 0. So in every trial each deal draws the same random number in both runs and
   * the difference comes from the change, not from noise: a scenario that changes nothing gives
   * equal distributions. Exact for simulations without model uncertainty; with it, the numbers
   * line up too except for deals whose probability is 0 or 1 on one side only (those draw no
   * noise there). Deals without an amount are left out, as {@link OpenDeals#of(Currency,
   * Forecast)} leaves them out.
   *
   * @param simulation trials, seed and model uncertainty, for both runs
   * @return the two distributions
   * @throws IllegalArgumentException if there is no currency (no deal has an amount), or a total
   *     does not fit the Monte Carlo engine (see {@link Distributions#monteCarlo})
   * @throws NullPointerException if simulation is null
   */
  public Comparison compare(Simulation simulation) {
    return compare(simulation, null);
  }

  /** The same, reusing the base's run when it is known and no deal was added. */
  Comparison compare(Simulation simulation, @Nullable AmountDistribution knownBase) {
    Objects.requireNonNull(simulation, "simulation is null");
    Currency c = currency.orElseThrow(() -> new IllegalArgumentException("no open or added deal"
        + " has an amount, so there is no amount distribution to compare"));
    Map<DealId, Money> amounts = new LinkedHashMap<>();
    Map<DealId, Double> before = new LinkedHashMap<>();
    Map<DealId, Double> after = new LinkedHashMap<>();
    for (DealForecast d : base.deals()) {
      d.amount().ifPresent(a -> amounts.put(d.deal(), a));
      before.put(d.deal(), d.probability());
    }
    int added = 0;
    for (DealForecast d : forecast.deals()) {
      if (!before.containsKey(d.deal()) && d.amount().isPresent()) {
        added++;
      }
      d.amount().ifPresent(a -> amounts.putIfAbsent(d.deal(), a));
      after.put(d.deal(), d.probability());
    }
    OpenDeals.Builder b = OpenDeals.builder(c);
    OpenDeals.Builder s = OpenDeals.builder(c);
    try {
      amounts.forEach((deal, amount) -> {
        b.add(before.getOrDefault(deal, 0.0), amount);
        s.add(after.getOrDefault(deal, 0.0), amount);
      });
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the deals' amounts are not all in " + c + ": "
          + e.getMessage(), e);
    }
    AmountDistribution baseRun = knownBase != null && added == 0 ? knownBase
        : Distributions.monteCarlo(b.build(), simulation);
    return new Comparison(baseRun, Distributions.monteCarlo(s.build(), simulation), added);
  }

  /**
   * Describes the outcome briefly.
   *
   * @return the changes and the two expected amounts
   */
  @Override
  public String toString() {
    return "WhatIf[" + changes + ": expected " + base.expectedAmount().map(Money::toString)
        .orElse("-") + " -> " + forecast.expectedAmount().map(Money::toString).orElse("-") + "]";
  }
}

package dev.pipelinesdk.forecast.scenario;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.MoneyDelta;
import dev.pipelinesdk.core.forecast.AmountDistribution;

/**
 * A base and a scenario's amount distributions computed on common random numbers ({@link
 * WhatIf#compare}), and their differences. Made only by this package. Immutable and safe to
 * share.
 */
public final class Comparison {
  private final AmountDistribution base;
  private final AmountDistribution scenario;
  private final int addedDeals;

  Comparison(AmountDistribution base, AmountDistribution scenario, int addedDeals) {
    this.base = base;
    this.scenario = scenario;
    this.addedDeals = addedDeals;
  }

  /**
   * The base's distribution. When the scenario adds deals, the base's run counts them with
   * probability 0 so the trials line up, and its random numbers, so its quantiles, can differ
   * from a plain run of the base deals by the Monte Carlo error (see {@link #addedDeals()}).
   *
   * @return the distribution
   */
  public AmountDistribution base() {
    return base;
  }

  /** {@return the scenario's distribution} */
  public AmountDistribution scenario() {
    return scenario;
  }

  /**
   * How many deals with an amount the scenario adds: they are in the base's run with
   * probability 0; when there are none the base's run is the plain run of the base deals.
   *
   * @return the count, at least 0
   */
  public int addedDeals() {
    return addedDeals;
  }

  /**
   * The change of a quantile: the scenario's q-quantile minus the base's.
   *
   * @param q the level, in (0, 1]
   * @return the difference
   * @throws IllegalArgumentException if q is not in (0, 1]
   */
  public MoneyDelta quantileDelta(double q) {
    return MoneyDelta.between(base.quantile(q), scenario.quantile(q));
  }

  /**
   * The change of the probability of reaching a target: the scenario's minus the base's.
   *
   * @param target the target, in the deals' currency
   * @return the difference, in [-1, 1]
   * @throws IllegalArgumentException if the target is in another currency
   * @throws NullPointerException if target is null
   */
  public double probabilityAtLeastDelta(Money target) {
    return scenario.probabilityAtLeast(target) - base.probabilityAtLeast(target);
  }
}

package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.core.forecast.UncertaintySource;
import dev.pipelinesdk.core.Money;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * The distribution of what new business wins ({@link NewDeals}), alone or added to the open
 * deals': seeded Monte Carlo, parallel, the same answer for a seed whatever the thread count.
 * Stateless; every method is safe to call from any thread.
 *
 * <p><b>Trials.</b> In every trial the arrival rate is drawn from its Gamma posterior, then the
 * new deals created in the horizon (a Poisson process), each won by the horizon's end with F_won
 * of its age then, and each won deal's amount from the empirical amounts. The won deals are drawn
 * directly by Poisson thinning (their number is Poisson(rate H w), see {@link NewDeals}), which
 * has the same distribution and costs a trial only as much as the deals it wins. The open deals
 * of {@link #total} are drawn exactly as {@link Distributions#monteCarlo(OpenDeals, Simulation)}
 * draws them, from the same seed, and new business from a second generator (see {@code
 * NewDealsMonteCarlo}); so trial t of the total is trial t of the open deals' distribution plus
 * trial t of new business's, and with no new deals the total is, trial by trial, the open deals'
 * distribution.
 *
 * <p><b>What is included</b> ({@link AmountDistribution#includes()}): {@link
 * UncertaintySource#DEAL_OUTCOMES}, {@link UncertaintySource#NEW_DEALS} and, if at least one
 * deal arrived in the lookback, {@link UncertaintySource#ARRIVAL_RATE}; for the total also what
 * the simulation adds to the open deals. The simulation's log-odds noise applies to the open
 * deals only. Not included: the uncertainty of F_won and of the amounts (both taken as known).
 *
 * <p>Results are {@link AmountDistribution.Method#MONTE_CARLO}; their {@link
 * AmountDistribution#dealCount()} is the number of open deals (0 for new business alone, whose
 * deals do not exist yet). The total of new business has no upper bound, so at least 2 trials
 * are needed for a standard error.
 */
public final class NewBusinessDistributions {
  /**
   * The most new deals a trial may expect to win: {@value}. Beyond it one trial takes too long; a
   * rate this high means the lookback is too short or the histories are not deals.
   */
  public static final double MAX_EXPECTED_WINS = 1e7;

  private NewBusinessDistributions() {}

  /**
   * Returns the distribution of the amount new deals win within the horizon, on the common
   * fork-join pool.
   *
   * @param deals the new business
   * @param simulation trials (at least 2) and seed
   * @return the distribution
   * @throws IllegalArgumentException if the simulation has fewer than 2 trials, more than
   *     {@link #MAX_EXPECTED_WINS} new deals are expected to be won, or a total does not fit a
   *     long in minor units
   * @throws NullPointerException if an argument is null
   */
  public static AmountDistribution of(NewDeals deals, Simulation simulation) {
    return of(deals, simulation, ForkJoinPool.commonPool());
  }

  /**
   * Returns the distribution of the amount new deals win within the horizon, on the given pool.
   * The result depends only on the deals and the settings, never on the pool.
   *
   * @param deals the new business
   * @param simulation trials (at least 2) and seed
   * @param pool the pool that runs the trials; not shut down
   * @return the distribution
   * @throws IllegalArgumentException if the simulation has fewer than 2 trials, more than
   *     {@link #MAX_EXPECTED_WINS} new deals are expected to be won, or a total does not fit a
   *     long in minor units
   * @throws NullPointerException if an argument is null
   */
  public static AmountDistribution of(NewDeals deals, Simulation simulation, ForkJoinPool pool) {
    return total(OpenDeals.none(Objects.requireNonNull(deals, "deals is null").currency()), deals,
        simulation, pool, false);
  }

  /**
   * Returns the distribution of the amount the open deals and new business win together within
   * the horizon, trial by trial, on the common fork-join pool.
   *
   * @param open the open deals
   * @param deals the new business, in the open deals' currency
   * @param simulation trials (at least 2), seed and the open deals' model uncertainty
   * @return the distribution of the total
   * @throws IllegalArgumentException if the currencies differ, the simulation has fewer than 2
   *     trials, more than {@link #MAX_EXPECTED_WINS} new deals are expected to be won, or a
   *     total does not fit a long in minor units
   * @throws NullPointerException if an argument is null
   */
  public static AmountDistribution total(OpenDeals open, NewDeals deals, Simulation simulation) {
    return total(open, deals, simulation, ForkJoinPool.commonPool());
  }

  /**
   * Returns the distribution of the amount the open deals and new business win together within
   * the horizon, trial by trial, on the given pool. The result depends only on the deals and the
   * settings, never on the pool.
   *
   * @param open the open deals
   * @param deals the new business, in the open deals' currency
   * @param simulation trials (at least 2), seed and the open deals' model uncertainty
   * @param pool the pool that runs the trials; not shut down
   * @return the distribution of the total
   * @throws IllegalArgumentException if the currencies differ, the simulation has fewer than 2
   *     trials, more than {@link #MAX_EXPECTED_WINS} new deals are expected to be won, or a
   *     total does not fit a long in minor units
   * @throws NullPointerException if an argument is null
   */
  public static AmountDistribution total(OpenDeals open, NewDeals deals, Simulation simulation,
      ForkJoinPool pool) {
    return total(open, deals, simulation, pool, true);
  }

  private static AmountDistribution total(OpenDeals open, NewDeals deals, Simulation simulation,
      ForkJoinPool pool, boolean withOpen) {
    Objects.requireNonNull(open, "open is null");
    Objects.requireNonNull(deals, "deals is null");
    Objects.requireNonNull(simulation, "simulation is null");
    Objects.requireNonNull(pool, "pool is null");
    if (!open.currency().equals(deals.currency())) {
      throw new IllegalArgumentException("new business is in " + deals.currency()
          + ", the open deals in " + open.currency());
    }
    if (simulation.trials() < 2) {
      throw new IllegalArgumentException("new business needs at least 2 trials, not "
          + simulation.trials() + ": its total has no upper bound, so one trial gives no"
          + " standard error");
    }
    if (deals.expectedWins() > MAX_EXPECTED_WINS) {
      throw new IllegalArgumentException(deals.expectedWins() + " new deals expected to be won"
          + " within the horizon, more than " + MAX_EXPECTED_WINS + " (" + deals.arrivals()
          + " arrivals in " + deals.exposure() + ")");
    }
    int scale = Math.max(0, deals.currency().getDefaultFractionDigits());
    for (Money a : open.amounts()) {
      scale = Math.max(scale, a.amount().scale());
    }
    for (Money a : deals.amounts()) {
      scale = Math.max(scale, a.amount().scale());
    }
    long[] openUnits = units(open.amounts(), scale, true);
    long[] newUnits = units(deals.amounts(), scale, false);
    long[] totals = NewDealsMonteCarlo.totals(deals, newUnits, simulation, pool);
    Set<UncertaintySource> includes = EnumSet.of(UncertaintySource.DEAL_OUTCOMES,
        UncertaintySource.NEW_DEALS);
    if (deals.arrivals() > 0) {
      includes.add(UncertaintySource.ARRIVAL_RATE);
    }
    if (withOpen) {
      long[] openTotals = MonteCarlo.totals(open.probabilities(), openUnits, simulation, pool);
      for (int t = 0; t < totals.length; t++) {
        totals[t] = NewDealsMonteCarlo.add(totals[t], openTotals[t]);
      }
      includes.addAll(simulation.includes());
    }
    java.util.Arrays.sort(totals);
    return AmountDistribution.sampled(deals.currency(), withOpen ? open.size() : 0, simulation,
        Collections.unmodifiableSet(includes), totals, scale, totals[totals.length - 1]);
  }

  /** Amounts in integer units of 10^-scale; for the open deals their sum must fit a long too. */
  private static long[] units(List<Money> amounts, int scale, boolean sumFits) {
    long[] units = new long[amounts.size()];
    long sum = 0;
    for (int i = 0; i < units.length; i++) {
      try {
        units[i] = amounts.get(i).amount().movePointRight(scale).longValueExact();
        sum = sumFits ? Math.addExact(sum, units[i]) : 0;
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("amount " + amounts.get(i) + " brings the total beyond "
            + Long.MAX_VALUE + " units of 10^-" + scale + "; Monte Carlo needs it in a long", e);
      }
    }
    return units;
  }
}

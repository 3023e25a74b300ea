package dev.pipelinesdk.forecast.newbusiness;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.NewBusinessDistributions;
import dev.pipelinesdk.forecast.distribution.NewDeals;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.core.forecast.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * What deals not in the pipeline yet are expected to win within the horizon: the estimate
 * ({@link NewBusiness} says how it is made), its distribution, what it rests on and what it
 * assumes. The amount part (expected amount, quantiles, distribution) is empty when no deal of
 * the lookback has an amount; it is never 0 standing in for unknown.
 *
 * <p>Made only by {@link NewBusiness}. Immutable and safe to share between threads.
 */
public final class NewBusinessForecast {
  private final Instant asOf;
  private final Duration horizon;
  private final Duration lookback;
  private final long dealsInLookback;
  private final int dealsWithAmount;
  private final double arrivalsPerDay;
  private final double wonWithinHorizonShare;
  private final double expectedWins;
  private final @Nullable NewDeals deals;
  private final @Nullable AmountDistribution distribution;
  private final Simulation simulation;
  private final String assumptions;
  private final List<String> notes;

  NewBusinessForecast(Instant asOf, Duration horizon, Duration lookback, long dealsInLookback,
      int dealsWithAmount, double arrivalsPerDay, double wonWithinHorizonShare,
      double expectedWins, @Nullable NewDeals deals, @Nullable AmountDistribution distribution,
      Simulation simulation, String assumptions, List<String> notes) {
    this.asOf = asOf;
    this.horizon = horizon;
    this.lookback = lookback;
    this.dealsInLookback = dealsInLookback;
    this.dealsWithAmount = dealsWithAmount;
    this.arrivalsPerDay = arrivalsPerDay;
    this.wonWithinHorizonShare = wonWithinHorizonShare;
    this.expectedWins = expectedWins;
    this.deals = deals;
    this.distribution = distribution;
    this.simulation = simulation;
    this.assumptions = assumptions;
    this.notes = List.copyOf(notes);
  }

  /** {@return the as-of instant: new deals are those created after it} */
  public Instant asOf() {
    return asOf;
  }

  /** {@return the horizon: new deals created in (as-of, as-of + horizon], won by its end} */
  public Duration horizon() {
    return horizon;
  }

  /**
   * Returns the lookback the arrival rate rests on: the one asked for, or shorter if the first
   * known deal was created after it began (a note then says so).
   *
   * @return the lookback's length, positive
   */
  public Duration lookback() {
    return lookback;
  }

  /** {@return the deals created in the lookback: what the arrival rate rests on} */
  public long dealsInLookback() {
    return dealsInLookback;
  }

  /** {@return how many deals of the lookback have an amount: the amounts drawn from} */
  public int dealsWithAmount() {
    return dealsWithAmount;
  }

  /** {@return the arrival rate: deals created in the lookback per day of it; 0 or more} */
  public double arrivalsPerDay() {
    return arrivalsPerDay;
  }

  /**
   * Returns the share of the deals created within the horizon that are won by its end: {@code
   * (1/H) integral_0^H F_won(a) da}.
   *
   * @return the share, in [0, 1]
   */
  public double wonWithinHorizonShare() {
    return wonWithinHorizonShare;
  }

  /** {@return the expected number of new deals won within the horizon: rate x H x share} */
  public double expectedWins() {
    return expectedWins;
  }

  /**
   * Returns the expected amount new deals win within the horizon, exact: rate times the integral
   * of F_won over the horizon times the mean amount (rounded half-even to the minor unit).
   *
   * @return the amount; zero if the rate or the share is 0; empty if no amount is known
   */
  public Optional<Money> expected() {
    return newDeals().map(NewDeals::expected);
  }

  /**
   * Returns the process the distribution is drawn from.
   *
   * @return the parameters; empty if no amount is known
   */
  public Optional<NewDeals> newDeals() {
    return Optional.ofNullable(deals);
  }

  /**
   * Returns the Monte Carlo distribution of the amount new deals win within the horizon (see
   * {@link NewBusinessDistributions} for what it includes).
   *
   * @return the distribution; empty if no amount is known
   */
  public Optional<AmountDistribution> distribution() {
    return Optional.ofNullable(distribution);
  }

  /**
   * Returns the 10% quantile of the amount new deals win.
   *
   * @return the quantile; empty if no amount is known
   */
  public Optional<Money> p10() {
    return distribution().map(AmountDistribution::p10);
  }

  /**
   * Returns the median of the amount new deals win.
   *
   * @return the quantile; empty if no amount is known
   */
  public Optional<Money> p50() {
    return distribution().map(AmountDistribution::p50);
  }

  /**
   * Returns the 90% quantile of the amount new deals win.
   *
   * @return the quantile; empty if no amount is known
   */
  public Optional<Money> p90() {
    return distribution().map(AmountDistribution::p90);
  }

  /** {@return the simulation settings the distribution was drawn with} */
  public Simulation simulation() {
    return simulation;
  }

  /** {@return what the estimate assumes, in words} */
  public String assumptions() {
    return assumptions;
  }

  /**
   * Returns what this estimate's data made of it, in words: a lookback cut short, no deal in it
   * (rate 0), no win yet, deals without amounts, ages beyond the data.
   *
   * @return the notes, an unmodifiable list; empty if there is nothing to say
   */
  public List<String> notes() {
    return notes;
  }

  /**
   * Returns the distribution of what the open deals and new business win together, drawn trial
   * by trial with this forecast's simulation (same seed: the open part of trial t is trial t of
   * {@code Distributions.monteCarlo(open, simulation())}, the new part trial t of {@link
   * #distribution()}), on the common fork-join pool.
   *
   * @param open the open deals, in this forecast's currency
   * @return the distribution of the total; empty if no amount of new business is known
   * @throws IllegalArgumentException if the currencies differ
   * @throws NullPointerException if open is null
   */
  public Optional<AmountDistribution> total(OpenDeals open) {
    return total(open, ForkJoinPool.commonPool());
  }

  /**
   * Returns the distribution of what the open deals and new business win together, as {@link
   * #total(OpenDeals)} does, on the given pool (the result does not depend on it).
   *
   * @param open the open deals, in this forecast's currency
   * @param pool the pool that runs the trials; not shut down
   * @return the distribution of the total; empty if no amount of new business is known
   * @throws IllegalArgumentException if the currencies differ
   * @throws NullPointerException if an argument is null
   */
  public Optional<AmountDistribution> total(OpenDeals open, ForkJoinPool pool) {
    Objects.requireNonNull(open, "open is null");
    Objects.requireNonNull(pool, "pool is null");
    return newDeals().map(d -> NewBusinessDistributions.total(open, d, simulation, pool));
  }

  /**
   * Compares every value, the distribution's trials included.
   *
   * @param other any object
   * @return whether other is the same forecast
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof NewBusinessForecast that
        && asOf.equals(that.asOf)
        && horizon.equals(that.horizon)
        && lookback.equals(that.lookback)
        && dealsInLookback == that.dealsInLookback
        && dealsWithAmount == that.dealsWithAmount
        && Double.compare(arrivalsPerDay, that.arrivalsPerDay) == 0
        && Double.compare(wonWithinHorizonShare, that.wonWithinHorizonShare) == 0
        && Double.compare(expectedWins, that.expectedWins) == 0
        && Objects.equals(deals, that.deals)
        && Objects.equals(distribution, that.distribution)
        && simulation.equals(that.simulation)
        && assumptions.equals(that.assumptions)
        && notes.equals(that.notes);
  }

  /**
   * Returns a hash of the main values.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(asOf, horizon, lookback, dealsInLookback, arrivalsPerDay,
        wonWithinHorizonShare, deals, distribution);
  }

  /**
   * Describes the forecast in one line.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "NewBusinessForecast[asOf=" + asOf + ", horizon=" + horizon + ", lookback=" + lookback
        + ", dealsInLookback=" + dealsInLookback + ", arrivalsPerDay=" + arrivalsPerDay
        + ", wonWithinHorizonShare=" + wonWithinHorizonShare + ", expectedWins=" + expectedWins
        + ", expected=" + expected().map(Money::toString).orElse("unknown") + ", p10="
        + p10().map(Money::toString).orElse("unknown") + ", p90="
        + p90().map(Money::toString).orElse("unknown") + ", notes=" + notes + "]";
  }
}

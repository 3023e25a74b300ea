package dev.pipelinesdk.forecast.newbusiness;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.NewBusinessDistributions;
import dev.pipelinesdk.forecast.distribution.NewDeals;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.internal.AalenJohansen;
import dev.pipelinesdk.forecast.internal.Steps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * New business: the deals not in the pipeline yet. From the histories known at the as-of instant
 * ({@link ForecastInput}: nothing after it is seen), the expected amount and the distribution of
 * what deals created within the horizon (as-of, as-of + H] win by its end.
 *
 * <p><b>What is estimated, and how.</b>
 * <ul>
 *   <li><b>Arrival rate</b>: the deals created in the lookback (as-of - L, as-of] (default L: the
 *       horizon or 90 days, whichever is longer; {@link #defaultLookback}) per day of it. If the
 *       first known deal was created after the lookback began, the lookback is cut to start at its
 *       creation (there is no record from before) and a note says so. Deals without an amount
 *       count. The rate's uncertainty: prior p(lambda) &prop; 1/lambda (scale-invariant,
 *       improper), so the posterior after n deals in L days is Gamma(n, L) with mean n / L, the
 *       observed rate; with n = 0 it is the point mass at 0 (the expected value is then 0, and a
 *       note gives the one-sided 95% upper bound, -ln(0.05) / L deals a day, that the data cannot
 *       rule out).
 *   <li><b>Conversion by deal age</b>: F_won(a), the probability that a deal is won within a
 *       days of its creation: the Aalen-Johansen cumulative incidence of a first win (the same
 *       estimator the {@code competing-risks} model uses per stage, here on deal age) over every
 *       deal known at the as-of instant but those first seen won or lost (an export that began
 *       after they closed: their creation is not known, so they count neither here nor in the
 *       rate; a note says how many); a deal lost or gone dark by then is a competing outcome
 *       at the instant it last entered that stage (even if it could revive later), a deal still
 *       open is censored at the as-of instant. Beyond the oldest deal's age F_won stays at its
 *       last value. With no win yet F_won is 0, and so is new business; a note says so.
 *   <li><b>Amounts</b>: the empirical distribution of the amounts, as they stand at the as-of
 *       instant, of the deals created in the lookback that have one. These, not the amounts of won
 *       deals, because they are the same recent arrivals the rate counts (won deals are fewer and
 *       come from older cohorts, at older prices); the price is the assumption that a deal's
 *       amount does not depend on whether or how fast it is won. If no deal in the lookback has an
 *       amount, the amount part is empty (never 0), while the expected number of new deals won
 *       stays.
 * </ul>
 *
 * <p>Then the expected amount is {@code rate x integral_0^H F_won(H - x) dx x mean amount}, and
 * the distribution is the seeded Monte Carlo of that compound process ({@link NewDeals}, {@link
 * NewBusinessDistributions}): rate from its posterior, creation instants as a Poisson process,
 * each deal won with F_won of its age at the horizon's end, amounts from the empirical ones.
 *
 * <p>Stateless; every method is safe to call from any thread.
 */
public final class NewBusiness {
  /** The shortest default lookback: 90 days (the default is this or the horizon, if longer). */
  public static final Duration MINIMUM_DEFAULT_LOOKBACK = Duration.ofDays(90);

  private static final int CENSORED = AalenJohansen.CENSORED;
  private static final int WON = AalenJohansen.WON;
  private static final int OTHER = AalenJohansen.OTHER;

  private NewBusiness() {}

  /**
   * Returns the default lookback for a horizon: the horizon or {@link #MINIMUM_DEFAULT_LOOKBACK},
   * whichever is longer.
   *
   * @param horizon the horizon, positive
   * @return the lookback
   * @throws IllegalArgumentException if the horizon is not positive
   * @throws NullPointerException if horizon is null
   */
  public static Duration defaultLookback(Duration horizon) {
    requirePositive("horizon", horizon);
    return horizon.compareTo(MINIMUM_DEFAULT_LOOKBACK) > 0 ? horizon : MINIMUM_DEFAULT_LOOKBACK;
  }

  /**
   * Forecasts new business over the input's horizon with the {@linkplain #defaultLookback default
   * lookback}, on the common fork-join pool.
   *
   * @param input the histories known at the as-of instant, and the horizon
   * @param simulation trials (at least 2) and seed of the distribution
   * @return the forecast
   * @throws IllegalArgumentException if no deal is known at the as-of instant, every deal was
   *     created at it, the amounts of the deals in the lookback mix currencies, or the simulation
   *     is refused by {@link NewBusinessDistributions}
   * @throws NullPointerException if an argument is null
   */
  public static NewBusinessForecast forecast(ForecastInput input, Simulation simulation) {
    Objects.requireNonNull(input, "input is null");
    return forecast(input, defaultLookback(input.horizon()), simulation);
  }

  /**
   * Forecasts new business over the input's horizon, on the common fork-join pool.
   *
   * @param input the histories known at the as-of instant, and the horizon
   * @param lookback how far before the as-of instant to count new deals, positive
   * @param simulation trials (at least 2) and seed of the distribution
   * @return the forecast
   * @throws IllegalArgumentException if the lookback is not positive, no deal is known at the
   *     as-of instant, every deal was created at it, the amounts of the deals in the lookback mix
   *     currencies, or the simulation is refused by {@link NewBusinessDistributions}
   * @throws NullPointerException if an argument is null
   */
  public static NewBusinessForecast forecast(ForecastInput input, Duration lookback,
      Simulation simulation) {
    return forecast(input, lookback, simulation, ForkJoinPool.commonPool());
  }

  /**
   * Forecasts new business over the input's horizon, the distribution on the given pool (the
   * result depends only on the input and the settings, never on the pool).
   *
   * @param input the histories known at the as-of instant, and the horizon
   * @param lookback how far before the as-of instant to count new deals, positive
   * @param simulation trials (at least 2) and seed of the distribution
   * @param pool the pool that runs the trials; not shut down
   * @return the forecast
   * @throws IllegalArgumentException if the lookback is not positive, no deal is known at the
   *     as-of instant, every deal was created at it, the amounts of the deals in the lookback mix
   *     currencies, or the simulation is refused by {@link NewBusinessDistributions}
   * @throws NullPointerException if an argument is null
   */
  public static NewBusinessForecast forecast(ForecastInput input, Duration lookback,
      Simulation simulation, ForkJoinPool pool) {
    Objects.requireNonNull(input, "input is null");
    Objects.requireNonNull(simulation, "simulation is null");
    Objects.requireNonNull(pool, "pool is null");
    requirePositive("lookback", lookback);
    PipelineDefinition definition = input.definition();
    Instant asOf = input.asOf();
    Duration horizon = input.horizon();
    List<DealHistory> known = new ArrayList<>(input.histories().size());
    int firstSeenClosed = 0;
    for (DealHistory h : input.histories()) {
      if (kind(definition, h.created().deal().stage()).isTerminal()) {
        firstSeenClosed++; // the export began after it closed: its creation is not known
      } else {
        known.add(h);
      }
    }
    if (known.isEmpty()) {
      throw new IllegalArgumentException("no deal was created by the as-of instant " + asOf
          + (firstSeenClosed > 0 ? " (" + firstSeenClosed + " first seen won or lost are left"
          + " out: when they were created is not known)" : "")
          + ": there is nothing to learn new business from");
    }
    Instant windowStart = asOf.minus(lookback);
    Instant first = known.get(0).created().at();
    for (DealHistory h : known) {
      first = h.created().at().isBefore(first) ? h.created().at() : first;
    }
    boolean cut = first.isAfter(windowStart);
    Duration exposure = Duration.between(cut ? first : windowStart, asOf);
    if (exposure.isZero()) {
      throw new IllegalArgumentException("every deal was created at the as-of instant " + asOf
          + ": there is no time to measure how often deals arrive");
    }

    long inLookback = 0;
    List<Money> amounts = new ArrayList<>();
    @Nullable DealId firstWithAmount = null;
    List<double[]> subjects = new ArrayList<>(known.size());
    for (DealHistory h : known) {
      subjects.add(outcome(definition, h, asOf));
      if (h.created().at().isAfter(windowStart)) {
        inLookback++;
        Optional<Money> amount = h.current().amount();
        if (amount.isPresent()) {
          if (firstWithAmount == null) {
            firstWithAmount = h.dealId();
          } else if (!amount.get().currency().equals(amounts.get(0).currency())) {
            throw new IllegalArgumentException("deals '" + firstWithAmount + "' ("
                + amounts.get(0).currency() + ") and '" + h.dealId() + "' ("
                + amount.get().currency() + ") have amounts in different currencies");
          }
          amounts.add(amount.get());
        }
      }
    }
    AalenJohansen.Estimate estimate = AalenJohansen.of(subjects);
    double[] ages = estimate.times();
    double[] won = estimate.won().clone();
    for (int i = 0; i < won.length; i++) {
      won[i] = Math.min(1.0, won[i]); // round-off only: F_won + F_other + S = 1
    }
    double h = days(horizon);
    double share = Math.min(1.0, Math.max(0.0, Steps.integral(ages, won, h) / h));
    double rate = inLookback / days(exposure);
    double expectedWins = rate * h * share;

    @Nullable Currency currency = amounts.isEmpty() ? currencyOf(definition, known)
        : amounts.get(0).currency();
    @Nullable NewDeals deals = null;
    @Nullable AmountDistribution distribution = null;
    if (currency != null && (inLookback == 0 || !amounts.isEmpty())) {
      deals = NewDeals.of(currency, inLookback, exposure, horizon, ages, won, amounts);
      distribution = NewBusinessDistributions.of(deals, simulation, pool);
    }

    List<String> notes = new ArrayList<>();
    if (firstSeenClosed > 0) {
      notes.add(firstSeenClosed + (firstSeenClosed == 1 ? " deal first seen won or lost is"
          : " deals first seen won or lost are") + " left out: when they were created is not"
          + " known");
    }
    if (cut) {
      notes.add("the lookback is cut to " + days(exposure, 1) + " days: the first deal was"
          + " created then, and nothing is known from before");
    }
    if (inLookback == 0) {
      notes.add(String.format(Locale.ROOT, "no deal was created in the %s-day lookback: the"
          + " arrival rate is taken as 0, so new business is 0; the data cannot rule out up to %.2f"
          + " new deals a day (the one-sided 95%% upper bound, -ln(0.05) / %s days)",
          days(exposure, 1), -Math.log(0.05) / days(exposure), days(exposure, 1)));
    }
    boolean anyWin = subjects.stream().anyMatch(s -> s[1] == WON);
    if (!anyWin) {
      notes.add("no deal has been won by the as-of instant: nothing says a new deal can be won,"
          + " so the share won within the horizon is 0");
    } else if (share == 0) {
      notes.add("no deal was won within " + days(horizon, 1) + " days of its creation: the share"
          + " won within the horizon is 0");
    }
    double[] survival = estimate.survival();
    if (estimate.longest() < h && (survival.length == 0 || survival[survival.length - 1] > 0)) {
      notes.add("deals are followed for at most " + days(estimate.longest(), 1) + " days after"
          + " their creation: F_won beyond that age is taken as its last value");
    }
    long withoutAmount = inLookback - amounts.size();
    if (inLookback > 0 && amounts.isEmpty()) {
      notes.add("none of the " + inLookback + " deals created in the lookback has an amount: the"
          + " amount of new business is unknown; the number of new deals won stays");
    } else if (withoutAmount > 0) {
      notes.add(withoutAmount + " of the " + inLookback + " deals created in the lookback "
          + (withoutAmount == 1 ? "has" : "have") + " no amount: they count in the rate; won"
          + " amounts are drawn from the " + amounts.size() + " that have one");
    }
    if (currency == null && inLookback == 0) {
      notes.add("no amount and no currency anywhere: the amount part is empty");
    }
    return new NewBusinessForecast(asOf, horizon, exposure, inLookback, amounts.size(), rate,
        share, expectedWins, deals, distribution, simulation, ASSUMPTIONS, notes);
  }

  /** What every new-business forecast assumes, in words. */
  static final String ASSUMPTIONS = "new deals arrive as a Poisson process at the lookback's"
      + " rate (prior p(rate) ~ 1/rate, so the rate is Gamma(deals in the lookback, lookback days)"
      + " with the observed rate as its mean, drawn per trial), created uniformly over the horizon;"
      + " a deal created x days before the horizon's end is won by then with F_won(x), the"
      + " Aalen-Johansen cumulative incidence of a first win by deal age over every deal known at"
      + " the as-of time (lost or gone dark competing, even if such a deal could revive; open deals"
      + " censored); its amount is drawn from the amounts of the deals created in the lookback,"
      + " independent of whether and when it is won; the lookback's rate and the past's conversion"
      + " hold over the horizon (no trend or season); the interval leaves out the uncertainty of"
      + " F_won and of the amounts";

  /** {time from creation in days, outcome} of a deal as known at the as-of instant. */
  private static double[] outcome(PipelineDefinition definition, DealHistory h, Instant asOf) {
    List<DealEvent> events = h.events();
    Instant created = events.get(0).at();
    StageKind kind = kind(definition, h.created().deal().stage()); // open or dormant
    Instant entered = created;
    for (int i = 1; i < events.size(); i++) {
      if (events.get(i) instanceof DealEvent.StageChanged c) {
        StageKind to = kind(definition, c.to());
        if (to == StageKind.WON) {
          return new double[] {days(Duration.between(created, c.at())), WON};
        }
        kind = to;
        entered = c.at();
      }
    }
    if (kind == StageKind.LOST || kind == StageKind.DORMANT) {
      return new double[] {days(Duration.between(created, entered)), OTHER};
    }
    return new double[] {days(Duration.between(created, asOf)), CENSORED};
  }

  private static StageKind kind(PipelineDefinition definition, StageId stage) {
    // ForecastInput checked every history against the definition: the stage exists
    return definition.stage(stage).orElseThrow().kind();
  }

  private static @Nullable Currency currencyOf(PipelineDefinition definition,
      List<DealHistory> known) {
    if (definition.currency().isPresent()) {
      return definition.currency().get();
    }
    for (DealHistory h : known) {
      if (h.current().amount().isPresent()) {
        return h.current().amount().get().currency();
      }
    }
    return null;
  }

  private static void requirePositive(String name, Duration d) {
    Objects.requireNonNull(d, () -> name + " is null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + d);
    }
  }

  static double days(Duration d) {
    return (d.getSeconds() + d.getNano() / 1e9) / 86_400.0;
  }

  /** Days as text: whole days without decimals, others to the given places. */
  static String days(Duration d, int places) {
    return days(days(d), places);
  }

  private static String days(double days, int places) {
    return days == Math.rint(days) ? String.format(Locale.ROOT, "%.0f", days)
        : String.format(Locale.ROOT, "%." + places + "f", days);
  }
}

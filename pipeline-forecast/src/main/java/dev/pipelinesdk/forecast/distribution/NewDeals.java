package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.forecast.internal.Steps;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * New business, the deals not in the pipeline yet, as a process over the horizon (as-of, as-of +
 * H]: the counterpart of {@link OpenDeals} for {@link NewBusinessDistributions}. The type takes its
 * parameters as given; {@code dev.pipelinesdk.forecast.newbusiness.NewBusiness} estimates them
 * from histories.
 *
 * <p><b>The process.</b>
 * <ul>
 *   <li>The arrival rate per day, lambda, is Gamma-distributed with shape {@link #arrivals()} and
 *       rate {@link #exposure()} in days: the posterior of a Poisson rate under the
 *       scale-invariant prior p(lambda) &prop; 1/lambda after {@code arrivals} deals were created
 *       in {@code exposure}. Its mean is {@code arrivals / exposure days}, the observed rate
 *       ({@link #arrivalsPerDay()}); with 0 arrivals it is the point mass at 0.
 *   <li>Given lambda, deals are created as a Poisson process on the horizon: their number is
 *       Poisson(lambda H) and, given the number, their creation instants are independent and
 *       uniform.
 *   <li>A deal created x days before the horizon's end is won by then with probability {@link
 *       #wonByAge F_won(x)}, a non-decreasing step function of the deal's age, independently of
 *       the others.
 *   <li>A won deal's amount is drawn uniformly from {@link #amounts()} (the empirical
 *       distribution), independently of when it was created and won.
 * </ul>
 *
 * <p>So the expected number of new deals won is {@code lambda H w} with {@code w = (1/H)
 * integral_0^H F_won(a) da} ({@link #wonWithinHorizonShare()}), and the expected amount is that
 * times the mean amount ({@link #expected()}), exactly.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class NewDeals {
  private final Currency currency;
  private final long arrivals;
  private final Duration exposure;
  private final Duration horizon;
  private final double[] ages;
  private final double[] won;
  private final Money[] amounts;
  private final double share;

  private NewDeals(Currency currency, long arrivals, Duration exposure, Duration horizon,
      double[] ages, double[] won, Money[] amounts) {
    this.currency = currency;
    this.arrivals = arrivals;
    this.exposure = exposure;
    this.horizon = horizon;
    this.ages = ages;
    this.won = won;
    this.amounts = amounts;
    double h = days(horizon);
    this.share = Math.min(1.0, Math.max(0.0, Steps.integral(ages, won, h) / h));
  }

  /**
   * Returns new business with the given parameters.
   *
   * @param currency the currency of every amount
   * @param arrivals the deals created in the lookback, at least 0: the Gamma posterior's shape
   * @param exposure the lookback's length, positive: the Gamma posterior's rate (in days)
   * @param horizon the horizon's length H, positive
   * @param agesInDays where F_won steps: deal ages in days, finite, at least 0, strictly
   *     ascending; copied
   * @param wonByAge F_won from each age on (0 before the first), in [0, 1], non-decreasing;
   *     copied
   * @param amounts the amounts a won deal's amount is drawn from, in {@code currency}; not empty
   *     unless {@code arrivals} is 0
   * @return the new business
   * @throws IllegalArgumentException naming the value, if a count or duration is out of range,
   *     the arrays differ in length or break their order or range, an amount is in another
   *     currency, or there are arrivals but no amounts
   * @throws NullPointerException if an argument or an amount is null
   */
  public static NewDeals of(Currency currency, long arrivals, Duration exposure, Duration horizon,
      double[] agesInDays, double[] wonByAge, List<Money> amounts) {
    Objects.requireNonNull(currency, "currency is null");
    Objects.requireNonNull(exposure, "exposure is null");
    Objects.requireNonNull(horizon, "horizon is null");
    Objects.requireNonNull(agesInDays, "agesInDays is null");
    Objects.requireNonNull(wonByAge, "wonByAge is null");
    Objects.requireNonNull(amounts, "amounts is null");
    if (arrivals < 0) {
      throw new IllegalArgumentException("arrivals must be at least 0, was " + arrivals);
    }
    if (exposure.isNegative() || exposure.isZero()) {
      throw new IllegalArgumentException("exposure must be positive, was " + exposure);
    }
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("horizon must be positive, was " + horizon);
    }
    if (agesInDays.length != wonByAge.length) {
      throw new IllegalArgumentException("agesInDays and wonByAge differ in length: "
          + agesInDays.length + " and " + wonByAge.length);
    }
    double[] x = agesInDays.clone();
    double[] y = wonByAge.clone();
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= 0 && x[i] < Double.POSITIVE_INFINITY) || i > 0 && !(x[i] > x[i - 1])) {
        throw new IllegalArgumentException("agesInDays[" + i + "] must be finite, at least 0 and"
            + " above the one before, was " + x[i]);
      }
      if (!(y[i] >= 0 && y[i] <= 1) || i > 0 && y[i] < y[i - 1]) {
        throw new IllegalArgumentException("wonByAge[" + i + "] must be in [0, 1] and not below"
            + " the one before, was " + y[i]);
      }
    }
    Money[] a = amounts.toArray(new Money[0]);
    for (int i = 0; i < a.length; i++) {
      int index = i;
      Objects.requireNonNull(a[i], () -> "amounts[" + index + "] is null");
      if (!a[i].currency().equals(currency)) {
        throw new IllegalArgumentException("amounts[" + i + "] " + a[i] + " is not in "
            + currency.getCurrencyCode() + " (mixed currencies)");
      }
    }
    if (arrivals > 0 && a.length == 0) {
      throw new IllegalArgumentException(arrivals + " arrivals but no amount to draw a won deal's"
          + " amount from");
    }
    return new NewDeals(currency, arrivals, exposure, horizon, x, y, a);
  }

  /** {@return the currency of every amount} */
  public Currency currency() {
    return currency;
  }

  /** {@return the deals created in the lookback: the shape of the rate's Gamma posterior} */
  public long arrivals() {
    return arrivals;
  }

  /** {@return the lookback's length: the rate of the rate's Gamma posterior, in days} */
  public Duration exposure() {
    return exposure;
  }

  /** {@return the horizon's length H} */
  public Duration horizon() {
    return horizon;
  }

  /** {@return the mean arrival rate, new deals per day: arrivals / exposure in days; 0 or more} */
  public double arrivalsPerDay() {
    return arrivals / days(exposure);
  }

  /**
   * Returns F_won(age): the probability that a deal is won within {@code age} of its creation.
   *
   * @param age the deal's age
   * @return the probability, in [0, 1]
   * @throws NullPointerException if age is null
   */
  public double wonByAge(Duration age) {
    return Steps.at(ages, won, days(Objects.requireNonNull(age, "age is null")));
  }

  /**
   * Returns w, the share of the deals created within the horizon that are won by its end: {@code
   * (1/H) integral_0^H F_won(a) da}, exact for the step function.
   *
   * @return the share, in [0, 1]
   */
  public double wonWithinHorizonShare() {
    return share;
  }

  /** {@return the expected number of deals created within the horizon: rate times H} */
  public double expectedArrivals() {
    return arrivalsPerDay() * days(horizon);
  }

  /** {@return the expected number of new deals won within the horizon: rate times H times w} */
  public double expectedWins() {
    return expectedArrivals() * share;
  }

  /** {@return the amounts a won deal's amount is drawn from, as an unmodifiable list} */
  public List<Money> amounts() {
    return List.of(amounts);
  }

  /**
   * Returns the expected amount won by new deals within the horizon: rate times the integral of
   * F_won over the horizon times the mean amount, exactly (rounded half-even to the currency's
   * minor unit at the end).
   *
   * @return the expected amount; zero with no arrivals
   */
  public Money expected() {
    if (arrivals == 0 || share == 0) {
      return Money.zero(currency);
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (Money m : amounts) {
      sum = sum.add(m.amount());
    }
    BigDecimal mean = sum.divide(BigDecimal.valueOf(amounts.length), MathContext.DECIMAL128);
    return AmountDistribution.rounded(new BigDecimal(expectedWins()).multiply(mean,
        MathContext.DECIMAL128), currency, RoundingMode.HALF_EVEN);
  }

  double[] ages() {
    return ages;
  }

  double[] won() {
    return won;
  }

  static double days(Duration d) {
    return (d.getSeconds() + d.getNano() / 1e9) / 86_400.0;
  }

  /**
   * Compares every parameter.
   *
   * @param other any object
   * @return whether other is the same process
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof NewDeals that
        && currency.equals(that.currency)
        && arrivals == that.arrivals
        && exposure.equals(that.exposure)
        && horizon.equals(that.horizon)
        && Arrays.equals(ages, that.ages)
        && Arrays.equals(won, that.won)
        && Arrays.equals(amounts, that.amounts);
  }

  /**
   * Returns a hash of the parameters.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(currency, arrivals, exposure, horizon, Arrays.hashCode(ages),
        Arrays.hashCode(won), Arrays.hashCode(amounts));
  }

  /**
   * Describes the process in one line: rate, horizon, share won, amounts.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "NewDeals[" + arrivals + " arrivals in " + exposure + " (" + arrivalsPerDay()
        + " a day), horizon " + horizon + ", wonWithinHorizonShare=" + share + ", "
        + amounts.length + " amounts in " + currency.getCurrencyCode() + "]";
  }
}

package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.core.forecast.UncertaintySource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The distribution of new business: against exact values, a literal simulation and itself. */
class NewBusinessDistributionsTest {
  private static final Currency EUR = Currency.getInstance("EUR");

  private static List<Money> eur(long... amounts) {
    List<Money> out = new ArrayList<>();
    for (long a : amounts) {
      out.add(Money.of(BigDecimal.valueOf(a), EUR));
    }
    return out;
  }

  /** F_won steps to 0.2 at 3 days, 0.5 at 10, 0.6 at 40. */
  private static NewDeals process(long arrivals, long exposureDays, long horizonDays,
      List<Money> amounts) {
    return NewDeals.of(EUR, arrivals, Duration.ofDays(exposureDays), Duration.ofDays(horizonDays),
        new double[] {3, 10, 40}, new double[] {0.2, 0.5, 0.6}, amounts);
  }

  @Test
  void theShareAndTheExpectedValueByHand() {
    // H = 30: integral of F over [0, 30] = 0.2 x 7 + 0.5 x 20 = 11.4, share 0.38; rate 50 / 100
    // = 0.5 a day, 15 arrivals expected, 5.7 won; mean amount 200: 1,140
    NewDeals d = process(50, 100, 30, eur(100, 300));
    assertThat(d.wonWithinHorizonShare()).isCloseTo(0.38, within(1e-12));
    assertThat(d.expectedArrivals()).isCloseTo(15, within(1e-12));
    assertThat(d.expectedWins()).isCloseTo(5.7, within(1e-12));
    assertThat(d.expected()).isEqualTo(Money.of("1140.00", "EUR"));
    assertThat(d.wonByAge(Duration.ofDays(10))).isEqualTo(0.5);
    assertThat(d.wonByAge(Duration.ofHours(71))).isZero();
  }

  /**
   * The Monte Carlo mean agrees with the exact expected value within 4 of its standard errors,
   * on random processes (a correct sampler fails one of these 60 examples with probability about
   * 60 x 6.3e-5, under 0.4%), plus one minor unit for the rounding of each.
   */
  @Test
  void theMonteCarloMeanAgreesWithTheExactExpectedValue() {
    qt().withFixedSeed(20260501L).withExamples(60).forAll(
        longs().between(0, 400), integers().between(1, 365), integers().between(1, 200),
        doubles().between(0.0, 1.0))
        .checkAssert((arrivals, exposure, horizon, top) -> {
          long seed = arrivals * 1_000_003L + exposure * 1_009L + horizon; // one per example
          NewDeals d = NewDeals.of(EUR, arrivals, Duration.ofDays(exposure),
              Duration.ofDays(horizon), new double[] {0, horizon / 3.0, horizon / 2.0},
              new double[] {0.1 * top, 0.5 * top, top}, eur(10, 250, 999, 5_000));
          AmountDistribution mc = NewBusinessDistributions.of(d, Simulation.of(4_000, seed));
          BigDecimal gap = mc.expected().amount().subtract(d.expected().amount()).abs();
          BigDecimal bound = mc.expectedStandardError().amount().multiply(BigDecimal.valueOf(4))
              .add(new BigDecimal("0.02"));
          assertThat(gap).as("%s: MC %s, exact %s", d, mc.expected(), d.expected())
              .isLessThanOrEqualTo(bound);
        });
  }

  /**
   * The number won is negative binomial: given the rate, Poisson(rate H w); the rate Gamma(n, E).
   * So P(K = k) = C(k + n - 1, k) p^n (1 - p)^k with p = E / (E + H w), mean n (1 - p) / p and
   * variance mean + mean^2 / n. With every amount 1 EUR the total is K: its distribution function
   * at points from 1.5 standard deviations below the mean to 3 above, for a small mean (0.64:
   * Poisson by inversion) and a large one (227: PTRS), agrees with that within 4 binomial
   * standard errors.
   */
  @Test
  void theNumberWonIsNegativeBinomial() {
    for (long[] c : new long[][] {{3, 30, 20}, {400, 50, 60}}) {
      NewDeals d = process(c[0], c[1], c[2], eur(1));
      int trials = 40_000;
      AmountDistribution mc = NewBusinessDistributions.of(d, Simulation.of(trials, 7));
      double mean = d.expectedWins();
      double sd = Math.sqrt(mean + mean * mean / c[0]); // the negative binomial's
      double p = c[1] / (c[1] + c[2] * d.wonWithinHorizonShare());
      for (double z : new double[] {-1.5, -0.5, 0, 0.5, 1.5, 3}) {
        long k = Math.max(0, (long) Math.floor(mean + z * sd));
        double exact = negativeBinomialCdf(k, c[0], p);
        double simulated = 1 - mc.probabilityAtLeast(Money.of(BigDecimal.valueOf(k + 1), EUR));
        double se = Math.sqrt(exact * (1 - exact) / trials);
        assertThat(simulated).as("P(K <= %d), n=%d, mean %.3f", k, c[0], mean)
            .isCloseTo(exact, within(4 * se + 1e-12));
      }
    }
  }

  private static double negativeBinomialCdf(long k, long n, double p) {
    double logPmf = n * Math.log(p); // k = 0
    double cdf = Math.exp(logPmf);
    for (long j = 1; j <= k; j++) {
      logPmf += Math.log((j + n - 1.0) / j) + Math.log1p(-p);
      cdf += Math.exp(logPmf);
    }
    return cdf;
  }

  /**
   * Thinning draws the same distribution as the literal process: N ~ Poisson(rate H) deals
   * created uniformly over the horizon, each won with F_won of its age at the end. The literal
   * one is simulated here, independently; means within 4 standard errors of their difference,
   * P(total &ge; t) at three points within 4 binomial standard errors of theirs.
   */
  @Test
  void thinningDrawsWhatTheLiteralProcessDraws() {
    NewDeals d = process(60, 90, 30, eur(100, 200, 700));
    int trials = 40_000;
    AmountDistribution mc = NewBusinessDistributions.of(d, Simulation.of(trials, 11));
    long[] literal = literal(d, trials, new SplittableRandom(99));
    double mean = Arrays.stream(literal).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(literal).mapToDouble(x -> (x - mean) * (x - mean)).sum()
        / (trials - 1));
    double seDiff = Math.hypot(sd / Math.sqrt(trials), mc.expectedStandardError().amount()
        .doubleValue());
    assertThat(mc.expected().amount().doubleValue()).isCloseTo(mean, within(4 * seDiff));
    for (long t : new long[] {300, 1_000, 2_000}) {
      double a = mc.probabilityAtLeast(Money.of(BigDecimal.valueOf(t), EUR));
      double b = (double) Arrays.stream(literal).filter(x -> x >= t).count() / trials;
      double se = Math.sqrt(a * (1 - a) / trials + b * (1 - b) / trials);
      assertThat(a).as("P(total >= %d)", t).isCloseTo(b, within(4 * se + 1e-12));
    }
  }

  /** The literal process, in whole euros: Knuth's Poisson by uniforms, then each deal. */
  private static long[] literal(NewDeals d, int trials, SplittableRandom random) {
    double h = d.horizon().toDays();
    List<Money> amounts = d.amounts();
    long[] out = new long[trials];
    for (int t = 0; t < trials; t++) {
      double rate = 0; // Gamma(n, 1) as a sum of n exponentials
      for (long i = 0; i < d.arrivals(); i++) {
        rate -= Math.log1p(-random.nextDouble());
      }
      rate /= d.exposure().toDays();
      double s = -Math.log1p(-random.nextDouble()) / rate; // arrivals as exponential gaps
      long total = 0;
      while (s <= h) {
        double age = h - s;
        if (random.nextDouble() < d.wonByAge(Duration.ofNanos((long) (age * 86_400e9)))) {
          total += amounts.get(random.nextInt(amounts.size())).amount().longValueExact();
        }
        s -= Math.log1p(-random.nextDouble()) / rate;
      }
      out[t] = total;
    }
    return out;
  }

  @Test
  void theSameSeedGivesTheSameAnswerWith1To8Threads() {
    NewDeals d = process(120, 90, 60, eur(100, 250, 900));
    OpenDeals open = OpenDeals.of(EUR, new double[] {0.3, 0.6, 0.9},
        new BigDecimal[] {new BigDecimal("1000"), new BigDecimal("20.50"), new BigDecimal("7")});
    Simulation s = Simulation.of(5 * MonteCarlo.BLOCK + 17, 42); // six blocks
    List<AmountDistribution> nb = new ArrayList<>();
    List<AmountDistribution> total = new ArrayList<>();
    for (int threads : new int[] {1, 2, 8}) {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        nb.add(NewBusinessDistributions.of(d, s, pool));
        total.add(NewBusinessDistributions.total(open, d, s, pool));
      } finally {
        pool.shutdown();
      }
    }
    assertThat(nb).allSatisfy(x -> assertThat(x).isEqualTo(nb.get(0)));
    assertThat(total).allSatisfy(x -> assertThat(x).isEqualTo(total.get(0)));
    assertThat(total.get(0)).isNotEqualTo(nb.get(0));
    assertThat(NewBusinessDistributions.of(d, Simulation.of(s.trials(), 43)))
        .isNotEqualTo(nb.get(0));
  }

  @Test
  void theTotalIsTheOpenDealsPlusNewBusinessTrialByTrial() {
    OpenDeals open = OpenDeals.of(EUR, new double[] {0.3, 0.6, 0.9},
        new BigDecimal[] {new BigDecimal("1000"), new BigDecimal("20.50"), new BigDecimal("7")});
    Simulation s = Simulation.of(10_000, 5);
    AmountDistribution alone = Distributions.monteCarlo(open, s);
    // no arrivals: the total is the open deals' distribution, trial by trial
    AmountDistribution none = NewBusinessDistributions.total(open, process(0, 90, 60, eur()), s);
    for (double q : new double[] {0.01, 0.1, 0.37, 0.5, 0.9, 1}) {
      assertThat(none.quantile(q)).isEqualTo(alone.quantile(q));
    }
    assertThat(none.expected()).isEqualTo(alone.expected());
    assertThat(none.includes()).containsExactlyInAnyOrder(UncertaintySource.DEAL_OUTCOMES,
        UncertaintySource.NEW_DEALS);
    // no open deals: the total is new business's distribution
    NewDeals d = process(120, 90, 60, eur(100, 250, 900));
    AmountDistribution nb = NewBusinessDistributions.of(d, s);
    AmountDistribution onlyNew = NewBusinessDistributions.total(OpenDeals.none(EUR), d, s);
    assertThat(onlyNew.quantile(0.5)).isEqualTo(nb.quantile(0.5));
    assertThat(onlyNew.expected()).isEqualTo(nb.expected());
    assertThat(nb.includes()).containsExactlyInAnyOrder(UncertaintySource.DEAL_OUTCOMES,
        UncertaintySource.NEW_DEALS, UncertaintySource.ARRIVAL_RATE);
    assertThat(nb.dealCount()).isZero();
    // both: every quantile of the total is at least the open deals' (trial by trial, total >= open)
    AmountDistribution both = NewBusinessDistributions.total(open, d, s);
    for (double q : new double[] {0.1, 0.5, 0.9}) {
      assertThat(both.quantile(q).amount()).isGreaterThanOrEqualTo(alone.quantile(q).amount());
    }
    assertThat(both.dealCount()).isEqualTo(3);
  }

  @Test
  void badParametersAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> process(-1, 90, 60, eur(1))).hasMessage(
        "arrivals must be at least 0, was -1");
    assertThatThrownBy(() -> process(5, 0, 60, eur(1))).hasMessage(
        "exposure must be positive, was PT0S");
    assertThatThrownBy(() -> process(5, 90, 0, eur(1))).hasMessage(
        "horizon must be positive, was PT0S");
    assertThatThrownBy(() -> process(5, 90, -3, eur(1))).hasMessage(
        "horizon must be positive, was PT-72H");
    assertThatThrownBy(() -> process(5, 90, 60, eur())).hasMessage(
        "5 arrivals but no amount to draw a won deal's amount from");
    assertThatThrownBy(() -> NewDeals.of(EUR, 1, Duration.ofDays(1), Duration.ofDays(1),
        new double[] {1, 1}, new double[] {0.1, 0.2}, eur(1))).hasMessage(
        "agesInDays[1] must be finite, at least 0 and above the one before, was 1.0");
    assertThatThrownBy(() -> NewDeals.of(EUR, 1, Duration.ofDays(1), Duration.ofDays(1),
        new double[] {1, 2}, new double[] {0.3, Double.NaN}, eur(1))).hasMessage(
        "wonByAge[1] must be in [0, 1] and not below the one before, was NaN");
    assertThatThrownBy(() -> NewDeals.of(EUR, 1, Duration.ofDays(1), Duration.ofDays(1),
        new double[] {1}, new double[] {0.3}, List.of(Money.of("5", "USD")))).hasMessage(
        "amounts[0] 5.00 USD is not in EUR (mixed currencies)");
    NewDeals d = process(5, 90, 60, eur(1));
    assertThatThrownBy(() -> NewBusinessDistributions.of(d, Simulation.of(1, 1))).hasMessage(
        "new business needs at least 2 trials, not 1: its total has no upper bound, so one trial"
            + " gives no standard error");
    assertThatThrownBy(() -> NewBusinessDistributions.total(OpenDeals.none(
        Currency.getInstance("USD")), d, Simulation.of(10, 1))).hasMessage(
        "new business is in EUR, the open deals in USD");
  }
}

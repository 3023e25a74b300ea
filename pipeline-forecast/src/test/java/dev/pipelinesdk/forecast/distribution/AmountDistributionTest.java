package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.core.forecast.UncertaintySource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class AmountDistributionTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency USD = Currency.getInstance("USD");

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  /** Random deals whose amounts are whole multiples of 100 EUR, so a 100 EUR grid is exact. */
  static OpenDeals onGrid(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    OpenDeals.Builder builder = OpenDeals.builder(EUR);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(10);
      double p = kind == 0 ? 0.0 : kind == 1 ? 1.0 : random.nextDouble();
      builder.add(p, BigDecimal.valueOf(100L * random.nextInt(0, 200)));
    }
    return builder.build();
  }

  /** The distribution of the total on the 100 EUR grid, by brute force over all outcomes. */
  private static double[] bruteForce(OpenDeals deals) {
    int n = deals.size();
    int max = 0;
    for (Money a : deals.amounts()) {
      max += a.amount().intValue() / 100;
    }
    double[] pmf = new double[max + 1];
    for (int mask = 0; mask < 1 << n; mask++) {
      double prob = 1;
      int total = 0;
      for (int i = 0; i < n; i++) {
        boolean won = (mask >> i & 1) == 1;
        prob *= won ? deals.probability(i) : 1 - deals.probability(i);
        total += won ? deals.amount(i).amount().intValue() / 100 : 0;
      }
      pmf[total] += prob;
    }
    return pmf;
  }

  @Test
  void binnedIsExactOnTheGridAgainstBruteForce() {
    qt().withFixedSeed(21L).withExamples(30)
        .forAll(longs().all(), integers().between(0, 12))
        .checkAssert((seed, n) -> {
          OpenDeals deals = onGrid(seed, n);
          AmountDistribution d = Distributions.binned(deals, eur("100"));
          double[] exact = bruteForce(deals);
          assertThat(d.binningErrorBound()).contains(Money.zero(EUR));
          for (int k = 0; k < exact.length; k++) {
            Money t = eur(String.valueOf(100L * k));
            double tail = 0;
            for (int j = k; j < exact.length; j++) {
              tail += exact[j];
            }
            assertThat(d.probabilityAtLeast(t)).isCloseTo(tail, within(1e-12));
          }
        });
  }

  @Test
  void exactBinnedAndMonteCarloAgreeWithinTheirStandardErrors() {
    qt().withFixedSeed(22L).withExamples(25)
        .forAll(longs().all(), integers().between(0, 150), longs().all())
        .checkAssert((seed, n, mcSeed) -> {
          OpenDeals deals = onGrid(seed, n);
          AmountDistribution exact = Distributions.binned(deals, eur("100"));
          AmountDistribution mc = Distributions.monteCarlo(deals, Simulation.of(20_000, mcSeed));
          assertThat(mc.includes()).containsExactly(UncertaintySource.DEAL_OUTCOMES);
          assertThat(exact.includes()).isEqualTo(mc.includes());
          double se = mc.expectedStandardError().amount().doubleValue();
          assertThat(mc.expected().amount().doubleValue())
              .isCloseTo(exact.expected().amount().doubleValue(), within(4 * se + 0.01));
          for (Money target : List.of(exact.p10(), exact.p50(), exact.p90())) {
            double p = exact.probabilityAtLeast(target);
            double seP = Math.sqrt(p * (1 - p) / 20_000);
            assertThat(mc.probabilityAtLeast(target)).as("P(total >= %s)", target)
                .isCloseTo(p, within(4 * seP + 1e-9));
            // and the Monte Carlo standard error is the binomial one at its own estimate
            double q = mc.probabilityAtLeast(target);
            assertThat(mc.probabilityAtLeastStandardError(target))
                .isCloseTo(Math.sqrt(q * (1 - q) / 20_000), within(1e-15));
          }
        });
  }

  @Test
  void monteCarloWithoutModelUncertaintyReproducesTheExactDistribution() {
    OpenDeals deals = onGrid(99, 60);
    AmountDistribution exact = Distributions.binned(deals, eur("100"));
    AmountDistribution mc = Distributions.monteCarlo(deals, Simulation.of(200_000, 5L)
        .withModelUncertainty(0.0, 0.0));
    for (double q : new double[] {0.1, 0.25, 0.5, 0.75, 0.9}) {
      // within two quantile standard errors plus one grid step (the distribution is discrete)
      double tolerance = 2 * mc.quantileStandardError(q).amount().doubleValue() + 100;
      assertThat(mc.quantile(q).amount().doubleValue()).as("q = %s", q)
          .isCloseTo(exact.quantile(q).amount().doubleValue(), within(tolerance));
    }
    assertThat(mc.expected().amount().doubleValue()).isCloseTo(
        exact.expected().amount().doubleValue(),
        within(4 * mc.expectedStandardError().amount().doubleValue()));
  }

  @Test
  void theSameSeedGivesTheSameAnswerWithOneTwoAndEightThreads() {
    OpenDeals deals = onGrid(3, 80);
    Simulation simulation = Simulation.of(30_000, 42L).withModelUncertainty(0.4, 0.3);
    ForkJoinPool one = new ForkJoinPool(1);
    ForkJoinPool two = new ForkJoinPool(2);
    ForkJoinPool eight = new ForkJoinPool(8);
    try {
      AmountDistribution a = Distributions.monteCarlo(deals, simulation, one);
      AmountDistribution b = Distributions.monteCarlo(deals, simulation, two);
      AmountDistribution c = Distributions.monteCarlo(deals, simulation, eight);
      assertThat(b).isEqualTo(a);
      assertThat(c).isEqualTo(a);
      assertThat(Distributions.monteCarlo(deals, simulation)).isEqualTo(a);
      assertThat(a.simulation()).contains(simulation);
      // and a different seed gives a different sample (so equality above is not vacuous)
      assertThat(Distributions.monteCarlo(deals,
          new Simulation(30_000, 43L, 0.4, 0.3), eight)).isNotEqualTo(a);
    } finally {
      one.shutdown();
      two.shutdown();
      eight.shutdown();
    }
  }

  @Test
  void sharedShiftWidensTheIntervalAndKeepsTheMeanAtOneHalf() {
    OpenDeals.Builder builder = OpenDeals.builder(EUR);
    for (int i = 0; i < 200; i++) {
      builder.add(0.5, new BigDecimal("1000"));
    }
    OpenDeals deals = builder.build();
    AmountDistribution independent = Distributions.monteCarlo(deals, Simulation.of(20_000, 1L));
    AmountDistribution correlated = Distributions.monteCarlo(deals,
        Simulation.of(20_000, 1L).withModelUncertainty(1.0, 0.0));
    BigDecimal narrow = independent.p90().amount().subtract(independent.p10().amount());
    BigDecimal wide = correlated.p90().amount().subtract(correlated.p10().amount());
    // independent: sd = 1000 * sqrt(200 / 4) ~ 7071, P10-P90 ~ 18 100; shared shift sd 1 on the
    // logit scale moves every p together, so the interval is several times wider
    assertThat(wide).isGreaterThan(narrow.multiply(BigDecimal.valueOf(3)));
    assertThat(correlated.includes()).containsExactlyInAnyOrder(
        UncertaintySource.DEAL_OUTCOMES, UncertaintySource.SHARED_LOGIT_SHIFT);
    // p = 1/2 is the centre of the logit scale: the symmetric noise keeps the mean at 100 000
    double se = correlated.expectedStandardError().amount().doubleValue();
    assertThat(correlated.expected().amount().doubleValue())
        .isCloseTo(100_000, within(4 * se));
  }

  @Test
  void logitNoiseMovesTheMeanTowardsOneHalfAsDocumented() {
    OpenDeals.Builder builder = OpenDeals.builder(EUR);
    for (int i = 0; i < 100; i++) {
      builder.add(0.1, new BigDecimal("1000"));
    }
    OpenDeals deals = builder.build();
    AmountDistribution exact = Distributions.binned(deals, eur("1000"));
    AmountDistribution noisy = Distributions.monteCarlo(deals,
        Simulation.of(20_000, 2L).withModelUncertainty(0.5, 1.0));
    assertThat(exact.expected()).isEqualTo(eur("10000.00"));
    double se = noisy.expectedStandardError().amount().doubleValue();
    // the logit-normal mean of p = 0.1 with total log-odds sd sqrt(1.25) is about 0.15 > 0.1
    assertThat(noisy.expected().amount().doubleValue()).isGreaterThan(10_000 + 4 * se);
    assertThat(noisy.includes()).isEqualTo(EnumSet.of(UncertaintySource.DEAL_OUTCOMES,
        UncertaintySource.SHARED_LOGIT_SHIFT, UncertaintySource.DEAL_LOGIT_NOISE));
    assertThat(noisy.p90().amount()).isGreaterThan(exact.p90().amount());
  }

  @Test
  void binningErrorBoundIsTheSumOfRoundingErrorsOfDealsThatCanWin() {
    OpenDeals deals = OpenDeals.builder(EUR)
        .add(0.5, new BigDecimal("149.99")) // rounds to 100: error 49.99
        .add(0.2, new BigDecimal("150.00")) // rounds half up to 200: error 50
        .add(0.0, new BigDecimal("120.00")) // never won: no error counted
        .add(1.0, new BigDecimal("300.00")) // on the grid
        .build();
    AmountDistribution d = Distributions.binned(deals, eur("100"));
    assertThat(d.method()).isEqualTo(AmountDistribution.Method.EXACT_BINNED);
    assertThat(d.binningErrorBound()).contains(eur("99.99"));
    assertThat(d.binWidth()).contains(eur("100"));
    // 0.5 * 149.99 + 0.2 * 150 + 300 = 404.995 (unrounded amounts), half-even with p = 0.2's
    // binary value a hair above 0.2: 405.00
    assertThat(d.expected()).isEqualTo(eur("405.00"));
    // outcomes: 300 always; +100 w.p. 0.5; +200 w.p. 0.2 (rounded grid)
    assertThat(d.probabilityAtLeast(eur("300"))).isCloseTo(1.0, within(1e-15));
    assertThat(d.probabilityAtLeast(eur("500"))).isCloseTo(0.2, within(1e-15));
    assertThat(d.probabilityAtLeast(eur("600"))).isCloseTo(0.1, within(1e-15));
    assertThat(d.probabilityAtLeast(eur("601"))).isZero();
    assertThat(d.p10()).isEqualTo(eur("300"));
    assertThat(d.p50()).isEqualTo(eur("400")); // P(300) = 0.4, P(400) = 0.4
    assertThat(d.p90()).isEqualTo(eur("500"));
    assertThat(d.expectedStandardError()).isEqualTo(Money.zero(EUR));
    assertThat(d.simulation()).isEmpty();
  }

  @Test
  void noDealsGiveZerosNotNaN() {
    OpenDeals none = OpenDeals.none(EUR);
    for (AmountDistribution d : List.of(Distributions.binned(none, eur("10")),
        Distributions.monteCarlo(none, Simulation.of(1000, 1L).withModelUncertainty(1, 1)))) {
      assertThat(d.expected()).isEqualTo(Money.zero(EUR));
      assertThat(d.expectedStandardError()).isEqualTo(Money.zero(EUR));
      assertThat(List.of(d.p10(), d.p50(), d.p90())).containsOnly(Money.zero(EUR));
      assertThat(d.probabilityAtLeast(Money.zero(EUR))).isEqualTo(1.0);
      assertThat(d.probabilityAtLeast(eur("0.01"))).isZero();
      assertThat(d.probabilityAtLeastStandardError(eur("1"))).isZero();
      assertThat(d.quantileStandardError(0.5)).isEqualTo(Money.zero(EUR));
      assertThat(d.toString()).doesNotContain("NaN");
    }
  }

  @Test
  void allZeroAllOneAndOneDeal() {
    OpenDeals zeros = OpenDeals.of(EUR, new double[] {0, 0, 0},
        new BigDecimal[] {BigDecimal.TEN, BigDecimal.ONE, BigDecimal.TEN});
    OpenDeals ones = OpenDeals.of(EUR, new double[] {1, 1, 1},
        new BigDecimal[] {BigDecimal.TEN, BigDecimal.ONE, BigDecimal.TEN});
    OpenDeals one = OpenDeals.of(EUR, new double[] {0.3}, new BigDecimal[] {BigDecimal.TEN});
    Simulation simulation = Simulation.of(5000, 9L).withModelUncertainty(2, 2);
    for (AmountDistribution d : List.of(Distributions.binned(zeros, eur("1")),
        Distributions.monteCarlo(zeros, simulation))) {
      assertThat(d.expected()).isEqualTo(Money.zero(EUR));
      assertThat(d.p90()).isEqualTo(Money.zero(EUR));
      assertThat(d.probabilityAtLeast(eur("1"))).isZero();
    }
    for (AmountDistribution d : List.of(Distributions.binned(ones, eur("1")),
        Distributions.monteCarlo(ones, simulation))) {
      assertThat(d.expected()).isEqualTo(eur("21"));
      assertThat(List.of(d.p10(), d.p50(), d.p90())).containsOnly(eur("21"));
      assertThat(d.probabilityAtLeast(eur("21"))).isEqualTo(1.0);
      assertThat(d.probabilityAtLeast(eur("21.01"))).isZero();
      assertThat(d.expectedStandardError()).isEqualTo(Money.zero(EUR));
    }
    AmountDistribution exact = Distributions.binned(one, eur("1"));
    assertThat(exact.expected()).isEqualTo(eur("3"));
    assertThat(exact.p50()).isEqualTo(Money.zero(EUR));
    assertThat(exact.p90()).isEqualTo(eur("10"));
    assertThat(exact.probabilityAtLeast(eur("10"))).isEqualTo(0.3);
    AmountDistribution mc = Distributions.monteCarlo(one, Simulation.of(40_000, 4L));
    assertThat(mc.probabilityAtLeast(eur("10"))).isCloseTo(0.3,
        within(4 * mc.probabilityAtLeastStandardError(eur("10"))));
  }

  @Test
  void oneTrialReportsTheLargestPossibleStandardErrorNotNaN() {
    OpenDeals deals = OpenDeals.of(EUR, new double[] {0.5, 0.5},
        new BigDecimal[] {new BigDecimal("10"), new BigDecimal("30")});
    AmountDistribution d = Distributions.monteCarlo(deals, Simulation.of(1, 3L));
    assertThat(d.expectedStandardError()).isEqualTo(eur("20"));
    assertThat(d.probabilityAtLeastStandardError(eur("10"))).isEqualTo(0.5);
    assertThat(d.quantileStandardError(0.5)).isEqualTo(eur("20"));
  }

  @Test
  void badInputNamesTheValueAndItsIndex() {
    assertThatThrownBy(() -> OpenDeals.builder(EUR).add(0.5, BigDecimal.ONE)
        .add(Double.NaN, BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deal 1")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> OpenDeals.of(EUR, new double[] {0.1, 0.2, 0.3},
        new BigDecimal[] {BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("-5")}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deal 2")
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> OpenDeals.builder(EUR).add(0.5, eur("1"))
        .add(0.5, Money.of("1", "USD")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deal 1")
        .hasMessageContaining("USD").hasMessageContaining("mixed currencies");
    assertThatThrownBy(() -> OpenDeals.builder(EUR).add(1.2, eur("1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deal 0")
        .hasMessageContaining("1.2");
    assertThatThrownBy(() -> Simulation.of(0, 1L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trials")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Simulation.of(10, 1L).withModelUncertainty(-1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sharedLogitSd");
    assertThatThrownBy(() -> Simulation.of(10, 1L).withModelUncertainty(0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dealLogitSd");
    OpenDeals deals = onGrid(1, 5);
    assertThatThrownBy(() -> Distributions.binned(deals, Money.zero(EUR)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binWidth")
        .hasMessageContaining("0.00 EUR");
    assertThatThrownBy(() -> Distributions.binned(deals, Money.of("1", "USD")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USD");
    assertThatThrownBy(() -> Distributions.binned(deals, eur("0.01")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bin width of at least");
    AmountDistribution d = Distributions.binned(deals, eur("100"));
    assertThatThrownBy(() -> d.probabilityAtLeast(Money.of("1", "USD")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USD");
    assertThat(USD).isNotEqualTo(EUR);
  }
}

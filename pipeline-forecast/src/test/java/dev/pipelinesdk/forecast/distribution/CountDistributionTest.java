package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.forecast.CountDistribution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CountDistributionTest {

  /** The textbook O(n^2) recurrence: add one deal at a time. Error at most 3 n u per entry. */
  static double[] recurrence(double[] p) {
    double[] v = new double[p.length + 1];
    v[0] = 1.0;
    for (int i = 0; i < p.length; i++) {
      for (int k = i + 1; k >= 1; k--) {
        v[k] = v[k] * (1 - p[i]) + v[k - 1] * p[i];
      }
      v[0] *= 1 - p[i];
    }
    return v;
  }

  /** Random probabilities, with some exact 0s, 1s and values near both ends. */
  static double[] randomProbabilities(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(20);
      p[i] = kind == 0 ? 0.0 : kind == 1 ? 1.0 : kind == 2 ? random.nextDouble() * 1e-6
          : kind == 3 ? 1 - random.nextDouble() * 1e-6 : random.nextDouble();
    }
    return p;
  }

  private static double maxError(double[] a, double[] b) {
    double max = 0;
    for (int k = 0; k < a.length; k++) {
      max = Math.max(max, Math.abs(a[k] - b[k]));
    }
    return max;
  }

  @Test
  void fftDivideAndConquerMatchesTheQuadraticRecurrenceOnRandomInputs() {
    qt().withFixedSeed(14L).withExamples(40)
        .forAll(longs().all(), integers().between(0, 3000))
        .checkAssert((seed, n) -> {
          double[] p = randomProbabilities(seed, n);
          CountDistribution d = Distributions.count(p);
          double[] reference = recurrence(p);
          double error = maxError(d.probabilities(), reference);
          double referenceError = 3.0 * n * PolynomialProduct.U;
          assertThat(error).as("n = %d", n).isLessThanOrEqualTo(d.errorBound() + referenceError);
          assertThat(d.errorBound()).as("the documented scale of the bound")
              .isLessThanOrEqualTo(2e-15 * n + 1e-13);
          assertThat(error).isLessThan(1e-12);
        });
  }

  @Test
  void largeInputsTakeTheFftPathAndStayWithinTheBound() {
    double[] p = randomProbabilities(7, 5000);
    CountDistribution d = Distributions.count(p);
    assertThat(maxError(d.probabilities(), recurrence(p)))
        .isLessThanOrEqualTo(d.errorBound() + 3.0 * 5000 * PolynomialProduct.U);
    assertThat(d.errorBound()).isGreaterThan(0.0).isLessThan(1e-11);
  }

  @Test
  void meanAndVarianceAreTheSumsOfPAndPTimesOneMinusP() {
    qt().withFixedSeed(15L).withExamples(50)
        .forAll(longs().all(), integers().between(0, 600))
        .checkAssert((seed, n) -> {
          double[] p = randomProbabilities(seed, n);
          CountDistribution d = Distributions.count(p);
          double sum = 0;
          double variance = 0;
          for (double x : p) {
            sum += x;
            variance += x * (1 - x);
          }
          assertThat(d.mean()).isCloseTo(sum, within(1e-9));
          assertThat(d.variance()).isCloseTo(variance, within(1e-9));
          // and the computed probabilities have those moments
          double m1 = 0;
          double m2 = 0;
          for (int k = 0; k <= n; k++) {
            m1 += k * d.probability(k);
            m2 += (double) k * k * d.probability(k);
          }
          assertThat(m1).isCloseTo(sum, within(1e-8));
          assertThat(m2 - m1 * m1).isCloseTo(variance, within(1e-6));
        });
  }

  @Test
  void quantilesAreTheInverseOfTheDistributionFunction() {
    CountDistribution d = Distributions.count(randomProbabilities(3, 200));
    for (double q : new double[] {0.1, 0.5, 0.9}) {
      int k = d.quantile(q);
      assertThat(d.cumulativeProbability(k)).isGreaterThanOrEqualTo(q - 1e-12);
      assertThat(d.cumulativeProbability(k - 1)).isLessThan(q);
    }
    assertThat(d.p10()).isLessThanOrEqualTo(d.p50()).isLessThanOrEqualTo(d.p90());
    assertThat(d.probabilityAtLeast(d.p50()) + d.cumulativeProbability(d.p50() - 1))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void oneFairCoinHasItsMedianAtZeroDespiteRoundOff() {
    CountDistribution d = Distributions.count(0.5);
    assertThat(d.probabilities()).containsExactly(0.5, 0.5);
    assertThat(d.p10()).isZero();
    assertThat(d.p50()).isZero();
    assertThat(d.p90()).isEqualTo(1);
    assertThat(d.mean()).isEqualTo(0.5);
    assertThat(d.variance()).isEqualTo(0.25);
  }

  @Test
  void noDealsIsThePointMassAtZero() {
    CountDistribution d = Distributions.count();
    assertThat(d.dealCount()).isZero();
    assertThat(d.probabilities()).containsExactly(1.0);
    assertThat(d.mean()).isZero();
    assertThat(d.variance()).isZero();
    assertThat(d.standardDeviation()).isZero();
    assertThat(d.errorBound()).isZero();
    assertThat(new int[] {d.p10(), d.p50(), d.p90()}).containsOnly(0);
    assertThat(d.probabilityAtLeast(1)).isZero();
    assertThat(d.toString()).doesNotContain("NaN");
  }

  @Test
  void allZeroAndAllOneAreCertain() {
    CountDistribution none = Distributions.count(new double[100]);
    assertThat(none.probability(0)).isEqualTo(1.0);
    assertThat(none.probabilityAtLeast(1)).isZero();
    assertThat(none.p90()).isZero();
    assertThat(none.mean()).isZero();

    double[] ones = new double[100];
    java.util.Arrays.fill(ones, 1.0);
    CountDistribution all = Distributions.count(ones);
    assertThat(all.probability(100)).isEqualTo(1.0);
    assertThat(all.probability(99)).isZero();
    assertThat(all.p10()).isEqualTo(100);
    assertThat(all.mean()).isEqualTo(100.0);
    assertThat(all.variance()).isZero();
  }

  @Test
  void oneDealIsABernoulli() {
    CountDistribution d = Distributions.count(0.3);
    assertThat(d.probability(0)).isCloseTo(0.7, within(1e-15));
    assertThat(d.probability(1)).isEqualTo(0.3);
    assertThat(d.p50()).isZero();
    assertThat(d.p90()).isEqualTo(1);
    assertThat(d.probabilityAtLeast(1)).isEqualTo(0.3);
  }

  @Test
  void badProbabilitiesNameTheirIndexAndValue() {
    assertThatThrownBy(() -> Distributions.count(0.5, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deal 1")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> Distributions.count(0.5, 0.2, 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deal 2")
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> Distributions.count(-0.0001))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deal 0")
        .hasMessageContaining("-1.0E-4");
    assertThatThrownBy(() -> Distributions.count(0.5).quantile(0.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.pipelinesdk.forecast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The primitive-key order of the estimator's rows is the stable sort by time. */
class AalenJohansenOrderTest {
  private static int[] stable(List<double[]> rows) {
    return IntStream.range(0, rows.size()).boxed()
        .sorted(Comparator.comparingDouble(i -> rows.get(i)[0])).mapToInt(i -> i).toArray();
  }

  /**
   * Times drawn from a few whole days plus tiny fractions, so many rows share a millisecond and
   * some share the exact value; some beyond 2^39 ms, which take the comparator path.
   */
  @Test
  void theOrderIsTheStableSortByTime() {
    qt().withFixedSeed(7L).withExamples(300).forAll(
        lists().of(integers().between(0, 5)).ofSizeBetween(0, 60),
        lists().of(doubles().between(0, 1e-8)).ofSize(60), integers().between(0, 9))
        .checkAssert((days, jitter, far) -> {
          List<double[]> rows = new ArrayList<>();
          for (int i = 0; i < days.size(); i++) {
            double t = days.get(i) + (i % 3 == 0 ? 0 : jitter.get(i));
            rows.add(new double[] {far == 0 && i == 0 ? 1e9 : t, i % 3});
          }
          assertThat(AalenJohansen.orderByFirst(rows)).containsExactly(stable(rows));
        });
  }
}

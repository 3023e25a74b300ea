package dev.pipelinesdk.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.DealHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Checks the merge contract of a metric: sequential equals any split-and-merge. */
final class MergeProperties {
  private MergeProperties() {}

  static <R> void check(Metric<R> metric) {
    qt().withExamples(40).withShrinkCycles(20)
        .forAll(longs().all(), integers().between(0, 60), integers().between(2, 3))
        .checkAssert((seed, count, parts) -> {
          List<DealHistory> all = RandomHistories.generate(seed, count);
          R sequential = Metrics.compute(metric, all);
          Random random = new Random(seed ^ 0x5DEECE66DL);

          // Split at random points into 2 or 3 parts.
          List<Integer> cuts = new ArrayList<>();
          for (int i = 1; i < parts; i++) {
            cuts.add(count == 0 ? 0 : random.nextInt(count + 1));
          }
          Collections.sort(cuts);
          List<List<DealHistory>> split = new ArrayList<>();
          int start = 0;
          for (int c : cuts) {
            split.add(all.subList(start, c));
            start = c;
          }
          split.add(all.subList(start, all.size()));

          if (split.size() == 2) {
            assertThat(acc(metric, split.get(0)).merge(acc(metric, split.get(1))).result())
                .isEqualTo(sequential);
            assertThat(acc(metric, split.get(1)).merge(acc(metric, split.get(0))).result())
                .isEqualTo(sequential);
          } else {
            Metric.Accumulator<R> left = acc(metric, split.get(0)).merge(acc(metric, split.get(1)))
                .merge(acc(metric, split.get(2)));
            Metric.Accumulator<R> right = acc(metric, split.get(0))
                .merge(acc(metric, split.get(1)).merge(acc(metric, split.get(2))));
            assertThat(left.result()).isEqualTo(sequential);
            assertThat(right.result()).isEqualTo(sequential);
          }
          // Order of histories does not matter, and a parallel stream agrees.
          List<DealHistory> shuffled = new ArrayList<>(all);
          Collections.shuffle(shuffled, random);
          assertThat(Metrics.compute(metric, shuffled)).isEqualTo(sequential);
          assertThat(all.parallelStream().collect(metric.collector())).isEqualTo(sequential);
          // The result does not change the accumulator.
          Metric.Accumulator<R> acc = acc(metric, all);
          assertThat(acc.result()).isEqualTo(acc.result());
        });
  }

  private static <R> Metric.Accumulator<R> acc(Metric<R> metric, List<DealHistory> histories) {
    Metric.Accumulator<R> acc = metric.newAccumulator();
    histories.forEach(acc::add);
    return acc;
  }
}

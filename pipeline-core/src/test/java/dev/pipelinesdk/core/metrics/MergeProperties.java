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

  static <A, R> void check(Metric<A, R> metric) {
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
            assertThat(metric.result(metric.merge(acc(metric, split.get(0)),
                acc(metric, split.get(1))))).isEqualTo(sequential);
            assertThat(metric.result(metric.merge(acc(metric, split.get(1)),
                acc(metric, split.get(0))))).isEqualTo(sequential);
          } else {
            A left = metric.merge(metric.merge(acc(metric, split.get(0)),
                acc(metric, split.get(1))), acc(metric, split.get(2)));
            A right = metric.merge(acc(metric, split.get(0)),
                metric.merge(acc(metric, split.get(1)), acc(metric, split.get(2))));
            assertThat(metric.result(left)).isEqualTo(sequential);
            assertThat(metric.result(right)).isEqualTo(sequential);
          }
          // Order of histories does not matter, and a parallel stream agrees.
          List<DealHistory> shuffled = new ArrayList<>(all);
          Collections.shuffle(shuffled, random);
          assertThat(Metrics.compute(metric, shuffled)).isEqualTo(sequential);
          assertThat(all.parallelStream().collect(metric.collector())).isEqualTo(sequential);
          // The result does not change the accumulator.
          A acc = acc(metric, all);
          assertThat(metric.result(acc)).isEqualTo(metric.result(acc));
        });
  }

  private static <A, R> A acc(Metric<A, R> metric, List<DealHistory> histories) {
    A acc = metric.newAccumulator();
    histories.forEach(h -> metric.add(acc, h));
    return acc;
  }
}

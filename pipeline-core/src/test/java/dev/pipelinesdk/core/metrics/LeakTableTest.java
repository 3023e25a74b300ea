package dev.pipelinesdk.core.metrics;

import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak table shows a baseline column only when there is a baseline to show. */
class LeakTableTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");
  private final List<DealHistory> histories = Examples.saas();

  @Test
  void withoutABaselineTheTableHasNoBaselineColumn() {
    LeakReport r = Metrics.compute(Metrics.leaks(SAAS).build(), histories);
    String header = r.toTable().lines().skip(1).findFirst().orElseThrow();
    assertThat(header.split("\\s{2,}")).containsExactly("stage", "reached", "lost", "dark",
        "drop-off", "median of others", "leak");
  }

  @Test
  void withABaselineTheTableShowsItsRates() {
    LeakReport r = Metrics.compute(Metrics.leaks(SAAS).baseline(day(-100), day(100)).build(),
        histories);
    List<String> lines = r.toTable().lines().toList();
    assertThat(lines.get(0)).contains(" vs baseline (");
    assertThat(lines.get(1).split("\\s{2,}")).containsExactly("stage", "reached", "lost", "dark",
        "drop-off", "median of others", "baseline", "leak");
  }
}

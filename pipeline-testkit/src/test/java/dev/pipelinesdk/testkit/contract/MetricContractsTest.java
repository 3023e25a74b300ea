package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.metrics.Metrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricContractsTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");

  /** A user's metric: how many deals are won; merge adds. */
  record WonCount(PipelineDefinition definition, boolean brokenMerge) implements Metric<Long> {
    @Override
    public Accumulator<Long> newAccumulator() {
      return new Accumulator<>() {
        long won;

        @Override
        public void add(DealHistory history) {
          StageKind kind = definition.requireStage(history.current().stage()).kind();
          won += kind == StageKind.WON ? 1 : 0;
        }

        @Override
        public Accumulator<Long> merge(Accumulator<Long> other) {
          if (!brokenMerge) {
            won += other.result();
          }
          return this;
        }

        @Override
        public Long result() {
          return won;
        }
      };
    }

    @Override
    public String toString() {
      return brokenMerge ? "won count (merge forgets the other part)" : "won count";
    }
  }

  @Test
  void aMetricThatKeepsTheContractPasses() {
    MetricContracts.forDefinition(SAAS).withExamples(30).verify(new WonCount(SAAS, false));
  }

  /** Generated deals of a definition without a currency mix currencies, which metrics refuse. */
  private static final PipelineDefinition EUR = PipelineDefinition.builder("eur").currency("EUR")
      .stage(Stage.open("new", "New", 0.1)).stage(Stage.open("offer", "Offer", 0.5))
      .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
      .stage(Stage.dormant("dark", "Gone dark"))
      .path("new", "offer", "won").transition("offer", "new").fromEveryOpenStage("lost")
      .fromEveryOpenStage("dark").transition("dark", "offer").reopen("lost", "new").build();

  @Test
  void theBuiltInMetricsKeepIt() {
    Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
    MetricContracts c = MetricContracts.forDefinition(EUR).withExamples(25);
    c.verify(Metrics.funnel(EUR).build());
    c.verify(Metrics.snapshot(EUR, asOf).build());
    c.verify(Metrics.timeInStage(EUR, asOf));
    c.verify(Metrics.flow(EUR, asOf));
    c.verify(Metrics.movements(EUR, asOf.minusSeconds(86_400 * 90), asOf));
    c.verify(Metrics.leaks(EUR).build());
  }

  @Test
  void aMergeThatLosesAPartIsCaughtWithTheHistoriesThatShowIt() {
    assertThatThrownBy(() -> MetricContracts.forDefinition(SAAS).withSeed(7)
        .verify(new WonCount(SAAS, true), MetricContracts.SPLIT_INVARIANCE))
        .isInstanceOf(ContractViolation.class)
        .satisfies(e -> {
          ContractViolation v = (ContractViolation) e;
          assertThat(v.contract()).isEqualTo(MetricContracts.CONTRACT);
          assertThat(v.property()).isEqualTo(MetricContracts.SPLIT_INVARIANCE);
          assertThat(v.rule()).isEqualTo("won count (merge forgets the other part)");
          assertThat(v.getMessage()).contains("deals [").contains("parts, seed");
        });
  }
}

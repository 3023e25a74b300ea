package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.metrics.Metrics;
import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private static final LeadSource CALL = LeadSource.cold("call");

  /** Deals as described in the test below; as of day 30. */
  static List<DealHistory> deals() {
    Driver x = Driver.saas();
    DealHistory s1 = x.create(0, "S1", "1000", CALL);
    s1 = x.touch(s1, 25);
    DealHistory s2 = x.create(0, "S2", "2000", CALL);
    s2 = x.move(s2, 10, "qualification");
    s2 = x.probability(s2, 12, 0.5);
    DealHistory s3 = x.create(0, "S3", "4000", CALL);
    s3 = x.move(s3, 1, "qualification");
    s3 = x.move(s3, 2, "consideration");
    s3 = x.move(s3, 5, "decision");
    DealHistory s4 = x.create(0, "S4", "3000", CALL);
    s4 = x.move(s4, 1, "qualification");
    s4 = x.move(s4, 2, "consideration");
    s4 = x.move(s4, 3, "decision");
    DealHistory s5 = x.create(0, "S5", Optional.empty(), Optional.of(CALL));
    s5 = x.move(s5, 1, "qualification");
    s5 = x.move(s5, 2, "consideration");
    s5 = x.lose(s5, 35); // after the snapshot: still open then
    DealHistory s6 = x.create(31, "S6", "9999", CALL);
    DealHistory s7 = x.create(0, "S7", "500", CALL);
    s7 = x.lose(s7, 5);
    return List.of(s1, s2, s3, s4, s5, s6, s7);
  }

  private static Metrics.SnapshotBuilder snapshot() {
    return Metrics.snapshot(PipelineTemplates.definition("saas-b2b"), day(30))
        .probabilities((d, h, at) -> d.id().value().equals("S4") ? OptionalDouble.of(0.9)
            : d.id().value().equals("S2") ? OptionalDouble.of(0.2) : OptionalDouble.empty())
        .snoozed(Map.of(DealId.of("S4"), day(40), DealId.of("S3"), day(29)))
        .target(Money.of("13100", "EUR"));
  }

  @Test
  void openDealsPerStageWithWeightsAgesAndSources() {
    SnapshotReport r = Metrics.compute(snapshot().build(), deals());

    assertThat(r.count()).isEqualTo(5);
    SnapshotReport.Row p = r.stage(StageId.of("prospecting"));
    assertThat(p.count()).isEqualTo(1);
    assertThat(p.total()).contains(Money.of("1000", "EUR"));
    assertThat(p.weighted()).contains(Money.of("50", "EUR"));
    assertThat(p.averageAge()).contains(Duration.ofDays(30));
    assertThat(p.idle()).isZero(); // touched on day 25

    SnapshotReport.Row q = r.stage(StageId.of("qualification"));
    assertThat(q.weighted()).contains(Money.of("1000", "EUR")); // manual 0.5 beats learned 0.2
    assertThat(q.bySource()).containsEntry(ProbabilitySource.Kind.MANUAL, 1L);
    assertThat(q.averageAge()).contains(Duration.ofDays(20));

    SnapshotReport.Row c = r.stage(StageId.of("consideration"));
    assertThat(c.count()).isEqualTo(1);
    assertThat(c.withoutAmount()).isEqualTo(1);
    assertThat(c.total()).isEmpty();

    SnapshotReport.Row d = r.stage(StageId.of("decision"));
    assertThat(d.count()).isEqualTo(2);
    assertThat(d.total()).contains(Money.of("7000", "EUR"));
    assertThat(d.weighted()).contains(Money.of("5500", "EUR")); // 0.7 * 4000 + 0.9 * 3000
    assertThat(d.averageAge()).contains(Duration.ofDays(26));
    assertThat(d.oldestAge()).contains(Duration.ofDays(27));
    assertThat(d.bySource()).containsEntry(ProbabilitySource.Kind.LEARNED, 1L)
        .containsEntry(ProbabilitySource.Kind.STAGE_DEFAULT, 1L);

    assertThat(r.total()).contains(Money.of("10000", "EUR"));
    assertThat(r.weighted()).contains(Money.of("6550", "EUR"));
    assertThat(r.coverage()).hasValue(0.5);
    assertThat(r.gap()).contains(Money.of("6550", "EUR"));
  }

  @Test
  void idleStalledAndSnoozedDeals() {
    SnapshotReport r = Metrics.compute(snapshot().build(), deals());
    assertThat(r.idle()).extracting(o -> o.deal().value()).containsExactly("S2", "S5");
    assertThat(r.stalled()).extracting(o -> o.deal().value()).containsExactly("S3");
    assertThat(r.snoozed()).extracting(o -> o.deal().value()).containsExactly("S4");
    assertThat(r.snoozed().get(0).snoozedUntil()).contains(day(40));
    assertThat(r.stalled().get(0).idleFor()).isEqualTo(Duration.ofDays(25));
    assertThat(r.toTable()).contains("Stalled at decision").contains("S3").contains("Idle:")
        .contains("coverage 50.0%");
    assertThat(r.toString()).contains("5 open").contains("2 idle").contains("1 stalled");

    // A named decision stage and threshold: consideration deals idle over 20 days stall there.
    SnapshotReport named = Metrics.compute(snapshot().decisionStage(StageId.of("consideration"))
        .stalledAfter(Duration.ofDays(20)).build(), deals());
    assertThat(named.stalled()).extracting(o -> o.deal().value()).containsExactly("S5");
    assertThat(named.idle()).extracting(o -> o.deal().value()).containsExactly("S2", "S3");
  }

  @Test
  void eventsAfterTheInstantAreIgnored() {
    SnapshotReport early = Metrics.compute(
        Metrics.snapshot(PipelineTemplates.definition("saas-b2b"), day(2.5)).build(), deals());
    // S1, S2 in prospecting; S3, S4, S5 in consideration; S7 in prospecting (lost on day 5).
    assertThat(early.stage(StageId.of("prospecting")).count()).isEqualTo(3);
    assertThat(early.stage(StageId.of("consideration")).count()).isEqualTo(3);
    assertThat(early.openDeals()).allMatch(d -> d.source() == ProbabilitySource.Kind.STAGE_DEFAULT);
    assertThat(early.coverage()).isEmpty();
  }

  @Test
  void badInputIsRefusedWithNames() {
    assertThatThrownBy(() -> Metrics.compute(
        Metrics.snapshot(PipelineTemplates.definition("saas-b2b"), day(30))
            .probabilities((d, h, at) -> OptionalDouble.of(1.5)).build(), deals()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S1")
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> Metrics.snapshot(PipelineTemplates.definition("saas-b2b"), day(30))
        .decisionStage(StageId.of("won")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'won'");
    Driver x = Driver.saas();
    List<DealHistory> mixed = new ArrayList<>(deals());
    mixed.add(x.create(1, "U1", Optional.of(Money.of("10", "USD")), Optional.of(CALL)));
    assertThatThrownBy(() -> Metrics.compute(snapshot().build(), mixed))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EUR")
        .hasMessageContaining("USD");
  }
}

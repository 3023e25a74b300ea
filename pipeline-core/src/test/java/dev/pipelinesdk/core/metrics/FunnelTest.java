package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.metrics.Metrics;
import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunnelTest {
  private static final StageId P = StageId.of("prospecting");
  private static final StageId Q = StageId.of("qualification");
  private static final StageId C = StageId.of("consideration");
  private static final StageId D = StageId.of("decision");

  private final List<DealHistory> histories = Examples.saas();

  private Metrics.FunnelBuilder january() {
    return Metrics.funnel(PipelineTemplates.definition("saas-b2b")).createdBetween(day(0), day(31));
  }

  @Test
  void countsReachConversionAndDropOffOfTheJanuaryCohort() {
    FunnelReport r = Metrics.compute(january().build(), histories);

    assertThat(r.cohortSize()).isEqualTo(5);
    assertThat(r.stages()).extracting(FunnelReport.Row::passed).containsExactly(5L, 4L, 4L, 2L);
    assertThat(r.stages()).extracting(FunnelReport.Row::reached).containsExactly(5L, 4L, 3L, 2L);
    assertThat(r.stage(C).skipped()).isEqualTo(1); // D3 revived straight into decision
    assertThat(r.stages()).extracting(s -> s.conversionToNext().getAsDouble())
        .containsExactly(0.8, 1.0, 0.5, 1.0);
    assertThat(r.stage(P).conversionToWon()).hasValue(0.4);
    assertThat(r.won()).isEqualTo(2);
    assertThat(r.overallConversion()).hasValue(0.4);
    assertThat(r.wonAmount()).contains(Money.of("4000", "EUR"));
    assertThat(r.averageWonAmount()).contains(Money.of("2000", "EUR"));

    assertThat(r.stages()).extracting(FunnelReport.Row::lost).containsExactly(1L, 0L, 0L, 0L);
    assertThat(r.stages()).extracting(FunnelReport.Row::wentDark).containsExactly(0L, 0L, 1L, 0L);
    assertThat(r.stages()).extracting(FunnelReport.Row::stuck).containsExactly(0L, 0L, 1L, 0L);
    assertThat(r.stages()).extracting(FunnelReport.Row::backMovesOut).containsExactly(0L, 0L, 1L, 0L);
    assertThat(r.reopenedDeals()).isEqualTo(1);
    assertThat(r.revivedDeals()).isEqualTo(1);
  }

  @Test
  void asOfReplaysOnlyEarlierEvents() {
    FunnelReport r = Metrics.compute(january().asOf(day(11)).build(), histories);

    // D2 is still lost from qualification, D3 still open in decision, only D1 won.
    assertThat(r.won()).isEqualTo(1);
    assertThat(r.stages()).extracting(FunnelReport.Row::passed).containsExactly(5L, 4L, 3L, 2L);
    assertThat(r.stages()).extracting(FunnelReport.Row::lost).containsExactly(1L, 1L, 0L, 0L);
    assertThat(r.stages()).extracting(FunnelReport.Row::stuck).containsExactly(0L, 0L, 0L, 1L);
    assertThat(r.reopenedDeals()).isZero();
  }

  @Test
  void aDealFirstSeenClosedPassedNoStage() {
    var saas = PipelineTemplates.definition("saas-b2b");
    var pipeline = dev.pipelinesdk.core.engine.Pipeline.of(saas, () -> day(0));
    List<DealHistory> withImports = new ArrayList<>(histories);
    for (String stage : List.of("won", "lost")) {
      withImports.add(pipeline.importDeal(dev.pipelinesdk.core.NewDeal.builder()
          .id("IMPORTED-" + stage).title("closed before the export").stage(StageId.of(stage))
          .build(), dev.pipelinesdk.core.engine.Request.by("import").at(day(2)))
          .historyOrThrow());
    }
    FunnelReport before = Metrics.compute(january().build(), histories);
    FunnelReport after = Metrics.compute(january().build(), withImports);
    assertThat(after.firstSeenClosed()).isEqualTo(2);
    assertThat(before.firstSeenClosed()).isZero();
    assertThat(after.stages()).isEqualTo(before.stages()); // no stage passed, reached or lost
    assertThat(after.won()).isEqualTo(before.won());
    assertThat(after.cohortSize()).isEqualTo(before.cohortSize());
    assertThat(after.toTable()).contains("; 2 deals first seen won or lost are not in the funnel");
  }

  @Test
  void everyCohortDealIsWonOrDroppedOrStuckExactlyOnce() {
    FunnelReport r = Metrics.compute(Metrics.funnel(PipelineTemplates.definition("saas-b2b")).build(), histories);
    long accounted = r.won();
    for (FunnelReport.Row s : r.stages()) {
      accounted += s.lost() + s.wentDark() + s.stuck();
    }
    assertThat(r.cohortSize()).isEqualTo(6);
    assertThat(accounted).isEqualTo(6);
  }

  @Test
  void reverseFunnelScalesCountsByObservedRates() {
    FunnelReport r = Metrics.compute(january().build(), histories);

    FunnelReport.Requirement ten = r.requiredFor(P, 10);
    assertThat(ten.steps()).extracting(FunnelReport.Requirement.Step::needed).containsExactly(25L, 20L, 20L, 10L);
    assertThat(ten.neededAtStart()).isEqualTo(25);

    FunnelReport.Requirement amount = r.requiredFor(P, Money.of("9000", "EUR"));
    assertThat(amount.wins()).isEqualTo(5); // 9000 / 2000 rounded up
    assertThat(amount.neededAtStart()).isEqualTo(13); // 5 * 5 / 2 rounded up
    assertThat(r.requiredFor(D, 3).steps()).extracting(FunnelReport.Requirement.Step::needed)
        .containsExactly(3L);
    assertThat(amount.toTable()).contains("Prospecting").contains("13");

    assertThatThrownBy(() -> r.requiredFor(P, Money.of("9000", "USD")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EUR")
        .hasMessageContaining("USD");
    assertThatThrownBy(() -> r.requiredFor(StageId.of("won"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'won'");
    FunnelReport none = Metrics.compute(january().temperature(LeadSource.Temperature.COLD).build(),
        histories);
    assertThatThrownBy(() -> none.requiredFor(P, 1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was won");
  }

  @Test
  void filtersAndBreakdowns() {
    FunnelBreakdown byTemp = Metrics.compute(january().by(FunnelBreakdown.byTemperature()), histories);
    assertThat(byTemp.byKey().keySet()).containsExactly("cold", "warm");
    assertThat(byTemp.get("cold").cohortSize()).isEqualTo(2);
    assertThat(byTemp.get("cold").won()).isZero();
    assertThat(byTemp.get("warm").cohortSize()).isEqualTo(3);
    assertThat(byTemp.get("warm").won()).isEqualTo(2);
    assertThat(byTemp.total()).isEqualTo(Metrics.compute(january().build(), histories));

    FunnelBreakdown byChannel = Metrics.compute(january().by(FunnelBreakdown.byLeadSource()), histories);
    assertThat(byChannel.byKey().keySet())
        .containsExactly("cold:call", "warm:referral", "warm:webinar");
    assertThat(byChannel.toTable()).contains("warm:webinar").contains("total");

    FunnelReport webinar = Metrics.compute(
        january().leadSource(LeadSource.warm("webinar")).build(), histories);
    assertThat(webinar.cohortSize()).isEqualTo(2);
    assertThat(webinar.cohort()).contains("warm:webinar");
    FunnelReport custom = Metrics.compute(january()
        .where(d -> d.amount().map(m -> m.amount().compareTo(new BigDecimal("1000")) > 0)
            .orElse(false)).build(), histories);
    assertThat(custom.cohortSize()).isEqualTo(3); // D2, D3, D5
    assertThat(Metrics.compute(january().owner("bob").build(), histories).cohortSize()).isZero();
    assertThat(Metrics.compute(Metrics.funnel(PipelineTemplates.definition("saas-b2b")).by(FunnelBreakdown.byAttribute("need")),
        histories).byKey()).containsOnlyKeys("true");
  }

  @Test
  void skipMovesAreCountedOnAFreePipeline() {
    Driver x = new Driver(Driver.free());
    DealHistory h = x.create(0, "S1", "100", LeadSource.cold("call"));
    h = x.move(h, 1, "c"); // skips b
    h = x.move(h, 2, "a"); // back
    h = x.move(h, 3, "d"); // skips b, c
    FunnelReport r = Metrics.compute(Metrics.funnel(Driver.free()).build(), List.of(h));
    assertThat(r.stages()).extracting(FunnelReport.Row::skipMovesOut).containsExactly(2L, 0L, 0L, 0L);
    assertThat(r.stages()).extracting(FunnelReport.Row::backMovesOut).containsExactly(0L, 0L, 1L, 0L);
    assertThat(r.stages()).extracting(FunnelReport.Row::skipped).containsExactly(0L, 1L, 0L, 0L);
    assertThat(r.stages()).extracting(FunnelReport.Row::stuck).containsExactly(0L, 0L, 0L, 1L);
  }

  @Test
  void mixedCurrenciesAreRefusedUnlessConverted() {
    Driver x = Driver.saas();
    DealHistory usd = x.create(5, "U1", Optional.of(Money.of("100", "USD")),
        Optional.of(LeadSource.cold("call")));
    usd = x.move(usd, 6, "qualification");
    usd = x.move(usd, 7, "consideration");
    usd = x.move(usd, 8, "decision");
    usd = x.win(usd, 9);
    List<DealHistory> all = new ArrayList<>(histories);
    all.add(usd);
    assertThatThrownBy(() -> Metrics.compute(january().build(), all))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EUR").hasMessageContaining("USD");
    FunnelReport converted = Metrics.compute(january().conversion(CurrencyConversion.rates(
        Money.currency("EUR"), Map.of(Money.currency("USD"), new BigDecimal("0.5")))).build(), all);
    assertThat(converted.wonAmount()).contains(Money.of("4050", "EUR"));
  }

  @Test
  void unknownStagesAreNamed() {
    FunnelReport ok = Metrics.compute(Metrics.funnel(Driver.free()).build(), List.of());
    assertThat(ok.cohortSize()).isZero();
    assertThatThrownBy(() -> Metrics.compute(Metrics.funnel(Driver.free()).build(), histories))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'prospecting'").hasMessageContaining("'free'");
  }

  @Test
  void rendersATable() {
    FunnelReport r = Metrics.compute(january().build(), histories);
    String table = r.toTable();
    assertThat(table).contains("Prospecting").contains("Decision").contains("won")
        .contains("80.0%");
    assertThat(r.toString()).contains("5 deals").contains("won 2");
  }
}

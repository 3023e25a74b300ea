package dev.pipelinesdk.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The forecast SPI's values: what a model may know, results, lookup by name. */
class ForecastSpiTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private final Pipeline pipeline = Pipeline.of(SAAS, () -> T0);
  private final Request ana = Request.by("ana");

  private static Instant day(int d) {
    return T0.plus(Duration.ofDays(d));
  }

  private DealHistory deal(String id, int createdDay, String amount) {
    return pipeline.importDeal(NewDeal.builder().id(id).title(id)
        .amount(Optional.ofNullable(amount).map(a -> Money.of(a, "EUR"))).build(),
        ana.at(day(createdDay))).historyOrThrow();
  }

  private DealHistory lose(DealHistory h, int day) {
    return pipeline.importFact(h, new dev.pipelinesdk.core.engine.Command.MoveTo(
        StageId.of("lost")), ana.at(day(day))).historyOrThrow();
  }

  @Test
  void theInputHoldsOnlyWhatWasKnownAtTheAsOfInstant() {
    DealHistory a = deal("A", 0, "1000");
    DealHistory aLostLater = lose(a, 20);
    DealHistory b = deal("B", 1, null);
    DealHistory c = deal("C", 15, "50"); // created after the as-of instant
    ForecastInput now = ForecastInput.of(SAAS, List.of(a, b), day(10), Duration.ofDays(30));
    ForecastInput withFuture = ForecastInput.of(SAAS, List.of(aLostLater, b, c), day(10),
        Duration.ofDays(30));
    // no look-ahead: events and deals after the as-of instant change nothing
    assertThat(withFuture.histories()).isEqualTo(now.histories());
    assertThat(withFuture.open()).extracting(h -> h.dealId().value()).containsExactly("A", "B");
    assertThat(withFuture.end()).isEqualTo(day(40));
    ForecastInput after = ForecastInput.of(SAAS, List.of(aLostLater, b, c), day(25),
        Duration.ofDays(30));
    assertThat(after.open()).extracting(h -> h.dealId().value()).containsExactly("B", "C");
    assertThat(after.histories()).hasSize(3);
  }

  @Test
  void aHorizonMustBePositive() {
    assertThatThrownBy(() -> ForecastInput.of(SAAS, List.of(), T0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("horizon must be positive, not PT0S");
  }

  @Test
  void expectedValuesFollowFromTheProbabilities() {
    Forecast f = new Forecast("test", T0, Duration.ofDays(90), List.of(
        new DealForecast(deal("A", 0, null).dealId(), StageId.of("decision"),
            Optional.of(Money.of("1000", "EUR")), 0.7, "stage default"),
        new DealForecast(deal("B", 0, null).dealId(), StageId.of("prospecting"),
            Optional.of(Money.of("333.33", "EUR")), 0.05, "stage default"),
        new DealForecast(deal("C", 0, null).dealId(), StageId.of("prospecting"),
            Optional.empty(), 0.05, "stage default")));
    assertThat(f.expectedWins()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(f.expectedAmount()).contains(Money.of("716.67", "EUR")); // 700 + 16.6665
    assertThat(f.openAmount()).contains(Money.of("1333.33", "EUR"));
    assertThat(new Forecast("test", T0, Duration.ofDays(1), List.of()).expectedAmount())
        .isEmpty();
  }

  /** A double's 17 decimals times a cent amount: the sum is exact to 18 decimals, then cents. */
  @Test
  void probabilitiesWithEveryDecimalOfADoubleStillGiveAnExpectedAmount() {
    List<DealForecast> deals = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      deals.add(new DealForecast(deal("D" + i, 0, "100.01").dealId(), StageId.of("decision"),
          Optional.of(Money.of("100.01", "EUR")), 0.12345678901234567, "test"));
    }
    Forecast f = new Forecast("test", T0, Duration.ofDays(90), deals);
    assertThat(f.expectedAmount()).contains(Money.of("37.04", "EUR")); // 3 x 12.3469...
  }

  @Test
  void aProbabilityOutsideZeroAndOneIsRefusedNamingTheDeal() {
    assertThatThrownBy(() -> new DealForecast(deal("A", 0, null).dealId(), StageId.of("decision"),
        Optional.empty(), Double.NaN, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal 'A': probability must be in [0, 1], not NaN");
  }

  @Test
  void modelsAreFoundByNameAndTwoWithOneNameAreAnError() {
    ForecastModel one = new Named("weighted");
    ForecastModel two = new Named("weighted");
    assertThat(ForecastModels.byName(List.of(one, new Named("markov"))).keySet())
        .containsExactly("markov", "weighted");
    List<ForecastModel> both = new ArrayList<>(List.of(one, two));
    assertThatThrownBy(() -> ForecastModels.byName(both)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two forecast models are named 'weighted'");
    assertThatThrownBy(() -> ForecastModels.named("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no forecast model named 'nope'; known models: ");
  }

  private record Named(String name) implements ForecastModel {
    @Override
    public String assumptions() {
      return "none";
    }

    @Override
    public Forecast forecast(ForecastInput input) {
      return new Forecast(name, input.asOf(), input.horizon(), List.of());
    }
  }
}

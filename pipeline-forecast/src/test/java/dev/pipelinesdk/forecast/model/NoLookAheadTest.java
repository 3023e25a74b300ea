package dev.pipelinesdk.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.forecast.testing.KnownProcess;
import dev.pipelinesdk.testkit.gen.Histories;
import dev.pipelinesdk.forecast.testing.LookAhead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No look-ahead: events after the cutoff never change that cutoff's forecast. Random engine-made
 * histories, a random cutoff among their instants; the forecast over the whole histories equals
 * the forecast over the histories as they stood at the cutoff (cut here, independently of
 * {@link ForecastInput}).
 */
class NoLookAheadTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");


  @Test
  void laterEventsNeverChangeAForecast() {
    qt().withFixedSeed(20261201L).withExamples(150).forAll(
        lists().of(Histories.forDefinition(SAAS).histories()).ofSizeBetween(1, 25),
        integers().between(0, 10_000))
        .checkAssert((histories, pick) -> {
          Instant cutoff = LookAhead.cutoff(histories, pick);
          // naive Bayes also with a minimum count of 1, so that on these few deals the
          // attributes' ratios are actually used
          for (ForecastModel model : List.of(new WeightedModel(), new MarkovModel(),
              new CompetingRisksModel(), new NaiveBayesModel(), new NaiveBayesModel(1, 1))) {
            Forecast all = model.forecast(ForecastInput.of(SAAS, histories, cutoff,
                Duration.ofDays(90)));
            Forecast known = model.forecast(ForecastInput.of(SAAS,
                LookAhead.asTheyStood(histories, cutoff), cutoff, Duration.ofDays(90)));
            assertThat(all).isEqualTo(known);
          }
        });
  }

  /**
   * The same where the naive-Bayes update really moves probabilities, which the few random
   * histories above seldom allow (they rarely have a won and a lost deal through the same stage
   * and an open deal with a base strictly between 0 and 1): a known process's thousand deals,
   * whose amount bands count, at random cutoffs. Fails if a forecast changes or none moves.
   */
  @Test
  void laterEventsNeverChangeANaiveBayesForecastThatMoves() {
    KnownProcess process = new KnownProcess(new KnownProcess.Parameters(List.of(
        new KnownProcess.StageRates(0.6, 0.3, 0.1, 1 / 10.0),
        new KnownProcess.StageRates(0.5, 0.4, 0.1, 1 / 20.0)), 3, 365, 0.1, 8,
        KnownProcess.DEFAULT_START));
    PipelineDefinition definition = process.definition();
    List<DealHistory> histories = process.histories(3L);
    ForecastModel model = new NaiveBayesModel();
    qt().withFixedSeed(20261202L).withExamples(20).forAll(integers().between(60 * 24, 500 * 24))
        .checkAssert(hours -> {
          Instant cutoff = KnownProcess.DEFAULT_START.plus(Duration.ofHours(hours));
          Forecast all = model.forecast(ForecastInput.of(definition, histories, cutoff,
              Duration.ofDays(90)));
          Forecast known = model.forecast(ForecastInput.of(definition,
              LookAhead.asTheyStood(histories, cutoff), cutoff, Duration.ofDays(90)));
          assertThat(all).isEqualTo(known);
          assertThat(all.deals()).anySatisfy(d -> assertThat(d.basis()).contains(" odds x"));
        });
  }
}

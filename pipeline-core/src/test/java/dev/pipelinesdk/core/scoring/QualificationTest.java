package dev.pipelinesdk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.guard.GuardFactories;
import dev.pipelinesdk.core.guard.Violation;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualificationTest {
  /** lead -> mql (marketing-qualified, points >= 30) -> sql (sales-qualified, BANT) -> won. */
  static final PipelineDefinition DEFINITION = PipelineDefinition.builder("qualify")
      .stage(Stage.open("lead", "Lead", 0.05))
      .stage(Stage.open("mql", "Marketing-qualified", 0.1))
      .stage(Stage.open("sql", "Sales-qualified", 0.3))
      .stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost"))
      .transition("lead", "mql", GuardFactories.create("marketing-qualified", Map.of("min", "30")))
      .transition("mql", "sql", GuardFactories.create("sales-qualified",
          Map.of("answers", "budget, authority, need, timeline")))
      .transition("sql", "won")
      .fromEveryOpenStage("lost")
      .build();
  static final Pipeline PIPELINE = Pipeline.of(DEFINITION, InstantSource.fixed(PointsScorerTest.T0));

  static DealHistory lead() {
    return PIPELINE.create(NewDeal.builder().id("D-1").title("Acme")
        .putAttribute("industry", AttributeValue.of("saas")).build(), PointsScorerTest.at(0))
        .historyOrThrow();
  }

  @Test
  void mqlRejectsBelowTheMinimumSayingScoreMinimumAndTopContributions() {
    DealHistory h = PIPELINE.recordTouch(lead(), PointsScorerTest.REPLY, PointsScorerTest.at(0))
        .historyOrThrow();
    // day 30: industry fit 15 + one reply 5 x 0.5 (one half-life of 30 days) = 17.5 < 30
    Outcome refused = PIPELINE.move(h, "mql", PointsScorerTest.at(30));
    assertThat(refused.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(Violation.LEAD_SCORE_TOO_LOW);
      assertThat(v.guard()).isEqualTo("marketing-qualified: points >= 30");
      assertThat(v.subjects()).containsExactly("17.5");
      assertThat(v.message()).isEqualTo("deal 'D-1' scores 17.5 by 'points' at"
          + " 2026-03-31T00:00:00Z; needs at least 30 to be marketing-qualified for lead -> mql;"
          + " top contributions: industry fit +15 (industry is saas, one of [software, saas,"
          + " technology, fintech]); replies +2.5 (1 touch (replied) x 5, latest 30 days ago,"
          + " decayed to 2.50 (half-life 30 days))");
    });
    // two meetings booked the same day: + 2 x 10 = 37.5 >= 30
    for (int i = 0; i < 2; i++) {
      h = PIPELINE.recordTouch(h, PointsScorerTest.MEETING, PointsScorerTest.at(30))
          .historyOrThrow();
    }
    assertThat(PIPELINE.move(h, "mql", PointsScorerTest.at(30)).historyOrThrow().current()
        .stage().value()).isEqualTo("mql");
  }

  @Test
  void mqlWithoutAHistorySaysItNeedsOne() {
    Outcome refused = PIPELINE.move(lead().current(), "mql", PointsScorerTest.at(1));
    assertThat(refused.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(Violation.LEAD_SCORE_TOO_LOW);
      assertThat(v.subjects()).containsExactly("missing");
      assertThat(v.message()).contains("needs the deal's history");
    });
  }

  @Test
  void sqlListsEveryMissingAnswer() {
    DealHistory h = lead();
    for (Touch t : List.of(PointsScorerTest.MEETING, PointsScorerTest.MEETING,
        PointsScorerTest.MEETING)) {
      h = PIPELINE.recordTouch(h, t, PointsScorerTest.at(1)).historyOrThrow();
    }
    h = PIPELINE.move(h, "mql", PointsScorerTest.at(1)).historyOrThrow();
    h = PIPELINE.setAttribute(h, "need", AttributeValue.of(true), PointsScorerTest.at(2))
        .historyOrThrow();
    h = PIPELINE.setAttribute(h, "authority", AttributeValue.of(false), PointsScorerTest.at(2))
        .historyOrThrow();
    h = PIPELINE.setAttribute(h, "timeline", AttributeValue.of(" "), PointsScorerTest.at(2))
        .historyOrThrow();
    Outcome refused = PIPELINE.move(h, "sql", PointsScorerTest.at(3));
    assertThat(refused.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(Qualification.MISSING_ANSWERS);
      assertThat(v.guard()).isEqualTo("sales-qualified [budget, authority, need, timeline]");
      assertThat(v.subjects()).containsExactly("budget", "authority", "timeline");
      assertThat(v.message()).isEqualTo("deal 'D-1' lacks qualifying answers for mql -> sql:"
          + " budget (not answered), authority (answered no), timeline (blank)");
    });
    h = PIPELINE.setAttribute(h, "budget", AttributeValue.of(40000), PointsScorerTest.at(3))
        .historyOrThrow();
    h = PIPELINE.setAttribute(h, "authority", AttributeValue.of(true), PointsScorerTest.at(3))
        .historyOrThrow();
    h = PIPELINE.setAttribute(h, "timeline", AttributeValue.of("Q3"), PointsScorerTest.at(3))
        .historyOrThrow();
    assertThat(PIPELINE.move(h, "sql", PointsScorerTest.at(3)).violations()).isEmpty();
  }

  @Test
  void theGuardsByNameCompareByRecipeAndRefuseBadParameters() {
    assertThat(GuardFactories.create("sales-qualified", Map.of()).name())
        .isEqualTo("sales-qualified [need, buying_process, decision_maker]");
    assertThat(GuardFactories.create("marketing-qualified", Map.of("min", "50")))
        .isEqualTo(GuardFactories.create("marketing-qualified", Map.of("min", "50")));
    assertThatThrownBy(() -> GuardFactories.create("marketing-qualified", Map.of()))
        .hasMessage("guard 'marketing-qualified' needs parameter 'min'; got {}");
    assertThatThrownBy(() -> GuardFactories.create("marketing-qualified",
        Map.of("min", "50", "scorer", "nope")))
        .hasMessage("no lead scorer named 'nope'; known scorers: [points]");
    assertThatThrownBy(() -> GuardFactories.create("sales-qualified", Map.of("names", "x")))
        .hasMessage("guard 'sales-qualified' does not take parameter(s) [names]; it takes"
            + " [answers]");
    assertThatThrownBy(() -> Qualification.salesQualified("need", "need"))
        .hasMessage("qualifying answer 'need' is listed twice in [need, need]");
  }
}

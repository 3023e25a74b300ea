package dev.pipelinesdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.guard.Violation;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Losing into a named lost stage, and lost reasons that are honest about their absence. */
class LostStagesTest {
  private static final Request ANA = Request.by("ana");
  private static final StageId DENIED = StageId.of("denied");
  private static final StageId WITHDRAWN = StageId.of("withdrawn");
  // a mortgage application: two lost stages reachable from underwriting
  private final PipelineDefinition mortgage = PipelineDefinition.builder("mortgage")
      .stage(Stage.open("application", "Application", 0.2)).stage(Stage.open("underwriting", "Underwriting", 0.6))
      .stage(Stage.won("funded", "Funded")).stage(Stage.lost("denied", "Denied"))
      .stage(Stage.lost("withdrawn", "Withdrawn"))
      .path("application", "underwriting", "funded")
      .fromEveryOpenStage("denied").fromEveryOpenStage("withdrawn").build();
  private final Pipeline pipeline =
      Pipeline.of(mortgage, ManualClock.at("2026-03-02T09:00:00Z"));

  private DealHistory application() {
    return pipeline.create(NewDeal.builder().id("M-1").title("Smith").build(), ANA)
        .historyOrThrow();
  }

  @Test
  void loseNamesTheLostStageWhenSeveralCanBeReached() {
    DealHistory h = application();
    Outcome ambiguous = pipeline.lose(h, "credit score", ANA);
    assertThat(ambiguous.violations()).singleElement().extracting(Violation::code)
        .isEqualTo(Violation.AMBIGUOUS_TARGET);
    Outcome denied = pipeline.lose(h, DENIED, "credit score", ANA);
    assertThat(denied.deal().stage()).isEqualTo(DENIED);
    assertThat(denied.deal().lostReason()).contains("credit score");
    assertThat(denied.events()).singleElement().isInstanceOfSatisfying(DealEvent.Lost.class,
        l -> assertThat(l.reason()).contains("credit score"));
    Deal withdrawn = pipeline.lose(h.current(), WITHDRAWN, "found a cheaper lender", ANA)
        .orElseThrow();
    assertThat(withdrawn.stage()).isEqualTo(WITHDRAWN);
    assertThat(pipeline.execute(h, new Command.Lose(WITHDRAWN, "moved"), ANA).deal().stage())
        .isEqualTo(WITHDRAWN);
  }

  @Test
  void loseRefusesAStageThatIsNotLostOrNotReachable() {
    Deal deal = application().current();
    Outcome notLost = pipeline.lose(deal, StageId.of("underwriting"), "why", ANA);
    assertThat(notLost.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(Violation.INVALID_VALUE);
      assertThat(v.message()).isEqualTo("stage 'underwriting' is not a lost stage (its kind is"
          + " open); to lose deal 'M-1' name a lost stage");
    });
    Outcome unknown = pipeline.lose(deal, StageId.of("nowhere"), "why", ANA);
    assertThat(unknown.violations()).singleElement().extracting(Violation::code)
        .isEqualTo(Violation.UNKNOWN_STAGE);
  }

  @Test
  void aMoveIntoALostStageRecordsTheRequestsReasonOrNone() {
    Deal deal = application().current();
    Outcome noReason = pipeline.move(deal, DENIED, ANA);
    assertThat(noReason.events()).singleElement().isInstanceOfSatisfying(DealEvent.Lost.class,
        l -> assertThat(l.reason()).isEmpty());
    assertThat(noReason.deal().lostReason()).isEmpty();
    Outcome withReason = pipeline.move(deal, DENIED, ANA.withReason("income unverified"));
    assertThat(withReason.events()).singleElement().isInstanceOfSatisfying(DealEvent.Lost.class,
        l -> assertThat(l.reason()).contains("income unverified"));
    Outcome commandWins = pipeline.lose(deal, DENIED, "credit", ANA.withReason("other"));
    assertThat(commandWins.deal().lostReason()).contains("credit");
  }

  @Test
  void aLostEventRefusesAnEmptyOrBlankReason() {
    DealId id = DealId.of("M-1");
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    StageId a = StageId.of("application");
    assertThatThrownBy(() -> new DealEvent.Lost(id, t, "ana", a, DENIED, Optional.of("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lost reason");
    assertThatThrownBy(() -> new DealEvent.Lost(id, t, "ana", a, DENIED, Optional.of("  ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lost reason");
    assertThatThrownBy(() -> new DealEvent.Lost(id, t, "ana", a, DENIED, null))
        .isInstanceOf(NullPointerException.class).hasMessage("reason is null");
    assertThat(new DealEvent.Lost(id, t, "ana", a, DENIED, Optional.empty()).reason()).isEmpty();
  }
}

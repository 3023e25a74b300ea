package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.guard.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The import path: explicit instants, no guards, undeclared moves where the kinds fit. */
class ImportTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");
  private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
  private final List<Outcome.Accepted> heard = new ArrayList<>();
  private final Pipeline pipeline = Pipeline.builder(SAAS)
      .clock(ManualClock.at("2026-03-02T09:00:00Z"))
      .listener((outcome, request) -> heard.add(outcome)).build();

  private static Request crm(int day) {
    return Request.by("crm-import").at(T0.plusSeconds(86_400L * day));
  }

  private DealHistory imported() {
    // no lead score: prospecting -> qualification's guard would refuse it
    return pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(), crm(0))
        .historyOrThrow();
  }

  private static Command to(String stage) {
    return new Command.MoveTo(StageId.of(stage));
  }

  @Test
  void undeclaredUnguardedMovesAreImportedAtTheFactsInstants() {
    DealHistory h = imported();
    heard.clear();
    assertThat(pipeline.move(h, "decision", crm(1)).isAccepted())
        .as("execute refuses the undeclared skip").isFalse();
    h = pipeline.importFact(h, to("decision"), crm(1)).historyOrThrow();
    h = pipeline.importFact(h, new Command.Win(), crm(2)).historyOrThrow();
    h = pipeline.importFact(h, to("decision"), crm(3)).historyOrThrow(); // won -> decision
    h = pipeline.importFact(h, to("lost"), crm(4).withReason("budget cut")).historyOrThrow();
    h = pipeline.importFact(h, to("dormant"), crm(5)).historyOrThrow(); // lost -> dormant
    h = pipeline.importFact(h, to("prospecting"), crm(6)).historyOrThrow();
    h = pipeline.importFact(h, to("qualification"), crm(7)).historyOrThrow(); // lead score guard
    List<DealEvent> events = h.events();
    assertThat(events.subList(1, events.size())).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Moved", "Won", "Reopened", "Lost", "WentDormant", "Reopened", "Moved");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).at()).isEqualTo(T0.plusSeconds(86_400L * i));
    }
    assertThat(((DealEvent.Lost) events.get(4)).reason()).contains("budget cut");
    DealHistory all = h;
    assertThat(all.checkImportedAgainst(SAAS)).isSameAs(all);
    assertThatThrownBy(() -> all.checkAgainst(SAAS)).hasMessageContaining("declares no transition");
    assertThat(h.replay()).isEqualTo(h.current());
    assertThat(heard).as("imports record the past: no listener hears of them").isEmpty();
  }

  @Test
  void theStructureIsStillChecked() {
    DealHistory h = imported();
    assertThat(pipeline.importFact(h, to("nowhere"), crm(1)).violations())
        .extracting(Violation::code).containsExactly(Violation.UNKNOWN_STAGE);
    assertThat(pipeline.importFact(h, to("prospecting"), crm(1)).violations())
        .extracting(Violation::code).containsExactly(Violation.ALREADY_IN_STAGE);
    assertThat(pipeline.importFact(h, new Command.Lose(StageId.of("won"), "x"), crm(1))
        .violations()).extracting(Violation::code).containsExactly(Violation.INVALID_VALUE);
    DealHistory later = pipeline.importFact(h, to("decision"), crm(5)).historyOrThrow();
    Outcome behind = pipeline.importFact(later, to("consideration"), crm(4));
    assertThat(behind.violations()).extracting(Violation::code)
        .containsExactly(Violation.CLOCK_BEHIND);
    assertThat(behind.history()).containsSame(later);
    assertThat(pipeline.importFact(h, new Command.ChangeOwner(Optional.of("bad owner ")),
        crm(1)).violations()).extracting(Violation::code)
        .containsExactly(Violation.INVALID_VALUE);
  }

  @Test
  void aDealFirstSeenInAnyStageIsImportedAtItsInstantWithoutListeners() {
    heard.clear();
    NewDeal won = NewDeal.builder().id("W-1").title("Globex").stage(StageId.of("won"))
        .amount(dev.pipelinesdk.core.Money.of("900", "EUR")).build();
    Outcome.Accepted a = pipeline.importDeal(won, crm(3));
    DealHistory h = a.historyOrThrow();
    assertThat(h.current().stage()).isEqualTo(StageId.of("won"));
    assertThat(h.created().at()).isEqualTo(T0.plusSeconds(86_400L * 3));
    assertThat(h.checkImportedAgainst(SAAS)).isSameAs(h);
    assertThatThrownBy(() -> h.checkAgainst(SAAS)).isInstanceOf(
        dev.pipelinesdk.core.InvalidHistoryException.class).hasMessageContaining("open stage");
    assertThat(heard).isEmpty(); // an import records the past
    // a later fact imports onto it: reopened, as the kinds say
    Outcome reopened = pipeline.importFact(h, to("qualification"), crm(4));
    assertThat(reopened.events()).singleElement().isInstanceOf(DealEvent.Reopened.class);
    // create still refuses a non-entry stage, and says where to go
    assertThatThrownBy(() -> pipeline.create(won, crm(3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("importDeal");
    // the structure is checked: the stage exists, the instant is given
    assertThatThrownBy(() -> pipeline.importDeal(NewDeal.builder().id("X").title("X")
        .stage(StageId.of("nowhere")).build(), crm(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nowhere'");
    assertThatThrownBy(() -> pipeline.importDeal(won, Request.by("crm-import")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the instant it was created at");
    assertThatThrownBy(() -> pipeline.importDeal(null, crm(1)))
        .isInstanceOf(NullPointerException.class).hasMessage("new deal is null");
  }

  @Test
  void aFactNeedsItsInstant() {
    DealHistory h = imported();
    assertThatThrownBy(() -> pipeline.importFact(h, to("decision"), Request.by("crm-import")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the instant it happened at");
    assertThatThrownBy(() -> pipeline.importFact(null, to("decision"), crm(1)))
        .isInstanceOf(NullPointerException.class).hasMessage("history is null");
  }

  @Test
  void closingWithoutAStageNeedsAnUnambiguousOne() {
    PipelineDefinition twoLost = PipelineDefinition.builder("mortgage")
        .stage(Stage.open("application", "Application", 0.2)).stage(Stage.won("funded", "Funded"))
        .stage(Stage.lost("denied", "Denied")).stage(Stage.lost("withdrawn", "Withdrawn"))
        .transition("application", "funded").fromEveryOpenStage("denied")
        .fromEveryOpenStage("withdrawn").build();
    Pipeline p = Pipeline.of(twoLost, ManualClock.at("2026-03-02T09:00:00Z"));
    DealHistory h = p.create(NewDeal.builder().id("M-1").title("Smith").build(), crm(0))
        .historyOrThrow();
    assertThat(p.importFact(h, new Command.Lose("credit"), crm(1)).violations())
        .extracting(Violation::code).containsExactly(Violation.AMBIGUOUS_TARGET);
    assertThat(p.importFact(h, new Command.GoDormant(), crm(1)).violations())
        .extracting(Violation::code).containsExactly(Violation.NO_TRANSITION);
    assertThat(p.importFact(h, new Command.Lose(StageId.of("withdrawn"), "moved"), crm(1))
        .deal().stage().value()).isEqualTo("withdrawn");
  }

  @Test
  void everyImportedHistoryPassesTheImportCheckAndReplays() {
    List<Stage> stages = SAAS.stages();
    qt().withExamples(200).forAll(lists().of(integers().between(0, 1000)).ofSizeBetween(0, 30))
        .checkAssert(script -> {
          DealHistory h = imported();
          int day = 1;
          for (int step : script) {
            Command fact = switch (step % 5) {
              case 0 -> new Command.Win();
              case 1 -> new Command.Lose("r" + step);
              case 2 -> new Command.GoDormant();
              default -> to(stages.get(step % stages.size()).id().value());
            };
            Outcome o = pipeline.importFact(h, fact, crm(day++));
            assertThat(o.history()).isPresent();
            h = o.history().get();
          }
          assertThat(h.checkImportedAgainst(SAAS)).isSameAs(h);
          assertThat(h.replay()).isEqualTo(h.current());
        });
  }
}

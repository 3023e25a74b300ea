package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every shortcut has a history form; its outcome carries the history after the command. */
class HistoryPathTest {
  private static final Request ANA = Request.by("ana");
  private final ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
  private final Pipeline pipeline = Pipeline.of(PipelineTemplates.definition("saas-b2b"), clock);

  private DealHistory created() {
    return pipeline.create(NewDeal.builder().id("D-1").title("Acme")
        .amount(Money.of("100", "EUR"))
        .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(80)).build(), ANA).historyOrThrow();
  }

  /** The history the outcome carries is exactly the checked append of its events. */
  private DealHistory step(DealHistory before, Function<DealHistory, Outcome> command) {
    clock.advance(Duration.ofHours(1));
    Outcome outcome = command.apply(before);
    assertThat(outcome.isAccepted()).as("%s", outcome).isTrue();
    DealHistory after = outcome.historyOrThrow();
    assertThat(after).isEqualTo(before.append(outcome.events()));
    assertThat(after.current()).isEqualTo(outcome.deal()).isEqualTo(after.replay());
    assertThat(outcome.history()).containsSame(after);
    return after;
  }

  @Test
  void createCarriesItsOneEventHistory() {
    Outcome.Accepted created = pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(),
        ANA);
    assertThat(created.history()).isPresent();
    DealHistory h = created.historyOrThrow();
    assertThat(h.events()).containsExactlyElementsOf(created.events());
    assertThat(h.events()).singleElement().isInstanceOf(DealEvent.Created.class);
    assertThat(h.current()).isEqualTo(created.deal());
    assertThat(h).isEqualTo(DealHistory.of(created.events()));
  }

  @Test
  void everyShortcutHasAHistoryForm() {
    DealHistory h = created();
    h = step(h, x -> pipeline.recordTouch(x,
        Touch.outbound(Touch.Channel.CALL, Touch.Result.REPLIED), ANA));
    h = step(h, x -> pipeline.setAttribute(x, "need", AttributeValue.of(true), ANA));
    h = step(h, x -> pipeline.removeAttribute(x, "need", ANA));
    h = step(h, x -> pipeline.changeAmount(x, Money.of("200", "EUR"), ANA));
    h = step(h, x -> pipeline.changeOwner(x, "ben", ANA));
    h = step(h, x -> pipeline.overrideProbability(x, 0.4, ANA));
    h = step(h, x -> pipeline.move(x, "qualification", ANA));
    h = step(h, x -> pipeline.goDormant(x, ANA));
    h = step(h, x -> pipeline.reopen(x, StageId.of("qualification"), ANA));
    h = step(h, x -> pipeline.lose(x, "no budget", ANA));
    h = step(h, x -> pipeline.reopen(x, StageId.of("qualification"), ANA));
    h = step(h, x -> pipeline.lose(x, StageId.of("lost"), "timing", ANA));
    assertThat(h.current().lostReason()).contains("timing");
    h = step(h, x -> pipeline.execute(x, new Command.MoveTo(StageId.of("qualification")), ANA));
    h = step(h, x -> pipeline.executeAll(x, List.of(new Command.ChangeOwner(Optional.of("ana")),
        new Command.RecordTouch(Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED))), ANA));
    assertThat(h.size()).isEqualTo(16);
    assertThat(h.events().get(0)).isInstanceOf(DealEvent.Created.class);
  }

  @Test
  void winHasAHistoryForm() {
    PipelineDefinition d = PipelineDefinition.builder("short").stage(Stage.open("a", "A", 0.5))
        .stage(Stage.won("won", "Won")).transition("a", "won").build();
    Pipeline p = Pipeline.of(d, clock);
    DealHistory h = p.create(NewDeal.builder().id("D-9").title("T").build(), ANA)
        .historyOrThrow();
    Outcome won = p.win(h, ANA);
    assertThat(won.historyOrThrow().current().stage().value()).isEqualTo("won");
    assertThat(won.historyOrThrow().size()).isEqualTo(2);
  }

  @Test
  void aRejectionCarriesTheSameHistoryAndHistoryOrThrowThrows() {
    DealHistory h = created();
    Outcome rejected = pipeline.move(h, "decision", ANA);
    assertThat(rejected.isAccepted()).isFalse();
    assertThat(rejected.history()).containsSame(h);
    assertThatThrownBy(rejected::historyOrThrow).isInstanceOf(RejectedException.class)
        .hasMessageContaining("no_transition");
    Outcome batch = pipeline.executeAll(h, List.of(new Command.ChangeOwner(Optional.of("ben")),
        new Command.MoveTo(StageId.of("decision"))), ANA);
    assertThat(batch.isAccepted()).isFalse();
    assertThat(batch.history()).containsSame(h);
    assertThat(batch.deal()).isSameAs(h.current());
  }

  @Test
  void aNoOpCarriesTheSameHistory() {
    DealHistory h = created();
    Outcome same = pipeline.changeAmount(h, Money.of("100", "EUR"), ANA);
    assertThat(same.events()).isEmpty();
    assertThat(same.historyOrThrow()).isSameAs(h);
  }

  @Test
  void aBareDealOutcomeHasNoHistoryAndSaysHowToGetOne() {
    Deal deal = created().current();
    clock.advance(Duration.ofHours(1));
    Outcome moved = pipeline.move(deal, "qualification", ANA);
    assertThat(moved.isAccepted()).isTrue();
    assertThat(moved.history()).isEmpty();
    assertThatThrownBy(moved::historyOrThrow).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ran on a bare Deal")
        .hasMessageContaining("pass the DealHistory to the pipeline");
    Outcome rejected = pipeline.move(deal, "decision", ANA);
    assertThat(rejected.history()).isEmpty();
    assertThatThrownBy(rejected::historyOrThrow).isInstanceOf(RejectedException.class);
  }

  @Test
  void guardsSeeTheHistoryIncludingABatchsEarlierEvents() {
    List<Optional<DealHistory>> seen = new ArrayList<>();
    Guard spy = Guard.named("spy", c -> {
      seen.add(c.history());
      return Verdict.pass();
    });
    PipelineDefinition d = PipelineDefinition.builder("spied").stage(Stage.open("a", "A", 0.1))
        .stage(Stage.open("b", "B", 0.5)).stage(Stage.won("won", "Won")).transition("a", "b", spy)
        .transition("b", "won", spy).build();
    Pipeline p = Pipeline.of(d, clock);
    DealHistory h = p.create(NewDeal.builder().id("D-7").title("T").build(), ANA)
        .historyOrThrow();
    DealHistory moved = p.move(h, "b", ANA).historyOrThrow();
    assertThat(seen).containsExactly(Optional.of(h));
    seen.clear();
    Outcome batch = p.executeAll(moved, List.of(new Command.ChangeOwner(Optional.of("ana")),
        new Command.Win()), ANA);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)).get().satisfies(x -> {
      assertThat(x.size()).isEqualTo(3);
      assertThat(x.current().owner()).contains("ana");
    });
    assertThat(batch.historyOrThrow().size()).isEqualTo(4);
    assertThat(batch.historyOrThrow()).isEqualTo(moved.append(batch.events()));
    seen.clear();
    p.move(h.current(), "b", ANA);
    assertThat(seen).containsExactly(Optional.empty());
  }
}

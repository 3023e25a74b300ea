package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.guard.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeTest {
  private final Pipeline pipeline =
      Pipeline.of(PipelineTemplates.definition("saas-b2b"), ManualClock.at("2026-03-02T09:00:00Z"));
  private final Outcome.Accepted created =
      pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(), Request.by("ana"));

  @Test
  void orElseThrowThrowsWithEveryReason() {
    Deal deal = pipeline.move(created.deal(), "lost", Request.by("ana")).orElseThrow();
    Deal requalified = pipeline.move(deal, "qualification", Request.by("ana")).orElseThrow();
    // qualification -> consideration needs three attributes: one violation names all three.
    Outcome rejected = pipeline.move(requalified, "consideration", Request.by("ana"));
    RejectedException e = catchThrowableOfType(RejectedException.class, rejected::orElseThrow);
    assertThat(e.rejection()).isSameAs(rejected);
    assertThat(e).hasMessage(rejected.toString());
    assertThat(e.getMessage()).isEqualTo("Rejected MoveTo[to=consideration] for deal 'D-1' in "
        + "qualification:" + System.lineSeparator() + "  - [sales-qualified [need, "
        + "buying_process, decision_maker]] missing_qualifying_answers: deal 'D-1' lacks "
        + "qualifying answers for sales-qualified (qualification -> consideration): need (not "
        + "answered), buying_process (not answered), decision_maker (not answered)");
  }

  @Test
  void negativeZeroIsTheSameProbabilityAsZero() {
    Deal zero = pipeline.overrideProbability(created.deal(), 0.0, Request.by("ana")).orElseThrow();
    Outcome again = pipeline.overrideProbability(zero, -0.0, Request.by("ana"));
    assertThat(again.isAccepted()).isTrue();
    assertThat(again.events()).as("-0.0 after 0.0 changes nothing").isEmpty();
    assertThat(again.deal()).isEqualTo(zero);
  }

  @Test
  void rejectedExceptionListsSeveralReasons() {
    Outcome.Rejected r = new Outcome.Rejected(created.deal(), new Command.Win(), List.of(
        new Violation("g1", "c1", "first reason", List.of()),
        new Violation("g2", "c2", "second reason", List.of("x"))), null);
    assertThatThrownBy(r::orElseThrow).isInstanceOf(RejectedException.class)
        .hasMessage("Rejected Win[] for deal 'D-1' in prospecting:" + System.lineSeparator()
            + "  - [g1] c1: first reason" + System.lineSeparator() + "  - [g2] c2: second reason");
    assertThatThrownBy(
        () -> new Outcome.Rejected(created.deal(), new Command.Win(), List.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rejection needs at least one violation");
  }

  @Test
  void acceptedOutcomes() {
    assertThat(created.previous()).isEmpty();
    assertThat(created.orElseThrow()).isSameAs(created.deal());
    assertThat(created.violations()).isEmpty();
    DealHistory history = DealHistory.of(created.events());
    Outcome touched = pipeline.execute(history, new Command.RecordTouch(
        dev.pipelinesdk.core.Touch.inbound(dev.pipelinesdk.core.Touch.Channel.CALL,
            dev.pipelinesdk.core.Touch.Result.REPLIED)), Request.by("ana"));
    assertThat(touched.appendTo(history).size()).isEqualTo(2);
    assertThat(touched.appendTo(history).current()).isEqualTo(touched.deal());
    Outcome noop = pipeline.execute(created.deal(), new Command.ChangeOwner(Optional.empty()),
        Request.by("ana"));
    assertThat(noop.appendTo(history)).isSameAs(history);
    Outcome rejected = pipeline.move(created.deal(), "won", Request.by("ana"));
    assertThat(rejected.appendTo(history)).isSameAs(history);
  }
}

package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.guard.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A request's explicit instant wins over the clock, for every command, create and batches. */
class ExplicitTimeTest {
  private static final Instant CLOCK = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant T1 = Instant.parse("2026-04-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-04-02T11:00:00Z");
  private final ManualClock clock = ManualClock.at(CLOCK.toString());
  private final Pipeline pipeline = Pipeline.of(PipelineTemplates.definition("saas-b2b"), clock);

  private Outcome.Accepted create(Request request) {
    return pipeline.create(NewDeal.builder().id("D-1").title("Acme")
        .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(80)).build(), request);
  }

  @Test
  void theRequestsInstantIsUsedInsteadOfTheClock() {
    Outcome.Accepted created = create(Request.by("ana").at(T1));
    assertThat(created.deal().createdAt()).isEqualTo(T1);
    assertThat(created.events().get(0).at()).isEqualTo(T1);
    Outcome moved = pipeline.move(created.deal(), StageId.of("qualification"),
        Request.by("ana").at(T2));
    assertThat(moved.events()).singleElement().extracting(DealEvent::at).isEqualTo(T2);
    assertThat(moved.deal().stageEnteredAt()).isEqualTo(T2);
    DealHistory h = created.historyOrThrow();
    Outcome touched = pipeline.execute(h, new Command.ChangeOwner(Optional.of("ben")),
        Request.by("ana").at(T2));
    assertThat(touched.events().get(0).at()).isEqualTo(T2);
    assertThat(clock.instant()).as("the clock was not consulted or moved").isEqualTo(CLOCK);
  }

  @Test
  void aBatchUsesTheRequestsInstantForEveryEvent() {
    Deal deal = create(Request.by("ana").at(T1)).deal();
    Outcome batch = pipeline.executeAll(deal, List.of(
        new Command.MoveTo(StageId.of("qualification")),
        new Command.ChangeOwner(Optional.of("ben"))), Request.by("ana").at(T2));
    assertThat(batch.events()).hasSize(2).allSatisfy(e -> assertThat(e.at()).isEqualTo(T2));
  }

  @Test
  void withoutAnInstantTheClockSays() {
    Outcome.Accepted created = create(Request.by("ana"));
    assertThat(created.deal().createdAt()).isEqualTo(CLOCK);
  }

  @Test
  void anInstantBeforeTheDealsLatestChangeIsRejected() {
    Deal deal = create(Request.by("ana").at(T2)).deal();
    Outcome behind = pipeline.move(deal, "qualification", Request.by("ana").at(T1));
    assertThat(behind.isAccepted()).isFalse();
    assertThat(behind.violations()).singleElement().extracting(Violation::code)
        .isEqualTo(Violation.CLOCK_BEHIND);
  }

  @Test
  void theInstantSurvivesTheOtherWithers() {
    Request r = Request.by("ana").at(T1).withRoles("manager").withReason("why not");
    assertThat(r.at()).contains(T1);
    assertThat(r.roles()).isEqualTo(Set.of("manager"));
    assertThat(r.reason()).contains("why not");
    assertThat(Request.by("ana").at()).isEmpty();
    assertThat(Request.system().at()).isEmpty();
    assertThat(new Request("ana", Set.of(), Optional.empty()).at()).isEmpty();
  }
}

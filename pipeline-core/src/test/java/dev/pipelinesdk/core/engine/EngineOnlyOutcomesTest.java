package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.StageId;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only the engine makes outcomes, and no command writes shared state. Before: Outcome.Accepted
 * had a public constructor (any events, any deal), Outcome.Rejected was a record (a public
 * canonical constructor), Accepted kept its events in an Object field, and a move looked up with
 * an equal StageId wrote Plan.Edge.alias.
 */
class EngineOnlyOutcomesTest {
  private final Pipeline pipeline =
      Pipeline.of(PipelineTemplates.definition("saas-b2b"), ManualClock.at("2026-03-02T09:00:00Z"));

  @Test
  void neitherOutcomeHasAPublicOrProtectedConstructor() {
    for (Class<?> type : List.of(Outcome.Accepted.class, Outcome.Rejected.class,
        HandoffOutcome.Accepted.class, HandoffOutcome.Rejected.class)) {
      assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", type).isTrue();
      assertThat(type.isRecord()).as("%s is a record", type).isFalse();
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        assertThat(Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()))
            .as("%s", c).isFalse();
      }
    }
  }

  @Test
  void outcomesHoldTypedFieldsOnly() {
    for (Class<?> type : List.of(Outcome.Accepted.class, Outcome.Rejected.class)) {
      assertThat(Arrays.stream(type.getDeclaredFields()).map(Field::getType))
          .as("fields of %s", type).doesNotContain(Object.class);
    }
  }

  @Test
  void aPlanIsNeverWrittenAfterItIsBuilt() {
    for (Class<?> type : List.of(Plan.class, Plan.Edge.class)) {
      for (Field f : type.getDeclaredFields()) {
        assertThat(Modifier.isFinal(f.getModifiers())).as("%s is final", f).isTrue();
      }
    }
  }

  @Test
  void rejectedIsAValueWithItsAccessors() {
    Deal deal = pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(),
        Request.by("ana")).deal();
    Outcome.Rejected a = (Outcome.Rejected) pipeline.move(deal, "won", Request.by("ana"));
    Outcome.Rejected b = (Outcome.Rejected) pipeline.move(deal, StageId.of("won"),
        Request.by("ana"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotSameAs(b);
    assertThat(a.deal()).isSameAs(deal);
    assertThat(a.command()).isEqualTo(new Command.MoveTo(StageId.of("won")));
    assertThat(a.violations()).hasSize(1);
    assertThat(a.events()).isEmpty();
    assertThat(a).hasToString("Rejected MoveTo[to=won] for deal 'D-1' in prospecting:"
        + System.lineSeparator() + "  - " + a.violations().get(0));
    Outcome.Rejected other = (Outcome.Rejected) pipeline.win(deal, Request.by("ana"));
    assertThat(a).isNotEqualTo(other);
    DealHistory h = DealHistory.of(
        pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(), Request.by("ana"))
            .events());
    assertThat(pipeline.move(h, "won", Request.by("ana"))).as("the history is part of the value")
        .isNotEqualTo(pipeline.move(h.current(), "won", Request.by("ana")));
  }

  @Test
  void acceptedIsAValue() {
    Outcome.Accepted created = pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(),
        Request.by("ana"));
    Outcome a = pipeline.changeOwner(created.deal(), "ben", Request.by("ana"));
    Outcome b = pipeline.changeOwner(created.deal(), "ben", Request.by("ana"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.events()).singleElement().isInstanceOf(DealEvent.OwnerChanged.class);
    assertThat(a.toString()).startsWith("Accepted[previous=Optional[");
  }
}

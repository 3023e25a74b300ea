package dev.pipelinesdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.InvalidHistoryException;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The expected close date goes through the engine like the amount and the owner. */
class CloseDateTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");
  private static final LocalDate MARCH_31 = LocalDate.of(2026, 3, 31);
  private static final LocalDate APRIL_30 = LocalDate.of(2026, 4, 30);
  private final ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
  private final List<Outcome.Accepted> heard = new ArrayList<>();
  private final Pipeline pipeline = Pipeline.builder(SAAS).clock(clock)
      .listener((outcome, request) -> heard.add(outcome)).build();

  private DealHistory created(Optional<LocalDate> closeDate) {
    return pipeline.create(NewDeal.builder().id("D-1").title("Acme").closeDate(closeDate).build(),
        Request.by("ana")).historyOrThrow();
  }

  @Test
  void theCreatedEventCarriesTheCloseDate() {
    DealHistory h = created(Optional.of(MARCH_31));
    assertThat(h.current().closeDate()).contains(MARCH_31);
    assertThat(h.created().deal().closeDate()).contains(MARCH_31);
    assertThat(created(Optional.empty()).current().closeDate()).isEmpty();
  }

  @Test
  void setPushAndClearEachRecordThePreviousValue() {
    DealHistory h = created(Optional.empty());
    Instant t1 = clock.advance(Duration.ofHours(1)).instant();
    Outcome set = pipeline.changeCloseDate(h, MARCH_31, Request.by("ana"));
    assertThat(set.events()).containsExactly(new DealEvent.CloseDateChanged(DealId.of("D-1"), t1,
        "ana", Optional.empty(), Optional.of(MARCH_31)));
    assertThat(set.deal().closeDate()).contains(MARCH_31);
    assertThat(set.deal().updatedAt()).isEqualTo(t1);

    Instant t2 = clock.advance(Duration.ofDays(20)).instant();
    Outcome pushed = pipeline.changeCloseDate(set.historyOrThrow(), APRIL_30, Request.by("ben"));
    assertThat(pushed.events()).containsExactly(new DealEvent.CloseDateChanged(DealId.of("D-1"),
        t2, "ben", Optional.of(MARCH_31), Optional.of(APRIL_30)));
    assertThat(pushed.deal().closeDate()).contains(APRIL_30);

    Outcome cleared = pipeline.execute(pushed.historyOrThrow(),
        new Command.ChangeCloseDate(Optional.empty()), Request.by("ben"));
    assertThat(cleared.events()).containsExactly(new DealEvent.CloseDateChanged(DealId.of("D-1"),
        t2, "ben", Optional.of(APRIL_30), Optional.empty()));
    assertThat(cleared.deal().closeDate()).isEmpty();
    // every other field is as it was
    assertThat(cleared.deal()).isEqualTo(Deal.builder().from(h.current()).updatedAt(t2).build());

    DealHistory all = cleared.historyOrThrow();
    assertThat(all.size()).isEqualTo(4);
    assertThat(all.replay()).isEqualTo(all.current()).isEqualTo(cleared.deal());
    assertThat(DealHistory.of(all.events()).current()).isEqualTo(cleared.deal());
    assertThat(heard).hasSize(4); // the creation and the three changes
    assertThat(heard.get(3).events()).isEqualTo(cleared.events());
  }

  @Test
  void theSameDateIsANoOpAsForTheOtherFields() {
    DealHistory h = created(Optional.of(MARCH_31));
    heard.clear();
    clock.advance(Duration.ofHours(1));
    Outcome same = pipeline.changeCloseDate(h, MARCH_31, Request.by("ana"));
    assertThat(same.isAccepted()).isTrue();
    assertThat(same.events()).isEmpty();
    assertThat(same.deal()).isSameAs(h.current());
    assertThat(same.historyOrThrow()).isSameAs(h);
    Outcome sameOwner = pipeline.execute(h, new Command.ChangeOwner(Optional.empty()),
        Request.by("ana"));
    assertThat(sameOwner.events()).as("the owner behaves the same").isEmpty();
    DealHistory none = created(Optional.empty());
    heard.clear();
    assertThat(pipeline.execute(none, new Command.ChangeCloseDate(Optional.empty()),
        Request.by("ana")).events()).isEmpty();
    assertThat(heard).as("no-ops are not heard").isEmpty();
  }

  @Test
  void aClosedDealsCloseDateChangesAsItsOwnerDoes() {
    // field changes are not guarded and not refused in closed stages: the close date follows
    DealHistory lost = pipeline.move(created(Optional.of(MARCH_31)), "lost", Request.by("ana"))
        .historyOrThrow();
    assertThat(SAAS.stage(lost.current().stage()).orElseThrow().isOpen()).isFalse();
    Outcome owner = pipeline.changeOwner(lost, "ben", Request.by("ana"));
    assertThat(owner.isAccepted()).isTrue();
    assertThat(owner.events()).hasSize(1);
    Outcome date = pipeline.changeCloseDate(lost, APRIL_30, Request.by("ana"));
    assertThat(date.isAccepted()).isTrue();
    assertThat(date.deal().closeDate()).contains(APRIL_30);
    assertThat(date.deal().stage()).isEqualTo(StageId.of("lost"));
  }

  @Test
  void aChangeBeforeTheDealsLatestEventIsRejected() {
    DealHistory h = created(Optional.empty());
    clock.set(Instant.parse("2026-03-01T00:00:00Z"));
    Outcome behind = pipeline.changeCloseDate(h, MARCH_31, Request.by("ana"));
    assertThat(behind.isAccepted()).isFalse();
    assertThat(behind.violations()).extracting(Violation::code)
        .containsExactly(Violation.CLOCK_BEHIND);
    assertThat(behind.deal()).isSameAs(h.current());
  }

  @Test
  void importedCloseDatesTakeTheFactsInstantWithoutListeners() {
    Instant t0 = Instant.parse("2025-01-06T09:00:00Z");
    DealHistory h = pipeline.importDeal(NewDeal.builder().id("D-1").title("Acme")
        .closeDate(MARCH_31).build(), Request.by("crm-import").at(t0)).historyOrThrow();
    heard.clear();
    Instant t1 = t0.plus(Duration.ofDays(3));
    Outcome pushed = pipeline.importFact(h,
        new Command.ChangeCloseDate(Optional.of(APRIL_30)), Request.by("crm-import").at(t1));
    assertThat(pushed.events()).containsExactly(new DealEvent.CloseDateChanged(DealId.of("D-1"),
        t1, "crm-import", Optional.of(MARCH_31), Optional.of(APRIL_30)));
    assertThat(pushed.historyOrThrow().checkImportedAgainst(SAAS).current().closeDate())
        .contains(APRIL_30);
    assertThat(heard).isEmpty();
    Outcome earlier = pipeline.importFact(pushed.historyOrThrow(),
        new Command.ChangeCloseDate(Optional.empty()), Request.by("crm-import").at(t0));
    assertThat(earlier.violations()).extracting(Violation::code)
        .containsExactly(Violation.CLOCK_BEHIND);
  }

  @Test
  void aBatchSetsTheDateWithAMove() {
    DealHistory h = created(Optional.empty());
    Outcome both = pipeline.executeAll(h, List.of(new Command.MoveTo(StageId.of("lost")),
        new Command.ChangeCloseDate(Optional.of(MARCH_31))), Request.by("ana"));
    assertThat(both.events()).hasSize(2);
    assertThat(both.events().get(1)).isInstanceOf(DealEvent.CloseDateChanged.class);
    assertThat(both.historyOrThrow().replay()).isEqualTo(both.deal());
    assertThat(both.deal().closeDate()).contains(MARCH_31);
  }

  @Test
  void aHistoryRefusesAnInconsistentPreviousCloseDate() {
    DealHistory h = created(Optional.of(MARCH_31));
    Instant at = h.current().updatedAt();
    DealEvent fromNothing = new DealEvent.CloseDateChanged(DealId.of("D-1"), at, "ana",
        Optional.empty(), Optional.of(APRIL_30));
    assertThatThrownBy(() -> h.append(fromNothing)).isInstanceOf(InvalidHistoryException.class)
        .hasMessage("event 1: close date of deal 'D-1' is Optional[2026-03-31] but the event says"
            + " it was Optional.empty: " + fromNothing);
    DealEvent fromOther = new DealEvent.CloseDateChanged(DealId.of("D-1"), at, "ana",
        Optional.of(APRIL_30), Optional.empty());
    assertThatThrownBy(() -> DealHistory.of(h.created(), fromOther))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessageStartingWith("event 1: close date of deal 'D-1' is Optional[2026-03-31] but"
            + " the event says it was Optional[2026-04-30]");
    assertThatThrownBy(() -> h.current().apply(fromOther))
        .isInstanceOf(InvalidHistoryException.class);
  }

  @Test
  void nullsAreNamed() {
    assertThatThrownBy(() -> new Command.ChangeCloseDate(null))
        .isInstanceOf(NullPointerException.class).hasMessage("closeDate is null");
    DealHistory h = created(Optional.empty());
    assertThatThrownBy(() -> pipeline.changeCloseDate(h, null, Request.by("ana")))
        .isInstanceOf(NullPointerException.class).hasMessage("closeDate is null");
    assertThatThrownBy(() -> new DealEvent.CloseDateChanged(DealId.of("D-1"), Instant.EPOCH,
        "ana", null, Optional.empty())).isInstanceOf(NullPointerException.class)
        .hasMessage("previous is null");
    assertThatThrownBy(() -> new DealEvent.CloseDateChanged(DealId.of("D-1"), Instant.EPOCH,
        "ana", Optional.empty(), null)).isInstanceOf(NullPointerException.class)
        .hasMessage("closeDate is null");
  }

  @Test
  void theDealsValueIncludesItsCloseDate() {
    Deal with = created(Optional.of(MARCH_31)).current();
    Deal without = Deal.builder().from(with).closeDate(Optional.empty()).build();
    assertThat(Deal.builder().from(with).build()).isEqualTo(with).hasSameHashCodeAs(with);
    assertThat(without).isNotEqualTo(with);
    assertThat(without.closeDate()).isEmpty();
    assertThat(Deal.builder().from(without).closeDate(MARCH_31).build()).isEqualTo(with);
    assertThat(with.toString()).contains(", closeDate=2026-03-31");
    assertThat(without.toString()).doesNotContain("closeDate");
  }
}

package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DealHistoryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final DealId D1 = DealId.of("D-1");
  private static final Deal DEAL = Deal.builder().id(D1).title("Acme")
      .stage(StageId.of("prospecting")).createdAt(T0).build();
  private static final DealEvent.Created CREATED = new DealEvent.Created(D1, T0, "ana", DEAL);

  @Test
  void appendChecksOnlyTheNewEventsAndHistoriesCompareByEvents() {
    DealEvent.OwnerChanged owner = new DealEvent.OwnerChanged(D1, T0.plusSeconds(60), "ana",
        Optional.empty(), Optional.of("ben"));
    DealHistory one = DealHistory.of(CREATED);
    DealHistory two = one.append(owner);
    assertThat(one.append(List.of())).isSameAs(one);
    assertThat(two).isEqualTo(DealHistory.of(List.of(CREATED, owner)))
        .hasSameHashCodeAs(DealHistory.of(CREATED, owner)).isNotEqualTo(one);
    assertThat(two.current().owner()).contains("ben");
    assertThat(two.current().updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(two.dealId()).isEqualTo(D1);
    assertThat(two.events()).containsExactly(CREATED, owner);
    assertThat(one.size()).isEqualTo(1);
    assertThatThrownBy(() -> two.events().add(owner))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sameInstantEventsAreInOrderAndLostReasonOnlyLivesInALostStage() {
    DealEvent lost = new DealEvent.Lost(D1, T0, "ana", StageId.of("prospecting"),
        StageId.of("lost"), java.util.Optional.of("no budget"));
    DealEvent reopened = new DealEvent.Reopened(D1, T0, "ana", StageId.of("lost"),
        StageId.of("prospecting"));
    DealHistory h = DealHistory.of(CREATED, lost);
    assertThat(h.current().lostReason()).contains("no budget");
    assertThat(h.append(reopened).current().lostReason()).isEmpty();
    assertThat(h.append(reopened).replay()).isEqualTo(h.append(reopened).current());
  }

  @Test
  void createdEventMustMatchItsDeal() {
    assertThatThrownBy(() -> new DealEvent.Created(DealId.of("D-2"), T0, "ana", DEAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("created event for deal 'D-2' at 2026-03-02T09:00:00Z does not match its "
            + "deal 'D-1' created at 2026-03-02T09:00:00Z updated at 2026-03-02T09:00:00Z");
  }
}

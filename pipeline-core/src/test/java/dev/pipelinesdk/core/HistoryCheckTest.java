package dev.pipelinesdk.core;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Histories checked against a definition. Before, DealHistory accepted a won event into a stage
 * the definition does not have, and metrics failed much later.
 */
class HistoryCheckTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final DealId D1 = DealId.of("D-1");

  private static DealEvent.Created createdIn(String stage) {
    return new DealEvent.Created(D1, T0, "ana", Deal.builder().id(D1).title("Acme")
        .stage(StageId.of(stage)).createdAt(T0).build());
  }

  /** A history from prospecting through the given stage changes, one hour apart. */
  private static DealHistory history(String start, DealEvent... changes) {
    List<DealEvent> events = new ArrayList<>();
    events.add(createdIn(start));
    events.addAll(List.of(changes));
    return DealHistory.of(events);
  }

  private static Instant at(int hours) {
    return T0.plusSeconds(3600L * hours);
  }

  private static DealEvent moved(int h, String from, String to) {
    return new DealEvent.Moved(D1, at(h), "ana", StageId.of(from), StageId.of(to));
  }

  private static DealEvent won(int h, String from, String to) {
    return new DealEvent.Won(D1, at(h), "ana", StageId.of(from), StageId.of(to));
  }

  private static DealEvent lost(int h, String from, String to) {
    return new DealEvent.Lost(D1, at(h), "ana", StageId.of(from), StageId.of(to),
        Optional.empty());
  }

  private static DealEvent dormant(int h, String from, String to) {
    return new DealEvent.WentDormant(D1, at(h), "ana", StageId.of(from), StageId.of(to));
  }

  private static DealEvent reopened(int h, String from, String to) {
    return new DealEvent.Reopened(D1, at(h), "ana", StageId.of(from), StageId.of(to));
  }

  private static void refusedByBoth(DealHistory h, String message) {
    assertThatThrownBy(() -> h.checkAgainst(SAAS)).isInstanceOf(InvalidHistoryException.class)
        .hasMessageStartingWith(message);
    assertThatThrownBy(() -> h.checkImportedAgainst(SAAS))
        .isInstanceOf(InvalidHistoryException.class).hasMessageStartingWith(message);
  }

  @Test
  void aDeclaredHistoryPassesBoth() {
    DealHistory h = history("prospecting", moved(1, "prospecting", "qualification"),
        dormant(2, "qualification", "dormant"), reopened(3, "dormant", "consideration"),
        moved(4, "consideration", "decision"), lost(5, "decision", "lost"),
        reopened(6, "lost", "qualification"), moved(7, "qualification", "consideration"),
        moved(8, "consideration", "decision"), won(9, "decision", "won"),
        new DealEvent.OwnerChanged(D1, at(10), "ana", Optional.empty(), Optional.of("ben")));
    assertThat(h.checkAgainst(SAAS)).isSameAs(h);
    assertThat(h.checkImportedAgainst(SAAS)).isSameAs(h);
  }

  @Test
  void aWonEventIntoAStageTheDefinitionLacksIsRefused() {
    refusedByBoth(history("prospecting", moved(1, "prospecting", "qualification"),
        won(2, "qualification", "closed-won")), "deal 'D-1', event 2, stage 'closed-won' in "
        + "pipeline 'saas-b2b': the pipeline has no such stage: Won[");
  }

  @Test
  void theCreatedStageExistsAndIsOpenUnlessImported() {
    refusedByBoth(history("nowhere"), "deal 'D-1', event 0, stage 'nowhere' in pipeline "
        + "'saas-b2b': the pipeline has no such stage");
    DealHistory firstSeenWon = history("won");
    assertThatThrownBy(() -> firstSeenWon.checkAgainst(SAAS))
        .isInstanceOf(InvalidHistoryException.class).hasMessageStartingWith("deal 'D-1', event"
            + " 0, stage 'won' in pipeline 'saas-b2b': a deal is created in an open stage, not"
            + " in a won stage");
    // an export may start a deal's history when it is already won
    assertThat(firstSeenWon.checkImportedAgainst(SAAS)).isSameAs(firstSeenWon);
  }

  @Test
  void eventKindsAgreeWithStageKinds() {
    refusedByBoth(history("prospecting", won(1, "prospecting", "lost")),
        "deal 'D-1', event 1, stage 'lost' in pipeline 'saas-b2b': a won event enters a won "
            + "stage, not a lost stage");
    refusedByBoth(history("prospecting", lost(1, "prospecting", "dormant")),
        "deal 'D-1', event 1, stage 'dormant' in pipeline 'saas-b2b': a lost event enters a lost "
            + "stage, not a dormant stage");
    refusedByBoth(history("prospecting", dormant(1, "prospecting", "qualification")),
        "deal 'D-1', event 1, stage 'qualification' in pipeline 'saas-b2b': a went-dormant event "
            + "enters a dormant stage, not an open stage");
    refusedByBoth(history("prospecting", moved(1, "prospecting", "won")),
        "deal 'D-1', event 1, stage 'won' in pipeline 'saas-b2b': a move is between open "
            + "stages, not from an open stage to a won stage");
    refusedByBoth(history("prospecting", reopened(1, "prospecting", "qualification")),
        "deal 'D-1', event 1, stage 'qualification' in pipeline 'saas-b2b': a reopening goes "
            + "from a dormant, won or lost stage into an open stage, not from an open stage to an "
            + "open stage");
    refusedByBoth(history("prospecting", lost(1, "prospecting", "lost"),
        reopened(2, "lost", "won")), "deal 'D-1', event 2, stage 'won' in pipeline 'saas-b2b': a "
        + "reopening goes from a dormant, won or lost stage into an open stage, not from a lost "
        + "stage to a won stage");
  }

  @Test
  void undeclaredMovesAreAllowedOnlyForImports() {
    DealHistory skip = history("prospecting", moved(1, "prospecting", "decision"),
        won(2, "decision", "won"), reopened(3, "won", "decision"));
    assertThatThrownBy(() -> skip.checkAgainst(SAAS)).isInstanceOf(InvalidHistoryException.class)
        .hasMessageStartingWith("deal 'D-1', event 1, stage 'decision' in pipeline 'saas-b2b': "
            + "the pipeline declares no transition from 'prospecting' to 'decision' "
            + "(checkImportedAgainst allows undeclared moves in imported histories)");
    assertThat(skip.checkImportedAgainst(SAAS)).isSameAs(skip);
  }

  @Test
  void nullDefinitionIsNamed() {
    DealHistory h = history("prospecting");
    assertThatThrownBy(() -> h.checkAgainst(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("definition is null");
  }
}

package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.pipelinesdk.core.Blueprint;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.PipelineDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** History is the truth: replaying the accepted events rebuilds the deal exactly. */
class ReplayPropertyTest {

  /** Drives a script and checks every step; returns the accepted events and the final deal. */
  static Run drive(PipelineDefinition definition, int seed, List<Integer> script) {
    ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
    Pipeline pipeline = Pipeline.of(definition, clock);
    Outcome.Accepted created = pipeline.create(Scripts.newDeal("D-" + seed, seed), Request.by("ana"));
    assertThat(created.events()).singleElement().isInstanceOf(DealEvent.Created.class);
    List<DealEvent> events = new ArrayList<>(created.events());
    Deal deal = created.deal();
    DealHistory history = DealHistory.of(created.events());
    int accepted = 0;
    for (int step : script) {
      clock.advance(Scripts.advance(step));
      Command command = Scripts.command(definition, deal, step);
      boolean viaHistory = step % 2 == 1;
      Deal given = viaHistory ? history.current() : deal;
      Outcome outcome = viaHistory
          ? pipeline.execute(history, command, Scripts.request(step))
          : pipeline.execute(deal, command, Scripts.request(step));
      if (outcome.isAccepted()) {
        Deal expected = deal;
        for (DealEvent e : outcome.events()) {
          assertThat(e.at()).isEqualTo(clock.instant());
          assertThat(e.dealId()).isEqualTo(deal.id());
          expected = expected.apply(e);
        }
        assertThat(outcome.deal()).isEqualTo(expected);
        assertThat(outcome.events()).hasSizeLessThanOrEqualTo(1);
        accepted += outcome.events().size();
        events.addAll(outcome.events());
        DealHistory checked = outcome.appendTo(history);
        // the engine's unchecked append is the checked one
        assertThat(outcome.history()).isEqualTo(viaHistory ? Optional.of(checked)
            : Optional.empty());
        history = checked;
      } else {
        assertThat(outcome.history()).isEqualTo(viaHistory ? Optional.of(history)
            : Optional.empty());
        assertThat(outcome.deal()).isSameAs(given).isEqualTo(deal);
        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.violations()).isNotEmpty();
      }
      deal = outcome.deal();
      assertThat(history.current()).isEqualTo(deal);
    }
    return new Run(events, deal, accepted);
  }

  record Run(List<DealEvent> events, Deal deal, int accepted) {}

  static void assertReplays(Run run) {
    DealHistory history = DealHistory.of(run.events());
    assertThat(history.size()).isEqualTo(run.accepted() + 1);
    assertThat(history.replay()).isEqualTo(run.deal());
    assertThat(history.current()).isEqualTo(run.deal());
    assertThat(history.replay()).isEqualTo(history.current());
  }

  @Test
  void replayRebuildsTheDealOnTheSaasTemplate() {
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    qt().withExamples(300).forAll(integers().between(0, 10_000), Scripts.scripts(60))
        .checkAssert((seed, script) -> assertReplays(drive(saas, seed, script)));
  }

  @Test
  void replayRebuildsTheDealOnGeneratedDefinitions() {
    qt().withExamples(300)
        .forAll(Blueprint.definitions(), integers().between(0, 10_000), Scripts.scripts(60))
        .checkAssert((definition, seed, script) -> assertReplays(drive(definition, seed, script)));
  }

  @Test
  void scriptsReallyMoveDealsAround() {
    // Guards the generators themselves: a property that only ever sees rejections proves little.
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    java.util.Random random = new java.util.Random(42);
    for (int d = 0; d < 200; d++) {
      List<Integer> script = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        script.add(random.nextInt(100_000));
      }
      drive(saas, d, script).events().forEach(e -> kinds.add(e.getClass().getSimpleName()));
    }
    assertThat(kinds).contains("Created", "Moved", "Won", "Lost", "WentDormant", "Reopened",
        "TouchRecorded", "AttributeChanged", "AmountChanged", "OwnerChanged",
        "ProbabilityOverridden", "CloseDateChanged", "Snoozed", "CadenceEnrolled",
        "CadenceStopped");
  }
}

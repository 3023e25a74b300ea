package dev.pipelinesdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.pipelinesdk.core.CloseDates;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CloseDates} on histories the engine made from random scripts. */
class CloseDatesPropertyTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");

  @Test
  void asOfSeesNothingLaterAndTheSummaryFitsTheHistory() {
    qt().withExamples(200).forAll(integers().between(0, 10_000), Scripts.scripts(60))
        .checkAssert((seed, script) -> {
          DealHistory h = DealHistory.of(ReplayPropertyTest.drive(SAAS, seed, script).events());
          CloseDates all = CloseDates.of(h);
          assertThat(all.current()).isEqualTo(h.current().closeDate());
          long changes = h.events().stream()
              .filter(e -> e instanceof DealEvent.CloseDateChanged).count();
          assertThat((long) all.pushes()).isLessThanOrEqualTo(changes);
          assertThat(all.daysPushed()).as("a push is at least a day")
              .isGreaterThanOrEqualTo(all.pushes());
          assertThat(all.pushes() == 0).isEqualTo(all.daysPushed() == 0);
          assertThat(all.first().isPresent() || all.current().isEmpty()).isTrue();
          // no look-ahead: as of each event's instant, the answer is that of the history cut
          // there (every event at or before the instant), whatever came after
          List<DealEvent> events = h.events();
          for (int i = 0; i < events.size(); i++) {
            Instant t = events.get(i).at();
            int end = i;
            while (end < events.size() && !events.get(end).at().isAfter(t)) {
              end++;
            }
            DealHistory cut = DealHistory.of(events.subList(0, end));
            assertThat(CloseDates.asOf(h, t)).isEqualTo(CloseDates.of(cut));
            assertThat(CloseDates.asOf(h, t).current()).isEqualTo(cut.current().closeDate());
          }
        });
  }

  @Test
  void theScriptsPushPullAndClearCloseDates() {
    // guards the generator: the property above would prove little without pushes and clears
    java.util.Random random = new java.util.Random(7);
    int pushes = 0;
    long cleared = 0;
    for (int d = 0; d < 100; d++) {
      List<Integer> script = new java.util.ArrayList<>();
      for (int i = 0; i < 60; i++) {
        script.add(random.nextInt(100_000));
      }
      DealHistory h = DealHistory.of(ReplayPropertyTest.drive(SAAS, d, script).events());
      pushes += CloseDates.of(h).pushes();
      cleared += h.events().stream().filter(e -> e instanceof DealEvent.CloseDateChanged
          && ((DealEvent.CloseDateChanged) e).closeDate().isEmpty()).count();
    }
    assertThat(pushes).isGreaterThan(50);
    assertThat(cleared).isGreaterThan(5);
  }
}

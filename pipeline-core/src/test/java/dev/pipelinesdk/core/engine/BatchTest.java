package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Blueprint;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link Pipeline#executeAll}: a batch is exactly its commands run one by one at one instant,
 * all or nothing.
 */
class BatchTest {
  private static final Gen<PipelineDefinition> DEFINITIONS = Generate.frequency(
      org.quicktheories.api.Pair.of(1, Generate.constant(PipelineTemplates.definition("saas-b2b"))),
      org.quicktheories.api.Pair.of(2, Blueprint.definitions()));

  @Test
  void aBatchEqualsItsCommandsOneByOneOrTheFirstRejection() {
    Map<String, Integer> seen = new TreeMap<>();
    qt().withFixedSeed(20261127L).withExamples(400)
        .forAll(DEFINITIONS, integers().between(0, 10_000), Scripts.scripts(20),
            Scripts.scripts(6))
        .checkAssert((definition, seed, before, batch) -> {
          ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
          Pipeline pipeline = Pipeline.of(definition, clock);
          Deal deal = pipeline.create(Scripts.newDeal("D-" + seed, seed), Request.by("ana"))
              .deal();
          for (int step : before) {
            clock.advance(Scripts.advance(step));
            deal = pipeline.execute(deal, Scripts.command(definition, deal, step),
                Scripts.request(step)).deal();
          }
          clock.advance(java.time.Duration.ofHours(1));
          Request request = Scripts.request(seed);

          // one by one, each command fitted to the deal the previous ones left
          List<Command> commands = new ArrayList<>();
          List<DealEvent> events = new ArrayList<>();
          Deal current = deal;
          Outcome firstRejection = null;
          for (int step : batch) {
            Command command = Scripts.command(definition, current, step);
            commands.add(command);
            if (firstRejection == null) {
              Outcome o = pipeline.execute(current, command, request);
              if (o.isAccepted()) {
                events.addAll(o.events());
                current = o.deal();
              } else {
                firstRejection = o;
              }
            }
          }

          Outcome all = pipeline.executeAll(deal, commands, request);
          if (firstRejection == null) {
            seen.merge(events.isEmpty() ? "accepted, no events" : "accepted", 1, Integer::sum);
            assertThat(all.isAccepted()).as("%s", all).isTrue();
            assertThat(all.deal()).isEqualTo(current);
            assertThat(all.events()).containsExactlyElementsOf(events);
            assertThat(((Outcome.Accepted) all).previous()).containsSame(deal);
          } else {
            seen.merge(commands.indexOf(((Outcome.Rejected) firstRejection).command()) == 0
                ? "rejected first" : "rejected later", 1, Integer::sum);
            assertThat(all.isAccepted()).isFalse();
            assertThat(all.deal()).isSameAs(deal);
            assertThat(all.events()).isEmpty();
            assertThat(((Outcome.Rejected) all).command())
                .isEqualTo(((Outcome.Rejected) firstRejection).command());
            assertThat(all.violations()).isEqualTo(firstRejection.violations());
          }
        });
    assertThat(seen).containsKeys("accepted", "rejected first", "rejected later");
  }

  @Test
  void listenersHearOfABatchOnceWithEveryEventAndNotOfARejectedOne() {
    List<List<DealEvent>> heard = new ArrayList<>();
    ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
    Pipeline pipeline = Pipeline.builder(PipelineTemplates.definition("saas-b2b")).clock(clock)
        .listener((outcome, request) -> heard.add(outcome.events())).build();
    Deal deal = pipeline.create(NewDeal.builder().id("D-1").title("Acme")
        .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(80)).build(), Request.by("ana")).deal();
    heard.clear();
    clock.advance(java.time.Duration.ofHours(1));

    Outcome ok = pipeline.executeAll(deal, List.of(
        new Command.RecordTouch(new Touch(Touch.Channel.CALL, Touch.Direction.OUTBOUND,
            Touch.Result.COMPLETED)),
        new Command.MoveTo(StageId.of("qualification"))), Request.by("ana"));
    assertThat(ok.events()).hasSize(2).allSatisfy(e -> assertThat(e.at()).isEqualTo(
        clock.instant()));
    assertThat(heard).containsExactly(ok.events());

    Outcome rejected = pipeline.executeAll(ok.deal(), List.of(
        new Command.MoveTo(StageId.of("consideration")), new Command.MoveTo(StageId.of("won"))),
        Request.by("ana"));
    assertThat(rejected.isAccepted()).isFalse();
    assertThat(rejected.deal()).isSameAs(ok.deal());
    assertThat(heard).hasSize(1);

    Outcome nothing = pipeline.executeAll(ok.deal(), List.of(), Request.by("ana"));
    assertThat(nothing.isAccepted()).isTrue();
    assertThat(nothing.deal()).isSameAs(ok.deal());
    assertThat(nothing.events()).isEmpty();
    assertThat(heard).hasSize(1);
  }

  @Test
  void guardsInABatchOnAHistorySeeTheBatchsEarlierEvents() {
    List<Integer> sizes = new ArrayList<>();
    Guard counting = Guard.named("counting", c -> {
      sizes.add(c.history().orElseThrow().events().size());
      return Verdict.pass();
    });
    PipelineDefinition definition = PipelineDefinition.builder("p")
        .stage(Stage.open("a", "A", 0.1)).stage(Stage.open("b", "B", 0.5)).stage(Stage.won("won", "Won"))
        .transition("a", "b", counting).transition("b", "won", counting).build();
    ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
    Pipeline pipeline = Pipeline.of(definition, clock);
    Outcome.Accepted created = pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(),
        Request.by("ana"));
    DealHistory history = DealHistory.of(created.events());

    Outcome o = pipeline.executeAll(history, List.of(new Command.MoveTo(StageId.of("b")),
        new Command.Win()), Request.by("ana"));

    assertThat(sizes).containsExactly(1, 2);
    assertThat(o.appendTo(history).current()).isEqualTo(o.deal());
    assertThat(o.deal().stage()).isEqualTo(StageId.of("won"));
  }

  @Test
  void badArgumentsAreNamed() {
    Pipeline pipeline = Pipeline.of(PipelineTemplates.definition("saas-b2b"),
        ManualClock.at("2026-03-02T09:00:00Z"));
    Deal deal = pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(),
        Request.by("ana")).deal();
    assertThatThrownBy(() -> pipeline.executeAll(deal, Arrays.asList(new Command.Win(), null),
        Request.by("ana"))).isInstanceOf(NullPointerException.class)
        .hasMessage("command is null");
    assertThatThrownBy(() -> pipeline.executeAll(deal, null, Request.by("ana")))
        .isInstanceOf(NullPointerException.class).hasMessage("commands is null");
    assertThatThrownBy(() -> pipeline.executeAll((Deal) null, List.of(), Request.by("ana")))
        .isInstanceOf(NullPointerException.class).hasMessage("deal is null");
    assertThatThrownBy(() -> pipeline.executeAll(deal, List.of(), null))
        .isInstanceOf(NullPointerException.class).hasMessage("request is null");
  }
}

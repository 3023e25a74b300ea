package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.InvalidDefinitionException;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.TransitionKind;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.testkit.ManualClock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class GeneratorsTest {
  private static final long SEED = 20260105L;

  @Test
  void validDefinitionsAlwaysBuildWithTheirShape() {
    qt().withFixedSeed(SEED).withExamples(300).forAll(StageGraphs.valid()).checkAssert(d -> {
      assertThat(d.stagesOf(StageKind.WON)).hasSize(1);
      assertThat(d.stagesOf(StageKind.LOST)).hasSize(1);
      assertThat(d.openStages()).hasSizeBetween(1, 6);
      assertThat(d.entryStages()).containsExactly(d.openStages().get(0).id());
    });
    qt().withFixedSeed(SEED).withExamples(200).forAll(StageGraphs.linear()).checkAssert(d ->
        assertThat(d.transitions()).extracting(Transition::kind)
            .isSubsetOf(TransitionKind.ADVANCE, TransitionKind.WIN, TransitionKind.LOSE));
    qt().withFixedSeed(SEED).withExamples(100)
        .forAll(StageGraphs.valid(GraphShape.linear().withOpenStages(3, 3).withDormancy()))
        .checkAssert(d -> assertThat(d.openStages()).hasSize(3));
  }

  @Test
  void brokenDefinitionsFailWithExactlyTheExpectedProblems() {
    Set<Breakage> seen = EnumSet.noneOf(Breakage.class);
    qt().withFixedSeed(SEED).withExamples(1000).forAll(StageGraphs.broken()).checkAssert(b -> {
      InvalidDefinitionException e =
          catchThrowableOfType(InvalidDefinitionException.class, () -> b.builder().build());
      assertThat(e).as("%s", b).isNotNull();
      assertThat(e.problems()).as("%s", b).containsExactlyElementsOf(b.expectedProblems());
      seen.addAll(b.breakages());
    });
    assertThat(seen).containsExactlyInAnyOrder(Breakage.values());
  }

  @Test
  void generatedHistoriesReplayAndFollowDeclaredTransitions() {
    Gen<PipelineDefinition> definitions = StageGraphs.valid();
    Gen<DealHistory> histories = definitions.flatMap(d -> Histories.forDefinition(d).histories());
    qt().withFixedSeed(SEED).withExamples(300).forAll(histories).checkAssert(this::replays);
    qt().withFixedSeed(SEED).withExamples(300)
        .forAll(Histories.forDefinition(PipelineTemplates.definition("saas-b2b")).withMaxSteps(40).histories())
        .checkAssert(this::replays);
  }

  private void replays(DealHistory h) {
    assertThat(h.replay()).isEqualTo(h.current());
    assertThat(DealHistory.of(h.events())).isEqualTo(h);
    for (int i = 1; i < h.size(); i++) {
      assertThat(h.events().get(i).at()).isAfterOrEqualTo(h.events().get(i - 1).at());
    }
  }

  @Test
  void historiesReachEveryStageOfTheSaasTemplate() {
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    Set<String> reached = new java.util.TreeSet<>();
    qt().withFixedSeed(SEED).withExamples(400)
        .forAll(Histories.forDefinition(saas).withMaxSteps(40).histories())
        .checkAssert(h -> h.events().stream().filter(e -> e instanceof DealEvent.StageChanged)
            .forEach(e -> reached.add(((DealEvent.StageChanged) e).to().value())));
    assertThat(reached).contains("qualification", "consideration", "decision", "won", "lost",
        "dormant");
  }

  @Test
  void scenariosSetPushPullAndClearCloseDates() {
    // the stateful contract exercises the close date only if the scenarios change it every way
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    int[] seen = new int[5]; // set from none, pushed, pulled in, cleared, no-op (same date)
    qt().withFixedSeed(SEED).withExamples(300)
        .forAll(Histories.forDefinition(saas).withMaxSteps(40).scenarios()).checkAssert(s -> {
          for (Scenario.Step step : s.play().steps()) {
            if (!(step.command() instanceof Command.ChangeCloseDate) || !step.outcome()
                .isAccepted()) {
              continue;
            }
            if (step.outcome().events().isEmpty()) {
              seen[4]++;
              continue;
            }
            DealEvent.CloseDateChanged c =
                (DealEvent.CloseDateChanged) step.outcome().events().get(0);
            assertThat(c.previous()).isEqualTo(step.before().closeDate());
            if (c.closeDate().isEmpty()) {
              seen[3]++;
            } else if (c.previous().isEmpty()) {
              seen[0]++;
            } else {
              seen[c.closeDate().get().isAfter(c.previous().get()) ? 1 : 2]++;
            }
          }
        });
    assertThat(seen).as("set, pushed, pulled in, cleared, unchanged").doesNotContain(0);
  }

  @Test
  void dealsAreConsistentWithTheirDefinition() {
    PipelineDefinition eur = PipelineDefinition.builder("eur").currency("EUR")
        .stage(Stage.open("a", "A", 0.1)).stage(Stage.won("won", "Won")).path("a", "won").build();
    AttributeSchema schema = AttributeSchema.empty().flag("proof").number("ltv", 0, 120);
    qt().withFixedSeed(SEED).withExamples(300)
        .forAll(Deals.forDefinition(eur).withAttributes(schema).deals()).checkAssert(d -> {
          assertThat(eur.stage(d.stage())).isPresent();
          d.amount().ifPresent(m -> assertThat(m.currency().getCurrencyCode()).isEqualTo("EUR"));
          assertThat(schema.names()).containsAll(d.attributes().keySet());
          assertThat(d.updatedAt()).isAfterOrEqualTo(d.stageEnteredAt());
        });
  }

  @Test
  void validMovesAreAcceptedAndInvalidOnesRejected() {
    PipelineDefinition plain = PipelineDefinition.builder("plain").stage(Stage.open("a", "A", 0.1))
        .stage(Stage.open("b", "B", 0.5)).stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
        .path("a", "b", "won").fromEveryOpenStage("lost").build();
    Deals snapshots = Deals.forDefinition(plain);
    Gen<Deal> deals = org.quicktheories.generators.Generate.pick(List.of("a", "b"))
        .flatMap(s -> snapshots.inStage(StageId.of(s)));
    qt().withFixedSeed(SEED).withExamples(200).forAll(deals).checkAssert(d -> {
      ManualClock clock = ManualClock.at(d.updatedAt());
      Pipeline p = Pipeline.of(plain, clock);
      Command.MoveTo valid = Commands.validMoves(plain, d).generate(new FixedSource(1));
      assertThat(p.execute(d, valid, Request.system()).isAccepted()).isTrue();
      for (int pick = 0; pick < 4; pick++) {
        Command.MoveTo invalid = Commands.invalidMoves(plain, d).generate(new FixedSource(pick));
        assertThat(p.execute(d, invalid, Request.system()).isAccepted()).as("%s", invalid)
            .isFalse();
      }
    });
  }

  @Test
  void instantsStayInTheirRange() {
    qt().withFixedSeed(SEED).forAll(Instants.recent()).checkAssert(i -> assertThat(i)
        .isBetween(Instants.defaultStart(), Instants.defaultStart().plus(
            java.time.Duration.ofDays(730))));
  }

  /** A randomness source that always answers the same number (clamped to the constraint). */
  private static final class FixedSource implements org.quicktheories.core.RandomnessSource {
    private final long value;

    FixedSource(long value) {
      this.value = value;
    }

    @Override
    public long next(org.quicktheories.impl.Constraint constraint) {
      long v = value;
      while (!constraint.allowed(v)) {
        v--;
      }
      return v;
    }

    @Override
    public org.quicktheories.core.DetatchedRandomnessSource detach() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void registerFailedAssumption() {}
  }
}

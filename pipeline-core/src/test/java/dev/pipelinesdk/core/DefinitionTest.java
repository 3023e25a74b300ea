package dev.pipelinesdk.core;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipelinesdk.core.guard.Guards;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Definition rules that the generated breakages do not cover. */
class DefinitionTest {

  private static List<String> problems(PipelineDefinition.Builder b) {
    return catchThrowableOfType(InvalidDefinitionException.class, b::build).problems();
  }

  private static PipelineDefinition.Builder minimal() {
    return PipelineDefinition.builder("x").stage(Stage.open("a", "A", 0.1)).stage(Stage.won("won", "Won"))
        .path("a", "won");
  }

  @Test
  void aStageDeclaredTwiceIsReportedOnce() {
    assertThat(problems(minimal().stage(Stage.open("b", "B", 0.1)).stage(Stage.open("b", "B2", 0.2))
        .path("a", "b", "won")))
        .containsExactly("duplicate stage id 'b'");
    assertThat(problems(minimal().stage(Stage.open("a", "A again", 0.2))
        .stage(Stage.open("a", "A3", 0.3))))
        .as("reported once however often it repeats")
        .containsExactly("duplicate stage id 'a'");
  }

  @Test
  void aStageChecksItselfWhenBuiltReportingEveryProblem() {
    assertThat(catchThrowableOfType(InvalidDefinitionException.class,
        () -> Stage.builder().id("b").name(" ").defaultProbability(Double.NaN)
            .idleAfter(java.time.Duration.ZERO).build()).problems())
        .containsExactly("stage 'b': name is blank",
            "stage 'b': default probability is NaN; it must be in [0, 1]",
            "stage 'b': idle threshold must be positive, not PT0S");
    assertThat(Stage.builder().id("b").build().id()).isEqualTo(StageId.of("b"));
    assertThat(Stage.open("b", "B", 0.2)).isEqualTo(Stage.builder().id(StageId.of("b")).name("B")
        .defaultProbability(0.2).build());
  }

  @Test
  void nullArgumentsAreReportedByBuildWithEveryOtherProblem() {
    // before: transition(null, ...) and the others threw a NullPointerException at once
    assertThat(problems(PipelineDefinition.builder("x").stage(Stage.open("a", "A", 0.1))
        .stage(null).stage(Stage.won("won", "Won")).path("a", "won")
        .transition("a", "x", "to x").transition(null, "won").path("a", null, "won")
        .reopen(null, "a").transition("a", "won", (String) null)
        .transition("a", "won", (dev.pipelinesdk.core.guard.Guard[]) null)
        .fromEveryOpenStage(null).entryStages((String[]) null).entryStages("a", null)))
        .containsExactly(
            "stage 2 is null",
            "transition 3: from stage is null",
            "transition 4: to stage is null",
            "transition 5: from stage is null",
            "transition 6: from stage is null",
            "transition 7: name is null",
            "transition 8: guards are null",
            "transitions from every open stage 1: to stage is null",
            "transition a -> x: unknown stage 'x'",
            "entry stage 1 is null",
            "entry stage 3 is null");
  }

  @Test
  void noCallbackRunsTwice() {
    // before: stage(id, callback) ran the callback again to build a placeholder for an invalid
    // stage; a stage is a value now, so the builder runs no user code at all
    java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
    PipelineDefinition.Builder b = minimal().stage(Stage.open("b", "B", 0.2)).path("a", "b");
    java.util.function.Supplier<Stage> lost = () -> {
      built.incrementAndGet();
      return Stage.lost("lost", "Lost");
    };
    b.stage(lost.get()).transition("b", "lost").transition("lost", "a");
    assertThat(problems(b)).containsExactly("transition lost -> a: leaves lost stage 'lost';"
        + " only a declared reopen(...) may leave a won or lost stage");
    assertThat(built).hasValue(1);
  }

  @Test
  void reopenRules() {
    assertThat(problems(minimal().stage(Stage.open("b", "B", 0.5)).path("a", "b", "won")
        .reopen("won", "won")))
        .containsExactly("transition won -> won: a stage cannot transition to itself");
    assertThat(problems(minimal().stage(Stage.lost("lost", "Lost")).transition("a", "lost")
        .reopen("won", "lost")))
        .containsExactly("transition won -> lost: a reopen must lead to an open stage, not to "
            + "lost stage 'lost'");
    assertThat(problems(minimal().transition("won", "a")))
        .containsExactly("transition won -> a: leaves won stage 'won'; only a declared "
            + "reopen(...) may leave a won or lost stage");
    PipelineDefinition ok = minimal().reopen("won", "a").build();
    assertThat(ok.transition(StageId.of("won"), StageId.of("a")).orElseThrow().kind())
        .isEqualTo(TransitionKind.REOPEN);
    assertThat(ok.transition(StageId.of("won"), StageId.of("a")).orElseThrow().name())
        .isEqualTo("reopen won -> a");
  }

  @Test
  void entryStageRules() {
    assertThat(problems(minimal().entryStages("nope")))
        .containsExactly("entry stage: unknown stage 'nope'");
    PipelineDefinition two = minimal().stage(Stage.open("b", "B", 0.3)).path("b", "won")
        .entryStages("b", "a").build();
    assertThat(two.entryStages()).containsExactly(StageId.of("b"), StageId.of("a"));
    assertThat(problems(minimal().stage(Stage.open("b", "B", 0.3)).stage(Stage.open("c", "C", 0.3))
        .path("b", "won").path("c", "won").entryStages("a", "b")))
        .containsExactly("stage 'c' is unreachable from the entry stages [a, b]");
  }

  @Test
  void fromEveryOpenStageSkipsTheTargetAndUsesDefaultNames() {
    PipelineDefinition d = PipelineDefinition.builder("x").stage(Stage.open("a", "A", 0.1))
        .stage(Stage.open("b", "B", 0.2)).stage(Stage.dormant("dark", "Dark")).stage(Stage.won("won", "Won"))
        .stage(Stage.lost("lost", "Lost")).path("a", "b", "won").fromEveryOpenStage("lost")
        .fromEveryOpenStage("dark")
        .transition("dark", "b", "revive").transition("dark", "lost").build();
    assertThat(d.transitionsFrom(StageId.of("a"))).extracting(Transition::name)
        .containsExactly("a -> b", "a -> lost", "a -> dark");
    assertThat(d.transition(StageId.of("dark"), StageId.of("b")).orElseThrow().kind())
        .isEqualTo(TransitionKind.REVIVAL);
    assertThat(d.transition(StageId.of("b"), StageId.of("a"))).isEmpty();
    assertThat(problems(minimal().stage(Stage.lost("lost", "Lost")).transition("a", "lost")
        .fromEveryOpenStage("lost"))).containsExactly("transition a -> lost: declared more than once");
  }

  @Test
  void everyProblemOfOneDefinitionAtOnce() {
    assertThat(problems(PipelineDefinition.builder("x").name(" ").currency("EURO")
        .stage(Stage.open("a", "A", 0.1)).stage(Stage.open("b", "B", 0.2))
        .stage(Stage.lost("lost", "Lost"))
        .transition("a", "lost", " ").transition("a", "a").transition("lost", "b")))
        .containsExactly(
            "definition name is blank",
            "unknown currency code: 'EURO'",
            "transition a -> lost: name is blank",
            "transition a -> a: a stage cannot transition to itself",
            "transition lost -> b: leaves lost stage 'lost'; only a declared reopen(...) may"
                + " leave a won or lost stage",
            "no won stage: declare one with stage(Stage.won(...))",
            "stage 'a' cannot reach a won or lost stage",
            "stage 'b' cannot reach a won or lost stage",
            "stage 'b' is unreachable from the entry stage [a]",
            "stage 'lost' is unreachable from the entry stage [a]");
  }

  @Test
  void lookupsOnTheSaasTemplate() {
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    assertThat(saas.openStages()).extracting(s -> s.id().value())
        .containsExactly("prospecting", "qualification", "consideration", "decision");
    assertThat(saas.stagesOf(StageKind.DORMANT)).extracting(Stage::name)
        .containsExactly("Gone dark");
    assertThat(saas.funnelIndex(StageId.of("won"))).isEmpty();
    assertThat(saas.transitionsFrom(StageId.of("nowhere"))).isEmpty();
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> saas.requireStage(StageId.of("nowhere")))).hasMessage("unknown stage 'nowhere' in "
            + "pipeline 'saas-b2b'; known stages: [prospecting, qualification, consideration, "
            + "decision, won, lost, dormant]");
    assertThat(saas.guards()).isEmpty();
    assertThat(PipelineDefinition.builder("g").stage(Stage.open("a", "A", 0.1)).stage(Stage.won("w", "W"))
        .path("a", "w").guard(Guards.noSkipping()).build().guards())
        .extracting(g -> g.name()).containsExactly("no skipping");
  }
}

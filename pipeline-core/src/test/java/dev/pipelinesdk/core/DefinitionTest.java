package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.core.template.SaasB2bTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Definition rules that the generated breakages do not cover. */
class DefinitionTest {

  private static List<String> problems(PipelineDefinition.Builder b) {
    return catchThrowableOfType(InvalidDefinitionException.class, b::build).problems();
  }

  private static PipelineDefinition.Builder minimal() {
    return PipelineDefinition.builder("x").openStage("a", "A", 0.1).wonStage("won", "Won")
        .path("a", "won");
  }

  @Test
  void anInvalidStageDeclaredTwiceIsReportedAsInvalidAndAsDuplicate() {
    assertThat(problems(minimal().openStage("b", "B", Double.NaN).openStage("b", "B2", 0.2)
        .path("a", "b", "won")))
        .containsExactly("stage 'b': default probability is NaN; it must be in [0, 1]",
            "duplicate stage id 'b'");
    assertThat(problems(minimal().openStage("a", "A again", 0.2).openStage("a", "A3", 0.3)))
        .as("reported once however often it repeats")
        .containsExactly("duplicate stage id 'a'");
  }

  @Test
  void reopenRules() {
    assertThat(problems(minimal().openStage("b", "B", 0.5).path("a", "b", "won")
        .reopen("won", "won")))
        .containsExactly("transition won -> won: a stage cannot transition to itself");
    assertThat(problems(minimal().lostStage("lost", "Lost").transition("a", "lost")
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
    PipelineDefinition two = minimal().openStage("b", "B", 0.3).path("b", "won")
        .entryStages("b", "a").build();
    assertThat(two.entryStages()).containsExactly(StageId.of("b"), StageId.of("a"));
    assertThat(problems(minimal().openStage("b", "B", 0.3).openStage("c", "C", 0.3)
        .path("b", "won").path("c", "won").entryStages("a", "b")))
        .containsExactly("stage 'c' is unreachable from the entry stages [a, b]");
  }

  @Test
  void fromEveryOpenStageSkipsTheTargetAndUsesDefaultNames() {
    PipelineDefinition d = PipelineDefinition.builder("x").openStage("a", "A", 0.1)
        .openStage("b", "B", 0.2).dormantStage("dark", "Dark").wonStage("won", "Won")
        .lostStage("lost", "Lost").path("a", "b", "won").fromEveryOpenStage("lost")
        .fromEveryOpenStage("dark")
        .transition("dark", "b", "revive").transition("dark", "lost").build();
    assertThat(d.transitionsFrom(StageId.of("a"))).extracting(Transition::name)
        .containsExactly("a -> b", "a -> lost", "a -> dark");
    assertThat(d.transition(StageId.of("dark"), StageId.of("b")).orElseThrow().kind())
        .isEqualTo(TransitionKind.REVIVAL);
    assertThat(d.transition(StageId.of("b"), StageId.of("a"))).isEmpty();
    assertThat(problems(minimal().lostStage("lost", "Lost").transition("a", "lost")
        .fromEveryOpenStage("lost"))).containsExactly("transition a -> lost: declared more than once");
  }

  @Test
  void everyProblemOfOneDefinitionAtOnce() {
    assertThat(problems(PipelineDefinition.builder("x").name(" ").currency("EURO")
        .openStage("a", "", 0.1).openStage("b", "B", 2).lostStage("lost", "Lost")
        .transition("a", "lost", " ").transition("a", "a").transition("lost", "b")))
        .containsExactly(
            "definition name is blank",
            "unknown currency code: 'EURO'",
            "stage 'a': name is blank",
            "stage 'b': default probability is 2.0; it must be in [0, 1]",
            // invalid stages still take part in the transition and graph checks:
            "transition a -> lost: name is blank",
            "transition a -> a: a stage cannot transition to itself",
            "transition lost -> b: leaves lost stage 'lost'; only a declared reopen(...) may"
                + " leave a won or lost stage",
            "no won stage: declare one with wonStage(...) or a stage of kind WON",
            "stage 'a' cannot reach a won or lost stage",
            "stage 'b' cannot reach a won or lost stage",
            "stage 'b' is unreachable from the entry stage [a]",
            "stage 'lost' is unreachable from the entry stage [a]");
  }

  @Test
  void lookupsOnTheSaasTemplate() {
    PipelineDefinition saas = SaasB2bTemplate.saasB2b();
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
    assertThat(PipelineDefinition.builder("g").openStage("a", "A", 0.1).wonStage("w", "W")
        .path("a", "w").guard(Guards.noSkipping()).build().guards())
        .extracting(g -> g.name()).containsExactly("no skipping");
  }
}

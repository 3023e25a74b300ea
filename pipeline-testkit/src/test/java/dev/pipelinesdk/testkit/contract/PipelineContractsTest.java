package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.testkit.gen.GraphShape;
import dev.pipelinesdk.testkit.gen.Histories;
import dev.pipelinesdk.testkit.gen.Scenario;
import dev.pipelinesdk.testkit.gen.StageGraphs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineContractsTest {
  @Test
  void theSaasTemplateKeepsTheEngineInvariants() {
    PipelineContracts.forDefinition(PipelineTemplates.definition("saas-b2b")).withSeed(1L).withExamples(150)
        .withMaxSteps(40).verify();
  }

  @Test
  void theCustomerSuccessTemplateKeepsTheEngineInvariants() {
    PipelineContracts.forDefinition(PipelineTemplates.definition("customer-success")).withSeed(1L)
        .verify();
  }

  @Test
  void generatedDefinitionsWithGuardsKeepTheEngineInvariants() {
    qt().withFixedSeed(3L).withExamples(8)
        .forAll(StageGraphs.valid(GraphShape.any(), List.of(Guards.noSkipping(),
            Guards.minimumTouches(1))))
        .checkAssert(d -> PipelineContracts.forDefinition(d).withSeed(3L).withExamples(30)
            .verify());
  }

  @Test
  void aThrowingGuardCannotBreakTheEngine() {
    Guard broken = Guard.named("broken", c -> {
      throw new IllegalStateException("bug in a user rule");
    });
    PipelineDefinition d = PipelineDefinition.builder("fragile").stage(Stage.open("a", "A", 0.1))
        .stage(Stage.open("b", "B", 0.5)).stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
        .transition("a", "b", broken).path("b", "won").fromEveryOpenStage("lost").build();
    PipelineContracts.forDefinition(d).withSeed(2L).verify();
  }

  @Test
  void aFailingScenarioPropertyShowsTheShrunkSequence() {
    PipelineDefinition d = PipelineDefinition.builder("tiny").stage(Stage.open("a", "A", 0.1))
        .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost")).path("a", "won")
        .fromEveryOpenStage("lost").build();
    RuleContract<PipelineDefinition, Scenario> neverWon = RuleContract
        .<PipelineDefinition, Scenario>builder("demo contract",
            Histories.forDefinition(d).scenarios())
        .describeRule(PipelineDefinition::id)
        .describeInput(Scenario::toString)
        .property("never won", (def, s) -> s.history().events().stream()
            .anyMatch(e -> e instanceof DealEvent.Won)
            ? Optional.of("the deal was won") : Optional.empty())
        .build().withSeed(5L);
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () -> neverWon.check(d));
    assertThat(v).isNotNull();
    assertThat(v.getMessage()).contains("'tiny' breaks the demo contract")
        .contains("property 'never won' does not hold").contains("why: the deal was won");
    // Shrunk to the creation and a single step: the win.
    assertThat(v.counterexample()).contains("1 step after creation")
        .contains("move to won  -> accepted").contains("won a -> won");
  }
}

package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.GuardFactories;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.util.Map;

/** The SQL guard, made by name, keeps the guard contract and is monotone in every answer. */
class SalesQualifiedContractTest extends AbstractGuardContractTest {
  @Override
  protected Guard createGuard() {
    return GuardFactories.create("sales-qualified", Map.of());
  }

  @Override
  protected GuardContracts configure(GuardContracts contracts) {
    return contracts.on(PipelineTemplates.definition("saas-b2b")).monotoneIn("need")
        .monotoneIn("buying_process").monotoneIn("decision_maker").withSeed(15L)
        .withExamples(150);
  }
}

package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Guards;

/** The base class in use: a built-in guard, checked on the saas-b2b template. */
class RequiredAttributesContractTest extends AbstractGuardContractTest {
  @Override
  protected Guard createGuard() {
    return Guards.requiredAttributes("need", "decision_maker");
  }

  @Override
  protected GuardContracts configure(GuardContracts contracts) {
    return contracts.on(PipelineTemplates.definition("saas-b2b")).monotoneIn("need").monotoneIn("decision_maker")
        .withSeed(7L).withExamples(100);
  }
}

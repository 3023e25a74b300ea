package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import org.junit.jupiter.api.Test;

/** The README's "Property-testing your own rules" example, kept compiling and green. */
class ReadmeExampleTest {
  Guard proofOfIncome = Guards.predicate("proof of income before underwriting",
      "missing_proof_of_income", c -> "deal " + c.deal().id() + " needs proof_of_income",
      c -> c.deal().attribute("proof_of_income").isPresent());

  @Test
  void keepsTheGuardContract() {
    GuardContracts.forGuard(proofOfIncome)
        .withAttributes(AttributeSchema.empty().flag("proof_of_income"))
        .monotoneIn("proof_of_income")
        .verify();
  }

  @Test
  void keepsTheEngineInvariants() {
    PipelineContracts.check(PipelineTemplates.definition("saas-b2b"));
  }
}

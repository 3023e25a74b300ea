package dev.pipelinesdk.examples.mortgage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipelinesdk.testkit.contract.ContractViolation;
import dev.pipelinesdk.testkit.contract.GuardContracts;
import dev.pipelinesdk.testkit.contract.PipelineContracts;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import org.junit.jupiter.api.Test;

/** The worked example: a vendor's guards checked with the testkit's contracts. */
class MortgageGuardsTest {

  @Test
  void proofOfIncomeKeepsTheGuardContract() {
    GuardContracts.forGuard(MortgageGuards.proofOfIncome())
        .on(MortgageGuards.mortgage())
        .withAttributes(AttributeSchema.empty().flag("proof_of_income"))
        .monotoneIn("proof_of_income")
        .verify();
  }

  @Test
  void theMortgagePipelineKeepsTheEngineInvariants() {
    PipelineContracts.check(MortgageGuards.mortgage());
  }

  @Test
  void theBuggyGuardFailsTheContractWithASmallCounterexample() {
    ContractViolation failure = catchThrowableOfType(ContractViolation.class,
        () -> GuardContracts.forGuard(MortgageGuards.buggyDebtToIncome())
            .on(MortgageGuards.mortgage())
            .withAttributes(AttributeSchema.empty().number("monthly_debt", 0, 5_000)
                .number("monthly_income", 1, 20_000))
            .withSeed(7L)
            .verify(GuardContracts.TOTAL));
    assertThat(failure).as("the buggy guard must fail its contract").isNotNull();
    assertThat(failure.property()).isEqualTo(GuardContracts.TOTAL);
    assertThat(failure.getMessage())
        .contains("NoSuchElementException")
        .contains("debt to income <= 0.43 (buggy)");
    // Shrinking leaves a deal without the two attributes: the smallest input that breaks it.
    assertThat(failure.counterexample()).doesNotContain("monthly_debt")
        .doesNotContain("monthly_income");
  }
}

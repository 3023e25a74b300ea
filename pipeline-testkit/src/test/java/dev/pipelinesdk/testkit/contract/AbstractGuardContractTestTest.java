package dev.pipelinesdk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Verdict;
import org.junit.jupiter.api.Test;

/** A contract test of a buggy guard fails; run here by hand so the build stays green. */
class AbstractGuardContractTestTest {
  static final class BuggyGuardContractTest extends AbstractGuardContractTest {
    @Override
    protected Guard createGuard() {
      return Guard.named("owner required", c -> c.deal().owner().get().isEmpty()
          ? Verdict.fail("owner_missing", "the deal needs an owner") : Verdict.pass());
    }

    @Override
    protected GuardContracts configure(GuardContracts contracts) {
      return contracts.withSeed(3L).withExamples(100);
    }
  }

  @Test
  void theBuggyGuardsContractTestFailsWithASmallCounterexample() {
    BuggyGuardContractTest test = new BuggyGuardContractTest();
    ContractViolation v = catchThrowableOfType(ContractViolation.class, test::isTotal);
    assertThat(v).isNotNull();
    assertThat(v.reason()).contains("NoSuchElementException");
    assertThat(v.counterexample()).contains("owner: -").contains("touches: 0")
        .contains("attributes: {}");
    test.isDeterministic(); // throws the same way every time: deterministic
    test.leavesItsInputsAlone();
  }
}

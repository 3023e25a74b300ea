package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.guard.Guard;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A JUnit 5 contract test for a guard, in the style of Guava's {@code AbstractGraphTest}: extend
 * it, implement {@link #createGuard()}, and every property of the {@linkplain GuardContracts guard
 * contract} runs as its own test.
 *
 * <pre>{@code
 * class ProofOfIncomeGuardTest extends AbstractGuardContractTest {
 *   protected Guard createGuard() {
 *     return MortgageGuards.proofOfIncome();
 *   }
 *
 *   protected GuardContracts configure(GuardContracts contracts) {
 *     return contracts.on(MortgageTemplate.definition()).monotoneIn("proof_of_income");
 *   }
 * }
 * }</pre>
 */
public abstract class AbstractGuardContractTest {

  /** Creates the test. */
  protected AbstractGuardContractTest() {}

  /**
   * Creates the guard under test; called once per test.
   *
   * @return the guard
   */
  protected abstract Guard createGuard();

  /**
   * Configures the contract check: the definition contexts come from, extra attributes,
   * declared exceptions, monotonicity, examples, seed. Returns its argument by default.
   *
   * @param contracts the default configuration for the guard
   * @return the configuration to check
   */
  protected GuardContracts configure(GuardContracts contracts) {
    return contracts;
  }

  private GuardContracts contracts() {
    return configure(GuardContracts.forGuard(createGuard()));
  }

  /** The guard never throws (except declared exceptions) and never returns null. */
  @Test
  @DisplayName("total: never throws, never returns null")
  public void isTotal() {
    contracts().verify(GuardContracts.TOTAL);
  }

  /** The same context gives the same verdict. */
  @Test
  @DisplayName("deterministic: same context, same verdict")
  public void isDeterministic() {
    contracts().verify(GuardContracts.DETERMINISTIC);
  }

  /** The verdict does not depend on the wall clock. */
  @Test
  @DisplayName("independent of the wall clock")
  public void ignoresTheWallClock() {
    contracts().verify(GuardContracts.WALL_CLOCK);
  }

  /** Every denial has a code and a message. */
  @Test
  @DisplayName("explains every denial")
  public void explainsEveryDenial() {
    contracts().verify(GuardContracts.EXPLAINS);
  }

  /** The guard leaves its inputs alone. */
  @Test
  @DisplayName("does not mutate its inputs")
  public void leavesItsInputsAlone() {
    contracts().verify(GuardContracts.NO_MUTATION);
  }

  /** Adding a declared attribute never turns allow into deny (skipped if none is declared). */
  @Test
  @DisplayName("monotone in the declared attributes")
  public void isMonotoneInDeclaredAttributes() {
    GuardContracts c = contracts();
    Assumptions.assumeFalse(c.monotoneProperties().isEmpty(),
        "no attribute declared with monotoneIn(...)");
    c.verify(c.monotoneProperties().toArray(String[]::new));
  }
}

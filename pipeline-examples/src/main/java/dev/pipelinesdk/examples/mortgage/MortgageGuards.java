package dev.pipelinesdk.examples.mortgage;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Verdict;
import java.math.BigDecimal;

/**
 * A vendor's custom rules for its mortgage pipeline ({@link MortgageTemplate}): the worked
 * example for property-testing your own rules ({@code MortgageGuardsTest} checks them with the
 * testkit's contracts).
 */
public final class MortgageGuards {
  private MortgageGuards() {}

  /**
   * "A mortgage application needs proof of income before underwriting": the flag attribute
   * {@code proof_of_income} must be true.
   *
   * @return the guard; code {@code missing_proof_of_income}
   */
  public static Guard proofOfIncome() {
    return Guard.named("proof of income", c -> {
      boolean ok = c.deal().attribute("proof_of_income")
          .filter(v -> v instanceof AttributeValue.Flag && ((AttributeValue.Flag) v).value())
          .isPresent();
      return ok ? Verdict.pass() : Verdict.fail("missing_proof_of_income", "application '"
          + c.deal().id() + "' needs proof of income before " + c.to(), "proof_of_income");
    });
  }

  /**
   * A deliberately buggy rule, kept to show what the contracts catch: the debt-to-income ratio
   * must be at most 0.43, but it reads {@code monthly_debt} and {@code monthly_income} without
   * checking they exist, so it throws on an application without them.
   *
   * @return the buggy guard
   */
  public static Guard buggyDebtToIncome() {
    return Guard.named("debt to income <= 0.43 (buggy)", c -> {
      BigDecimal debt = ((AttributeValue.Number) c.deal().attribute("monthly_debt").get()).value();
      BigDecimal income =
          ((AttributeValue.Number) c.deal().attribute("monthly_income").get()).value();
      return debt.compareTo(income.multiply(new BigDecimal("0.43"))) <= 0 ? Verdict.pass()
          : Verdict.fail("debt_to_income_too_high", "debt " + debt + " exceeds 43% of income "
              + income);
    });
  }

  /**
   * The pipeline these rules are checked on: the vendor's {@code mortgage} template ({@link
   * MortgageTemplate}).
   *
   * @return the definition
   */
  public static PipelineDefinition mortgage() {
    return MortgageTemplate.mortgage();
  }
}

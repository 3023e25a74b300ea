package dev.pipelinesdk.examples.mortgage;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.core.guard.Verdict;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * A vendor's custom rules for a mortgage pipeline, and the pipeline itself: the worked example
 * for property-testing your own rules ({@code MortgageGuardsTest} checks them with the testkit's
 * contracts).
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
   * A loan-origination pipeline: application, processing, underwriting, closing, funded (won),
   * denied or withdrawn (lost). Underwriting needs proof of income; long processing stages have
   * idle thresholds so a stalled application is noticed.
   *
   * @return the definition
   */
  public static PipelineDefinition mortgage() {
    return PipelineDefinition.builder("mortgage")
        .name("Mortgage origination")
        .currency("USD")
        .stage(Stage.builder().id("application").name("Application").defaultProbability(0.3)
            .idleAfter(Duration.ofDays(5)).build())
        .stage(Stage.builder().id("processing").name("Processing").defaultProbability(0.5)
            .idleAfter(Duration.ofDays(7)).build())
        .stage(Stage.builder().id("underwriting").name("Underwriting").defaultProbability(0.7)
            .idleAfter(Duration.ofDays(10)).build())
        .stage(Stage.builder().id("closing").name("Closing").defaultProbability(0.9)
            .idleAfter(Duration.ofDays(5)).build())
        .stage(Stage.won("funded", "Funded"))
        .stage(Stage.lost("denied", "Denied"))
        .stage(Stage.lost("withdrawn", "Withdrawn"))
        .path("application", "processing")
        .transition("processing", "underwriting", "submit to underwriting", proofOfIncome())
        .transition("underwriting", "closing", "clear to close", Guards.amountPresent())
        .transition("closing", "funded", "fund")
        .transition("underwriting", "processing", "conditions back to processing")
        .transition("underwriting", "denied", "deny")
        .fromEveryOpenStage("withdrawn")
        .build();
  }
}

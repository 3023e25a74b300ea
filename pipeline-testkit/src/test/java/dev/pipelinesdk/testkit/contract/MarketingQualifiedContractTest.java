package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.scoring.PointsScorer;
import dev.pipelinesdk.core.scoring.Qualification;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.testkit.gen.AttributeSchema;

/**
 * The MQL guard keeps the guard contract on the saas-b2b template, over deals with fit
 * attributes and engagement (touches, downloads). Not monotone in any attribute by declaration:
 * the contract's monotonicity check drops the history, which this guard needs.
 */
class MarketingQualifiedContractTest extends AbstractGuardContractTest {
  static final AttributeSchema SCORING = AttributeSchema.empty()
      .text("industry", "software", "retail", "SaaS")
      .number("employees", 1, 5000)
      .text("role", "cto", "intern")
      .text("content_download", "pricing-guide", "whitepaper")
      .flag("event_attended");

  @Override
  protected Guard createGuard() {
    return Qualification.marketingQualified(PointsScorer.defaults(), 20);
  }

  @Override
  protected GuardContracts configure(GuardContracts contracts) {
    return contracts.on(PipelineTemplates.definition("saas-b2b")).withAttributes(SCORING)
        .withSeed(15L).withExamples(150);
  }
}

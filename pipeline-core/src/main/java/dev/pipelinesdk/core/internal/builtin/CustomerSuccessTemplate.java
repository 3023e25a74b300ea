package dev.pipelinesdk.core.internal.builtin;

import dev.pipelinesdk.core.template.PipelineTemplate;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.guard.GuardFactories;
import java.util.Map;
import java.time.Duration;

/**
 * Delivery after the sale, template {@value #NAME}: the follow-on pipeline a won {@code saas-b2b}
 * deal is handed over to. {@code kickoff} -> {@code onboarding} -> {@code live} (won), or {@code
 * churned} (lost) from any open stage. Onboarding -> Live needs the {@code go_live_signed_off}
 * attribute. The guard is made by the built-in {@code required-attributes} factory, so the template
 * can be written as a file and read back equal.
 */
public final class CustomerSuccessTemplate implements PipelineTemplate {
  /** The template name: {@value}. */
  public static final String NAME = "customer-success";

  private static final PipelineDefinition DEFINITION = PipelineDefinition.builder(NAME)
      .name("Customer success hand-over")
      .stage(Stage.builder().id("kickoff").name("Kickoff").defaultProbability(0.9)
          .expectedDuration(Duration.ofDays(7)).idleAfter(Duration.ofDays(5)).build())
      .stage(Stage.builder().id("onboarding").name("Onboarding").defaultProbability(0.95)
          .expectedDuration(Duration.ofDays(30)).idleAfter(Duration.ofDays(10)).build())
      .stage(Stage.won("live", "Live"))
      .stage(Stage.lost("churned", "Churned"))
      .path("kickoff", "onboarding")
      .transition("onboarding", "live", "go live", GuardFactories.createWith(
          new BuiltInGuardFactories.RequiredAttributes(), Map.of("names", "go_live_signed_off")))
      .fromEveryOpenStage("churned")
      .build();

  /** Creates the provider. */
  public CustomerSuccessTemplate() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "delivery after the sale: kickoff, onboarding, live or churned";
  }

  @Override
  public PipelineDefinition definition() {
    return DEFINITION;
  }
}

package dev.pipelinesdk.examples.mortgage;

import dev.pipelinesdk.core.ForecastCategory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.automation.BusinessCalendar;
import dev.pipelinesdk.core.automation.DecisionTimeout;
import dev.pipelinesdk.core.automation.DelayContactRule;
import dev.pipelinesdk.core.automation.IdleRule;
import dev.pipelinesdk.core.automation.Span;
import dev.pipelinesdk.core.guard.GuardFactories;
import dev.pipelinesdk.core.template.PipelineTemplate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * A vendor's mortgage (loan origination) pipeline, template {@value #NAME}, shipped the way a
 * vendor ships one: its own package, only the SDK's exported API, registered as a {@link
 * PipelineTemplate} service in {@code META-INF/services}, so {@code --template mortgage} and
 * {@code PipelineTemplates.definition("mortgage")} find it.
 *
 * <p>Milestones (open stages, in funnel order, with their expected durations):
 *
 * <ol>
 *   <li>{@code application} (3 days), then {@code pre-approval} (30 days: the borrower looks
 *       for a home), {@code processing} (10 days: documents and appraisal), {@code underwriting}
 *       (10 days, ending in a conditional approval), {@code conditions} (7 days: what the
 *       underwriter asked for), {@code clear-to-close} (5 days, commit), {@code closing} (3
 *       days, commit);
 *   <li>{@code funded} (won); {@code withdrawn} (lost, from every open stage) and {@code denied}
 *       (lost, from application, underwriting and conditions).
 * </ol>
 *
 * <p>Completion requirements, as guards made by the SDK's {@code required-attributes}, {@code
 * minimum-time-in-stage} and {@code amount-present} factories (so the template can be written as
 * a definition file and read back equal): pre-approval needs {@code proof_of_income} and {@code
 * credit_report}; processing needs a {@code purchase_contract}; underwriting needs {@code
 * documents_received} and {@code appraisal_done}; clear to close needs {@code
 * conditions_cleared}; closing waits 3 days after clear to close (the closing disclosure's
 * waiting period, counted in calendar time); funding needs the loan amount. Underwriting can
 * approve without conditions (straight to clear to close) or send the file back to processing.
 *
 * <p>Automation, in business days of the lender's calendar (Monday to Friday, US federal
 * holidays of 2024 to 2030, dates in New York):
 *
 * <ul>
 *   <li>delay contacts, customer-facing: {@value #PROCESSING_DELAYED} 7 business days into
 *       processing, then every 5, at most 3; {@value #UNDERWRITING_DELAYED} with the {@value
 *       #HOME_INSURANCE} offer 5 business days into underwriting, then every 5, at most 3;
 *       {@value #CONDITIONS_DELAYED} 3 business days into conditions, then every 3, at most 4.
 *       The message keys are resolved by {@link MortgageMessages} (English and German);
 *   <li>idle rules for the loan officer: an application untouched for 2 business days, a
 *       pre-approval for 15, a closing for 2; at clear to close, 5 business days without a touch
 *       escalate (schedule the closing before the rate lock runs out: get a yes or no).
 * </ul>
 *
 * <p>The stages with delay contacts have no idle threshold of their own: the contacts, acted on,
 * keep the deal touched, and a rule that also fired there would only repeat them internally.
 */
public final class MortgageTemplate implements PipelineTemplate {
  /** The template name: {@value}. */
  public static final String NAME = "mortgage";
  /** The message key of the delay contact in processing: {@value}. */
  public static final String PROCESSING_DELAYED = "mortgage.processing.delayed";
  /** The message key of the delay contact in underwriting: {@value}. */
  public static final String UNDERWRITING_DELAYED = "mortgage.underwriting.delayed";
  /** The message key of the delay contact in conditions: {@value}. */
  public static final String CONDITIONS_DELAYED = "mortgage.conditions.delayed";
  /** The cross-sell offered with the underwriting delay contact: {@value}. */
  public static final String HOME_INSURANCE = "home-insurance";

  /** The lender's calendar: Monday to Friday, US federal holidays, dates in New York. */
  public static final BusinessCalendar CALENDAR = BusinessCalendar.builder()
      .weekend(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
      .holidays(UsFederalHolidays.observed(UsFederalHolidays.FIRST_YEAR,
          UsFederalHolidays.LAST_YEAR))
      .zone(ZoneId.of("America/New_York"))
      .build();

  private static final PipelineDefinition DEFINITION = PipelineDefinition.builder(NAME)
      .name("Mortgage origination")
      .currency("USD")
      .stage(Stage.builder().id("application").name("Application").defaultProbability(0.10)
          .expectedDuration(Duration.ofDays(3)).idleAfter(Duration.ofDays(5)).build())
      .stage(Stage.builder().id("pre-approval").name("Pre-approval").defaultProbability(0.25)
          .expectedDuration(Duration.ofDays(30)).idleAfter(Duration.ofDays(21)).build())
      .stage(Stage.builder().id("processing").name("Processing").defaultProbability(0.45)
          .expectedDuration(Duration.ofDays(10)).build())
      .stage(Stage.builder().id("underwriting").name("Underwriting").defaultProbability(0.60)
          .expectedDuration(Duration.ofDays(10)).forecastCategory(ForecastCategory.BEST_CASE)
          .build())
      .stage(Stage.builder().id("conditions").name("Conditions").defaultProbability(0.75)
          .expectedDuration(Duration.ofDays(7)).forecastCategory(ForecastCategory.BEST_CASE)
          .build())
      .stage(Stage.builder().id("clear-to-close").name("Clear to close").defaultProbability(0.90)
          .expectedDuration(Duration.ofDays(5)).idleAfter(Duration.ofDays(7))
          .forecastCategory(ForecastCategory.COMMIT).build())
      .stage(Stage.builder().id("closing").name("Closing").defaultProbability(0.95)
          .expectedDuration(Duration.ofDays(3)).idleAfter(Duration.ofDays(3))
          .forecastCategory(ForecastCategory.COMMIT).build())
      .stage(Stage.won("funded", "Funded"))
      .stage(Stage.lost("withdrawn", "Withdrawn"))
      .stage(Stage.lost("denied", "Denied"))
      .transition("application", "pre-approval", "pre-approve",
          required("proof_of_income,credit_report"))
      .transition("pre-approval", "processing", "purchase contract signed",
          required("purchase_contract"))
      .transition("processing", "underwriting", "submit to underwriting",
          required("documents_received,appraisal_done"))
      .transition("underwriting", "conditions", "conditional approval")
      .transition("underwriting", "clear-to-close", "approve without conditions")
      .transition("underwriting", "processing", "suspend, back to processing")
      .transition("conditions", "clear-to-close", "conditions cleared",
          required("conditions_cleared"))
      .transition("clear-to-close", "closing", "schedule closing", GuardFactories.create(
          "minimum-time-in-stage", Map.of("duration", "P3D")))
      .transition("closing", "funded", "fund", GuardFactories.create("amount-present", Map.of()))
      .transition("application", "denied", "not pre-approved")
      .transition("underwriting", "denied", "deny")
      .transition("conditions", "denied", "deny, conditions not met")
      .fromEveryOpenStage("withdrawn")
      .calendar(CALENDAR)
      .rule(IdleRule.of("application", Span.businessDays(2)))
      .rule(IdleRule.of("pre-approval", Span.businessDays(15)))
      .rule(DelayContactRule.builder("processing", PROCESSING_DELAYED)
          .after(Span.businessDays(7)).repeat(Span.businessDays(5), 3).build())
      .rule(DelayContactRule.builder("underwriting", UNDERWRITING_DELAYED)
          .after(Span.businessDays(5)).offer(HOME_INSURANCE).repeat(Span.businessDays(5), 3)
          .build())
      .rule(DelayContactRule.builder("conditions", CONDITIONS_DELAYED)
          .after(Span.businessDays(3)).repeat(Span.businessDays(3), 4).build())
      .rule(DecisionTimeout.of("clear-to-close", Span.businessDays(5)))
      .rule(IdleRule.of("closing", Span.businessDays(2)))
      .build();

  /** Creates the provider ({@code ServiceLoader} calls this). */
  public MortgageTemplate() {}

  private static dev.pipelinesdk.core.guard.Guard required(String names) {
    return GuardFactories.create("required-attributes", Map.of("names", names));
  }

  /** {@return the definition, without going through the service loader} */
  public static PipelineDefinition mortgage() {
    return DEFINITION;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "loan origination: application, pre-approval, processing, underwriting, conditions,"
        + " clear to close, closing, funded; withdrawn or denied; delay contacts with the"
        + " borrower";
  }

  @Override
  public PipelineDefinition definition() {
    return DEFINITION;
  }
}

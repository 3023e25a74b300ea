package dev.pipelinesdk.examples.mortgage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.DelayContactRule;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.core.template.PipelineTemplate;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.files.DefinitionFileException;
import dev.pipelinesdk.files.DefinitionFiles;
import dev.pipelinesdk.testkit.contract.AutomationRuleContracts;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The vendor's template: found as a service, its milestones, guards, rules and messages. */
class MortgageTemplateTest {
  private static final PipelineDefinition MORTGAGE = MortgageTemplate.mortgage();
  private static final Touch CALL = Touch.outbound(Touch.Channel.CALL, Touch.Result.COMPLETED);
  /** The facts the template's guards ask for, so generated deals can move on. */
  static final AttributeSchema FACTS = AttributeSchema.empty().flag("proof_of_income")
      .flag("credit_report").flag("purchase_contract").flag("documents_received")
      .flag("appraisal_done").flag("conditions_cleared");

  @Test
  void theTemplateIsFoundThroughTheServiceLoaderByName() {
    assertThat(PipelineTemplates.load()).containsKeys("mortgage", "saas-b2b",
        "customer-success");
    assertThat(PipelineTemplates.definition("mortgage")).isSameAs(MORTGAGE);
    assertThat(ServiceLoader.load(PipelineTemplate.class).stream()
        .map(ServiceLoader.Provider::type)).contains(MortgageTemplate.class);
    assertThat(new MortgageTemplate().name()).isEqualTo(MortgageTemplate.NAME);
    assertThat(new MortgageTemplate().definition()).isEqualTo(MortgageGuards.mortgage());
  }

  @Test
  void theMilestonesAreTheLoanOriginationOnesInFunnelOrder() {
    assertThat(MORTGAGE.openStages()).extracting(s -> s.id().value()).containsExactly(
        "application", "pre-approval", "processing", "underwriting", "conditions",
        "clear-to-close", "closing");
    assertThat(MORTGAGE.stagesOf(StageKind.WON)).extracting(Stage::name)
        .containsExactly("Funded");
    assertThat(MORTGAGE.stagesOf(StageKind.LOST)).extracting(s -> s.id().value())
        .containsExactly("withdrawn", "denied");
    assertThat(MORTGAGE.openStages()).allSatisfy(s -> assertThat(s.expectedDuration())
        .isPresent());
    assertThat(MORTGAGE.currency().orElseThrow().getCurrencyCode()).isEqualTo("USD");
  }

  @Test
  void theCompletionRequirementsAreGuardsThatSayWhatIsMissing() {
    Pipeline lender = Pipeline.of(MORTGAGE, InstantSource.fixed(Instant.EPOCH));
    Request lee = Request.by("lee").at(Instant.parse("2026-06-01T12:00:00Z"));
    DealHistory h = lender.importDeal(NewDeal.builder().id("L-1").title("Miller")
        .stage(StageId.of("processing")).owner("lee").build(), lee).historyOrThrow();
    h = lender.setAttribute(h, "documents_received", AttributeValue.of(true), lee)
        .historyOrThrow();
    Outcome refused = lender.move(h, "underwriting", lee);
    assertThat(refused.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(Violation.MISSING_ATTRIBUTES);
      assertThat(v.subjects()).containsExactly("appraisal_done");
    });
    h = lender.setAttribute(h, "appraisal_done", AttributeValue.of(true), lee).historyOrThrow();
    h = lender.move(h, "underwriting", lee).historyOrThrow();
    h = lender.move(h, "clear-to-close", lee).historyOrThrow(); // approved without conditions
    // The closing waits 3 days after clear to close; the loan amount is needed to fund.
    assertThat(lender.move(h, "closing", Request.by("lee")
        .at(Instant.parse("2026-06-03T12:00:00Z"))).violations())
        .extracting(Violation::code).containsExactly(Violation.TOO_EARLY);
    Request later = Request.by("lee").at(Instant.parse("2026-06-04T12:00:00Z"));
    h = lender.move(h, "closing", later).historyOrThrow();
    assertThat(lender.win(h, later).violations()).extracting(Violation::code)
        .containsExactly(Violation.AMOUNT_MISSING);
    // Two lost stages: losing names which.
    assertThat(lender.lose(h, StageId.of("withdrawn"), "found a better rate", later)
        .historyOrThrow().current().stage()).isEqualTo(StageId.of("withdrawn"));
  }

  @Test
  void theTemplateIsWrittenAsAFileAndReadBackEqual() throws DefinitionFileException {
    for (DefinitionFiles.Format format : DefinitionFiles.Format.values()) {
      StringBuilder text = new StringBuilder();
      DefinitionFiles.write(MORTGAGE, text, format);
      assertThat(DefinitionFiles.read("mortgage." + format.name().toLowerCase(Locale.ROOT),
          text.toString(), format)).as(format.name()).isEqualTo(MORTGAGE);
    }
  }

  @Test
  void theCalendarIsTheLendersBusinessDaysWithObservedFederalHolidays() {
    var calendar = MORTGAGE.calendar();
    assertThat(calendar.zone().getId()).isEqualTo("America/New_York");
    // 2026: July 4 is a Saturday, observed on Friday the 3rd; Juneteenth is a Friday.
    for (String holiday : List.of("2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25",
        "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26",
        "2026-12-25", "2027-12-24", "2028-12-25", "2027-12-31")) {
      assertThat(calendar.isBusinessDay(LocalDate.parse(holiday))).as(holiday).isFalse();
    }
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 7, 6))).isTrue();
    assertThat(calendar.holidays()).hasSize(7 * 11).first()
        .isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(calendar.plusBusinessDays(LocalDate.of(2026, 7, 2), 1))
        .isEqualTo(LocalDate.of(2026, 7, 6));
  }

  @Test
  void delayContactsWatchProcessingUnderwritingAndConditionsOneWithTheInsuranceOffer() {
    List<DelayContactRule> contacts = MORTGAGE.automationRules().stream()
        .filter(r -> r instanceof DelayContactRule).map(r -> (DelayContactRule) r).toList();
    assertThat(contacts).extracting(r -> r.stage().value())
        .containsExactly("processing", "underwriting", "conditions");
    assertThat(contacts).extracting(DelayContactRule::messageKey).containsExactly(
        MortgageTemplate.PROCESSING_DELAYED, MortgageTemplate.UNDERWRITING_DELAYED,
        MortgageTemplate.CONDITIONS_DELAYED);
    assertThat(contacts).extracting(DelayContactRule::offer).containsExactly(Optional.empty(),
        Optional.of("home-insurance"), Optional.empty());
    assertThat(contacts).allSatisfy(r -> {
      assertThat(r.repeatEvery()).isPresent();
      assertThat(r.maxPerVisit()).isGreaterThan(1);
    });
    // The loan officer's internal alerts stay off the stages the borrower is contacted on.
    assertThat(Agenda.rules(MORTGAGE)).filteredOn(r -> !(r instanceof DelayContactRule))
        .extracting(r -> r.stage().value())
        .containsExactly("application", "pre-approval", "clear-to-close", "closing");
  }

  @Test
  void everyRuleOfTheTemplateKeepsTheAutomationRuleContract() {
    for (AutomationRule rule : Agenda.rules(MORTGAGE)) {
      AutomationRuleContracts contract = AutomationRuleContracts.forRule(rule, MORTGAGE)
          .withAttributes(FACTS).stopsOn(new Command.RecordTouch(CALL)).withSeed(15L)
          .withExamples(100);
      if (rule instanceof DelayContactRule) {
        contract = contract.atMostPerVisit(((DelayContactRule) rule).maxPerVisit());
      }
      contract.verify();
    }
  }

  @Test
  void everyMessageKeyAndOfferHasATextInEveryLanguage() {
    Set<String> keys = new TreeSet<>();
    for (AutomationRule r : MORTGAGE.automationRules()) {
      if (r instanceof DelayContactRule) {
        DelayContactRule d = (DelayContactRule) r;
        keys.add(d.messageKey());
        d.offer().ifPresent(o -> keys.add(MortgageMessages.OFFER_PREFIX + o));
      }
    }
    assertThat(keys).hasSize(4);
    List<String> english = new ArrayList<>();
    for (Locale locale : MortgageMessages.LOCALES) {
      ResourceBundle bundle = MortgageMessages.bundle(locale);
      assertThat(bundle.keySet()).as(locale.toString()).containsExactlyInAnyOrderElementsOf(keys);
      for (String k : keys) {
        assertThat(bundle.getString(k)).as(locale + " " + k).isNotBlank();
      }
      if (locale.equals(Locale.ENGLISH)) {
        keys.forEach(k -> english.add(bundle.getString(k)));
      }
    }
    for (String k : keys) {
      assertThat(MortgageMessages.bundle(Locale.GERMAN).getString(k)).as(k)
          .isNotIn(english); // translated, not copied
    }
  }

  @Test
  void aLanguageWithoutATranslationGetsEnglishWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertThat(MortgageMessages.bundle(Locale.FRENCH).getString(
          MortgageTemplate.PROCESSING_DELAYED)).startsWith("Your loan application");
      assertThat(MortgageMessages.bundle(Locale.GERMANY).getString(
          MortgageTemplate.PROCESSING_DELAYED)).startsWith("Ihr Kreditantrag");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void anItemWithoutAMessageHasNoTextAndAnUnknownKeyIsNamed() {
    AgendaItem idle = item(AgendaItem.Kind.IDLE, Optional.empty(), Optional.empty());
    assertThat(MortgageMessages.text(idle, Locale.ENGLISH)).isEmpty();
    AgendaItem unknown = item(AgendaItem.Kind.DELAY_CONTACT, Optional.of("mortgage.nope"),
        Optional.empty());
    assertThatThrownBy(() -> MortgageMessages.text(unknown, Locale.GERMAN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mortgage.nope'").hasMessageContaining(MortgageMessages.BUNDLE);
  }

  private static AgendaItem item(AgendaItem.Kind kind, Optional<String> key,
      Optional<String> offer) {
    return new AgendaItem(DealId.of("L-1"), Optional.of("lee"), StageId.of("processing"), kind,
        Instant.parse("2026-06-10T12:00:00Z"), "rule", "why", key, offer, Optional.empty());
  }
}

package dev.pipelinesdk.examples.mortgage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.AgendaSimulator;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's test that must exist: a mortgage loan simulated over 60 days with stalls gets
 * exactly the delay contacts worked out below, on business days of the lender's calendar, no more
 * than each rule's cap, and none once the loan has moved on.
 */
class MortgageSixtyDaysTest {
  private static final PipelineDefinition MORTGAGE = MortgageTemplate.mortgage();
  /** The engine's own clock is far away: every command of the test and the run says when. */
  private static final Pipeline LENDER =
      Pipeline.of(MORTGAGE, InstantSource.fixed(Instant.parse("1999-01-01T00:00:00Z")));
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final LocalDate JUNE_1 = LocalDate.of(2026, 6, 1); // a Monday
  private static final LocalDate JULY_30 = LocalDate.of(2026, 7, 30); // the 60th day

  private static Command set(String flag) {
    return new Command.SetAttribute(flag, Optional.of(AttributeValue.of(true)));
  }

  private static Command moveTo(String stage) {
    return new Command.MoveTo(StageId.of(stage));
  }

  /** A loan pre-approved, under contract and in processing at 08:00 New York on June 1. */
  private static DealHistory inProcessing(String id) {
    Request lee = Request.by("lee").at(Instant.parse("2026-06-01T12:00:00Z")); // 08:00 EDT
    DealHistory h = LENDER.create(NewDeal.builder().id(id).title("Miller, 30y fixed")
        .owner("lee").amount(Money.of("420000", "USD")).build(), lee).historyOrThrow();
    return LENDER.executeAll(h, List.of(set("proof_of_income"), set("credit_report"),
        moveTo("pre-approval"), set("purchase_contract"), moveTo("processing")), lee)
        .historyOrThrow();
  }

  private static AgendaSimulator.Result sixtyDays() {
    return AgendaSimulator.builder(LENDER, List.of(inProcessing("L-1"), inProcessing("L-2")))
        .from(JUNE_1).to(JULY_30)
        .policy(AgendaSimulator.Policy.actNextBusinessDay())
        // L-1 stalls in processing for five weeks, in underwriting for two.
        .script(LocalDate.of(2026, 7, 7), "L-1", set("documents_received"),
            set("appraisal_done"), moveTo("underwriting"))
        .script(LocalDate.of(2026, 7, 23), "L-1", moveTo("conditions"))
        // L-2 moves on before any contact is due and is funded on June 12.
        .script(LocalDate.of(2026, 6, 3), "L-2", set("documents_received"),
            set("appraisal_done"), moveTo("underwriting"))
        .script(LocalDate.of(2026, 6, 8), "L-2", moveTo("clear-to-close"))
        .script(LocalDate.of(2026, 6, 11), "L-2", moveTo("closing"))
        .script(LocalDate.of(2026, 6, 12), "L-2", new Command.Win())
        .build().run();
  }

  /** A delay contact as the test expects it: the day it was made, its key, offer, due date. */
  record Contact(LocalDate made, String messageKey, Optional<String> offer, LocalDate due) {}

  private static LocalDate date(Instant at) {
    return at.atZone(NEW_YORK).toLocalDate();
  }

  @Test
  void sixtyDaysWithStallsGiveExactlyTheseDelayContacts() {
    AgendaSimulator.Result run = sixtyDays();
    assertThat(run.days()).hasSize(60);
    assertThat(run.actions()).filteredOn(a -> !a.scripted()).allSatisfy(a -> {
      assertThat(a.accepted()).isTrue();
      assertThat(a.deal().value()).isEqualTo("L-1");
      assertThat(a.item().orElseThrow().kind()).isEqualTo(AgendaItem.Kind.DELAY_CONTACT);
    });
    // Worked out by hand. Business days: Monday to Friday in New York, without Juneteenth (Fri
    // June 19) and Independence Day, observed on Fri July 3 (the 4th is a Saturday). The
    // agenda is computed at 09:00 each day; the policy acts the next business day after an item
    // fell due; a span of business days keeps the time of day it starts at.
    //
    // Processing, entered Mon 06-01 08:00; first contact after 7 business days, then 5 after
    // each contact, at most 3:
    //   1. due Wed 06-10 08:00 (2, 3, 4, 5, 8, 9, 10); made Thu 06-11 09:00.
    //   2. due 5 business days after Thu 06-11 09:00 (12, 15, 16, 17, 18): Thu 06-18 09:00;
    //      Fri 06-19 is a holiday, so made Mon 06-22.
    //   3. due Mon 06-29 09:00 (23, 24, 25, 26, 29); made Tue 06-30. The cap: none after it,
    //      though without one a fourth would be due Wed 07-08 (1, 2, 6, 7, 8; the 3rd is off).
    // Underwriting, entered Tue 07-07 09:00 (the stall ends); first after 5, then every 5, at
    // most 3, with the home-insurance offer:
    //   1. due Tue 07-14 09:00 (8, 9, 10, 13, 14); made Wed 07-15.
    //   2. due Wed 07-22 09:00 (16, 17, 20, 21, 22), on the agenda that day; the loan moves to
    //      conditions on Thu 07-23 at 09:00, before that day's agenda, so it is never made.
    // Conditions, entered Thu 07-23 09:00; first after 3, then every 3, at most 4:
    //   1. due Tue 07-28 09:00 (24, 27, 28); made Wed 07-29. The second would be due Mon 08-03.
    // L-2 leaves processing on Wed 06-03, underwriting on Mon 06-08 (its first contact would
    // have been due Wed 06-10), clear to close on Thu 06-11 (3 days after, as the closing's guard
    // wants) and closing on Fri 06-12: no item is ever due on it.
    Optional<String> none = Optional.empty();
    Optional<String> insurance = Optional.of(MortgageTemplate.HOME_INSURANCE);
    assertThat(run.actions()).filteredOn(a -> !a.scripted()).map(a -> {
      AgendaItem i = a.item().orElseThrow();
      return new Contact(date(a.at()), i.messageKey().orElseThrow(), i.offer(),
          date(i.dueSince()));
    }).containsExactly(
        new Contact(LocalDate.of(2026, 6, 11), MortgageTemplate.PROCESSING_DELAYED, none,
            LocalDate.of(2026, 6, 10)),
        new Contact(LocalDate.of(2026, 6, 22), MortgageTemplate.PROCESSING_DELAYED, none,
            LocalDate.of(2026, 6, 18)),
        new Contact(LocalDate.of(2026, 6, 30), MortgageTemplate.PROCESSING_DELAYED, none,
            LocalDate.of(2026, 6, 29)),
        new Contact(LocalDate.of(2026, 7, 15), MortgageTemplate.UNDERWRITING_DELAYED, insurance,
            LocalDate.of(2026, 7, 14)),
        new Contact(LocalDate.of(2026, 7, 29), MortgageTemplate.CONDITIONS_DELAYED, none,
            LocalDate.of(2026, 7, 28)));
    // Every contact is made at 09:00 New York by the loan's owner, as an outbound email.
    assertThat(run.actions()).filteredOn(a -> !a.scripted()).allSatisfy(a -> {
      assertThat(a.at().atZone(NEW_YORK).toLocalTime()).hasToString("09:00");
      assertThat(a.actor()).isEqualTo("lee");
      assertThat(a.commands()).containsExactly(new Command.RecordTouch(
          Touch.outbound(Touch.Channel.EMAIL, Touch.Result.COMPLETED)));
    });
    assertThat(run.actions()).filteredOn(a -> !a.scripted())
        .extracting(a -> a.item().orElseThrow().reason()).satisfiesExactly(
            r -> assertThat(r).endsWith("contact 1 of at most 3"),
            r -> assertThat(r).endsWith("contact 2 of at most 3"),
            r -> assertThat(r).endsWith("contact 3 of at most 3"),
            r -> assertThat(r).endsWith("contact 1 of at most 3"),
            r -> assertThat(r).endsWith("contact 1 of at most 4"));
  }

  @Test
  void theAgendaShowsTheContactsOnTheseDaysOnlyAndStopsThemWhenTheLoanMoves() {
    AgendaSimulator.Result run = sixtyDays();
    // The days an item was on the agenda (due, or due and made that day), per the comment
    // above: processing from the day each contact fell due to the day it was made (the
    // holiday and the weekend in between included), nothing from 07-01 on (the cap, then the
    // move); underwriting 07-14 and 07-15, then 07-22, gone on 07-23 (moved); conditions 07-28
    // and 07-29.
    assertThat(run.days()).filteredOn(d -> !d.items().isEmpty())
        .extracting(AgendaSimulator.Day::date).containsExactly(
            LocalDate.of(2026, 6, 10), LocalDate.of(2026, 6, 11), LocalDate.of(2026, 6, 18),
            LocalDate.of(2026, 6, 19), LocalDate.of(2026, 6, 20), LocalDate.of(2026, 6, 21),
            LocalDate.of(2026, 6, 22), LocalDate.of(2026, 6, 29), LocalDate.of(2026, 6, 30),
            LocalDate.of(2026, 7, 14), LocalDate.of(2026, 7, 15), LocalDate.of(2026, 7, 22),
            LocalDate.of(2026, 7, 28), LocalDate.of(2026, 7, 29));
    assertThat(run.days()).flatMap(AgendaSimulator.Day::items)
        .allSatisfy(i -> assertThat(i.deal().value()).isEqualTo("L-1"))
        .extracting(AgendaItem::rule).containsOnly("delay-contact:processing",
            "delay-contact:underwriting", "delay-contact:conditions");
    AgendaItem unmade = run.days().get(51).items().get(0); // 07-22
    assertThat(unmade.rule()).isEqualTo("delay-contact:underwriting");
    assertThat(unmade.reason()).contains("contact 2 of at most 3");
    assertThat(run.days().get(52).items()).isEmpty(); // 07-23: moved to conditions at 09:00

    DealHistory l1 = run.history("L-1");
    assertThat(l1.current().stage()).isEqualTo(StageId.of("conditions"));
    assertThat(l1.events()).filteredOn(e -> e instanceof DealEvent.TouchRecorded).hasSize(5);
    assertThat(run.history("L-2").current().stage()).isEqualTo(StageId.of("funded"));
    assertThat(run.actions()).filteredOn(AgendaSimulator.Action::scripted)
        .allMatch(AgendaSimulator.Action::accepted).hasSize(6);
  }

  @Test
  void theBorrowerGetsTheContactsTextInTheirLanguage() {
    AgendaSimulator.Result run = sixtyDays();
    AgendaItem underwriting = run.actions().stream().filter(a -> !a.scripted())
        .map(a -> a.item().orElseThrow())
        .filter(i -> i.rule().equals("delay-contact:underwriting")).findFirst().orElseThrow();
    String german = MortgageMessages.text(underwriting, Locale.GERMAN).orElseThrow();
    assertThat(german).startsWith("Ihr Antrag liegt bei unserer Kreditprüfung.")
        .contains("\n\nÜbrigens: Vor der Auszahlung brauchen wir den Nachweis einer"
            + " Gebäudeversicherung.");
    String english = MortgageMessages.text(underwriting, Locale.ENGLISH).orElseThrow();
    assertThat(english).startsWith("Your application is with our underwriters.")
        .contains("homeowners insurance");
  }
}

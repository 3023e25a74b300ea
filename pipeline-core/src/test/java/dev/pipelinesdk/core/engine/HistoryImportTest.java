package dev.pipelinesdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rows-into-history fold, case by case; every expected value is read off the rows. */
class HistoryImportTest {
  private static final HistoryImport FOLD = HistoryImport.into(
      Pipeline.of(PipelineTemplates.definition("saas-b2b"), () -> {
        throw new AssertionError("an import reads no clock");
      }), Money.currency("EUR"));

  private static Instant day(int d) {
    return Instant.parse("2026-03-01T00:00:00Z").plusSeconds(86_400L * (d - 1));
  }

  private static HistoryImport.Row row(int day, String stage) {
    return HistoryImport.Row.of("d1", day(day), StageId.of(stage));
  }

  private static HistoryImport.Row amount(HistoryImport.Row r, String amount, String currency) {
    return new HistoryImport.Row(r.deal(), r.at(), r.stage(), Optional.of(new BigDecimal(amount)),
        Optional.ofNullable(currency).map(Currency::getInstance), r.owner(), r.source(),
        r.createdAt(), r.closeDate(), r.attributes());
  }

  /** Collects the problems; records each call of between. */
  private static class Heard implements HistoryImport.Listener {
    final List<HistoryImport.Problem> problems = new ArrayList<>();
    final List<Optional<Instant>> between = new ArrayList<>();

    @Override
    public void refused(HistoryImport.Problem problem) {
      problems.add(problem);
    }

    @Override
    public DealHistory between(DealHistory history, Optional<Instant> next) {
      between.add(next);
      return history;
    }
  }

  @Test
  void theFirstRowCreatesAndLaterRowsRecordWhatChanged() {
    HistoryImport.Row first = row(3, "prospecting").withAmount(new BigDecimal("1000"))
        .withOwner("ana").withCreatedAt(day(1)).withCloseDate(LocalDate.parse("2026-06-30"))
        .withAttribute("need", AttributeValue.of("crm"));
    HistoryImport.Row second = new HistoryImport.Row("d1", day(5), StageId.of("qualification"),
        Optional.of(new BigDecimal("1200")), Optional.empty(), Optional.of("ben"),
        Optional.of("referral"), Optional.empty(), Optional.empty(), Map.of());
    Heard heard = new Heard();
    HistoryImport.Result r = FOLD.history(List.of(first, second), heard);
    assertThat(heard.problems).isEmpty();
    assertThat(r.createdBy()).isZero();
    DealHistory h = r.history().orElseThrow();
    assertThat(h.created().at()).isEqualTo(day(1)); // the earlier created_at
    assertThat(h.current().stage()).isEqualTo(StageId.of("qualification"));
    assertThat(h.current().amount()).contains(Money.of("1200", "EUR")); // the default currency
    assertThat(h.current().owner()).contains("ben");
    assertThat(h.current().closeDate()).contains(LocalDate.parse("2026-06-30"));
    assertThat(h.current().leadSource()).isEqualTo(LeadSource.parse("referral")); // any row's
    assertThat(h.current().attribute("need")).contains(AttributeValue.of("crm"));
    assertThat(h.events()).filteredOn(e -> e instanceof DealEvent.StageChanged)
        .singleElement().satisfies(e -> assertThat(e.at()).isEqualTo(day(5)));
    // between: before the second row with its instant, then once after the last
    assertThat(heard.between).containsExactly(Optional.of(day(5)), Optional.empty());
  }

  @Test
  void aSourceThatIsNoLeadSourceBecomesAnAttribute() {
    HistoryImport.Row r = new HistoryImport.Row("d1", day(1), StageId.of("prospecting"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("Partner portal"),
        Optional.empty(), Optional.empty(), Map.of());
    DealHistory h = FOLD.history(List.of(r), p -> { }).history().orElseThrow();
    assertThat(LeadSource.parse("Partner portal")).isEmpty();
    assertThat(h.current().leadSource()).isEmpty();
    assertThat(h.current().attribute("source")).contains(AttributeValue.of("Partner portal"));
  }

  @Test
  void aCurrencyChangeIsRefusedAndTheHistoryBeforeItStands() {
    Heard heard = new Heard();
    HistoryImport.Result r = FOLD.history(List.of(amount(row(1, "prospecting"), "100", "USD"),
        amount(row(2, "qualification"), "200", "EUR"), row(3, "consideration")), heard);
    assertThat(heard.problems).containsExactly(new HistoryImport.Problem(1,
        HistoryImport.CURRENCY_CHANGE, "currency 'EUR' differs from deal 'd1''s currency 'USD'"));
    DealHistory h = r.history().orElseThrow();
    assertThat(h.current().amount()).contains(Money.of("100", "USD"));
    assertThat(h.current().stage()).isEqualTo(StageId.of("consideration")); // row 3 kept
    assertThat(h.events()).filteredOn(e -> e instanceof DealEvent.StageChanged)
        .extracting(DealEvent::at).containsExactly(day(3)); // row 2's move is not kept either
  }

  @Test
  void aRefusedFirstRowLetsTheNextCreateTheDeal() {
    Heard heard = new Heard();
    HistoryImport.Result r = FOLD.history(List.of(amount(row(1, "prospecting"), "10.5", "JPY"),
        row(2, "qualification")), heard);
    assertThat(heard.problems).containsExactly(new HistoryImport.Problem(0,
        HistoryImport.BAD_AMOUNT, "amount '10.5' has more decimals than JPY has (0)"));
    assertThat(r.createdBy()).isEqualTo(1);
    assertThat(r.history().orElseThrow().created().at()).isEqualTo(day(2));
    assertThat(heard.between).containsExactly(Optional.empty()); // no row after the creating one
    // a reader that knows the column names it in the message
    Heard named = new Heard();
    FOLD.withAmountColumn("Amount").history(List.of(amount(row(1, "prospecting"), "10.5",
        "JPY")), named);
    assertThat(named.problems).extracting(HistoryImport.Problem::message).containsExactly(
        "amount '10.5' in column Amount has more decimals than JPY has (0)");
  }

  @Test
  void everyRowRefusedGivesNoHistory() {
    Heard heard = new Heard();
    HistoryImport.Result r = FOLD.history(List.of(amount(row(1, "prospecting"), "1.5", "JPY")),
        heard);
    assertThat(r.history()).isEmpty();
    assertThat(r.createdBy()).isEqualTo(-1);
    assertThat(heard.problems).hasSize(1);
    assertThat(heard.between).isEmpty();
  }

  @Test
  void aRowBeforeTheDealsLatestChangeIsRefusedByTheEngine() {
    Heard heard = new Heard();
    HistoryImport.Result r = FOLD.history(List.of(row(5, "prospecting"), row(6, "qualification"),
        row(2, "consideration")), heard);
    assertThat(heard.problems).singleElement().satisfies(p -> {
      assertThat(p.row()).isEqualTo(2);
      assertThat(p.kind()).isEqualTo(HistoryImport.REFUSED);
      assertThat(p.message()).isNotBlank();
    });
    assertThat(r.history().orElseThrow().current().stage())
        .isEqualTo(StageId.of("qualification"));
  }

  @Test
  void aLostReasonMakesTheMoveIntoALostStageALoss() {
    HistoryImport.Row lost = row(4, "lost").withAttribute("lost_reason",
        AttributeValue.of("price"));
    DealHistory h = FOLD.history(List.of(row(1, "prospecting"), lost), p -> { }).history()
        .orElseThrow();
    assertThat(h.events()).filteredOn(e -> e instanceof DealEvent.Lost).singleElement()
        .satisfies(e -> assertThat(((DealEvent.Lost) e).reason()).contains("price"));
  }

  @Test
  void theCallersAmountCheckRefusesARow() {
    Heard heard = new Heard() {
      @Override
      public Optional<HistoryImport.Problem> checkAmount(int row, Currency currency) {
        return row == 1 ? Optional.of(new HistoryImport.Problem(row, "currency symbol",
            "written with '$', not " + currency)) : Optional.empty();
      }
    };
    HistoryImport.Result r = FOLD.history(List.of(amount(row(1, "prospecting"), "100", null),
        amount(row(2, "qualification"), "200", null)), heard);
    assertThat(heard.problems).containsExactly(new HistoryImport.Problem(1, "currency symbol",
        "written with '$', not EUR"));
    assertThat(r.history().orElseThrow().current().amount()).contains(Money.of("100", "EUR"));
  }
}

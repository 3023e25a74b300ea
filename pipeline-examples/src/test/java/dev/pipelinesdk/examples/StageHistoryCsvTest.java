package dev.pipelinesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.InvalidHistoryException;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader builds every history through the engine's import path. */
class StageHistoryCsvTest {
  private static final List<String> OPEN = List.of("lead", "demo", "proposal");
  private static final Map<StageId, StageKind> CUSTOM =
      PermissiveDefinition.stages(OPEN, "won", "lost", Optional.of("dark"));
  /** The file MetricsCommandTest reads too. */
  private static final String FILE = SampleExports.STAGE_HISTORY;
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");

  private static StageHistoryCsv.Result read(String csv, Map<StageId, StageKind> stages,
      boolean skip) throws BadInputException, IOException {
    return StageHistoryCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        "f.csv", stages, StageHistoryCsv.Options.defaults().withSkipBadRows(skip));
  }

  private static Map<StageId, StageKind> kinds(PipelineDefinition definition) {
    Map<StageId, StageKind> out = new LinkedHashMap<>();
    definition.stages().forEach(s -> out.put(s.id(), s.kind()));
    return out;
  }

  private static Request at(String instant) {
    return Request.by("import").at(Instant.parse(instant));
  }

  @Test
  void everyHistoryReadPassesTheEnginesImportCheck() throws Exception {
    StageHistoryCsv.Result result = read(FILE, CUSTOM, false);
    assertThat(result.histories()).hasSize(4);
    PipelineDefinition cli = PermissiveDefinition.of(OPEN, "won", "lost", Optional.of("dark"),
        result.moves());
    PipelineDefinition imported = PermissiveDefinition.forImport(CUSTOM);
    for (DealHistory h : result.histories()) {
      assertThat(h.checkImportedAgainst(cli)).isSameAs(h);
      assertThat(h.checkImportedAgainst(imported)).isSameAs(h);
      assertThat(h.replay()).isEqualTo(h.current());
      assertThat(h.events()).extracting(DealEvent::actor).containsOnly("import");
    }
  }

  @Test
  void aDealsHistoryIsWhatTheEngineImportsFromItsRows() throws Exception {
    DealHistory a = read(FILE, CUSTOM, false).histories().stream()
        .filter(h -> h.current().id().value().equals("A")).findFirst().orElseThrow();
    Pipeline engine = Pipeline.of(PermissiveDefinition.forImport(CUSTOM),
        InstantSource.fixed(Instant.EPOCH));
    DealHistory h = engine.create(NewDeal.builder().id("A").title("A").stage(StageId.of("lead"))
        .amount(Money.of("1000", "EUR")).owner("ann").build(), at("2017-03-01T00:00:00Z"))
        .historyOrThrow();
    h = engine.importFact(h, new Command.MoveTo(StageId.of("demo")), at("2017-03-03T00:00:00Z"))
        .historyOrThrow();
    h = engine.importFact(h, new Command.MoveTo(StageId.of("lead")), at("2017-03-04T00:00:00Z"))
        .historyOrThrow();
    h = engine.importFact(h, new Command.MoveTo(StageId.of("demo")), at("2017-03-06T06:00:00Z"))
        .historyOrThrow();
    h = engine.importFact(h, new Command.ChangeAmount(Optional.of(Money.of("1200", "EUR"))),
        at("2017-03-06T06:00:00Z")).historyOrThrow();
    h = engine.importFact(h, new Command.MoveTo(StageId.of("won")), at("2017-03-08T00:00:00Z"))
        .historyOrThrow();
    assertThat(a.events()).isEqualTo(h.events());
  }

  @Test
  void aTemplatesUndeclaredMovesAndNonEntryStartsAreImportedUnguarded() throws Exception {
    // decision is no entry stage of saas-b2b; decision -> won -> decision -> lost are facts
    String csv = String.join("\n", "deal_id,at,stage,amount,lost_reason",
        "X,2025-01-06,decision,900,", "X,2025-01-07,won,,", "X,2025-01-08,decision,,",
        "X,2025-01-09,lost,,budget cut", "Y,2025-01-06,prospecting,10,",
        "Y,2025-01-07,lost,,") + "\n";
    assertThat(SAAS.entryStages()).doesNotContain(StageId.of("decision"));
    StageHistoryCsv.Result result = read(csv, kinds(SAAS), false);
    DealHistory x = result.histories().get(0);
    assertThat(x.checkImportedAgainst(SAAS)).isSameAs(x);
    assertThat(x.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Created", "Won", "Reopened", "Lost", "AttributeChanged");
    assertThat(((DealEvent.Lost) x.events().get(3)).reason()).contains("budget cut");
    assertThat(x.current().attribute("lost_reason"))
        .contains(AttributeValue.of("budget cut"));
    DealHistory y = result.histories().get(1);
    assertThat(y.checkImportedAgainst(SAAS)).isSameAs(y);
    assertThat(((DealEvent.Lost) y.events().get(1)).reason()).isEmpty();
  }

  @Test
  void aRowTheEngineRefusesIsBadInputNamingFileLineAndValue() {
    String csv = "deal_id,at,stage,owner\nA,2017-03-01,lead,ann\nA,2017-03-02,demo,ann\u00a0lee\n";
    assertThatThrownBy(() -> read(csv, CUSTOM, false)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("f.csv:3: owner contains").hasMessageContaining("ann");
    String first = "deal_id,at,stage,owner\nA,2017-03-01,lead,ann\u00a0lee\n";
    assertThatThrownBy(() -> read(first, CUSTOM, false)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("f.csv:2: ").hasMessageContaining("owner");
  }

  @Test
  void anAttributeNoValueCanHoldIsBadInput() {
    String csv = "deal_id,at,stage,seats\nA,2017-03-01,lead,1" + "0".repeat(40) + "\n";
    assertThatThrownBy(() -> read(csv, CUSTOM, false)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("f.csv:2: invalid value '10000").hasMessageContaining("seats")
        .hasMessageContaining("more than 30 integer digits");
  }

  @Test
  void aSkippedRefusedRowKeepsNoneOfItsFacts() throws Exception {
    String csv = "deal_id,at,stage,owner\nA,2017-03-01,lead,ann\nA,2017-03-02,demo,ann\u00a0lee\n"
        + "B,2017-03-01,lead,bo\u00a0b\nB,2017-03-03,demo,bob\n";
    StageHistoryCsv.Result result = read(csv, CUSTOM, true);
    assertThat(result.skipped()).extracting(StageHistoryCsv.BadRow::line).containsExactly(3L, 4L);
    assertThat(result.skipped()).extracting(StageHistoryCsv.BadRow::problem)
        .containsOnly(StageHistoryCsv.REFUSED);
    DealHistory a = result.histories().get(0);
    assertThat(a.size()).isEqualTo(1);
    assertThat(a.current().stage()).isEqualTo(StageId.of("lead"));
    DealHistory b = result.histories().get(1); // created by its next row
    assertThat(b.events().get(0).at()).isEqualTo(Instant.parse("2017-03-03T00:00:00Z"));
    assertThat(b.current().stage()).isEqualTo(StageId.of("demo"));
    assertThat(result.moves()).isEmpty();
  }

  @Test
  void aDealFirstSeenInAClosedStageIsImportedThroughTheEngineToo() throws Exception {
    // Pipeline.importDeal: an export may first show a deal already won; the import check
    // accepts such a history.
    DealHistory h = read("deal_id,at,stage\nW,2017-03-01,won\nW,2017-03-02,lead\n", CUSTOM,
        false).histories().get(0);
    assertThat(h.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Created", "Reopened");
    assertThat(h.checkImportedAgainst(PermissiveDefinition.forImport(CUSTOM))).isSameAs(h);
  }
}

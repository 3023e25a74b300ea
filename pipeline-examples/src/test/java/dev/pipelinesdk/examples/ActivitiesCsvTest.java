package dev.pipelinesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Touch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Activities merged into the stage histories through the engine's import path: in time order,
 * ties after the stage row, each bad row refused with its file, line and value, unknown deals
 * and activities before a deal's creation counted, not fatal; the vendors' exports read with
 * their presets from small files written from their documented columns.
 */
class ActivitiesCsvTest {
  private static final Map<StageId, StageKind> STAGES = PermissiveDefinition.stages(
      List.of("lead", "demo"), "won", "lost", Optional.empty());

  /** A: lead on the 1st, demo on the 5th, won on the 9th. B: lead on the 3rd. */
  static final String DEALS = "deal_id,at,stage,owner\n"
      + "A,2026-03-01T09:00:00Z,lead,ana\n"
      + "A,2026-03-05T09:00:00Z,demo,ana\n"
      + "A,2026-03-09T09:00:00Z,won,ana\n"
      + "B,2026-03-03T09:00:00Z,lead,ben\n";

  static StageHistoryCsv.Result read(String deals, String activities,
      ActivitiesCsv.Options options) throws BadInputException, IOException {
    ActivitiesCsv.Parsed parsed = ActivitiesCsv.read(stream(activities), "act.csv", options);
    return StageHistoryCsv.read(stream(deals), "deals.csv", STAGES,
        StageHistoryCsv.Options.defaults().withSkipBadRows(options.skipBadRows()), parsed);
  }

  static StageHistoryCsv.Result read(String activities) throws BadInputException, IOException {
    return read(DEALS, activities, ActivitiesCsv.Options.defaults());
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Each event of a history in one short word, in order. */
  static List<String> kinds(DealHistory h) {
    return h.events().stream().map(e -> e instanceof DealEvent.TouchRecorded t
        ? "touch " + t.touch().channel().name().toLowerCase() + " " + e.at()
        : e.getClass().getSimpleName() + " " + e.at()).toList();
  }

  private static DealHistory deal(StageHistoryCsv.Result r, String id) {
    return r.histories().stream().filter(h -> h.dealId().value().equals(id)).findFirst()
        .orElseThrow();
  }

  @Test
  void touchesAndSnoozesAreMergedInTimeOrderWithTheStageRows() throws Exception {
    StageHistoryCsv.Result r = read("deal_id,at,type,direction,outcome,until,reason\n"
        + "A,2026-03-06T10:00:00Z,meeting,,next step agreed,,\n"
        + "A,2026-03-02T10:00:00Z,call,outbound,no response,,\n"
        // the same instant as the move to demo: after it
        + "A,2026-03-05T09:00:00Z,email,inbound,replied,,\n"
        + "B,2026-03-04T08:00:00Z,snooze,,,2026-03-20,waiting for the budget\n"
        // after the win: a touch on a won deal is a fact too
        + "A,2026-03-10T10:00:00Z,Email,,,,\n");
    DealHistory a = deal(r, "A");
    assertThat(kinds(a)).containsExactly(
        "Created 2026-03-01T09:00:00Z",
        "touch call 2026-03-02T10:00:00Z",
        "Moved 2026-03-05T09:00:00Z",
        "touch email 2026-03-05T09:00:00Z",
        "touch meeting 2026-03-06T10:00:00Z",
        "Won 2026-03-09T09:00:00Z",
        "touch email 2026-03-10T10:00:00Z");
    List<Touch> touches = a.events().stream().filter(e -> e instanceof DealEvent.TouchRecorded)
        .map(e -> ((DealEvent.TouchRecorded) e).touch()).toList();
    assertThat(touches).containsExactly(
        Touch.outbound(Touch.Channel.CALL, Touch.Result.NO_RESPONSE),
        Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED),
        Touch.outbound(Touch.Channel.MEETING, Touch.Result.NEXT_STEP_AGREED),
        Touch.outbound(Touch.Channel.EMAIL, Touch.Result.COMPLETED)); // the defaults
    assertThat(a.current().touchCount()).isEqualTo(4);
    DealEvent.Snoozed snooze = (DealEvent.Snoozed) deal(r, "B").events().get(1);
    assertThat(snooze.until()).isEqualTo(LocalDate.of(2026, 3, 20));
    assertThat(snooze.reason()).isEqualTo("waiting for the budget");
    ActivitiesCsv.Summary s = r.activities().orElseThrow();
    assertThat(s.rows()).isEqualTo(5);
    assertThat(s.touches()).isEqualTo(4);
    assertThat(s.snoozes()).isEqualTo(1);
    assertThat(s.line()).isEqualTo("Activities act.csv: 5 rows, 4 touches and 1 snooze merged.");
    // the histories still pass the engine's import check, and the default as-of comes from the
    // stage rows, not from the touch after the win
    PipelineDefinition d = PermissiveDefinition.of(List.of("lead", "demo"), "won", "lost",
        Optional.empty(), r.moves());
    r.histories().forEach(h -> h.checkImportedAgainst(d));
    assertThat(r.latest()).contains(Instant.parse("2026-03-09T09:00:00Z"));
  }

  @Test
  void unknownDealsAndActivitiesBeforeTheCreationAreCountedNotFatal() throws Exception {
    StageHistoryCsv.Result r = read("deal_id,at,type\n"
        + "Z,2026-03-02T10:00:00Z,call\n"
        + "Z,2026-03-03T10:00:00Z,call\n"
        + "Y,2026-03-03T10:00:00Z,email\n"
        + "B,2026-03-02T10:00:00Z,call\n" // B was created on the 3rd
        + "B,2026-03-03T10:00:00Z,call\n");
    ActivitiesCsv.Summary s = r.activities().orElseThrow();
    assertThat(s.unknownDeals()).isEqualTo(2);
    assertThat(s.unknownDealRows()).isEqualTo(3);
    assertThat(s.unknownDealExamples()).containsExactly("Z", "Y");
    assertThat(s.beforeCreation()).isEqualTo(1);
    assertThat(s.touches()).isEqualTo(1);
    assertThat(deal(r, "B").current().touchCount()).isEqualTo(1);
    assertThat(s.line()).isEqualTo("Activities act.csv: 5 rows, 1 touch and 0 snoozes merged;"
        + " 3 activities of 2 deals not in the stage history ('Z', 'Y'); 1 activity before the"
        + " deal was created.");
  }

  @Test
  void notesInternalCallsPlannedAndCanceledActivitiesAreLeftOutByReason() throws Exception {
    StageHistoryCsv.Result r = read("deal_id,at,type,direction,outcome\n"
        + "A,2026-03-02T10:00:00Z,note,,\n"
        + "A,2026-03-02T11:00:00Z,call,internal,\n"
        + "A,,call,,planned\n" // not done yet: no instant needed
        + "A,2026-03-02T12:00:00Z,meeting,,canceled\n"
        + ",2026-03-02T12:00:00Z,call,,\n"
        + "A,2026-03-02T13:00:00Z,call,,\n");
    ActivitiesCsv.Summary s = r.activities().orElseThrow();
    assertThat(s.leftOut()).containsExactly(Map.entry("note", 1L), Map.entry("internal", 1L),
        Map.entry("planned", 1L), Map.entry("canceled", 1L), Map.entry("no deal", 1L));
    assertThat(s.touches()).isEqualTo(1);
    assertThat(s.line()).isEqualTo("Activities act.csv: 6 rows, 1 touch and 0 snoozes merged;"
        + " left out 1 note, 1 internal call, 1 planned (not done), 1 canceled, 1 without a"
        + " deal.");
  }

  @Test
  void aBadRowStopsTheReadNamingFileLineAndValue() {
    assertThatThrownBy(() -> read("deal_id,at,type\nA,2026-03-02T10:00:00Z,fax\n"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("act.csv:2: unknown activity type 'fax' in column type; known: call, email,"
            + " meeting, message, social, event, other, snooze, note");
    assertThatThrownBy(() -> read("deal_id,at,type,outcome\nA,2026-03-02T10:00:00Z,call,"
        + "voicemail\n")).hasMessage("act.csv:2: unknown activity outcome 'voicemail' in column"
            + " outcome; known: completed, no response, replied, next step agreed, declined,"
            + " planned, canceled");
    assertThatThrownBy(() -> read("deal_id,at,type\nA,03/02/2026,call\n"))
        .hasMessageStartingWith("act.csv:2: bad date '03/02/2026' in column at: expected an ISO"
            + " date");
    assertThatThrownBy(() -> read("deal_id,at,type,until,reason\n"
        + "B,2026-03-04T08:00:00Z,snooze,,budget\n"))
        .hasMessage("act.csv:2: a snooze needs the date it lasts until in column until");
    assertThatThrownBy(() -> read("deal_id,at,type,until,reason\n"
        + "B,2026-03-04T08:00:00Z,snooze,2026-03-20,\n"))
        .hasMessage("act.csv:2: a snooze needs a reason in column reason");
    assertThatThrownBy(() -> read("deal_id,at,type,until\nB,2026-03-04T08:00:00Z,call,"
        + "2026-03-20\n")).hasMessage("act.csv:2: until '2026-03-20' in column until is for"
            + " snoozes; this row is a call");
    assertThatThrownBy(() -> read("deal_id,at\nA,2026-03-02\n"))
        .hasMessage("act.csv:1: missing required column 'type' in the activities; the header"
            + " has: deal_id, at");
    assertThatThrownBy(() -> read("deal_id,at,type\nA,2026-03-02T10:00:00Z,\n"))
        .hasMessage("act.csv:2: empty activity type in column type; give one of call, email,"
            + " meeting, message, social, event, other, snooze, note");
  }

  @Test
  void anActivityTheEngineRefusesIsABadRowOfTheActivitiesFile() throws Exception {
    // A is won on the 9th: a won deal has nothing to snooze
    String snoozeAfterTheWin = "deal_id,at,type,until,reason\n"
        + "A,2026-03-10T10:00:00Z,snooze,2026-03-20,later\n"
        + "B,2026-03-04T10:00:00Z,call,,\n";
    assertThatThrownBy(() -> read(snoozeAfterTheWin))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("act.csv:2: deal 'A' is won")
        .hasMessageContaining("a closed deal has nothing to snooze");
    StageHistoryCsv.Result r = read(DEALS, snoozeAfterTheWin,
        ActivitiesCsv.Options.defaults().withSkipBadRows(true));
    ActivitiesCsv.Summary s = r.activities().orElseThrow();
    assertThat(s.skippedByProblem()).containsExactly(Map.entry(StageHistoryCsv.REFUSED, 1L));
    assertThat(s.skipped()).singleElement().satisfies(b -> assertThat(b.line()).isEqualTo(2));
    assertThat(s.touches()).isEqualTo(1); // the good row after it is merged
    assertThat(deal(r, "A").events()).noneMatch(e -> e instanceof DealEvent.Snoozed);
    assertThat(s.line()).endsWith("; skipped 1 bad row.");
  }

  @Test
  void skippedBadRowsAreCountedByProblemAndTheRestIsMerged() throws Exception {
    StageHistoryCsv.Result r = read(DEALS, "deal_id,at,type\n"
        + "A,2026-03-02T10:00:00Z,fax\n"
        + "A,yesterday,call\n"
        + "A,2026-03-02T10:00:00Z,call,extra\n"
        + "A,2026-03-02T11:00:00Z,call\n", ActivitiesCsv.Options.defaults()
            .withSkipBadRows(true));
    ActivitiesCsv.Summary s = r.activities().orElseThrow();
    assertThat(s.skippedByProblem()).containsExactly(Map.entry("unknown type", 1L),
        Map.entry("bad date", 1L), Map.entry("ragged row", 1L));
    assertThat(s.skipped()).extracting(StageHistoryCsv.BadRow::line).containsExactly(2L, 3L, 4L);
    assertThat(s.touches()).isEqualTo(1);
  }

  @Test
  void valuesAndColumnsOfAnotherExportAreMapped() throws Exception {
    ActivitiesCsv.Options o = ActivitiesCsv.Options.defaults()
        .withColumns(Map.of("deal_id", "Deal", "at", "When", "type", "Kind"))
        .withValues(Map.of("type", Map.of("Phone", "call", "Lunch", "meeting")));
    StageHistoryCsv.Result r = read(DEALS, "Deal,When,Kind\n"
        + "B,2026-03-04T10:00:00Z,PHONE\n"
        + "B,2026-03-04T11:00:00Z,lunch\n"
        + "B,2026-03-04T12:00:00Z,social\n", o);
    assertThat(kinds(deal(r, "B"))).containsExactly("Created 2026-03-03T09:00:00Z",
        "touch call 2026-03-04T10:00:00Z", "touch meeting 2026-03-04T11:00:00Z",
        "touch social 2026-03-04T12:00:00Z");
    assertThatThrownBy(() -> ActivitiesCsv.Options.defaults().withValues(Map.of("type",
        Map.of("Fax", "telefax")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value 'Fax' of column type is mapped to 'telefax', which is none of call,"
            + " email, meeting, message, social, event, other, snooze, note");
  }

  @Test
  void theActivitiesOfHistoriesWrittenAndReadBackAreTheSame() throws Exception {
    StageHistoryCsv.Result r = read("deal_id,at,type,direction,outcome,until,reason\n"
        + "A,2026-03-02T10:00:00Z,call,outbound,no response,,\n"
        + "A,2026-03-06T10:00:00Z,meeting,inbound,next step agreed,,\n"
        + "B,2026-03-04T08:00:00Z,snooze,,,2026-03-20,\"waiting, for the budget\"\n");
    StringBuilder deals = new StringBuilder();
    StageHistoryCsv.write(r.histories(), List.of(), deals);
    StringBuilder activities = new StringBuilder();
    StageHistoryCsv.writeActivities(r.histories(), activities);
    assertThat(activities.toString()).isEqualTo("deal_id,at,type,direction,outcome,until,reason\n"
        + "A,2026-03-02T10:00:00Z,call,outbound,no response,,\n"
        + "A,2026-03-06T10:00:00Z,meeting,inbound,next step agreed,,\n"
        + "B,2026-03-04T08:00:00Z,snooze,,,2026-03-20,\"waiting, for the budget\"\n");
    StageHistoryCsv.Result back = read(deals.toString(), activities.toString(),
        ActivitiesCsv.Options.defaults());
    assertThat(back.histories().stream().map(ActivitiesCsvTest::activityEvents).toList())
        .isEqualTo(r.histories().stream().map(ActivitiesCsvTest::activityEvents).toList());
  }

  private static String activityEvents(DealHistory h) {
    return h.events().stream().filter(e -> e instanceof DealEvent.TouchRecorded
        || e instanceof DealEvent.Snoozed).map(Object::toString)
        .collect(Collectors.joining("; "));
  }

  @Test
  void theParsedActivitiesAreMergedOnce() throws Exception {
    ActivitiesCsv.Parsed parsed = ActivitiesCsv.read(stream("deal_id,at,type\n"
        + "A,2026-03-02T10:00:00Z,call\n"), "act.csv", ActivitiesCsv.Options.defaults());
    assertThat(parsed.activities()).isEqualTo(1);
    StageHistoryCsv.read(stream(DEALS), "deals.csv", STAGES, StageHistoryCsv.Options.defaults(),
        parsed);
    assertThatThrownBy(() -> StageHistoryCsv.read(stream(DEALS), "deals.csv", STAGES,
        StageHistoryCsv.Options.defaults(), parsed)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the activities of act.csv were merged already");
  }
}

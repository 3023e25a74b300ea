package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline agenda} on a small file, worked out by hand: business days Monday to Friday,
 * Whit Monday (2026-05-25) off; as of the end of Wednesday 2026-05-27.
 */
class AgendaCommandTest {
  static final String DEFINITION = String.join("\n",
      "id: small",
      "stages:",
      "  - id: lead",
      "    name: Lead",
      "    probability: 0.2",
      "  - id: decision",
      "    name: Decision",
      "    probability: 0.7",
      "  - id: won",
      "    kind: won",
      "  - id: lost",
      "    kind: lost",
      "transitions:",
      "  - from: lead",
      "    to: decision",
      "  - from: decision",
      "    to: won",
      "  - from: lead",
      "    to: lost",
      "  - from: decision",
      "    to: lost",
      "calendar:",
      "  weekend: [saturday, sunday]",
      "  holidays: [2026-05-25]",
      "rules:",
      "  - rule: idle",
      "    stage: lead",
      "    after: 3 business days",
      "  - rule: decision-timeout",
      "    stage: decision",
      "    after: 2 business days",
      "");

  /**
   * A: in lead from Thursday 21, idle after Fri 22, Tue 26, Wed 27 10:00. B: in decision from
   * Tuesday 19, the timeout runs out Thursday 21 10:00. C: won. D: in lead from Wednesday 27,
   * not idle before Monday.
   */
  static final String EVENTS = "deal_id,at,stage,owner\n"
      + "A,2026-05-21T10:00:00Z,lead,ana\n"
      + "B,2026-05-18T10:00:00Z,lead,ben\n"
      + "B,2026-05-19T10:00:00Z,decision,ben\n"
      + "C,2026-05-18T10:00:00Z,lead,ana\n"
      + "C,2026-05-20T10:00:00Z,won,ana\n"
      + "D,2026-05-27T09:00:00Z,lead,ben\n";

  @TempDir
  Path dir;
  Path definition;
  Path events;

  @BeforeEach
  void files() throws IOException {
    definition = Files.writeString(dir.resolve("small.yaml"), DEFINITION);
    events = Files.writeString(dir.resolve("deals.csv"), EVENTS);
  }

  private Cli.Run agenda(String... more) {
    List<String> args = new ArrayList<>(List.of("agenda", "--events", events.toString(),
        "--definition", definition.toString(), "--as-of", "2026-05-27"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void theTextListsEscalationsFirstThenIdleDealsWithTheirReasons() {
    Cli.Run run = agenda();
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("Read " + events + ": 6 rows, 4 deals. As of the end of"
        + " 2026-05-27 (UTC), as --as-of says (2026-05-28T00:00:00Z).\n"
        + "\n"
        + "Agenda of pipeline 'small' as of 2026-05-27 (end of day, UTC): 2 items (1 escalation,"
        + " 1 idle deal).\n"
        + "Rules (business days: weekend Sat, Sun; 1 holiday; UTC):\n"
        + "  Lead: idle after 3 business days without a touch or stage change [idle:lead]\n"
        + "  Decision: escalate after 2 business days without a touch or stage change: get a"
        + " yes or no [decision-timeout:decision]\n"
        + "The stage history records no touches and no activities file was given"
        + " (--activities FILE), so idle clocks run from each deal's last stage change: a deal"
        + " touched since then may still be listed.\n"
        + "\n"
        + "Escalations: get a yes or no (1)\n"
        + "  due since   deal        owner     stage           what and why\n"
        + "  2026-05-21  B           ben       Decision        get a yes or no: no touch or stage"
        + " change in Decision since 2026-05-19 (8 days; timeout 2 business days)\n"
        + "\n"
        + "Idle deals (1)\n"
        + "  due since   deal        owner     stage           what and why\n"
        + "  2026-05-27  A           ana       Lead            no touch or stage change in Lead"
        + " since 2026-05-21 (6 days; idle after 3 business days)\n");
  }

  @Test
  void theJsonHasTheInstantAndEveryItemWithItsFields() {
    Cli.Run run = agenda("--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode j = run.json();
    assertThat(j.get("asOf").asText()).isEqualTo("2026-05-28T00:00:00Z");
    assertThat(j.get("pipeline").asText()).isEqualTo("small");
    assertThat(j.get("owner").isNull()).isTrue();
    assertThat(j.get("counts").toString()).isEqualTo(
        "{\"escalation\":1,\"delay-contact\":0,\"cadence-touch\":0,\"snooze-ended\":0,"
            + "\"idle\":1}");
    assertThat(j.get("items")).hasSize(2);
    JsonNode b = j.get("items").get(0);
    assertThat(b.get("deal").asText()).isEqualTo("B");
    assertThat(b.get("owner").asText()).isEqualTo("ben");
    assertThat(b.get("stage").asText()).isEqualTo("decision");
    assertThat(b.get("kind").asText()).isEqualTo("escalation");
    assertThat(b.get("due").asText()).isEqualTo("2026-05-21T10:00:00Z");
    assertThat(b.get("rule").asText()).isEqualTo("decision-timeout:decision");
    assertThat(b.get("reason").asText()).isEqualTo("get a yes or no: no touch or stage change"
        + " in Decision since 2026-05-19 (8 days; timeout 2 business days)");
    assertThat(b.get("messageKey").isNull()).isTrue();
    assertThat(b.get("offer").isNull()).isTrue();
    assertThat(b.get("snoozedUntil").isNull()).isTrue();
    JsonNode a = j.get("items").get(1);
    assertThat(a.get("deal").asText()).isEqualTo("A");
    assertThat(a.get("kind").asText()).isEqualTo("idle");
    assertThat(a.get("due").asText()).isEqualTo("2026-05-27T10:00:00Z");
    assertThat(j.get("input").get("deals").asInt()).isEqualTo(4);
    assertThat(j.get("asOfRule").asText()).isEqualTo("the end of 2026-05-27 (UTC), as --as-of"
        + " says");
  }

  @Test
  void ownerKeepsTheItemsOfOneOwnersDeals() {
    JsonNode j = agenda("--json", "--owner", "ana").json();
    assertThat(j.get("owner").asText()).isEqualTo("ana");
    assertThat(j.get("items")).hasSize(1);
    assertThat(j.get("items").get(0).get("deal").asText()).isEqualTo("A");
    assertThat(agenda("--owner", "ben").out()).contains("Agenda of pipeline 'small' for ben as of"
        + " 2026-05-27 (end of day, UTC): 1 item (1 escalation).");
  }

  @Test
  void anEarlierDayHasLessDue() {
    Cli.Run run = Cli.run("agenda", "--events", events.toString(), "--definition",
        definition.toString(), "--as-of", "2026-05-20T10:00:00Z");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("nothing is due").doesNotContain("due since");
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo() throws IOException {
    Cli.Run owner = agenda("--owner", "zoe");
    assertThat(owner.exit()).isEqualTo(2);
    assertThat(owner.err()).isEqualTo("--owner: no deal in " + events + " is owned by 'zoe' at"
        + " the as-of time; owners: ana, ben\n");
    Cli.Run date = agenda("--as-of", "2026-02-30");
    assertThat(date.exit()).isEqualTo(2);
    assertThat(date.err()).startsWith("Invalid value for option '--as-of': bad date"
        + " '2026-02-30'");
    Cli.Run template = Cli.run("agenda", "--events", events.toString(), "--template", "nope");
    assertThat(template.exit()).isEqualTo(2);
    assertThat(template.err()).startsWith("--template: ");
    Path badRules = Files.writeString(dir.resolve("bad.yaml"),
        DEFINITION.replace("after: 3 business days", "after: three days"));
    Cli.Run rules = Cli.run("agenda", "--events", events.toString(), "--definition",
        badRules.toString());
    assertThat(rules.exit()).isEqualTo(2);
    assertThat(rules.err()).isEqualTo(badRules + ": $.rules[0].after: 'three days' is not a span"
        + " such as 14 days, 10 business days or PT36H\n");
    Cli.Run missing = Cli.run("agenda", "--definition", definition.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--events=FILE'");
  }

  /**
   * The activities of {@code activities/activities.csv}: B emailed back on Wednesday 20 12:00 (its
   * timeout now runs from there: Thu 21, Fri 22 12:00), A snoozed until Friday 29 on Friday 22
   * (its idle item hidden), C called after its win, D called the day before it was created (left
   * out), a meeting of Z (no such deal), a planned call of B (no touch yet).
   */
  @Test
  void touchesAndSnoozesFromAnActivitiesFileChangeWhatIsDue() throws Exception {
    Path activities = Path.of(getClass().getResource("/activities/activities.csv").toURI());
    Cli.Run run = agenda("--activities", activities.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("Read " + events + ": 6 rows, 4 deals. As of the end of"
        + " 2026-05-27 (UTC), as --as-of says (2026-05-28T00:00:00Z).\n"
        + "Activities " + activities + ": 6 rows, 2 touches and 1 snooze merged; left out 1"
        + " planned (not done); 1 activity of 1 deal not in the stage history ('Z'); 1 activity"
        + " before the deal was created.\n"
        + "\n"
        + "Agenda of pipeline 'small' as of 2026-05-27 (end of day, UTC): 1 item (1 escalation)."
        + "\n"
        + "Rules (business days: weekend Sat, Sun; 1 holiday; UTC):\n"
        + "  Lead: idle after 3 business days without a touch or stage change [idle:lead]\n"
        + "  Decision: escalate after 2 business days without a touch or stage change: get a"
        + " yes or no [decision-timeout:decision]\n"
        + "\n"
        + "Escalations: get a yes or no (1)\n"
        + "  due since   deal        owner     stage           what and why\n"
        + "  2026-05-22  B           ben       Decision        get a yes or no: no touch or stage"
        + " change in Decision since 2026-05-20 (7 days; timeout 2 business days)\n");
    JsonNode j = agenda("--activities", activities.toString(), "--json").json();
    assertThat(j.get("items").get(0).get("due").asText()).isEqualTo("2026-05-22T12:00:00Z");
    JsonNode in = j.get("input").get("activities");
    assertThat(in.get("rows").asInt()).isEqualTo(6);
    assertThat(in.get("touches").asInt()).isEqualTo(2);
    assertThat(in.get("snoozes").asInt()).isEqualTo(1);
    assertThat(in.get("leftOut").toString()).isEqualTo("{\"planned\":1}");
    assertThat(in.get("unknownDeals").asInt()).isEqualTo(1);
    assertThat(in.get("unknownDealRows").asInt()).isEqualTo(1);
    assertThat(in.get("beforeCreation").asInt()).isEqualTo(1);
    assertThat(in.get("skippedRows").asInt()).isZero();
    // a day after the snooze ends, A's idle item is back as an ended snooze
    JsonNode later = Cli.run("agenda", "--events", events.toString(), "--definition",
        definition.toString(), "--as-of", "2026-05-29", "--activities", activities.toString(),
        "--json").json();
    assertThat(later.get("counts").toString()).isEqualTo(
        "{\"escalation\":1,\"delay-contact\":0,\"cadence-touch\":0,\"snooze-ended\":1,"
            + "\"idle\":0}");
  }

  @Test
  void aBadActivityIsOneLineWithItsFileAndLineAndSkippingCountsIt() throws IOException {
    Path activities = Files.writeString(dir.resolve("act.csv"), "deal_id,at,type\n"
        + "B,2026-05-20T12:00:00Z,fax\n");
    Cli.Run bad = agenda("--activities", activities.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo(activities + ":2: unknown activity type 'fax' in column"
        + " type; known: call, email, meeting, message, social, event, other, snooze, note\n");
    Cli.Run skipped = agenda("--activities", activities.toString(), "--skip-bad-rows");
    assertThat(skipped.exit()).as(skipped.err()).isZero();
    assertThat(skipped.err()).isEqualTo("skipped 1 bad rows of 1 in " + activities + ": 1"
        + " unknown type\n  " + activities + ":2: unknown activity type 'fax' in column type;"
        + " known: call, email, meeting, message, social, event, other, snooze, note\n");
    assertThat(skipped.out()).contains("; skipped 1 bad row.\n");
    Cli.Run orphan = agenda("--activities-preset", "salesforce-task");
    assertThat(orphan.exit()).isEqualTo(2);
    assertThat(orphan.err()).isEqualTo("--activities-preset: is for --activities FILE, which is"
        + " not given\n");
    Cli.Run preset = agenda("--activities", activities.toString(), "--activities-preset", "zoho");
    assertThat(preset.exit()).isEqualTo(2);
    assertThat(preset.err()).isEqualTo("--activities-preset: no activities preset named 'zoho';"
        + " activities presets: salesforce-task, salesforce-event, hubspot-engagements,"
        + " pipedrive-activities\n");
    Cli.Run missing = agenda("--activities", dir.resolve("nope.csv").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo(dir.resolve("nope.csv") + ": no such file\n");
  }

  @Test
  void aCadenceListsTheNextPlannedTouch() throws IOException {
    // D entered lead on Wed 27 09:00: step 1, after 1 business day, is due Thu 28 09:00; A
    // entered on Thu 21 10:00: step 1 was due Fri 22 10:00 and, with no touches in the file,
    // is still the one due
    Path withCadence = Files.writeString(dir.resolve("cadence.yaml"), DEFINITION
        + String.join("\n",
            "  - rule: cadence",
            "    id: follow-up",
            "    stage: lead",
            "    steps:",
            "      - channel: email",
            "        after: 1 business day",
            "        message: small.follow-up.1",
            "      - channel: call",
            "        after: 2 business days",
            ""));
    Cli.Run run = Cli.run("agenda", "--events", events.toString(), "--definition",
        withCadence.toString(), "--as-of", "2026-05-27");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("3 items (1 escalation, 1 cadence touch, 1 idle deal)",
        "  Lead: cadence follow-up: 2 touches over 3 business days (email, call), until a reply"
            + " or a meeting booked [follow-up]\n",
        "The stage history records no touches and no activities file was given (--activities"
            + " FILE), so idle clocks run from each deal's last stage change and no cadence step"
            + " counts as done: a deal touched since then may still be listed.\n",
        "\nCadence touches: the next planned touch (1)\n"
            + "  due since   deal        owner     stage           what and why\n"
            + "  2026-05-22  A           ana       Lead            cadence 'follow-up' step 1 of"
            + " 2: email (small.follow-up.1), due since 2026-05-22 (1 business day after"
            + " enrolment on 2026-05-21)\n\nIdle deals (1)\n");
    JsonNode item = Cli.run("agenda", "--events", events.toString(), "--definition",
        withCadence.toString(), "--as-of", "2026-05-27", "--json").json().get("items").get(1);
    assertThat(item.get("kind").asText()).isEqualTo("cadence-touch");
    assertThat(item.get("rule").asText()).isEqualTo("follow-up");
    assertThat(item.get("messageKey").asText()).isEqualTo("small.follow-up.1");
    assertThat(item.get("due").asText()).isEqualTo("2026-05-22T10:00:00Z");
  }

  @Test
  void stageNamesAndIdleDaysGiveIdleRulesToo() {
    Cli.Run run = Cli.run("agenda", "--events", events.toString(), "--stages", "lead,decision",
        "--won", "won", "--lost", "lost", "--idle-days", "3,30", "--as-of", "2026-05-27",
        "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode items = run.json().get("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("deal").asText()).isEqualTo("A");
    assertThat(items.get(0).get("rule").asText()).isEqualTo("idle:lead");
    assertThat(items.get(0).get("due").asText()).isEqualTo("2026-05-24T10:00:00Z");
  }
}

package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.examples.PipelineReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report's agenda section on the hand-worked file of {@link AgendaCommandTest}, and on
 * one owner with more items than the section lists: counts per kind, a row per owner, each
 * owner's items with kind, deal, stage, due date and reason, the cap with "and N more", the
 * caveat without touches, and {@code --no-agenda}.
 */
class AgendaReportTest {
  @TempDir
  Path dir;
  Path definition;
  Path events;

  @BeforeEach
  void files() throws IOException {
    definition = Files.writeString(dir.resolve("small.yaml"), AgendaCommandTest.DEFINITION);
    events = Files.writeString(dir.resolve("deals.csv"), AgendaCommandTest.EVENTS);
  }

  private String report(Path events, String... more) throws IOException {
    Path html = dir.resolve("r.html");
    List<String> args = new ArrayList<>(List.of("report", "--events", events.toString(),
        "--definition", definition.toString(), "--as-of", "2026-05-27", "--html",
        html.toString(), "--no-forecast"));
    args.addAll(List.of(more));
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    return Files.readString(html);
  }

  /** The agenda section's HTML, from its heading to the next section's. */
  private static String section(String page) {
    int start = page.indexOf("<h2 id=\"agenda\">");
    assertThat(start).as("the agenda section").isNotNegative();
    return page.substring(start, page.indexOf("<h2 ", start + 1));
  }

  /** The text of the cells of the rows of a table, tags stripped, one string per row. */
  private static List<String> rows(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<tr>(.*?)</tr>").matcher(html);
    while (m.find()) {
      out.add(m.group(1).replaceAll("<br>", " ").replaceAll("</t[dh]><t[dh][^>]*>", " | ")
          .replaceAll("<[^>]+>", "").strip());
    }
    return out;
  }

  @Test
  void theSectionCountsByKindAndListsEachOwnersItems() throws IOException {
    String page = report(events);
    assertThat(page).contains("<a href=\"#agenda\">agenda</a>");
    String s = section(page);
    // B's escalation (due 05-21, ben) and A's idle deal (due 05-27, ana), as agenda prints them
    assertThat(s).contains("as of 2026-05-27 (end of day, UTC): 2 items.");
    assertThat(s).contains("<div class=\"kind escalation\"><b>1</b>escalations: get a yes or"
        + " no</div>", "<div class=\"kind idle\"><b>1</b>idle deals</div>",
        "<div class=\"kind delay-contact\"><b>0</b>");
    assertThat(rows(s)).containsSubsequence(
        "owner | escalations | customer contacts | cadence touches | ended snoozes | idle | all"
            + " | longest due (days)",
        // one item each: the owner with more due first, then by name; B due 6.6 days
        "ana |  |  |  |  | 1 | 1 | 0.6",
        "ben | 1 |  |  |  |  | 1 | 6.6",
        "what | deal | stage | due since | why",
        "idle | A | Lead | 2026-05-27 today | no touch or stage change in Lead since 2026-05-21"
            + " (6 days; idle after 3 business days)",
        "escalation | B | Decision | 2026-05-21 6 days ago | get a yes or no: no touch or stage"
            + " change in Decision since 2026-05-19 (8 days; timeout 2 business days)");
    assertThat(s).contains("<h3 id=\"agenda-ana\">ana: 1 idle deal</h3>",
        "<h3 id=\"agenda-ben\">ben: 1 escalation</h3>");
    // no touches in the file: the page says what that means
    assertThat(s).contains("The data records no touches");
    assertThat(s).contains("Rules: Lead: idle after 3 business days without a touch or stage"
        + " change; Decision: escalate after 2 business days without a touch or stage change:"
        + " get a yes or no.");
  }

  @Test
  void withTheActivitiesTheSectionShowsWhatTheyLeaveDue() throws Exception {
    Path activities = Path.of(getClass().getResource("/activities/activities.csv").toURI());
    String s = section(report(events, "--activities", activities.toString()));
    // as agenda with the same file: B's escalation only, due since Friday 22 (see
    // AgendaCommandTest)
    assertThat(s).contains(": 1 item.").doesNotContain("The data records no touches");
    assertThat(rows(s)).contains("escalation | B | Decision | 2026-05-22 5 days ago | get a yes"
        + " or no: no touch or stage change in Decision since 2026-05-20 (7 days; timeout 2"
        + " business days)");
  }

  @Test
  void anOwnerWithMoreItemsThanTheCapGetsTheMostPressingAndACount() throws IOException {
    StringBuilder csv = new StringBuilder("deal_id,at,stage,owner\n");
    int deals = PipelineReport.AGENDA_SHOWN_PER_OWNER + 3;
    for (int i = 0; i < deals; i++) {
      // entered lead on 05-01 + i hours: idle after 3 business days, each due an hour later
      csv.append(String.format("L%02d,2026-05-01T%02d:00:00Z,lead,ana%n", i, i));
    }
    String s = section(report(Files.writeString(dir.resolve("many.csv"), csv)));
    assertThat(s).contains("<h3 id=\"agenda-ana\">ana: 13 idle deals</h3>");
    List<String> items = rows(s).stream().filter(r -> r.startsWith("idle | L")).toList();
    assertThat(items).hasSize(PipelineReport.AGENDA_SHOWN_PER_OWNER);
    assertThat(items.get(0)).startsWith("idle | L00 |"); // the longest due first
    assertThat(items.get(items.size() - 1)).startsWith("idle | L09 |");
    assertThat(s).contains("... and 3 more items of ana (pipeline agenda --owner ana lists them"
        + " all).");
  }

  @Test
  void noAgendaLeavesTheSectionOut() throws IOException {
    String page = report(events, "--no-agenda");
    assertThat(page).doesNotContain("id=\"agenda\"").doesNotContain("#agenda");
    assertThat(page).contains("<h2 id=\"attention\">");
  }
}

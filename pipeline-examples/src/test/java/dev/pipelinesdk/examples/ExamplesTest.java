package dev.pipelinesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {

  @Test
  void quickstartPrintsTheMissingFactsAndEndsInConsideration() {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      Quickstart.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(buffer.toString(StandardCharsets.UTF_8).split("\\R")).containsExactly(
        "missing_qualifying_answers [need, buying_process, decision_maker]",
        "D-1 is in consideration after 6 events");
  }

  @Test
  void tourShowsRejectionBackMoveRevivalLossAndReplay(@TempDir Path dir) {
    List<String> lines = Tour.runToLines(dir.resolve("tour.html"));
    assertThat(lines).contains(
        " ✗ D-100 move to qualification: refused, stays in prospecting",
        " ✓ D-101 move to qualification: consideration -> qualification",
        " ✓ D-101 win: decision -> won",
        " ✓ D-102 go dormant: qualification -> dormant",
        " ✓ D-102 move to qualification: dormant -> qualification",
        "   lost reason: no budget this year",
        " ✓ D-103 move to qualification: lost -> qualification");
    assertThat(lines).anyMatch(l -> l.startsWith("   - lead_score_too_low: deal 'D-100' has "
        + "lead_score 20; needs at least 50"));
    assertThat(lines.stream().filter(l -> l.contains("replay equals deal"))).hasSize(4)
        .allMatch(l -> l.endsWith("replay equals deal: true"));
  }

  @Test
  void tourShowsTheFunnelVersusThePipelineAndWritesTheHtmlReport(@TempDir Path dir)
      throws Exception {
    Path html = dir.resolve("tour.html");
    List<String> lines = Tour.runToLines(html);
    assertThat(lines).contains("== 7. The funnel versus the pipeline, over 300 generated deals",
        "The funnel: volumes and conversion", "The pipeline: where the open deals are now",
        "HTML report written to " + html.toAbsolutePath());
    assertThat(lines).anyMatch(l -> l.startsWith("Pipeline saas-b2b as of 2026-06-30 (end of day, UTC):"
        + " 300 deals,"));
    assertThat(lines).anyMatch(l -> l.startsWith("Leak at ") || l.startsWith("No leak found"));
    assertThat(lines).contains(
        "== 8. Time in stage from prepared histories: prepare once, ask many times",
        "same as over the histories: true");
    assertThat(lines).anyMatch(l -> l.startsWith("300 deals, ") && l.contains("stage entries"));
    assertThat(Files.readString(html)).contains("<h2 id=\"funnel\">",
        "data:image/png;base64,");
  }

  @Test
  void tourShowsTheAgendaOfTheTemplatesRulesAndActsOnIt(@TempDir Path dir) {
    List<String> lines = Tour.runToLines(dir.resolve("tour.html"));
    assertThat(lines).contains(
        "== 9. The agenda: what is due on these deals, by the template's rules",
        "Rules (business days: weekend Sat, Sun; no holidays; UTC):",
        "   Decision: escalate after 5 business days without a touch or stage change: get a yes"
            + " or no");
    assertThat(lines).anyMatch(l -> l.matches("As of 2026-07-01T00:00:00Z: [0-9]+ items due"
        + " \\(.*escalation.*\\); the first ones:"));
    assertThat(lines).anyMatch(l -> l.contains(" is back: snooze ended (snoozed until 2026-07-08"
        + " (customer at a trade fair), idle: "));
    // the template's cadence: its touches are on the agenda, a step done moves it on (the email
    // at 2026-07-01 00:00, a Wednesday: the call 2 business days later, Friday 3 July) and the
    // customer's reply ends it
    assertThat(lines).contains("   Qualification: cadence follow-up: 7 touches over 15 business"
        + " days (email, call, email, social, call, email, call), until a reply or a meeting"
        + " booked");
    assertThat(lines).anyMatch(l -> l.matches("As of 2026-07-01T00:00:00Z: [0-9]+ items due"
        + " \\(.*[0-9]+ cadence touch(es)?.*\\); the first ones:"));
    assertThat(lines).anyMatch(l -> l.matches(" +[0-9-]+  D-[0-9]+ \\([a-z]+, Qualification\\)"
        + " cadence touch: cadence 'follow-up' step [1-7] of 7: .*"));
    assertThat(lines).anyMatch(l -> l.matches("   D-[0-9]+'s cadence 'follow-up': 1 step done,"
        + " the next due on 2026-07-03; the customer replies on 2026-07-02, so it ends"
        + " \\(replied\\): 0 cadence touches due for it a month later"));
    // the mermaid diagram shows the rules on their stages
    assertThat(lines).contains("    note left of decision");
  }

  @Test
  void tourTextReadsAsProse(@TempDir Path dir) {
    List<String> lines = Tour.runToLines(dir.resolve("tour.html"));
    String text = String.join("\n", lines);
    // the Mermaid diagram is fenced, so it pastes into Markdown as a diagram
    int fence = lines.indexOf("```mermaid");
    assertThat(fence).isPositive();
    assertThat(lines.get(fence + 1)).isEqualTo("stateDiagram-v2");
    assertThat(lines.subList(fence, lines.size())).contains("```");
    // no blank edge labels, no command names glued together, no "1 events"
    assertThat(lines).noneMatch(l -> l.matches(".* --> .* :\\s*"));
    assertThat(text).doesNotContain("godormant", " 1 events", "OUTBOUND", "NEXT_STEP_AGREED");
    assertThat(lines).contains("   D-100  1 event   -> prospecting    replay equals deal: true");
    // the two win rates and the two medians say what they count; the funnel rows why they
    // need not add up
    assertThat(text).contains("win rate: won / (won + lost), of the ",
        "is of the closed ones only", "need not add up to reached",
        "dwell: time in the stage of the deals that have left it");
    // the 30-day waterfall is in the text, with new deals in it
    assertThat(lines).anyMatch(l -> l.startsWith("What moved in the last 30 days"));
    assertThat(lines).anyMatch(l -> l.matches("\\+ new +[1-9][0-9,]*"));
    // no open count for won or lost stages
    assertThat(lines).filteredOn(l -> l.startsWith("Won ") || l.startsWith("Lost "))
        .isNotEmpty().allSatisfy(l -> assertThat(l.split("\\s+")[3]).isEqualTo("-"));
  }
}

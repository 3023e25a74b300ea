package dev.pipelinesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        "missing_attributes [need, buying_process, decision_maker]",
        "D-1 is in consideration");
  }

  @Test
  void tourShowsRejectionBackMoveRevivalLossAndReplay() {
    List<String> lines = Tour.runToLines();
    assertThat(lines).contains(
        " ✗ D-100 move to qualification: refused, stays in prospecting",
        " ✓ D-101 move to qualification: consideration -> qualification",
        " ✓ D-101 win: decision -> won",
        " ✓ D-102 godormant: qualification -> dormant",
        " ✓ D-102 move to qualification: dormant -> qualification",
        "   lost reason: no budget this year",
        " ✓ D-103 move to qualification: lost -> qualification");
    assertThat(lines).anyMatch(l -> l.startsWith("   - lead_score_too_low: deal 'D-100' has "
        + "lead_score 20; needs at least 50"));
    assertThat(lines.stream().filter(l -> l.contains("replay equals deal"))).hasSize(4)
        .allMatch(l -> l.endsWith("replay equals deal: true"));
  }
}

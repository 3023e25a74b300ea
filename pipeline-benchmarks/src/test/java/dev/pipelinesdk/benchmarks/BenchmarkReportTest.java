package dev.pipelinesdk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's steadiness line: quiet runs pass, a busy one is flagged with its widest row. */
class BenchmarkReportTest {

  private static Map<String, BenchmarkReport.Row> rows(double relativeErrorOfStateless4j) {
    Map<String, BenchmarkReport.Row> rows = new LinkedHashMap<>();
    for (String m : List.of("ours", "oursBatch", "stateless4jSharedConfig", "springResetAndReuse",
        "springMachinePerDeal", "handWrittenKeptAlive")) {
      double score = 1_000_000;
      double error = m.equals("stateless4jSharedConfig") ? relativeErrorOfStateless4j * score
          : 0.05 * score;
      rows.put(m, new BenchmarkReport.Row(m, score, error, 100));
    }
    return rows;
  }

  @Test
  void aSteadyRunIsNotFlagged() {
    String line = BenchmarkReport.noise(rows(0.12));
    assertTrue(line.contains("12% of its score (`stateless4jSharedConfig`)"), line);
    assertFalse(line.contains("rough"), line);
  }

  @Test
  void aBusyRunIsFlaggedWithItsWidestRow() {
    String line = BenchmarkReport.noise(rows(0.45));
    assertTrue(line.contains("45% of its score (`stateless4jSharedConfig`)"), line);
    assertTrue(line.contains("the ratios below are rough"), line);
  }

  @Test
  void onlySpringsFasterWayCounts() {
    Map<String, BenchmarkReport.Row> rows = rows(0.1);
    rows.put("springMachinePerDeal", new BenchmarkReport.Row("springMachinePerDeal", 900_000,
        0.9 * 900_000, 100)); // slower than reset-and-reuse (1,000,000): not compared
    assertFalse(BenchmarkReport.noise(rows).contains("rough"));
    rows.put("springMachinePerDeal", new BenchmarkReport.Row("springMachinePerDeal", 1_100_000,
        0.9 * 1_100_000, 100)); // now the faster way: compared
    assertTrue(BenchmarkReport.noise(rows).contains("90% of its score (`springMachinePerDeal`)"));
  }

  @Test
  void oneIterationRunsHaveNoErrorToJudge() {
    Map<String, BenchmarkReport.Row> rows = new LinkedHashMap<>();
    rows(0).forEach((m, r) -> rows.put(m, new BenchmarkReport.Row(m, 1, Double.NaN, 1)));
    assertTrue(BenchmarkReport.noise(rows).contains("no errors"));
  }
}

package dev.pipelinesdk.benchmarks.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipelinesdk.benchmarks.metrics.Histories;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.forecast.model.CompetingRisksModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast benchmarks' setup checks without timing anything, on a small data set: the loop
 * draws what ours draws, the exported visits are the ones the model fits, and the report's section
 * goes where it should.
 */
class ForecastBenchmarkTest {
  static final List<DealHistory> HISTORIES = ForecastData.histories(20_000);

  @Test
  void theLoopAndOursAgreeOnEveryTrial() {
    ForecastDistributionBenchmark.Deals d = new ForecastDistributionBenchmark.Deals();
    d.prepare(ForecastData.open(HISTORIES, 1_000)); // throws unless all four agree
    try {
      assertArrayEquals(ForecastDistributionBenchmark.loop(d),
          ForecastDistributionBenchmark.loopParallel(d));
      assertEquals(ForecastDistributionBenchmark.summary(ForecastDistributionBenchmark.loop(d)),
          ForecastDistributionBenchmark.summary(ForecastDistributionBenchmark.monteCarlo(d)));
      assertEquals(1_001, ForecastDistributionBenchmark.exactCount(d).probabilities().length);
    } finally {
      d.tearDown();
    }
  }

  @Test
  void tooFewOpenDealsIsRefused() {
    assertThrows(IllegalStateException.class,
        () -> ForecastData.open(HISTORIES.subList(0, 100), 1_000));
  }

  @Test
  void theExportedVisitsAreTheOnesTheModelFits() {
    Map<StageId, CompetingRisksModel.Incidence> fit = new CompetingRisksModel()
        .fit(ForecastData.definition(), HISTORIES, Histories.AS_OF);
    Map<StageId, ForecastData.Visits> visits = ForecastData.visits(HISTORIES,
        Histories.AS_OF_SECONDS);
    assertEquals(fit.keySet(), visits.keySet());
    for (ForecastData.Visits v : visits.values()) {
      CompetingRisksModel.Incidence inc = fit.get(v.stage());
      assertEquals(inc.visits(), v.size(), v.stage().value());
      int longest = java.util.Arrays.stream(v.seconds()).max().getAsInt();
      assertEquals(inc.longest(), longest / 86_400.0, v.stage().value());
      // the number of distinct times with an outcome is the estimate's number of steps
      long steps = java.util.stream.IntStream.range(0, v.size())
          .filter(i -> v.outcomes()[i] != ForecastData.CENSORED).map(i -> v.seconds()[i])
          .distinct().count();
      assertEquals(inc.times().length, steps, v.stage().value());
    }
  }

  @Test
  void theSectionReplacesTheOldOneOrGoesBeforeReproduce(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("BENCHMARKS.md");
    Files.writeString(md, "# Benchmarks\n\n## Metrics\n\ntext\n\n## Reproduce\n\nrun it\n");
    String first = ForecastReport.BEGIN + "\n## Forecast\n\nfirst\n" + ForecastReport.END + "\n";
    ForecastReport.writeSection(md, first);
    assertEquals("# Benchmarks\n\n## Metrics\n\ntext\n\n" + first + "\n## Reproduce\n\nrun it\n",
        Files.readString(md));
    String second = ForecastReport.BEGIN + "\n## Forecast\n\nsecond\n" + ForecastReport.END
        + "\n";
    ForecastReport.writeSection(md, second);
    String now = Files.readString(md);
    assertEquals("# Benchmarks\n\n## Metrics\n\ntext\n\n" + second + "\n## Reproduce\n\nrun it\n",
        now);
    assertTrue(!now.contains("first"));
  }
}

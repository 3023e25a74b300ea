package dev.pipelinesdk.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exact agreement with R: our Aalen-Johansen estimate of 300 stage visits (ties among and between
 * wins, competing outcomes and censoring) against R's {@code survival::survfit(Surv(time, event)
 * ~ 1)} multi-state estimate of the same visits, cross-checked there with {@code cmprsk::cuminc}.
 * Both files are in this package's test resources, made by {@code
 * pipeline-benchmarks/peers/aalen_johansen_fixture.R} (rerun it with {@code Rscript} from the
 * repository root); R never runs in the build.
 */
class AalenJohansenFixtureTest {
  private static final double TOLERANCE = 1e-9;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** After every visit's end: the censored visits end here. */
  private static final Instant AS_OF = T0.plus(Duration.ofDays(90));

  /** Engaging, with won, lost and dormant (gone dark) from it; dark deals can still be lost. */
  private static final PipelineDefinition ONE = PipelineDefinition.builder("one")
      .stage(Stage.open("e", "Engaging", 0.5)).stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost")).stage(Stage.dormant("dark", "Dark"))
      .path("e", "won").fromEveryOpenStage("lost").fromEveryOpenStage("dark")
      .transition("dark", "lost").build();

  /** {seconds, outcome} per visit, outcome 0 censored, 1 won, 2 lost or gone dark. */
  private static final long[][] VISITS = rows("aalen-johansen-visits.csv");
  /** R's estimate, one row per distinct time; columns as in the file's header. */
  private static final List<Map<String, String>> R = table("aalen-johansen-r.csv");

  @Test
  void theFixtureHasWhatItShouldTest() {
    assertThat(VISITS.length).isEqualTo(300);
    assertThat(Arrays.stream(VISITS).map(v -> v[1]).distinct()).containsExactlyInAnyOrder(0L, 1L,
        2L);
    // ties: several outcomes at one time, and outcomes and censoring at one time
    assertThat(R).anyMatch(r -> num(r, "n_won") + num(r, "n_other") > 1)
        .anyMatch(r -> num(r, "n_won") > 0 && num(r, "n_other") > 0)
        .anyMatch(r -> num(r, "n_won") + num(r, "n_other") > 0 && num(r, "n_censor") > 0);
    for (Map<String, String> r : R) { // R's own cross-check, kept in the file
      assertThat(num(r, "cuminc_won")).isCloseTo(num(r, "won"), within(1e-12));
    }
  }

  @Test
  void theEstimatorAgreesWithRAtEveryTime() {
    List<double[]> visits = new ArrayList<>();
    for (long[] v : VISITS) {
      visits.add(new double[] {v[0] / 86_400.0, v[1]});
    }
    assertAgreesWithR(CompetingRisksModel.aalenJohansen(visits));
  }

  @Test
  void theFitOverEngineMadeHistoriesAgreesWithR() {
    // one deal per visit, imported through the engine: an outcome visit enters Engaging at T0
    // and ends seconds later (won, lost, or gone dark for every second competing outcome); a
    // censored one enters seconds before the as-of instant and is still open there
    Pipeline pipeline = Pipeline.of(ONE, () -> T0);
    Request request = Request.by("fixture");
    List<DealHistory> histories = new ArrayList<>();
    int competing = 0;
    for (int i = 0; i < VISITS.length; i++) {
      long seconds = VISITS[i][0];
      int outcome = (int) VISITS[i][1];
      Instant entered = outcome == 0 ? AS_OF.minusSeconds(seconds) : T0;
      DealHistory h = pipeline.importDeal(NewDeal.builder().id("D" + i).title("D" + i)
          .amount(Money.of("100", "EUR")).build(), request.at(entered)).historyOrThrow();
      if (outcome != 0) {
        String to = outcome == 1 ? "won" : competing++ % 2 == 0 ? "lost" : "dark";
        h = pipeline.importFact(h, new Command.MoveTo(StageId.of(to)),
            request.at(entered.plusSeconds(seconds))).historyOrThrow();
      }
      histories.add(h);
    }
    assertThat(competing).isGreaterThan(1); // both lost and gone dark occur
    assertAgreesWithR(new CompetingRisksModel().fit(ONE, histories, AS_OF).get(StageId.of("e")));
  }

  private static void assertAgreesWithR(CompetingRisksModel.Incidence ours) {
    assertThat(ours.visits()).isEqualTo(VISITS.length);
    assertThat(ours.longest())
        .isEqualTo(Arrays.stream(VISITS).mapToLong(v -> v[0]).max().getAsLong() / 86_400.0);
    // our steps are R's times with an outcome, exactly (the same doubles)
    double[] eventTimes = R.stream().filter(r -> num(r, "n_won") + num(r, "n_other") > 0)
        .mapToDouble(r -> num(r, "seconds") / 86_400.0).toArray();
    assertThat(ours.times()).containsExactly(eventTimes);
    for (Map<String, String> r : R) {
      double t = num(r, "seconds") / 86_400.0;
      assertThat(ours.survival(t)).as("S(%s days)", t)
          .isCloseTo(num(r, "survival"), within(TOLERANCE));
      assertThat(ours.won(t)).as("F_won(%s days)", t).isCloseTo(num(r, "won"), within(TOLERANCE));
      assertThat(ours.won(t)).as("F_won(%s days) vs cuminc", t)
          .isCloseTo(num(r, "cuminc_won"), within(TOLERANCE));
      // just before the time, the estimate is still the previous step's
      double before = Math.nextDown(t);
      assertThat(ours.won(before)).isLessThanOrEqualTo(ours.won(t));
    }
  }

  private static double num(Map<String, String> row, String column) {
    return Double.parseDouble(row.get(column));
  }

  private static long[][] rows(String resource) {
    return table(resource).stream()
        .map(r -> new long[] {Long.parseLong(r.get("seconds")), Long.parseLong(r.get("outcome"))})
        .toArray(long[][]::new);
  }

  /** A CSV with {@code #} comment lines, a header row and no quoting. */
  private static List<Map<String, String>> table(String resource) {
    try (InputStream in = AalenJohansenFixtureTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Map<String, String>> out = new ArrayList<>();
      String[] header = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (header == null) {
          header = cells;
          continue;
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i], cells[i]);
        }
        out.add(row);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}

package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline forecast} on small files, numbers worked out by hand. */
class ForecastCommandTest {
  @TempDir
  Path dir;

  /**
   * One open stage. Closed: A, B won; C lost; D lost, reopened, won. Exits of Engaging: won 3,
   * lost 2; lost entered twice, reopened once. x = 3/5 + 2/5 x_lost, x_lost = 1/2 x, so
   * x = 0.75; shrunk with 5 pseudo-exits towards the default 0.5: (5 * 0.75 + 5 * 0.5) / 10 =
   * 0.625. E and F are open with 1000 and 600.
   */
  static final String ONE_STAGE = "deal_id,at,stage,amount\n"
      + "A,2024-01-01,Engaging,100\nA,2024-01-05,Won,\n"
      + "B,2024-01-02,Engaging,100\nB,2024-01-09,Won,\n"
      + "C,2024-01-03,Engaging,100\nC,2024-01-04,Lost,\n"
      + "D,2024-01-03,Engaging,100\nD,2024-01-06,Lost,\nD,2024-01-08,Engaging,\n"
      + "D,2024-01-20,Won,\n"
      + "E,2024-02-01,Engaging,1000\nF,2024-02-02,Engaging,600\n";

  private Cli.Run forecast(String... more) throws IOException {
    Path f = dir.resolve("h.csv");
    Files.writeString(f, ONE_STAGE);
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("forecast",
        "--events", f.toString(), "--stages", "Engaging", "--won", "Won", "--lost", "Lost",
        "--as-of", "2024-02-10", "--horizon", "90"));
    args.addAll(java.util.List.of(more));
    if (!args.contains("--model")) {
      args.addAll(java.util.List.of("--model", "markov")); // the hand-worked numbers are markov's
    }
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aSingleOpenStageWithTheLearnedProbability() throws IOException {
    Cli.Run run = forecast("--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode j = run.json();
    assertThat(j.get("model").asText()).isEqualTo("markov");
    assertThat(j.get("openDeals").asLong()).isEqualTo(2);
    assertThat(j.get("openAmount").decimalValue()).isEqualByComparingTo("1600");
    assertThat(j.get("expected").decimalValue()).isEqualByComparingTo("1000"); // 1600 x 0.625
    assertThat(j.get("horizonDays").asLong()).isEqualTo(90);
    assertThat(j.get("byStage").get(0).get("stage").asText()).isEqualTo("Engaging");
  }

  @Test
  void theDistributionOfTwoDealsAndTheChanceOfATarget() throws IOException {
    // E (1000) and F (600) are won each with 0.625: totals 0, 600, 1000, 1600 with probabilities
    // 0.140625, 0.234375, 0.234375, 0.390625; P(>= 1000) = 0.625
    JsonNode j = forecast("--json", "--target", "1000", "--trials", "200000",
        "--no-calibration").json();
    assertThat(j.get("p10").decimalValue()).isEqualByComparingTo("0");
    assertThat(j.get("p50").decimalValue()).isEqualByComparingTo("1000");
    assertThat(j.get("p90").decimalValue()).isEqualByComparingTo("1600");
    assertThat(j.get("probabilityOfTarget").asDouble())
        .isCloseTo(0.625, org.assertj.core.data.Offset.offset(0.005)); // ~4.6 standard errors
    assertThat(j.get("distribution").get("includes").toString()).isEqualTo("[\"DEAL_OUTCOMES\"]");
    assertThat(j.get("calibration").toString()).isEqualTo("{\"applied\":false}");
    assertThat(forecast("--json", "--target", "1000", "--trials", "200000").out())
        .isEqualTo(forecast("--json", "--target", "1000", "--trials", "200000").out());
  }

  @Test
  void aTargetIsAPlainNonNegativeAmount() throws IOException {
    Cli.Run run = forecast("--target", "-5");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--target: must not be negative, not -5\n");
  }

  @Test
  void theWeightedPipelineUsesTheStageDefault() throws IOException {
    JsonNode j = forecast("--json", "--model", "weighted").json();
    assertThat(j.get("expected").decimalValue()).isEqualByComparingTo("800"); // 1600 x 0.5
  }

  @Test
  void theTextSaysWhatTheIntervalsInclude() throws IOException {
    Cli.Run raw = forecast("--no-calibration");
    assertThat(raw.exit()).isZero();
    assertThat(raw.out()).contains("expected EUR 1,000 of EUR 1,600 open, 1.3 deals",
        "(Monte Carlo, 20000 trials, seed 1; deal outcomes only)",
        "not included: model error (the probabilities are taken as known");
    Cli.Run calibrated = forecast();
    assertThat(calibrated.out()).contains("expected EUR 1,000 of EUR 1,600 open, 1.3 deals",
        "not calibrated: 0 past origins usable, 3 needed; the intervals include the prior model"
            + " error (shared log-odds sd 0.58)",
        "(Monte Carlo, 20000 trials, seed 1; deal outcomes and model error)",
        "comes from deal outcomes alone and", "not included: per-deal model error");
  }

  /**
   * A month of history before a 90-day horizon leaves no past origin whose horizon is over, so
   * the calibration falls back to its priors: no correction of the expected amount, and the
   * prior model error in the interval, said in the JSON.
   */
  @Test
  void tooLittlePastFallsBackToThePriorsAndSaysSo() throws IOException {
    JsonNode j = forecast("--json").json();
    JsonNode c = j.get("calibration");
    assertThat(c.get("applied").asBoolean()).isTrue();
    assertThat(c.get("fallback").asBoolean()).isTrue();
    assertThat(c.get("originsUsed").asInt()).isZero();
    assertThat(c.get("logOddsShift").asDouble()).isZero();
    assertThat(c.get("sharedLogitSd").asDouble()).isCloseTo(Math.hypot(0.3, 0.5),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(j.get("expected").decimalValue()).isEqualByComparingTo("1000");
    assertThat(j.get("distribution").get("includes").toString())
        .isEqualTo("[\"DEAL_OUTCOMES\",\"SHARED_LOGIT_SHIFT\"]");
    JsonNode w = c.get("intervalWidth");
    assertThat(w.get("fromDealOutcomes").decimalValue().add(w.get("fromModelError")
        .decimalValue())).isEqualByComparingTo(w.get("p10ToP90").decimalValue());
    Cli.Run bad = forecast("--origins", "0");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("--origins: must be from 1 to 120, not 0\n");
  }

  @Test
  void badHorizonAndModelAreUsageErrors() throws IOException {
    Cli.Run zero = Cli.run("forecast", "--events", "x.csv", "--template", "saas-b2b",
        "--horizon", "-3");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).isEqualTo("--horizon: must be a whole number of days from 1 to 36500,"
        + " not -3\n");
    Cli.Run model = forecast("--model", "oracle");
    assertThat(model.exit()).isEqualTo(2);
    assertThat(model.err()).isEqualTo("--model: no forecast model named 'oracle'; known models:"
        + " [competing-risks, markov, naive-bayes, weighted]\n");
  }

  /**
   * Backtest at 2024-01-01 (end of day), horizon 30 days: A, B, C and D (first visit) are open;
   * the weighted model gives each 0.5 of 100: expected 200. Won by 2024-01-31: A, B, D (300).
   * APE |200 - 300| / 300; the data ends 2024-02-02, so a cutoff on 2024-01-10 is not over.
   */
  @Test
  void aBacktestScoresTheCutoffsWhoseHorizonIsOver() throws IOException {
    Path f = dir.resolve("h.csv");
    Files.writeString(f, ONE_STAGE.replace("A,2024-01-01,", "A,2023-12-31,")
        .replace("B,2024-01-02,", "B,2023-12-31,").replace("C,2024-01-03,", "C,2023-12-31,")
        .replace("D,2024-01-03,", "D,2023-12-31,"));
    Cli.Run run = Cli.run("backtest", "--events", f.toString(), "--stages", "Engaging", "--won",
        "Won", "--lost", "Lost", "--cutoffs", "2024-01-01,2024-01-10", "--horizon", "30",
        "--model", "weighted", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode j = run.json();
    JsonNode first = j.get("cutoffs").get(0);
    assertThat(first.get("openDeals").asLong()).isEqualTo(4);
    assertThat(first.get("expected").decimalValue()).isEqualByComparingTo("200");
    assertThat(first.get("actual").decimalValue()).isEqualByComparingTo("300");
    assertThat(first.get("absolutePercentageError").asDouble())
        .isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(j.get("cutoffs").get(1).get("scored").asBoolean()).isFalse();
    assertThat(j.get("scoredCutoffs").asLong()).isEqualTo(1);
    assertThat(j.get("bias").asDouble()).isCloseTo(-1.0 / 3,
        org.assertj.core.data.Offset.offset(1e-9));
    Cli.Run bad = Cli.run("backtest", "--events", f.toString(), "--stages", "Engaging", "--won",
        "Won", "--lost", "Lost", "--cutoffs", "2024-13-01", "--horizon", "30");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("--cutoffs: bad date '2024-13-01'");
  }

  @Test
  void aStagesLineShowsTheSharedBasisOrTheRangeOfItsDealsProbabilities() {
    var a = new dev.pipelinesdk.core.forecast.DealForecast(dev.pipelinesdk.core.DealId.of("A"),
        dev.pipelinesdk.core.StageId.of("s"), java.util.Optional.empty(), 0.021, "basis A");
    var b = new dev.pipelinesdk.core.forecast.DealForecast(dev.pipelinesdk.core.DealId.of("B"),
        dev.pipelinesdk.core.StageId.of("s"), java.util.Optional.empty(), 0.31, "basis B");
    var c = new dev.pipelinesdk.core.forecast.DealForecast(dev.pipelinesdk.core.DealId.of("C"),
        dev.pipelinesdk.core.StageId.of("s"), java.util.Optional.empty(), 0.31, "basis A");
    assertThat(ForecastCommand.stageBasis(java.util.List.of(a, c))).isEqualTo("basis A");
    assertThat(ForecastCommand.stageBasis(java.util.List.of(a, b, c))).isEqualTo(
        "P(won) 2.1% to 31.0%, by each deal's days in the stage or override");
  }
}

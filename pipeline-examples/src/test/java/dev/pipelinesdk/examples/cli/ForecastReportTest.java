package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.examples.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast section of {@code pipeline report} (issue 14): there by default with its three
 * charts and its tables; its numbers are those of {@code forecast --json} and {@code backtest
 * --json} on the same input and seed; sentences instead of charts where there is nothing to draw;
 * left out with {@code --no-forecast}.
 */
class ForecastReportTest {
  @TempDir
  static Path dir;

  /** 300 generated deals, created from 2026-01-01 to 2026-06-30: three month ends are over. */
  static Path generated;

  /** One open stage, two deals open at 2024-02-10 (see {@link ForecastCommandTest#ONE_STAGE}). */
  static Path oneStage;

  @BeforeAll
  static void write() throws IOException {
    generated = dir.resolve("generated.csv");
    Files.writeString(generated, Cli.run("generate", "--deals", "300", "--seed", "5").out());
    oneStage = dir.resolve("one-stage.csv");
    Files.writeString(oneStage, ForecastCommandTest.ONE_STAGE);
  }

  /** Runs a command that must succeed silently. */
  private static Cli.Run ok(String... args) {
    Cli.Run run = Cli.run(args);
    assertThat(run.err()).as(String.join(" ", args)).isEmpty();
    assertThat(run.exit()).isZero();
    return run;
  }

  private static String[] args(String[] base, String... more) {
    return Stream.concat(Arrays.stream(base), Arrays.stream(more)).toArray(String[]::new);
  }

  /** Writes the report and returns its words, without the images' base64. */
  private static String report(String name, String... args) throws IOException {
    Path html = dir.resolve(name + ".html");
    ok(args(new String[] {"report", "--html", html.toString()}, args));
    String page = Files.readString(html).replaceAll("base64,[^\"]*", "base64,");
    assertThat(page).doesNotContain("NaN", "XXX", "Exception", "Infinity");
    return page;
  }

  private static List<String> images(String page) {
    List<String> alts = new ArrayList<>();
    Matcher m = Pattern.compile("<img alt=\"([^\"]+)\"").matcher(page);
    while (m.find()) {
      alts.add(m.group(1));
    }
    return alts;
  }

  private static String money(JsonNode n) {
    return Figures.amount(n.decimalValue());
  }

  private static final String[] GENERATED = {"--template", "saas-b2b", "--seed", "7", "--trials",
      "4000"};

  @Test
  void theSectionIsThereByDefaultWithItsChartsAndTables() throws IOException {
    String page = report("default", args(new String[] {"--events", generated.toString()},
        GENERATED));
    assertThat(page).contains("<h2 id=\"forecast\">Forecast: the next 90 days</h2>",
        "<a href=\"#forecast\">forecast</a>", "<h3>How much the open deals may win</h3>",
        "<h3>Backtest: the forecast against what happened</h3>",
        "<h3>Are the chances right?</h3>", "<th>figure: what it means</th><th>EUR</th>",
        "<th>stage now</th>", "<th>month end</th>", "<th>chance given</th>",
        "an error of the model shared by all deals",
        "Not included yet: a correction of the forecast by its own record on your past deals");
    assertThat(page.indexOf("id=\"pipeline\"")).isLessThan(page.indexOf("id=\"forecast\""));
    assertThat(page.indexOf("id=\"forecast\"")).isLessThan(page.indexOf("id=\"attention\""));
    assertThat(images(page)).contains("Distribution of the amount won", "Backtest",
        "Reliability");
    // data from 2026-01-01 to 2026-06-30: the month ends whose 90 days are over are January to
    // March (March 31 + 90 days is June 29; April 30 + 90 days is July 29, after the data)
    assertThat(page).contains("At each of the last 3 month ends whose 90 days are over",
        "The report looks at the last 6; the data holds only 3 such month ends.",
        "<tr><td>2026-01-31</td>", "<tr><td>2026-02-28</td>", "<tr><td>2026-03-31</td>")
        .doesNotContain("<tr><td>2026-04-30</td>");
    // six months of data: no past date has a horizon of history before it, so the calibration
    // falls back to its priors and says so
    assertThat(page).contains("<h3>How the forecast checked itself on your past</h3>",
        "fewer than the 3 needed, so no correction is made", "is the luck of single deals",
        "<h3>Where to invest</h3>", "<th>+1 point: expected (EUR)</th>", "<th>leak finder</th>");
    assertThat(images(page)).contains("Where to invest");
  }

  @Test
  void theNumbersAreThoseOfForecastAndBacktestOnTheSameInputAndSeed() throws IOException {
    String[] input = {"--events", generated.toString(), "--template", "saas-b2b"};
    String[] sim = {"--seed", "7", "--trials", "4000"};
    JsonNode plain = ok(args(args(new String[] {"forecast"}, input), args(sim, "--horizon", "90",
        "--json"))).json();
    String target = plain.get("p50").decimalValue().toBigInteger().toString(); // a fair chance
    JsonNode f = ok(args(args(new String[] {"forecast"}, input), args(sim, "--horizon", "90",
        "--json", "--target", target))).json();
    String page = report("numbers", args(input, args(sim, "--target", target)));

    assertThat(page).contains("Expected won: <b>EUR " + money(f.get("expected")) + "</b>",
        "of EUR " + money(f.get("openAmount")) + " open in "
            + Figures.count(f.get("openDeals").asLong(), "deal"),
        "<tr><td>expected: each deal&#39;s amount times its chance, added up (the average over"
            + " many outcomes)</td><td>" + money(f.get("expected")) + "</td></tr>",
        "<tr><td>P10: 9 in 10 outcomes win at least this</td><td>" + money(f.get("p10")),
        "<tr><td>P50, the median: half the outcomes win more, half less</td><td>"
            + money(f.get("p50")),
        "<tr><td>P90: 9 in 10 outcomes win at most this</td><td>" + money(f.get("p90")),
        "P(won amount &ge; EUR " + money(f.get("target")) + ") = "
            + Figures.percent(f.get("probabilityOfTarget").asDouble()));
    PipelineDefinition saas = PipelineTemplates.definition("saas-b2b");
    for (JsonNode s : f.get("byStage")) {
      String name = saas.stage(StageId.of(s.get("stage").asText())).orElseThrow().name();
      assertThat(page).contains("<tr><td>" + name + "</td><td>"
          + Figures.count(s.get("openDeals").asLong()) + "</td><td>" + money(s.get("amount"))
          + "</td><td>" + money(s.get("expected")) + "</td>");
    }

    // the backtest at the month ends the report chose
    Matcher m = Pattern.compile("<tr><td>(\\d{4}-\\d\\d-\\d\\d)</td>").matcher(page);
    List<String> cutoffs = new ArrayList<>();
    while (m.find()) {
      cutoffs.add(m.group(1));
    }
    assertThat(cutoffs).hasSize(3);
    JsonNode b = ok(args(args(new String[] {"backtest"}, input), args(sim, "--horizon", "90",
        "--cutoffs", String.join(",", cutoffs), "--json"))).json();
    for (int i = 0; i < cutoffs.size(); i++) {
      JsonNode c = b.get("cutoffs").get(i);
      String cells = "<tr><td>" + cutoffs.get(i) + "</td><td>"
          + Figures.count(c.get("openDeals").asLong()) + "</td><td>" + money(c.get("expected"))
          + "</td><td>" + money(c.get("p10")) + "</td><td>" + money(c.get("p90")) + "</td><td>"
          + money(c.get("actual")) + "</td><td>"
          + (c.get("absolutePercentageError").isNull() ? "-"
              : Figures.percent(c.get("absolutePercentageError").asDouble()))
          + "</td><td>" + (c.get("covered").asBoolean() ? "yes" : "no") + "</td></tr>";
      assertThat(page).contains(cells);
    }
    assertThat(page).contains("the forecast missed by "
        + Figures.percent(b.get("wape").asDouble()) + " of what was won");
    long covered = 0;
    for (JsonNode c : b.get("cutoffs")) {
      covered += c.get("covered").asBoolean() ? 1 : 0;
    }
    assertThat(page).contains("fell inside P10-P90 at " + covered + " of 3");
    for (JsonNode r : b.get("reliability")) {
      if (r.get("deals").asLong() > 0) {
        assertThat(page).contains("<td>" + Figures.count(r.get("deals").asLong()) + "</td><td>"
            + Figures.percent(r.get("predicted").asDouble()) + "</td><td>"
            + Figures.percent(r.get("observed").asDouble()) + "</td></tr>");
      }
    }
  }

  @Test
  void aSingleOpenStageWithoutAPastMonthEndWhoseHorizonIsOver() throws IOException {
    String[] input = {"--events", oneStage.toString(), "--stages", "Engaging", "--won", "Won",
        "--lost", "Lost", "--as-of", "2024-02-10"};
    // markov: E (1000) and F (600) each won with 0.625, so the amount won is spread
    String page = report("one-stage", args(input, "--model", "markov", "--target", "1000"));
    assertThat(page).contains("<tr><td>Engaging</td><td>2</td><td>1,600</td><td>1,000</td>"
        + "<td>62.5%</td></tr>", "No backtest yet: no month end before 2024-02-10 (end of day,"
        + " UTC) has its 90 days over within the data", "Nothing to check yet");
    assertThat(images(page)).contains("Distribution of the amount won")
        .doesNotContain("Backtest", "Reliability");
    // competing-risks: the one visit still going after 9 days was won, so each deal is won for
    // sure and every outcome is the same: a sentence instead of a histogram
    String sure = report("one-stage-sure", input);
    assertThat(sure).contains("Every simulated outcome wins EUR 1,600 (each open deal&#39;s"
        + " chance is 0 or 100%): there is no spread to chart.");
    assertThat(images(sure)).doesNotContain("Distribution of the amount won");
  }

  @Test
  void noOpenDealStillShowsTheBacktest() throws IOException {
    Path closed = dir.resolve("closed.csv");
    Files.writeString(closed, "deal_id,at,stage,amount\n"
        + "A,2024-01-01,Engaging,100\nA,2024-01-05,Won,\n"
        + "B,2024-01-02,Engaging,100\nB,2024-06-09,Lost,\n");
    String page = report("closed", "--events", closed.toString(), "--stages", "Engaging",
        "--won", "Won", "--lost", "Lost", "--target", "50");
    // B was open at the end of January and of February, with no chance and no win
    assertThat(page).contains("No deal is open at 2024-06-09 (end of day, UTC): there is nothing"
        + " to forecast, and nothing to reach the target of EUR 50 with.",
        "At these month ends the forecast, its range and what was won are all zero",
        "<tr><td>2024-01-31</td><td>1</td><td>0</td>", "- where nothing was won",
        "nothing was won within 90 days after any of them");
    assertThat(images(page)).contains("Reliability").doesNotContain("Backtest",
        "Distribution of the amount won");
  }

  @Test
  void aFileWithoutAmountsChecksTheChancesOnly() throws IOException {
    Path bare = dir.resolve("bare.csv");
    Files.writeString(bare, "deal_id,at,stage\n"
        + "D1,2026-01-01,prospecting\nD1,2026-06-01,decision\nD3,2026-06-01,prospecting\n"
        + "D5,2026-01-01,prospecting\nD5,2026-05-20,won\n");
    String page = report("bare", "--events", bare.toString(), "--template", "saas-b2b",
        "--target", "1000");
    assertThat(page).contains("No open deal has an amount: the forecast can count deals",
        "so there is no chance of reaching the target of EUR 1,000 to show.",
        "No amounts in this file: the forecast&#39;s amounts cannot be set against what was"
            + " won.")
        .doesNotContain("<th>month end</th>", "(EUR)</th>");
    assertThat(images(page)).contains("Reliability").doesNotContain("Backtest",
        "Distribution of the amount won");
  }

  @Test
  void noForecastLeavesTheSectionOut() throws IOException {
    String page = report("without", "--events", generated.toString(), "--template", "saas-b2b",
        "--no-forecast");
    assertThat(page).doesNotContain("id=\"forecast\"", "#forecast", "Backtest");
    assertThat(images(page)).hasSize(5);
    Cli.Run both = Cli.run("report", "--events", generated.toString(), "--template",
        "saas-b2b", "--html", dir.resolve("x.html").toString(), "--no-forecast", "--horizon",
        "30");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("--horizon: is for the forecast section, which"
        + " --no-forecast leaves out; drop one of them\n");
    assertThat(Files.exists(dir.resolve("x.html"))).isFalse();
  }

  @Test
  void badForecastOptionsAreOneLineAndExitTwo() {
    String[] base = {"report", "--events", generated.toString(), "--template", "saas-b2b",
        "--html", dir.resolve("bad.html").toString()};
    Cli.Run horizon = Cli.run(args(base, "--horizon", "0"));
    assertThat(horizon.exit()).isEqualTo(2);
    assertThat(horizon.err()).isEqualTo("--horizon: must be a whole number of days from 1 to"
        + " 36500, not 0\n");
    Cli.Run target = Cli.run(args(base, "--target", "-1"));
    assertThat(target.exit()).isEqualTo(2);
    assertThat(target.err()).isEqualTo("--target: must not be negative, not -1\n");
    Cli.Run cents = Cli.run(args(base, "--target", "10.001"));
    assertThat(cents.exit()).isEqualTo(2);
    assertThat(cents.err()).startsWith("--target: ").doesNotContain("\n--");
    Cli.Run model = Cli.run(args(base, "--model", "oracle"));
    assertThat(model.exit()).isEqualTo(2);
    assertThat(model.err()).startsWith("--model: no forecast model named 'oracle'");
    assertThat(Cli.run("report", "--help").out()).contains("--horizon=DAYS",
        "(default: 90)", "--target=AMOUNT", "--no-forecast", "--model=NAME");
  }

  @Test
  void monthEndsAreTheLatestWhoseHorizonIsOverAfterTheFirstEvent() {
    Instant first = Instant.parse("2026-01-05T09:00:00Z");
    Instant known = Instant.parse("2026-06-30T12:00:00Z"); // minus 90 days: 2026-04-01T12:00
    Duration h = Duration.ofDays(90);
    assertThat(Dates.monthEnds(first, known, h, ZoneOffset.UTC, 6)).containsExactly(
        Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"),
        Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(Dates.monthEnds(first, known, h, ZoneOffset.UTC, 2)).containsExactly(
        Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
    // the end of March in Berlin is 2026-03-31T22:00Z (summer time from 2026-03-29)
    assertThat(Dates.monthEnds(first, known, h, ZoneId.of("Europe/Berlin"), 1))
        .containsExactly(Instant.parse("2026-03-31T22:00:00Z"));
    assertThat(Dates.monthEnds(first, Instant.parse("2026-03-31T00:00:00Z"), h,
        ZoneOffset.UTC, 6)).isEmpty(); // 90 days before: 2025-12-31, before the first event
  }
}

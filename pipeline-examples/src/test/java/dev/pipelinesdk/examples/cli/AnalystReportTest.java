package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an analyst expects of {@code metrics} and {@code report} (issue 13): figures formatted for
 * people, the deals that need attention with their owners, the funnel by owner and by lead
 * source, {@code --csv-out}, and "no amounts in this file" instead of empty money tables and
 * charts. Every number is worked out by hand below, as of the end of 2026-06-30 (UTC), on the
 * saas-b2b template (idle after 14 days in Prospecting, 14 in Consideration, 7 in Decision;
 * probabilities 5%, 40%, 70%).
 *
 * <pre>
 * D1 ana  warm:webinar  1,200,000.00  prospecting 05-01, decision 06-01: 30 days idle at the
 *                                     decision stage (over 7): stalled, and the oldest there
 * D2 bo   cold:call        23,000.60  prospecting 06-10, consideration 06-21: 10 days (under 14),
 *                                     the oldest in Consideration
 * D3 -    warm:webinar      5,000.00  prospecting 06-01: 30 days (over 14): idle, the oldest there
 * D4 bo   -                   800.00  created in consideration 06-26: 5 days
 * D5 ana  cold:call         2,000.00  prospecting 05-01, won 05-20
 * D6 bo   -                 (none)    prospecting 05-02, lost 05-10
 * open: 1,228,800.60; weighted 840,000 + 9,200.24 + 250 + 320 = 849,770.24
 * </pre>
 */
class AnalystReportTest {
  static final String FILE = String.join("\n",
      "deal_id,at,stage,amount,currency,owner,source",
      "D1,2026-05-01,prospecting,1200000,EUR,ana,warm:webinar",
      "D1,2026-06-01,decision,,,,",
      "D2,2026-06-10,prospecting,23000.60,EUR,bo,cold:call",
      "D2,2026-06-21,consideration,,,,",
      "D3,2026-06-01,prospecting,5000,EUR,,warm:webinar",
      "D4,2026-06-26,consideration,800,EUR,bo,",
      "D5,2026-05-01,prospecting,2000,EUR,ana,cold:call",
      "D5,2026-05-20,won,,,,",
      "D6,2026-05-02,prospecting,,EUR,bo,",
      "D6,2026-05-10,lost,,,,") + "\n";

  /** The same deals without amounts, owners or sources. */
  static final String BARE = String.join("\n",
      "deal_id,at,stage",
      "D1,2026-05-01,prospecting",
      "D1,2026-06-01,decision",
      "D3,2026-06-01,prospecting",
      "D5,2026-05-01,prospecting",
      "D5,2026-05-20,won") + "\n";

  @TempDir
  Path dir;
  Path events;
  Path bare;

  @BeforeEach
  void write() throws IOException {
    events = dir.resolve("deals.csv");
    Files.writeString(events, FILE);
    bare = dir.resolve("bare.csv");
    Files.writeString(bare, BARE);
  }

  private static Cli.Run run(String command, Path file, String... more) {
    String[] base = {command, "--events", file.toString(), "--template", "saas-b2b", "--as-of",
        "2026-06-30"};
    Cli.Run run = Cli.run(Stream.concat(Arrays.stream(base), Arrays.stream(more))
        .toArray(String[]::new));
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    return run;
  }

  /** The cells of the text table row starting with {@code first}, split on the column gaps. */
  private static List<String> row(String text, String first) {
    return text.lines().filter(l -> l.startsWith(first + " ")).findFirst()
        .map(l -> List.of(l.split(" {2,}"))).orElseThrow(() -> new AssertionError(
            "no row '" + first + "' in\n" + text));
  }

  /** The lines of a section of the text, from its title to the next blank line. */
  private static String section(String text, String title) {
    int at = text.indexOf("\n" + title + "\n");
    assertThat(at).as(title).isNotNegative();
    int end = text.indexOf("\n\n", at + 1);
    return text.substring(at + 1, end < 0 ? text.length() : end + 1);
  }

  @Test
  void amountsCarryThousandsSeparatorsAndTheCurrencyAndDatesReadAsDays() {
    String out = run("metrics", events).out();
    assertThat(out).startsWith("Read " + events + ": 10 rows, 6 deals; 10 dates and times without"
        + " an offset read in UTC (--zone).");
    assertThat(out).contains("Pipeline saas-b2b as of 2026-06-30 (end of day, UTC): 6 deals,"
            + " 1 won, 1 lost, win rate 50.0%, 4 open, 0 gone dark\n",
        "Amounts in EUR, rounded to whole units.\n",
        "4 open deals, EUR 1,228,801, weighted by stage probability EUR 849,770\n",
        "1 won (16.7%), EUR 2,000 won\n");
    String pipeline = section(out, "The pipeline: where the open deals are now");
    assertThat(row(pipeline, "Decision")).containsExactly("Decision", "1", "1,200,000",
        "840,000", "30.0", "30.0", "1");
    assertThat(row(pipeline, "Consideration")).containsExactly("Consideration", "2", "23,801",
        "9,520", "7.5", "10.0", "0");
    // the first line is the reader's (InputOptions); the report after it gives no raw instant
    assertThat(out.substring(out.indexOf('\n'))).doesNotContain("2026-07-01T00:00:00Z",
        "1228800");
  }

  @Test
  void theDealsThatNeedAttentionAreListedWithOwnersStalledFirst() {
    String attention = section(run("metrics", events).out(), "Deals that need attention");
    assertThat(attention).contains("3 open deals: 1 stalled at Decision (idle there past its"
        + " threshold), 1 idle past their stage's threshold, 3 the oldest in their stage");
    List<String> lines = attention.lines().toList();
    assertThat(lines.get(2).split(" {2,}")).containsExactly("deal", "owner", "stage",
        "amount (EUR)", "days idle", "days in stage", "why");
    assertThat(lines.get(4).split(" {2,}")).containsExactly("D1", "ana", "Decision",
        "1,200,000", "30.0", "30.0", "stalled at decision, oldest in stage");
    assertThat(lines.get(5).split(" {2,}")).containsExactly("D3", "no owner", "Prospecting",
        "5,000", "30.0", "30.0", "idle past threshold, oldest in stage");
    assertThat(lines.get(6).split(" {2,}")).containsExactly("D2", "bo", "Consideration",
        "23,001", "10.0", "10.0", "oldest in stage");
    assertThat(lines).hasSize(7);
  }

  @Test
  void theFunnelIsBrokenDownByOwnerAndByLeadSource() {
    String out = run("metrics", events).out();
    String owner = section(out, "The funnel by owner");
    // owner | deals | reached Prospecting, Qualification, Consideration, Decision | won | lost
    // | win rate | won of all | won amount
    assertThat(row(owner, "ana")).containsExactly("ana", "2", "2", "0", "0", "1", "1", "0",
        "100.0%", "50.0%", "2,000");
    assertThat(row(owner, "bo")).containsExactly("bo", "3", "2", "0", "2", "0", "0", "1", "0.0%",
        "0.0%", "-");
    assertThat(row(owner, "unassigned")).containsExactly("unassigned", "1", "1", "0", "0", "0",
        "0", "0", "-", "0.0%", "-");
    assertThat(row(owner, "all")).containsExactly("all", "6", "5", "0", "2", "1", "1", "1",
        "50.0%", "16.7%", "2,000");
    String source = section(out, "The funnel by lead source");
    assertThat(row(source, "cold:call")).containsExactly("cold:call", "2", "2", "0", "1", "0",
        "1", "0", "100.0%", "50.0%", "2,000");
    assertThat(row(source, "warm:webinar")).containsExactly("warm:webinar", "2", "2", "0", "0",
        "1", "0", "0", "-", "0.0%", "-");
    assertThat(row(source, "unknown")).containsExactly("unknown", "2", "1", "0", "1", "0", "0",
        "1", "0.0%", "0.0%", "-");
  }

  @Test
  void csvOutWritesRawTables() throws IOException {
    Path csv = dir.resolve("out/tables");
    Cli.Run run = run("metrics", events, "--csv-out", csv.toString());
    assertThat(run.out()).startsWith("Read ");
    try (Stream<Path> files = Files.list(csv)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "funnel.csv", "pipeline.csv", "flow.csv", "attention.csv", "by_owner.csv",
          "by_lead_source.csv");
    }
    assertThat(Files.readString(csv.resolve("attention.csv"))).isEqualTo(String.join("\n",
        "deal_id,owner,stage,amount,days_idle,days_in_stage,why,currency",
        "D1,ana,Decision,1200000.00,30.00,30.00,stalled at decision;oldest in stage,EUR",
        "D3,,Prospecting,5000.00,30.00,30.00,idle past threshold;oldest in stage,EUR",
        "D2,bo,Consideration,23000.60,10.00,10.00,oldest in stage,EUR") + "\n");
    assertThat(Files.readString(csv.resolve("pipeline.csv"))).isEqualTo(String.join("\n",
        "stage,deals,amount,weighted,without_amount,average_days_in_stage,"
            + "oldest_days_in_stage,idle,currency",
        "Prospecting,1,5000.00,250.00,0,30.00,30.00,1,EUR",
        "Qualification,0,,,0,,,0,",
        "Consideration,2,23800.60,9520.24,0,7.50,10.00,0,EUR",
        "Decision,1,1200000.00,840000.00,0,30.00,30.00,1,EUR") + "\n");
    assertThat(Files.readString(csv.resolve("by_owner.csv"))).isEqualTo(String.join("\n",
        "owner,deals,reached_prospecting,reached_qualification,reached_consideration,"
            + "reached_decision,won,lost,win_rate,won_of_all,won_amount",
        "ana,2,2,0,0,1,1,0,1.0000,0.5000,2000.00",
        "bo,3,2,0,2,0,0,1,0.0000,0.0000,",
        "unassigned,1,1,0,0,0,0,0,,0.0000,",
        "all,6,5,0,2,1,1,1,0.5000,0.1667,2000.00") + "\n");
    assertThat(Files.readString(csv.resolve("funnel.csv"))).startsWith(
        "stage,reached,passed,skipped,to_next,to_won,lost,went_dark,stuck,back_moves,"
            + "skip_moves\n").endsWith("\nwon,1,1,0,,,,,,,\n");
    assertThat(Files.readString(csv.resolve("flow.csv"))).startsWith("stage,left,"
        + "dwell_mean_days,dwell_p50_days,dwell_p90_days,won,lost,win_rate,open,"
        + "velocity_per_day\n");
  }

  @Test
  void csvOutOnReportAndItsJsonStaysRaw() throws IOException {
    Path csv = dir.resolve("tables");
    Cli.Run report = run("report", events, "--html", dir.resolve("r.html").toString(),
        "--csv-out", csv.toString());
    assertThat(report.out()).contains("CSV tables written to " + csv.toAbsolutePath()
        + ": funnel.csv, pipeline.csv, flow.csv, attention.csv, by_owner.csv,"
        + " by_lead_source.csv");
    assertThat(Files.readString(dir.resolve("r.html"))).contains("EUR 1,228,801",
        "<td>D1</td><td>ana</td><td>Decision</td><td>1,200,000</td>",
        "<h2 id=\"owner\">Funnel by owner</h2>");
    Cli.Run json = run("metrics", events, "--json", "--csv-out", dir.resolve("j").toString());
    assertThat(json.json().get("asOf").asText()).isEqualTo("2026-07-01T00:00:00Z");
    assertThat(dir.resolve("j/funnel.csv")).exists();
  }

  @Test
  void csvOutWhereAFileIsIsOneLineAndExitTwo() throws IOException {
    Path file = dir.resolve("taken");
    Files.writeString(file, "x");
    Cli.Run run = Cli.run("metrics", "--events", events.toString(), "--template", "saas-b2b",
        "--csv-out", file.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--csv-out " + file + ": cannot write: it exists and is not"
        + " a directory" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aFileWithoutAmountsSaysSoInsteadOfEmptyMoneyTablesAndCharts() throws IOException {
    String out = run("metrics", bare).out();
    assertThat(out).contains("No amounts in this file: counts and days only.\n",
        "2 open deals (no amounts in this file)\n",
        "What moved in the last 30 days: no amounts in this file, so there is no pipeline value"
            + " to follow.\n",
        "No breakdown by owner: no deal has an owner in this file.\n",
        "No breakdown by lead source: no deal has a lead source in this file.\n");
    String pipeline = section(out, "The pipeline: where the open deals are now");
    assertThat(pipeline).doesNotContain("amount (", "weighted (");
    assertThat(row(pipeline, "Decision")).containsExactly("Decision", "1", "30.0", "30.0", "1");
    assertThat(row(section(out, "Deals that need attention"), "D1")).containsExactly("D1",
        "no owner", "Decision", "30.0", "30.0", "stalled at decision, oldest in stage");
    assertThat(out).doesNotContain("velocity", "XXX");

    Path html = dir.resolve("bare.html");
    run("report", bare, "--html", html.toString());
    // the words of the page, without the images' base64 (which may hold any letters)
    String page = Files.readString(html).replaceAll("base64,[^\"]*", "base64,");
    assertThat(page).contains(
        "No amounts in this file: the pipeline&#39;s value cannot be shown, only its deal"
            + " counts.",
        "No amounts in this file: there is no pipeline value to follow.",
        "No breakdown by owner: no deal has an owner in this file.")
        .doesNotContain("alt=\"Amount by stage\"", "alt=\"Movement waterfall\"", "XXX");
    assertThat(page.split("<img ", -1)).hasSize(4); // funnel, open deals, dwell time
  }

  @Test
  void aPeriodWithoutMovesSaysSoInsteadOfAFlatWaterfall() throws IOException {
    Path quiet = dir.resolve("quiet.csv");
    Files.writeString(quiet, "deal_id,at,stage,amount,currency\n"
        + "Q1,2026-01-05,prospecting,1500,EUR\n");
    Path html = dir.resolve("quiet.html");
    String out = run("metrics", quiet).out();
    assertThat(out).contains("Nothing changed the open value in the period: it stayed at"
        + " EUR 1,500.\n");
    run("report", quiet, "--html", html.toString());
    assertThat(Files.readString(html)).contains("Nothing changed the open value in the period")
        .doesNotContain("alt=\"Movement waterfall\"");
  }
}

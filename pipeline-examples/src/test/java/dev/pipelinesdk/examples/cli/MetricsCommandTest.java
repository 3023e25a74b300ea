package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics --json} on a small hand-written file with a back-move, re-entries, a revival and
 * a deal created in its second stage; rows out of order. Every number is computed by hand below.
 *
 * <pre>
 * A: lead 03-01, demo 03-03, lead 03-04 (back), demo 03-06T06 (re-entry), won 03-08
 * B: lead 03-02, demo 03-02T12, lost 03-05
 * C: lead 03-04, dark 03-05, lead 03-07 (revived)
 * D: created in demo 03-06T12
 * </pre>
 */
class MetricsCommandTest {
  static final String FILE = dev.pipelinesdk.examples.SampleExports.STAGE_HISTORY;

  @TempDir
  Path dir;
  Path events;

  @BeforeEach
  void write() throws IOException {
    events = dir.resolve("events.csv");
    Files.writeString(events, FILE);
  }

  private JsonNode metrics(String... asOf) {
    String[] base = {"metrics", "--events", events.toString(), "--stages", "lead,demo,proposal",
        "--won", "won", "--lost", "lost", "--dormant", "dark", "--json"};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
        java.util.Arrays.stream(asOf)).toArray(String[]::new);
    Cli.Run run = Cli.run(args);
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    return run.json();
  }

  private static void stage(JsonNode stage, String id, long reached, long open,
      String cumulativeDays, String medianDays) {
    assertThat(stage.get("stage").asText()).isEqualTo(id);
    assertThat(stage.get("reached").asLong()).isEqualTo(reached);
    assertThat(stage.get("open").asLong()).isEqualTo(open);
    assertThat(stage.get("cumulativeDays").decimalValue()).isEqualByComparingTo(cumulativeDays);
    if (medianDays == null) {
      assertThat(stage.get("medianDays").isNull()).isTrue();
    } else {
      assertThat(stage.get("medianDays").decimalValue()).isEqualByComparingTo(medianDays);
    }
  }

  @Test
  void defaultAsOfIsTheEndOfTheLastDayInTheFile() {
    JsonNode m = metrics();
    // the last row is on 03-08: the default counts that whole day, as --as-of 2017-03-08 does
    assertThat(m.get("asOf").asText()).isEqualTo("2017-03-09T00:00:00Z");
    assertThat(m.get("asOfRule").asText())
        .isEqualTo("the end of 2017-03-08 (UTC), the last day in the file");
    assertThat(metrics("--as-of", "2017-03-08")).isEqualTo(withRule(m,
        "the end of 2017-03-08 (UTC), as --as-of says"));
    assertThat(m.get("won").asLong()).isEqualTo(1);
    assertThat(m.get("lost").asLong()).isEqualTo(1);
    assertThat(m.get("winRate").asDouble()).isEqualTo(0.5);
    assertThat(m.get("stages")).hasSize(3);
    // lead: A 2 + 2.25 (re-entry), B 0.5, C 1 + 2 (revived, open) -> median of 0.5, 3, 4.25
    stage(m.get("stages").get(0), "lead", 3, 1, "7.75", "3");
    // demo: A 1 + 1.75 (re-entry), B 2.5, D 2.5 (created there, open)
    stage(m.get("stages").get(1), "demo", 3, 1, "7.75", "2.5");
    stage(m.get("stages").get(2), "proposal", 0, 0, "0", null);
  }

  @Test
  void aDateIncludesThatWholeDay() {
    JsonNode m = metrics("--as-of", "2017-03-05");
    assertThat(m.get("asOf").asText()).isEqualTo("2017-03-06T00:00:00Z");
    assertThat(m.get("won").asLong()).isZero();
    assertThat(m.get("lost").asLong()).isEqualTo(1); // B, lost on 03-05
    assertThat(m.get("winRate").asDouble()).isEqualTo(0.0);
    assertThat(m.get("dormant").asLong()).isEqualTo(1); // C went dark on 03-05
    assertThat(m.get("deals").asLong()).isEqualTo(3); // D does not exist yet
    // lead: A 2 + 2 (back in lead since 03-04), B 0.5, C 1 -> median of 0.5, 1, 4
    stage(m.get("stages").get(0), "lead", 3, 1, "5.5", "1");
    // demo: A 1, B 2.5 -> an even count: the mean of the two middle values
    stage(m.get("stages").get(1), "demo", 2, 0, "3.5", "1.75");
  }

  @Test
  void aDateTimeIsTakenAsGiven() {
    JsonNode m = metrics("--as-of", "2017-03-04T12:00:00Z");
    assertThat(m.get("asOf").asText()).isEqualTo("2017-03-04T12:00:00Z");
    assertThat(m.get("won").asLong()).isZero();
    assertThat(m.get("lost").asLong()).isZero();
    assertThat(m.get("winRate").isNull()).isTrue(); // 0 / 0
    // lead: A 2 + 0.5, B 0.5, C 0.5 (A and C are in it)
    stage(m.get("stages").get(0), "lead", 3, 2, "3.5", "0.5");
    // demo: A 1, B 2 (B is in it) -> even count
    stage(m.get("stages").get(1), "demo", 2, 1, "3", "1.5");
  }

  @Test
  void anOffsetIsHonoured() {
    JsonNode m = metrics("--as-of", "2017-03-04T13:00:00+01:00");
    assertThat(m.get("asOf").asText()).isEqualTo("2017-03-04T12:00:00Z");
  }

  @Test
  void textOutputShowsTheNumbersTheFunnelAndThePipeline() {
    Cli.Run run = Cli.run("metrics", "--events", events.toString(), "--stages",
        "lead,demo,proposal", "--won", "won", "--lost", "lost", "--dormant", "dark");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("Read " + events + ": 12 rows, 4 deals; 9 dates and times"
        + " without an offset read in UTC (--zone). As of the end of 2017-03-08 (UTC), the last"
        + " day in the file (2017-03-09T00:00:00Z).\nStages: probabilities: defaults rising"
        + " evenly (25%, 50%, 75%); idle thresholds: none (no deal counts as idle); set these with"
        + " --probabilities, --idle-days or a --definition file.\n");
    assertThat(run.out()).contains("Pipeline custom as of 2017-03-08 (end of day, UTC): 4 deals, 1 won,"
        + " 1 lost, win rate 50.0%, 2 open, 0 gone dark", "The funnel: volumes and conversion",
        "The pipeline: where the open deals are now", "Leaks");
  }

  @Test
  void salesforceColumnsAreReadThroughMap() throws IOException {
    Path sf = dir.resolve("OpportunityHistory.csv");
    Files.writeString(sf, String.join("\n",
        "Id,OpportunityId,CreatedDate,StageName,Amount,CloseDate",
        "h1,006A,2017-03-01T10:00:00.000+0000,Prospecting,1000.00,2017-04-01",
        "h2,006A,2017-03-02T10:00:00.000+0000,Qualification,1000.00,2017-04-01",
        "h3,006A,2017-03-03T22:00:00.000+0000,Closed Won,1100.00,2017-03-03",
        "h4,006B,2017-03-02T10:00:00.000+0000,Prospecting,,",
        "h5,006B,2017-03-03T10:00:00.000+0000,Closed Lost,,"));
    Cli.Run run = Cli.run("metrics", "--events", sf.toString(), "--map",
        "deal_id=OpportunityId,at=CreatedDate,stage=StageName,amount=Amount", "--stages",
        "Prospecting,Qualification", "--won", "Closed Won", "--lost", "Closed Lost", "--json");
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    JsonNode m = run.json();
    assertThat(m.get("asOf").asText()).isEqualTo("2017-03-04T00:00:00Z");
    assertThat(m.get("won").asLong()).isEqualTo(1);
    assertThat(m.get("lost").asLong()).isEqualTo(1);
    stage(m.get("stages").get(0), "Prospecting", 2, 0, "2", "1");
    stage(m.get("stages").get(1), "Qualification", 1, 0, "1.5", "1.5");
  }

  private static JsonNode withRule(JsonNode m, String rule) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = m.deepCopy();
    copy.put("asOfRule", rule);
    return copy;
  }
}

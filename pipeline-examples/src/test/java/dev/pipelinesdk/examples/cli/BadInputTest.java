package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input stops the command with file, line and value, and exit code 2. */
class BadInputTest {
  static final String HEADER = "deal_id,at,stage,amount";
  static final String GOOD = "A,2017-03-01,lead,100\nA,2017-03-02,won,\n";

  @TempDir
  Path dir;

  private Cli.Run metrics(String content, String... more) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, content);
    String[] base = {"metrics", "--events", file.toString(), "--stages", "lead,demo", "--won",
        "won", "--lost", "lost", "--json"};
    return Cli.run(java.util.stream.Stream.concat(java.util.Arrays.stream(base),
        java.util.Arrays.stream(more)).toArray(String[]::new));
  }

  private void assertStops(Cli.Run run, String message) {
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip()).isEqualTo(dir.resolve("bad.csv") + message);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownStage() throws IOException {
    assertStops(metrics(HEADER + "\n" + GOOD + "B,2017-03-01,negotiation,5\n"),
        ":4: unknown stage 'negotiation' in column stage; known stages: demo, lead, lost, won;"
            + " to drop the rows of this stage, say --skip-stage 'negotiation'");
  }

  @Test
  void badDate() throws IOException {
    assertStops(metrics(HEADER + "\nB,2017-13-01,lead,5\n" + GOOD),
        ":2: bad date '2017-13-01' in column at: expected an ISO date (2017-03-01) or date-time"
            + " (2017-03-01T10:15:00Z, 2017-03-01 10:15:00; without an offset in UTC); other forms"
            + " need --date-format");
  }

  @Test
  void aDateTimeInAnotherFormIsABadDate() throws IOException {
    assertThat(metrics(HEADER + "\n" + GOOD + "B,01/03/2017 10:00,lead,5\n").err())
        .contains("bad.csv:4: bad date '01/03/2017 10:00'");
  }

  @Test
  void negativeAmount() throws IOException {
    assertStops(metrics(HEADER + "\n" + GOOD + "B,2017-03-01,lead,-5\n"),
        ":4: negative amount '-5' in column amount");
  }

  @Test
  void nonNumericAmount() throws IOException {
    assertStops(metrics(HEADER + "\n" + GOOD + "B,2017-03-01,lead,12abc\n"),
        ":4: amount is not a plain decimal number: '12abc' in column amount (digits 0-9 with an"
            + " optional fraction after a point, such as 1250.50; no sign, exponent or thousands"
            + " separator; --amount-format LOCALE reads others)");
  }

  @Test
  void missingRequiredColumn() throws IOException {
    assertStops(metrics("deal_id,stage,amount\nA,lead,100\n"),
        ":1: missing required column 'at'; the header has: deal_id, stage, amount");
  }

  @Test
  void missingMappedColumnNamesBothNames() throws IOException {
    assertStops(metrics(HEADER + "\n" + GOOD, "--map", "at=CreatedDate"),
        ":1: missing required column 'CreatedDate' (mapped from at); the header has: deal_id,"
            + " at, stage, amount");
  }

  @Test
  void raggedRow() throws IOException {
    assertStops(metrics(HEADER + "\n" + GOOD + "B,2017-03-01\n"),
        ":4: row has 2 values but the header has 4: 'B,2017-03-01'");
  }

  @Test
  void currencyChangeWithinADeal() throws IOException {
    assertStops(metrics("deal_id,at,stage,amount,currency\nA,2017-03-01,lead,100,EUR\n"
        + "A,2017-03-02,demo,100,USD\n"),
        ":3: currency 'USD' differs from deal 'A''s currency 'EUR'");
  }

  @Test
  void aRowTheEngineRefusesStopsWithFileLineAndValue() throws IOException {
    // histories go through the engine's import path: an owner with a no-break space is no id
    Cli.Run run = metrics("deal_id,at,stage,owner\nA,2017-03-01,lead,ann\n"
        + "A,2017-03-02,demo,ann\u00a0lee\n");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(dir.resolve("bad.csv") + ":3: owner contains")
        .contains("'ann").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void skipBadRowsSkipsARowTheEngineRefuses() throws IOException {
    Cli.Run run = metrics("deal_id,at,stage,owner\nA,2017-03-01,lead,ann\n"
        + "A,2017-03-02,demo,ann\u00a0lee\nA,2017-03-03,won,ann\n", "--skip-bad-rows");
    assertThat(run.exit()).isZero();
    assertThat(run.err()).startsWith("skipped 1 bad rows of 3 in " + dir.resolve("bad.csv")
        + ": 1 refused by the engine\n").contains("bad.csv:3: owner contains");
    assertThat(run.json().get("won").asLong()).isEqualTo(1);
  }

  @Test
  void missingFile() {
    Cli.Run run = Cli.run("metrics", "--events", dir.resolve("nope.csv").toString(),
        "--template", "saas-b2b");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(dir.resolve("nope.csv") + ": no such file");
  }

  @Test
  void unknownTemplate() throws IOException {
    Files.writeString(dir.resolve("bad.csv"), HEADER + "\n" + GOOD);
    Cli.Run run = Cli.run("metrics", "--events", dir.resolve("bad.csv").toString(),
        "--template", "nope");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--template: no pipeline template named 'nope'");
  }

  @Test
  void badAsOfIsAUsageError() throws IOException {
    Cli.Run run = metrics(HEADER + "\n" + GOOD, "--as-of", "yesterday");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("bad date 'yesterday'");
  }

  @Test
  void skipBadRowsSkipsThemAndSummarisesOnStderr() throws IOException {
    Cli.Run run = metrics(HEADER + "\n" + GOOD + "B,2017-03-01,,5\n"
        + "C,2017-02-30,lead,5\n" + "D,2017-03-01,lead,-1\n" + "E,2017-03-01\n"
        + "F,2017-03-01,lead,x\n" + "G,2017-03-01,lead,7\n", "--skip-bad-rows");
    assertThat(run.exit()).isZero();
    Path file = dir.resolve("bad.csv");
    assertThat(run.err()).startsWith("skipped 5 bad rows of 8 in " + file + ": 1 empty stage,"
        + " 1 bad date, 1 negative amount, 1 ragged row, 1 non-numeric amount\n");
    assertThat(run.err()).contains("  " + file + ":4: empty stage",
        "  " + file + ":5: bad date '2017-02-30'", "  " + file + ":6: negative amount '-1'",
        "  " + file + ":7: row has 2 values",
        "  " + file + ":8: amount is not a plain decimal number: 'x'");
    assertThat(run.json().get("input").get("skippedRows").asLong()).isEqualTo(5);
    assertThat(run.json().get("input").get("droppedDeals").asLong()).isEqualTo(4); // B to F
    // A (won) and G (in lead) are left.
    assertThat(run.json().get("won").asLong()).isEqualTo(1);
    assertThat(run.json().get("stages").get(0).get("reached").asLong()).isEqualTo(2);
  }

  @Test
  void missingColumnStopsEvenWhenSkippingBadRows() throws IOException {
    Cli.Run run = metrics("deal_id,stage\nA,lead\n", "--skip-bad-rows");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("bad.csv:1: missing required column 'at'");
  }
}

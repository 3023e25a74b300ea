package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI's promises on input that broke them (issue 12): each defect end to end on a small file
 * written for it, checking the exit code and the exact message.
 */
class InputPromisesTest {
  static final String[] STAGES = {"--stages", "lead,demo", "--won", "won", "--lost", "lost"};

  @TempDir
  Path dir;

  private Path file(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private Path file(String content) throws IOException {
    return file("in.csv", content.getBytes(StandardCharsets.UTF_8));
  }

  private static Cli.Run metrics(Path file, String... more) {
    List<String> args = new ArrayList<>(List.of("metrics", "--events", file.toString()));
    args.addAll(Arrays.asList(STAGES));
    args.addAll(Arrays.asList(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /** Exit 2, nothing on stdout, exactly one line on stderr: the file, then the message. */
  private static void assertStops(Cli.Run run, Path file, String message) {
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(file + message + "\n");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  // --- a UTF-8 byte-order mark -----------------------------------------------------------

  @Test
  void aByteOrderMarkReadsLikeAnyOtherFile() throws IOException {
    String csv = "OppID,When,Stage,Amount\nA,2024-05-01,lead,100\nA,2024-05-03,won,\n"
        + "B,2024-05-01,lead,5\nB,2024-05-02,lost,\n";
    byte[] body = csv.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    String[] map = {"--map", "deal_id=OppID,at=When,stage=Stage,amount=Amount", "--json"};
    Cli.Run bom = metrics(file("bom.csv", withBom), map);
    Cli.Run noBom = metrics(file("plain.csv", body), map);
    assertThat(bom.err()).isEmpty();
    assertThat(bom.exit()).isZero();
    assertThat(bom.json().get("won").asLong()).isEqualTo(1);
    assertThat(without(bom.json(), "input")).isEqualTo(without(noBom.json(), "input"));
  }

  private static JsonNode without(JsonNode json, String field) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = json.deepCopy();
    copy.remove(field);
    return copy;
  }

  // --- --as-of and the day boundary -------------------------------------------------------

  /** A created 05-14, lost 05-16 at midnight; B created 05-16 at midnight; C won 05-15. */
  static final String BOUNDARY = "deal_id,at,stage,amount\n"
      + "A,2024-05-14,lead,100\nA,2024-05-16,lost,\n"
      + "B,2024-05-16T00:00:00Z,lead,50\n"
      + "C,2024-05-14,lead,10\nC,2024-05-15T23:59:59.999999999Z,won,\n";

  @Test
  void aDateCountsOnlyWhatHappenedOnThatDay() throws IOException {
    Path f = file(BOUNDARY);
    JsonNode m = metrics(f, "--as-of", "2024-05-15", "--json").json();
    assertThat(m.get("asOf").asText()).isEqualTo("2024-05-16T00:00:00Z");
    assertThat(m.get("deals").asLong()).isEqualTo(2); // B is created on the 16th
    assertThat(m.get("lost").asLong()).isZero(); // A is lost on the 16th
    assertThat(m.get("won").asLong()).isEqualTo(1); // C, in the last nanosecond of the 15th
    assertThat(m.get("stages").get(0).get("reached").asLong()).isEqualTo(2);
    assertThat(m.get("stages").get(0).get("open").asLong()).isEqualTo(1); // A, still in lead
    // A in lead from the 14th to the end of the 15th: 2 days; C almost 2 days
    assertThat(m.get("stages").get(0).get("cumulativeDays").asDouble())
        .isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aDateTimeCountsWhatHappenedAtOrBeforeIt() throws IOException {
    JsonNode m = metrics(file(BOUNDARY), "--as-of", "2024-05-16T00:00:00Z", "--json").json();
    assertThat(m.get("asOf").asText()).isEqualTo("2024-05-16T00:00:00Z");
    assertThat(m.get("deals").asLong()).isEqualTo(3);
    assertThat(m.get("lost").asLong()).isEqualTo(1);
    assertThat(m.get("asOfRule").asText()).isEqualTo("2024-05-16T00:00:00Z, as --as-of says");
  }

  @Test
  void theTextOutputAndTheReportCountTheSameDay() throws IOException {
    Path f = file(BOUNDARY);
    Cli.Run text = metrics(f, "--as-of", "2024-05-15");
    assertThat(text.exit()).isZero();
    assertThat(text.out()).startsWith("Read " + f + ": 5 rows, 3 deals; 3 dates and times"
        + " without an offset read in UTC (--zone). As of the end of 2024-05-15 (UTC), as"
        + " --as-of says (2024-05-16T00:00:00Z).\n");
    assertThat(text.out()).contains("as of 2024-05-15 (end of day, UTC): 2 deals, 1 won, 0 lost");
    Path html = dir.resolve("r.html");
    List<String> args = new ArrayList<>(List.of("report", "--events", f.toString(), "--html",
        html.toString(), "--as-of", "2024-05-15"));
    args.addAll(Arrays.asList(STAGES));
    Cli.Run report = Cli.run(args.toArray(String[]::new));
    assertThat(report.exit()).as(report.err()).isZero();
    assertThat(Files.readString(html)).contains("2 deals");
  }

  @Test
  void theDefaultAsOfIsTheEndOfTheLastDayAndSaysSo() throws IOException {
    Path f = file(BOUNDARY);
    JsonNode byDefault = metrics(f, "--json").json();
    JsonNode lastDay = metrics(f, "--as-of", "2024-05-16", "--json").json();
    assertThat(byDefault.get("asOf")).isEqualTo(lastDay.get("asOf"));
    assertThat(without(byDefault, "asOfRule")).isEqualTo(without(lastDay, "asOfRule"));
    assertThat(byDefault.get("asOfRule").asText())
        .isEqualTo("the end of 2024-05-16 (UTC), the last day in the file");
  }

  // --- encodings ---------------------------------------------------------------------------

  @Test
  void anInvalidByteNamesFileLineAndOffsetAndSuggestsAnEncoding() throws IOException {
    byte[] latin1 = "deal_id,at,stage,owner\nA,2024-05-01,lead,ann\nB,2024-05-01,lead,Jos\u00e9\n"
        .getBytes(Charset.forName("windows-1252"));
    Path f = file("latin.csv", latin1);
    assertStops(metrics(f), f, ":3: not valid UTF-8: byte 0xE9 at byte offset 66 of the file"
        + " (byte 22 of the line); if the file is in another encoding, say which with"
        + " --encoding, such as --encoding windows-1252");
    Cli.Run read = metrics(f, "--encoding", "windows-1252", "--json");
    assertThat(read.exit()).as(read.err()).isZero();
    assertThat(read.json().get("deals").asLong()).isEqualTo(2);
  }

  @Test
  void anInvalidLineIsSkippedAndNamedWithSkipBadRows() throws IOException {
    byte[] bytes = "deal_id,at,stage\nA,2024-05-01,lead\nB,2024-05-01,le\u00e9d\nC,2024-05-02,lead\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Path f = file("bad.csv", bytes);
    Cli.Run run = metrics(f, "--skip-bad-rows", "--json");
    assertThat(run.exit()).isZero();
    assertThat(run.err()).startsWith("skipped 1 bad rows of 3 in " + f + ": 1 invalid UTF-8\n")
        .contains(f + ":3: not valid UTF-8: byte 0xE9");
    assertThat(run.json().get("deals").asLong()).isEqualTo(2);
  }

  @Test
  void anUnknownEncodingIsAUsageError() throws IOException {
    Cli.Run run = metrics(file("deal_id,at,stage\n"), "--encoding", "klingon");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--encoding: unknown encoding 'klingon'; try UTF-8,"
        + " windows-1252 or ISO-8859-1\n");
  }

  @Test
  void aUtf16FileIsRefusedWithWhatToDo() throws IOException {
    Path f = file("u16.csv", withUtf16Bom("deal_id,at,stage\nA,2024-05-01,lead\n"));
    assertStops(metrics(f), f, ":1: the file starts with a UTF-16 byte-order mark: save it as"
        + " UTF-8 (in Excel: CSV UTF-8) or as UTF-8");
  }

  private static byte[] withUtf16Bom(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xFE);
    out.writeBytes(text.getBytes(StandardCharsets.UTF_16LE));
    return out.toByteArray();
  }

  // --- unknown stages and --skip-bad-rows -------------------------------------------------

  @Test
  void anUnknownStageStaysFatalWithSkipBadRows() throws IOException {
    Path f = file("deal_id,at,stage\nA,2024-05-01,lead\nA,2024-05-02,negotiation\n"
        + "A,2024-05-09,demo\n");
    assertStops(metrics(f, "--skip-bad-rows"), f, ":3: unknown stage 'negotiation' in column"
        + " stage; known stages: demo, lead, lost, won; to drop the rows of this stage, say"
        + " --skip-stage 'negotiation'");
  }

  @Test
  void skipStageDropsItsRowsAndTheOutputSaysHowMany() throws IOException {
    Path f = file("deal_id,at,stage\nA,2024-05-01,lead\nA,2024-05-02,negotiation\n"
        + "A,2024-05-09,demo\nB,2024-05-03,negotiation\n");
    Cli.Run text = metrics(f, "--skip-stage", "negotiation");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).startsWith("Read " + f + ": 4 rows, 1 deals; dropped 2 rows of stage"
        + " 'negotiation'; 1 deals dropped (no row kept); 2 dates and times without an offset"
        + " read in UTC (--zone). As of");
    JsonNode json = metrics(f, "--skip-stage", "negotiation", "--json").json();
    assertThat(json.get("input").get("skippedStages").get("negotiation").asLong()).isEqualTo(2);
    assertThat(json.get("input").get("droppedDeals").asLong()).isEqualTo(1);
  }

  @Test
  void aStageThatDiffersOnlyInCaseGetsASuggestion() throws IOException {
    Path f = file("deal_id,at,stage\nA,2024-05-01,lead\nA,2024-05-02,Won\n");
    assertStops(metrics(f), f, ":3: unknown stage 'Won' in column stage; known stages: demo,"
        + " lead, lost, won; did you mean 'won'? (stage names are case-sensitive); to drop the"
        + " rows of this stage, say --skip-stage 'Won'");
  }

  @Test
  void aWonOrLostStageThatNeverOccursGetsAWarning() throws IOException {
    Path f = file("deal_id,at,stage\nA,2024-05-01,lead\nA,2024-05-02,demo\n");
    Cli.Run run = metrics(f, "--json");
    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEqualTo("warning: the --won stage 'won' occurs in no row of " + f
        + "; the stages in the file: lead, demo\n"
        + "warning: the --lost stage 'lost' occurs in no row of " + f
        + "; the stages in the file: lead, demo\n");
  }

  // --- ids, names and the header ----------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"\u2003", "\u0085", "\u00a0", "\u0007C"})
  void anInvalidDealIdIsABadRowWithFileAndLine(String c) throws IOException {
    Path f = file("deal_id,at,stage\nA,2024-05-01,lead\n\"B" + c + "\",2024-05-01,lead\n");
    Cli.Run run = metrics(f);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith(f + ":3: deal id contains U+")
        .endsWith(" in column deal_id\n").doesNotContain("Exception");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void aDealIdLongerThan200CharactersIsABadRow() throws IOException {
    Path f = file("deal_id,at,stage\n" + "D".repeat(201) + ",2024-05-01,lead\n");
    assertStops(metrics(f), f, ":2: deal id is longer than 200 characters: 'DDDDDDDDDDDDDDDDDDDD...'"
        + " in column deal_id");
  }

  @Test
  void aColumnNameThatCannotBeAnAttributeNameStops() throws IOException {
    Path f = file("deal_id,at,stage,\"seats\u2003\"\nA,2024-05-01,lead,3\n");
    assertStops(metrics(f), f, ":1: column 4 of the header, 'seats\\u2003', cannot be an"
        + " attribute name: attribute name contains U+2003 EM SPACE at index 5: 'seats?'");
  }

  @Test
  void aDuplicateColumnIsNamed() throws IOException {
    Path f = file("deal_id,at,stage,seats,seats\nA,2024-05-01,lead,3,4\n");
    assertStops(metrics(f), f, ":1: duplicate column 'seats' in the header; the header has:"
        + " deal_id, at, stage, seats, seats");
  }

  // --- amounts ----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "1e99999999", "1e-99999999", "1e400", "+5", ".5", "5.",
      "\u0665", "\uff15", "1,000.00", "0x10", "NaN", "Infinity"})
  void anAmountThatIsNotAPlainDecimalIsRefused(String amount) throws IOException {
    Path f = file("deal_id,at,stage,amount\nA,2024-05-01,lead,\"" + amount + "\"\n");
    assertStops(metrics(f), f, ":2: amount is not a plain decimal number: '" + amount
        + "' in column amount (digits 0-9 with an optional fraction after a point, such as"
        + " 1250.50; no sign, exponent or thousands separator; --amount-format LOCALE reads others)");
  }

  @Test
  void aMegabyteOfDigitsIsRefusedWithoutReadingItAsANumber() throws IOException {
    Path f = file("deal_id,at,stage,amount\nA,2024-05-01,lead," + "9".repeat(1_000_000) + "\n");
    Cli.Run run = metrics(f);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith(f + ":2: amount '9999").contains("(1000000 characters)")
        .endsWith(" in column amount has more than 30 digits before the point or 18 after it\n");
  }

  @Test
  void moreDecimalsThanTheCurrencyHasIsABadRowInWords() throws IOException {
    Path f = file("deal_id,at,stage,amount\nA,2024-05-01,lead,12.345\n");
    assertStops(metrics(f), f, ":2: amount '12.345' in column amount has more decimals than EUR"
        + " has (2)");
  }

  // --- dates ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"0000-01-01", "1700-01-01", "2100-01-01", "1899-12-31T23:59:59Z"})
  void aDateOutsideTheRangeIsRefused(String date) throws IOException {
    Path f = file("deal_id,at,stage\nA,2024-05-01,lead\nB," + date + ",lead\n");
    assertStops(metrics(f), f, ":3: date '" + date + "' in column at is outside the dates this"
        + " reader takes, 1900-01-01 to 2100-01-01 (exclusive)");
  }

  @Test
  void aYearOfFiveDigitsIsABadDate() throws IOException {
    Path f = file("deal_id,at,stage\nA,+99999-01-01,lead\n");
    assertStops(metrics(f), f, ":2: bad date '+99999-01-01' in column at: expected an ISO date"
        + " (2017-03-01) or date-time (2017-03-01T10:15:00Z, 2017-03-01 10:15:00; without an"
        + " offset in UTC); other forms need --date-format");
  }

  @Test
  void anAsOfOutsideTheRangeIsAUsageError() throws IOException {
    Cli.Run run = metrics(file(BOUNDARY), "--as-of", "1700-01-01");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("date '1700-01-01' is outside the dates this command takes,"
        + " 1900-01-01 to 2100-01-01 (exclusive)");
  }

  // --- quotes -----------------------------------------------------------------------------

  @Test
  void anUnbalancedQuoteIsSkippedWithItsLineAndTheRestIsRead() throws IOException {
    Path f = file("deal_id,at,stage,note\nA,2024-05-01,lead,ok\nB,2024-05-01,lead,\"oops\n"
        + "C,2024-05-02,lead,fine\nD,2024-05-02,lead,\"two\nlines\"\n");
    Cli.Run run = metrics(f, "--skip-bad-rows", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).startsWith("skipped 1 bad rows of 4 in " + f + ": 1 unbalanced quote\n")
        .contains(f + ":3: a quoted value opens on this line and is not closed where it should be"
            + " (read with the lines up to line 5, it is no valid row); a quote inside a value"
            + " must be doubled (\"\"): 'B,2024-05-01,lead,\"oops'\n");
    assertThat(run.json().get("deals").asLong()).isEqualTo(3); // A, C and D
  }

  @Test
  void anUnbalancedQuoteStopsWithItsLineWithoutSkipBadRows() throws IOException {
    Path f = file("deal_id,at,stage,note\nA,2024-05-01,lead,ok\nB,2024-05-01,lead,\"oops\n"
        + "C,2024-05-02,lead,fine\n");
    assertStops(metrics(f), f, ":3: a quoted value opens on this line and does not close before"
        + " the end of the file; a quote inside a value must be doubled (\"\"):"
        + " 'B,2024-05-01,lead,\"oops'");
  }

  @Test
  void aValueWithALineBreakIsEscapedInTheMessage() throws IOException {
    Path f = file("deal_id,at,stage\nA,2024-05-01,\"le\nad\"\n");
    Cli.Run run = metrics(f);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith(f + ":2: unknown stage 'le\\nad' in column stage");
    assertThat(run.err().lines()).hasSize(1);
  }

  // --- currencies -------------------------------------------------------------------------

  @Test
  void aCurrencyOnARowWithoutAmountMustAgreeWithTheDeal() throws IOException {
    Path f = file("deal_id,at,stage,amount,currency\nA,2024-05-01,lead,100,EUR\n"
        + "A,2024-05-02,demo,,USD\n");
    assertStops(metrics(f), f, ":3: currency 'USD' differs from deal 'A''s currency 'EUR'");
  }

  @Test
  void aCurrencyBeforeTheFirstAmountIsTheDealsCurrency() throws IOException {
    Path f = file("deal_id,at,stage,amount,currency\nA,2024-05-01,lead,,USD\n"
        + "A,2024-05-02,demo,100,\nA,2024-05-03,demo,200,EUR\n");
    assertStops(metrics(f, "--currency", "EUR"), f, ":4: currency 'EUR' differs from deal 'A''s"
        + " currency 'USD'");
  }

  // --- the file itself --------------------------------------------------------------------

  @Test
  void anEndlessLineStops() throws IOException {
    Path f = file("zeros.csv", new byte[(1 << 20) + 10]);
    assertStops(metrics(f), f, ":1: line 1 is longer than 1048576 bytes: not a CSV file?");
  }

  @Test
  void anEmptyFileNameAndADirectoryAreNamed() {
    Cli.Run empty = Cli.run(concat("metrics", "--events", ""));
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).isEqualTo("no file named: the file name is empty\n");
    Cli.Run directory = Cli.run(concat("metrics", "--events", dir.toString()));
    assertThat(directory.exit()).isEqualTo(2);
    assertThat(directory.err()).isEqualTo(dir + ": is a directory, not a file\n");
  }

  @Test
  void anUnreadableFileSaysPermissionDenied() throws IOException {
    Path f = file(BOUNDARY);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(f), "running as root: every file is readable");
    assertStops(metrics(f), f, ": cannot read: permission denied");
  }

  private static String[] concat(String... head) {
    List<String> args = new ArrayList<>(Arrays.asList(head));
    args.addAll(Arrays.asList(STAGES));
    return args.toArray(String[]::new);
  }

  // --- usage ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"metrics", "report", "diagram"})
  void usageLinesShowEachOptionOnce(String command) {
    Cli.Run help = Cli.run(command, "--help");
    assertThat(help.exit()).isZero();
    String synopsis = help.out().substring(0, help.out().indexOf("\n\n") > 0
        ? help.out().indexOf("\n\n") : help.out().indexOf("--template=NAME  "));
    assertThat(synopsis.replaceAll("\\s+", " ")).contains("--stages=A,B,C --won=W --lost=L").doesNotContain("]...")
        .doesNotContain("-V");
  }

  @Test
  void aMapThatIsNoListOfPairsIsAUsageError() throws IOException {
    Cli.Run run = metrics(file(BOUNDARY), "--map", "deal_id=Id,stage");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--map: expected COLUMN=NAME pairs separated by commas, such"
        + " as deal_id=Id,stage=StageName, not 'stage'\n");
  }
}

package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.examples.AmountFormat;
import dev.pipelinesdk.examples.PermissiveDefinition;
import dev.pipelinesdk.examples.StageHistoryCsv;
import dev.pipelinesdk.examples.Timestamps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports as the CRMs write them (issue 13), each a small file written by hand from the vendor's
 * documented columns, read with a preset or the format options; exact numbers and messages.
 */
class RealExportsTest {
  @TempDir
  Path dir;

  private Path file(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  private static Cli.Run run(Path file, String... args) {
    List<String> all = new ArrayList<>(List.of("metrics", "--events", file.toString()));
    all.addAll(Arrays.asList(args));
    return Cli.run(all.toArray(String[]::new));
  }

  private static JsonNode json(Path file, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("--json");
    Cli.Run r = run(file, all.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    return r.json();
  }

  private static List<DealHistory> read(String csv, StageHistoryCsv.Options options)
      throws Exception {
    Map<StageId, StageKind> stages = PermissiveDefinition.stages(List.of("lead", "demo"), "won",
        "lost", Optional.empty());
    return StageHistoryCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        "f.csv", stages, options).histories();
  }

  // --- Salesforce OpportunityHistory (API names, as Data Loader writes them) --------------

  static final String SALESFORCE = "\uFEFFId,OpportunityId,CreatedById,CreatedDate,StageName,"
      + "Amount,ExpectedRevenue,CloseDate,Probability,ForecastCategory,CurrencyIsoCode,IsDeleted\r\n"
      + "008A1,006A,005U1,2022-03-01T09:00:00.000+0000,Prospecting,10000,1000,2022-06-30,10,"
      + "Pipeline,USD,false\r\n"
      // same stage: the amount changed, no re-entry
      + "008A2,006A,005U1,2022-03-04T09:00:00.000+0000,Prospecting,12000,1200,2022-06-30,10,"
      + "Pipeline,USD,false\r\n"
      + "008A3,006A,005U1,2022-03-06T09:00:00.000+0000,Qualification,12000,2400,2022-06-30,20,"
      + "Pipeline,USD,false\r\n"
      + "008A4,006A,005U1,2022-03-16T09:00:00.000+0000,Closed Won,12500,12500,2022-03-16,100,"
      + "Closed,USD,false\r\n"
      + "008B1,006B,005U2,2022-03-02T12:00:00.000+0000,Prospecting,,,2022-07-31,10,Pipeline,"
      + "EUR,false\r\n"
      + "008B2,006B,005U2,2022-03-09T12:00:00.000+0000,Closed Lost,,,2022-03-09,0,Omitted,"
      + "EUR,false\r\n";

  @Test
  void salesforceOpportunityHistoryWithThePreset() throws IOException {
    JsonNode m = json(file("OpportunityHistory.csv", SALESFORCE), "--preset",
        "salesforce-opportunity-history", "--stages", "Prospecting,Qualification", "--won",
        "Closed Won", "--lost", "Closed Lost");
    assertThat(m.get("deals").asLong()).isEqualTo(2);
    assertThat(m.get("won").asLong()).isEqualTo(1);
    assertThat(m.get("lost").asLong()).isEqualTo(1);
    JsonNode prospecting = m.get("stages").get(0);
    assertThat(prospecting.get("reached").asLong()).isEqualTo(2);
    // A 5 days (the update on 03-04 is no re-entry), B 7 days
    assertThat(prospecting.get("cumulativeDays").decimalValue()).isEqualByComparingTo("12");
    assertThat(m.get("stages").get(1).get("cumulativeDays").decimalValue())
        .isEqualByComparingTo("10");
    assertThat(m.get("input").get("localTimes").asLong()).isZero();
  }

  @Test
  void aSalesforceRowInTheSameStageIsAnUpdateNotAReEntry() throws Exception {
    Map<StageId, StageKind> stages = PermissiveDefinition.stages(
        List.of("Prospecting", "Qualification"), "Closed Won", "Closed Lost", Optional.empty());
    DealHistory a = StageHistoryCsv.read(new ByteArrayInputStream(SALESFORCE.getBytes(
        StandardCharsets.UTF_8)), "f.csv", stages, StageHistoryCsv.Options.defaults()
            .withColumns(dev.pipelinesdk.examples.ExportPresets.named(
                "salesforce-opportunity-history").columns())).histories().get(0);
    assertThat(a.events()).extracting(e -> e.getClass().getSimpleName())
        .filteredOn(name -> !name.equals("AttributeChanged")).containsExactly(
        "Created", "AmountChanged", "Moved", "Won", "AmountChanged");
    assertThat(a.current().amount()).contains(Money.of("12500", "USD"));
    assertThat(a.current().attribute("ForecastCategory")).isPresent();
  }

  // --- HubSpot dealstage history (CRM API v3 property names) ------------------------------

  static final String HUBSPOT = "hs_object_id,pipeline,dealstage,timestamp,amount,"
      + "deal_currency_code,hubspot_owner_id,createdate\n"
      + "9001,default,appointmentscheduled,2023-05-02T10:00:00.000Z,5000,EUR,71,"
      + "2023-05-01T10:00:00.000Z\n"
      + "9001,default,qualifiedtobuy,2023-05-05T10:00:00.000Z,,,71,2023-05-01T10:00:00.000Z\n"
      + "9001,default,closedwon,2023-05-11T10:00:00.000Z,,,71,2023-05-01T10:00:00.000Z\n"
      + "9002,default,closedlost,2023-05-03T08:00:00.000Z,,,72,2023-05-03T08:00:00.000Z\n"
      + "7001,renewals,renewal_due,2023-05-02T10:00:00.000Z,900,EUR,71,2023-05-01T00:00:00.000Z\n";

  static final String[] HUBSPOT_STAGES = {"--preset", "hubspot-deal-stage-history", "--stages",
      "appointmentscheduled,qualifiedtobuy", "--won", "closedwon", "--lost", "closedlost"};

  @Test
  void hubspotDealStagesOfOnePipelineWithTheirCreationDate() throws IOException {
    Path f = file("deals.csv", HUBSPOT);
    List<String> args = new ArrayList<>(Arrays.asList(HUBSPOT_STAGES));
    args.addAll(List.of("--pipeline", "default"));
    JsonNode m = json(f, args.toArray(String[]::new));
    assertThat(m.get("deals").asLong()).isEqualTo(2);
    assertThat(m.get("input").get("otherPipelineRows").asLong()).isEqualTo(1);
    assertThat(m.get("input").get("firstSeenClosed").asLong()).isEqualTo(1); // 9002
    // 9001 was created on 05-01, a day before its first stage entry: 4 days in the first stage
    assertThat(m.get("stages").get(0).get("cumulativeDays").decimalValue())
        .isEqualByComparingTo("4");
    Cli.Run text = run(f, args.toArray(String[]::new));
    assertThat(text.out()).startsWith("Read " + f + ": 5 rows, 2 deals; 1 rows of other"
        + " pipelines left out; 1 deals first seen won or lost (the file starts after they"
        + " closed). As of");
    assertThat(text.out()).contains("  1 deal first seen won or lost (the data starts after they"
        + " closed) passed no stage and are not in the funnel.\n");
  }

  @Test
  void hubspotHistoryWithThePipelinesOwnStagesFromItsJson() throws IOException {
    Path history = file("deals.csv", HUBSPOT);
    Path pipelines = file("pipelines.json", dev.pipelinesdk.examples.SampleExports.HUBSPOT_PIPELINES);
    Cli.Run text = run(history, "--preset", "hubspot-deal-stage-history", "--hubspot-pipelines",
        pipelines.toString(), "--pipeline", "default");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.err()).isEmpty();
    assertThat(text.out()).contains("Appointment Scheduled", "Qualified To Buy")
        .doesNotContain("\nStages: "); // the probabilities come from the pipeline
    JsonNode m = json(history, "--preset", "hubspot-deal-stage-history", "--hubspot-pipelines",
        pipelines.toString(), "--pipeline", "default");
    assertThat(m.get("pipeline").asText()).isEqualTo("default");
    assertThat(m.get("won").asLong()).isEqualTo(1);
    assertThat(m.get("stages").get(0).get("name").asText()).isEqualTo("Appointment Scheduled");
    Cli.Run noPipeline = run(history, "--preset", "hubspot-deal-stage-history",
        "--hubspot-pipelines", pipelines.toString());
    assertThat(noPipeline.exit()).isEqualTo(2);
    assertThat(noPipeline.err()).isEqualTo(pipelines + ": several pipelines: say which with"
        + " --pipeline; the file has default, renewals\n");
  }

  @Test
  void theOutputSaysWhichStageValuesAreDefaults() throws IOException {
    Path f = file("d.csv", "deal_id,at,stage\nA,2024-01-01T00:00:00Z,lead\n"
        + "A,2024-01-02T00:00:00Z,won\n");
    Cli.Run text = run(f, "--stages", "lead,demo", "--won", "won", "--lost", "lost");
    assertThat(text.out().lines().skip(1).findFirst()).contains("Stages: probabilities: defaults"
        + " rising evenly (33.3%, 66.7%); idle thresholds: none (no deal counts as idle); set"
        + " these with --probabilities, --idle-days or a --definition file.");
    JsonNode given = json(f, "--stages", "lead,demo", "--won", "won", "--lost", "lost",
        "--probabilities", "10,50", "--idle-days", "7,14");
    assertThat(given.has("defaults")).isFalse();
  }

  @Test
  void withoutThePipelineFilterAnotherPipelinesStageIsUnknown() throws IOException {
    Path f = file("deals.csv", HUBSPOT);
    Cli.Run r = run(f, HUBSPOT_STAGES);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith(f + ":6: unknown stage 'renewal_due' in column dealstage");
  }

  @Test
  void thePipelineFilterNeedsAPipelineColumn() throws IOException {
    Path f = file("deals.csv", "deal_id,at,stage\nA,2024-01-01,lead\n");
    Cli.Run r = run(f, "--stages", "lead", "--won", "won", "--lost", "lost", "--pipeline", "x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(f + ":1: --pipeline x needs a column 'pipeline' saying each"
        + " row's pipeline; the header has: deal_id, at, stage\n");
  }

  @Test
  void epochMillisecondsAsTheLegacyApiWritesThem() throws Exception {
    List<DealHistory> h = read("deal_id,at,stage\nA,1683021600000,lead\nA,1683280800000,won\n",
        StageHistoryCsv.Options.defaults().withTimestamps(Timestamps.of(
            Optional.of(Timestamps.EPOCH_MILLIS), ZoneId.of("UTC"))));
    assertThat(h.get(0).events().get(0).at()).isEqualTo(Instant.parse("2023-05-02T10:00:00Z"));
    assertThat(h.get(0).events().get(1).at()).isEqualTo(Instant.parse("2023-05-05T10:00:00Z"));
  }

  @Test
  void aCloseDateColumnSetsAndPushesTheDealsExpectedCloseDate() throws Exception {
    List<DealHistory> h = read("deal_id,at,stage,close_date\nA,2024-01-01,lead,2024-03-31\n"
        + "A,2024-02-01,demo,2024-04-30\nA,2024-02-10,demo,\n",
        StageHistoryCsv.Options.defaults());
    assertThat(h.get(0).created().deal().closeDate())
        .contains(java.time.LocalDate.parse("2024-03-31"));
    assertThat(h.get(0).current().closeDate()).contains(java.time.LocalDate.parse("2024-04-30"));
    var pushes = dev.pipelinesdk.core.CloseDates.of(h.get(0));
    assertThat(pushes.pushes()).isEqualTo(1);
    assertThat(pushes.daysPushed()).isEqualTo(30);
  }

  // --- Fivetran history mode --------------------------------------------------------------

  @Test
  void fivetranHistoryModeVersionsWithWarehouseTimestamps() throws Exception {
    Path f = file("opportunity.csv", "id,stage_name,amount,currency_iso_code,owner_id,"
        + "created_date,_fivetran_start,_fivetran_end,_fivetran_active\n"
        + "006A,Prospecting,1000,EUR,005U1,2023-01-02 09:00:00 UTC,2023-01-02 09:00:00.000 UTC,"
        + "2023-01-05 10:00:00.000 UTC,false\n"
        + "006A,Prospecting,1500,EUR,005U1,2023-01-02 09:00:00 UTC,2023-01-05 10:00:00.000 UTC,"
        + "2023-01-09 09:00:00.000 UTC,false\n"
        + "006A,Closed Won,1500,EUR,005U1,2023-01-02 09:00:00 UTC,2023-01-09 09:00:00.000 UTC,"
        + "9999-12-31 23:59:59.999 UTC,true\n");
    JsonNode m = json(f, "--preset", "fivetran-salesforce-opportunity", "--stages",
        "Prospecting", "--won", "Closed Won", "--lost", "Closed Lost");
    assertThat(m.get("won").asLong()).isEqualTo(1);
    assertThat(m.get("stages").get(0).get("cumulativeDays").decimalValue())
        .isEqualByComparingTo("7"); // 01-02 09:00 to 01-09 09:00, the version on 01-05 no re-entry
    assertThat(m.get("input").get("localTimes").asLong()).isZero(); // " UTC" is an offset
  }

  // --- dates and zones --------------------------------------------------------------------

  @Test
  void aDayFirstPatternReadInAZone() throws Exception {
    List<DealHistory> h = read("deal_id,at,stage\nA,01/03/2024,lead\nA,05/03/2024 14:30,won\n",
        StageHistoryCsv.Options.defaults().withTimestamps(Timestamps.of(
            Optional.of("dd/MM/yyyy[ HH:mm]"), ZoneId.of("Europe/Berlin"))));
    assertThat(h.get(0).events().get(0).at()).isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
    assertThat(h.get(0).events().get(1).at()).isEqualTo(Instant.parse("2024-03-05T13:30:00Z"));
  }

  @Test
  void timesWithoutAnOffsetAreReadInTheZoneAndTheOutputSaysSo() throws IOException {
    Path f = file("pipedrive.csv", "deal_id,at,stage\nA,2024-03-01 9:00:00,lead\n"
        + "A,2024-03-02T09:00:00.250,demo\nA,2024-03-03 09:00,won\n");
    JsonNode m = json(f, "--stages", "lead,demo", "--won", "won", "--lost", "lost", "--zone",
        "America/New_York");
    assertThat(m.get("input").get("localTimes").asLong()).isEqualTo(3);
    assertThat(m.get("input").get("zone").asText()).isEqualTo("America/New_York");
    // the last day is 2024-03-03 in New York: it ends at 05:00Z on the 4th
    assertThat(m.get("asOf").asText()).isEqualTo("2024-03-04T05:00:00Z");
    assertThat(m.get("asOfRule").asText())
        .isEqualTo("the end of 2024-03-03 (America/New_York), the last day in the file");
  }

  @Test
  void aPatternResolvesStrictly() throws IOException {
    Path f = file("d.csv", "deal_id,at,stage\nA,31/02/2024,lead\n");
    Cli.Run r = run(f, "--stages", "lead", "--won", "won", "--lost", "lost", "--date-format",
        "dd/MM/yyyy");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(f + ":2: bad date '31/02/2024' in column at: expected an ISO"
        + " date (2017-03-01) or date-time (2017-03-01T10:15:00Z, 2017-03-01 10:15:00; without an"
        + " offset in UTC) or dd/MM/yyyy (--date-format)\n");
  }

  @Test
  void badZoneAndPatternAreUsageErrors() throws IOException {
    Path f = file("d.csv", "deal_id,at,stage\nA,2024-01-01,lead\n");
    String[] stages = {"--stages", "lead", "--won", "won", "--lost", "lost"};
    Cli.Run zone = run(f, concat(stages, "--zone", "Mars/Olympus"));
    assertThat(zone.exit()).isEqualTo(2);
    assertThat(zone.err()).isEqualTo("--zone: unknown zone 'Mars/Olympus'; use UTC, an offset"
        + " such as +01:00, or a region such as Europe/Berlin\n");
    Cli.Run pattern = run(f, concat(stages, "--date-format", "dd/MM/yyyy{"));
    assertThat(pattern.exit()).isEqualTo(2);
    assertThat(pattern.err()).startsWith("--date-format: 'dd/MM/yyyy{' is not a date pattern");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(Arrays.asList(a));
    all.addAll(Arrays.asList(b));
    return all.toArray(String[]::new);
  }

  // --- amounts ----------------------------------------------------------------------------

  @Test
  void usAmountsWithTheDollarSign() throws Exception {
    List<DealHistory> h = read("deal_id,at,stage,amount,currency\n"
        + "A,2024-01-01,lead,\"$1,234.50\",USD\nA,2024-01-02,demo,\"1,234,567\",USD\n"
        + "B,2024-01-01,lead,USD 99.99,USD\n",
        StageHistoryCsv.Options.defaults().withAmounts(AmountFormat.of(Locale.US)));
    assertThat(h.get(0).created().deal().amount()).contains(Money.of("1234.50", "USD"));
    assertThat(h.get(0).current().amount()).contains(Money.of("1234567", "USD"));
    assertThat(h.get(1).current().amount()).contains(Money.of("99.99", "USD"));
  }

  @Test
  void germanAmountsWithTheEuroSign() throws Exception {
    List<DealHistory> h = read("deal_id,at,stage,amount\nA,2024-01-01,lead,1.234,50 €\n"
        .replace("1.234,50 €", "\"1.234,50 €\""),
        StageHistoryCsv.Options.defaults().withAmounts(AmountFormat.of(Locale.GERMANY)));
    assertThat(h.get(0).current().amount()).contains(Money.of("1234.50", "EUR"));
  }

  @Test
  void aSymbolThatDisagreesWithTheCurrencyIsBadInput() throws IOException {
    Path f = file("a.csv", "deal_id,at,stage,amount\nA,2024-01-01,lead,\"$1,234.50\"\n");
    Cli.Run r = run(f, "--stages", "lead", "--won", "won", "--lost", "lost", "--amount-format",
        "en-US");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(f + ":2: amount '1234.50' is written with '$', which is not"
        + " EUR (€), the deal's currency; say the currency in a currency column or with"
        + " --currency\n");
  }

  @Test
  void aGroupOfOtherThanThreeDigitsIsNoAmount() throws IOException {
    Path f = file("a.csv", "deal_id,at,stage,amount\nA,2024-01-01,lead,\"12,34\"\n");
    Cli.Run r = run(f, "--stages", "lead", "--won", "won", "--lost", "lost", "--amount-format",
        "en-US", "--currency", "USD");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(f + ":2: amount is not written as en-US writes it: '12,34' in"
        + " column amount (an amount as en-US writes it, such as 1,250.50, with an optional"
        + " currency symbol)\n");
  }

  @Test
  void anUnknownLocaleIsAUsageError() throws IOException {
    Path f = file("a.csv", "deal_id,at,stage\nA,2024-01-01,lead\n");
    Cli.Run r = run(f, "--stages", "lead", "--won", "won", "--lost", "lost", "--amount-format",
        "xx-YY");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("--amount-format: unknown locale 'xx-YY'");
  }

  @Test
  void anUnknownPresetListsThePresets() throws IOException {
    Path f = file("a.csv", "deal_id,at,stage\nA,2024-01-01,lead\n");
    Cli.Run r = run(f, "--stages", "lead", "--won", "won", "--lost", "lost", "--preset", "sap");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("--preset: no preset named 'sap'; presets:"
        + " salesforce-opportunity-history, hubspot-deal-stage-history,"
        + " fivetran-salesforce-opportunity\n");
  }
}

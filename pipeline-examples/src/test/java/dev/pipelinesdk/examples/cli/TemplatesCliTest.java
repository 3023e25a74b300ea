package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --template NAME} for every template, and the vendor's {@code mortgage}
 * template in every command that takes {@code --template}.
 */
class TemplatesCliTest {
  static Path mortgage;

  @BeforeAll
  static void generateLoans(@TempDir Path dir) throws IOException {
    Cli.Run run = Cli.run("generate", "--template", "mortgage", "--deals", "200", "--seed", "1");
    assertThat(run.exit()).as(run.err()).isZero();
    mortgage = dir.resolve("m.csv");
    Files.writeString(mortgage, run.out());
  }

  private static Set<String> column(String csv, int index) {
    Set<String> values = new TreeSet<>();
    List<String> lines = csv.lines().toList();
    for (String line : lines.subList(1, lines.size())) {
      values.add(line.split(",", -1)[index]);
    }
    return values;
  }

  @Test
  void theSaasOutputForASeedIsTheOneTheReadmeAndTestsWereWrittenFrom() throws Exception {
    // SHA-256 of `generate --deals 300 --seed 4` before generate learned other templates
    // (commit d7a4f95): the README's agenda excerpt and several tests rest on this file.
    String csv = Cli.run("generate", "--deals", "300", "--seed", "4").out();
    assertThat(sha256(csv))
        .isEqualTo("620df66210681324ff7fc9f31830e38c7c44f876f863effc7b48573c1e937631");
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * {@code --activities} writes the generated touches beside the stage history (which stays the
   * same bytes); read back, they are every touch of the histories, and the agenda counts from
   * them.
   */
  @Test
  void generateWritesTheTouchesAsAnActivitiesFileThatTheAgendaReads(@TempDir Path dir)
      throws IOException {
    Path acts = dir.resolve("acts.csv");
    Cli.Run run = Cli.run("generate", "--deals", "300", "--seed", "4", "--activities",
        acts.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(Cli.run("generate", "--deals", "300", "--seed", "4").out());
    long touches = dev.pipelinesdk.examples.SyntheticHistories.generate(300, 4,
        java.time.Instant.parse("2026-01-01T00:00:00Z"),
        java.time.Instant.parse("2026-07-01T00:00:00Z"), done -> { }).stream()
        .mapToLong(h -> h.current().touchCount()).sum();
    assertThat(Files.readAllLines(acts)).hasSize(1 + (int) touches)
        .first().isEqualTo("deal_id,at,type,direction,outcome,until,reason");
    Path events = dir.resolve("d.csv");
    Files.writeString(events, run.out());
    Cli.Run agenda = Cli.run("agenda", "--events", events.toString(), "--activities",
        acts.toString(), "--template", "saas-b2b", "--as-of", "2026-05-31");
    assertThat(agenda.exit()).isZero();
    assertThat(agenda.out()).contains("Activities " + acts + ": " + String.format(
        java.util.Locale.ROOT, "%,d rows, %,d touches and 0 snoozes merged.", touches, touches));
    assertThat(Cli.run("generate", "--deals", "3", "--activities",
        dir.resolve("no/such/dir/a.csv").toString()).err()).contains("--activities ")
        .contains("cannot write");
  }

  @Test
  void generateDrivesEveryTemplateThroughItsOwnStages() {
    for (String template : List.of("saas-b2b", "customer-success", "mortgage")) {
      Cli.Run run = Cli.run("generate", "--template", template, "--deals", "80", "--seed", "3");
      assertThat(run.exit()).as(template + ": " + run.err()).isZero();
      assertThat(run.err()).doesNotContain("Exception");
      Cli.Run again = Cli.run("generate", "--template", template, "--deals", "80", "--seed",
          "3");
      assertThat(again.out()).as(template + " is deterministic").isEqualTo(run.out());
      Cli.Run json = Cli.run("definition", "export", "--template", template);
      Set<String> stages = new TreeSet<>();
      json.json().get("stages").forEach(s -> stages.add(s.get("id").asText()));
      Set<String> seen = column(run.out(), 2);
      assertThat(stages).as(template).containsAll(seen);
      // Deals get past the first stage and some are won: the guards were satisfied on the way.
      String won = stagesOfKind(json.json(), "won").iterator().next();
      assertThat(seen).as(template).contains(won).hasSizeGreaterThan(3);
    }
  }

  private static Set<String> stagesOfKind(JsonNode definition, String kind) {
    Set<String> out = new TreeSet<>();
    definition.get("stages").forEach(s -> {
      if (s.path("kind").asText("open").equals(kind)) {
        out.add(s.get("id").asText());
      }
    });
    return out;
  }

  @Test
  void theMortgageFileHasLoansInEveryMilestoneAndBothWaysToLose() throws IOException {
    String csv = Files.readString(mortgage);
    assertThat(csv.lines().findFirst().orElseThrow())
        .isEqualTo("deal_id,at,stage,amount,currency,owner,source,loan_type,touches");
    assertThat(column(csv, 2)).containsExactlyInAnyOrder("application", "pre-approval",
        "processing", "underwriting", "conditions", "clear-to-close", "closing", "funded",
        "withdrawn", "denied");
    assertThat(column(csv, 0)).allMatch(id -> id.startsWith("L-"));
    assertThat(column(csv, 4)).containsExactlyInAnyOrder("", "USD");
  }

  @Test
  void theAgendaOfTheGeneratedLoansHasDelayContactsWithTheirMessagesAndTheOffer() {
    Cli.Run run = Cli.run("agenda", "--events", mortgage.toString(), "--template", "mortgage",
        "--as-of", "2026-06-30", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("counts").get("delay-contact").asInt()).isGreaterThan(5);
    Set<String> keys = new TreeSet<>();
    Set<String> offers = new TreeSet<>();
    for (JsonNode item : json.get("items")) {
      if (item.get("kind").asText().equals("delay-contact")) {
        keys.add(item.get("messageKey").asText());
        if (!item.get("offer").isNull()) {
          offers.add(item.get("offer").asText());
        }
      }
    }
    assertThat(keys).containsExactlyInAnyOrder("mortgage.processing.delayed",
        "mortgage.underwriting.delayed", "mortgage.conditions.delayed");
    assertThat(offers).containsExactly("home-insurance");
    Cli.Run text = Cli.run("agenda", "--events", mortgage.toString(), "--template",
        "mortgage", "--as-of", "2026-06-30");
    assertThat(text.out()).contains("America/New_York").contains("delay contacts")
        .contains("offer home-insurance");
  }

  @Test
  void everyCommandThatTakesATemplateTakesTheMortgageTemplate(@TempDir Path dir) {
    String events = mortgage.toString();
    List<List<String>> commands = List.of(
        List.of("metrics", "--events", events, "--template", "mortgage"),
        List.of("metrics", "--events", events, "--template", "mortgage", "--json"),
        List.of("report", "--events", events, "--template", "mortgage", "--html",
            dir.resolve("r.html").toString(), "--no-forecast"),
        List.of("forecast", "--events", events, "--template", "mortgage", "--as-of",
            "2026-05-31", "--horizon", "60"),
        List.of("backtest", "--events", events, "--template", "mortgage", "--cutoffs",
            "2026-03-31,2026-04-30", "--horizon", "30"),
        List.of("diagram", "--template", "mortgage"),
        List.of("definition", "export", "--template", "mortgage"));
    for (List<String> c : commands) {
      Cli.Run run = Cli.run(c.toArray(String[]::new));
      assertThat(run.exit()).as(String.join(" ", c) + "\n" + run.err()).isZero();
      assertThat(run.err()).as(String.join(" ", c)).doesNotContain("Exception");
      assertThat(run.out()).as(String.join(" ", c)).isNotBlank();
    }
    assertThat(Cli.run("diagram", "--template", "mortgage").out())
        .contains("Clear to close").contains("offer home-insurance");
  }

  @Test
  void anUnknownTemplateIsBadInputNamingTheKnownOnes() {
    Cli.Run run = Cli.run("generate", "--template", "mortgag", "--deals", "5");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("'mortgag'").contains("mortgage").contains("saas-b2b")
        .doesNotContain("Exception");
  }
}

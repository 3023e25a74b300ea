package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline forecast --new-business} on a small file, numbers worked out by hand. */
class NewBusinessCommandTest {
  @TempDir
  Path dir;

  /**
   * As of the end of 2024-03-31 (2024-04-01T00:00Z). A, B won 2 days after their creation, C, D
   * lost after 4, all 100 days before; E to H (100, 200, 300, 400) and I (no amount) created the
   * day before, open. New business over a 10-day lookback and horizon: 5 deals in 10 days, 0.5 a
   * day; F_won by deal age (Aalen-Johansen: E to I censored at 1 day, then 2 wins of 4 at risk)
   * is 0 below 2 days and 0.5 from 2 on, so the share won is 0.5 x 8 / 10 = 0.4; expected wins
   * 0.5 x 10 x 0.4 = 2, times the mean amount 250: 500. The open pipeline (competing-risks: the
   * same visits, E to I one day in) wins each with (F(11) - F(1)) / S(1) = 0.5: 500 of 1,000.
   */
  static final String FILE = "deal_id,at,stage,amount\n"
      + "A,2023-12-23,Engaging,50\nA,2023-12-25,Won,\n"
      + "B,2023-12-23,Engaging,50\nB,2023-12-25,Won,\n"
      + "C,2023-12-23,Engaging,50\nC,2023-12-27,Lost,\n"
      + "D,2023-12-23,Engaging,50\nD,2023-12-27,Lost,\n"
      + "E,2024-03-31,Engaging,100\nF,2024-03-31,Engaging,200\nG,2024-03-31,Engaging,300\n"
      + "H,2024-03-31,Engaging,400\nI,2024-03-31,Engaging,\n";

  private Cli.Run forecast(String file, String... more) throws IOException {
    Path f = dir.resolve("h.csv");
    Files.writeString(f, file);
    List<String> args = new ArrayList<>(List.of("forecast", "--events", f.toString(),
        "--stages", "Engaging", "--won", "Won", "--lost", "Lost", "--as-of", "2024-03-31"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void newBusinessAndTheTotalByHand() throws IOException {
    Cli.Run run = forecast(FILE, "--horizon", "10", "--new-business", "--lookback", "10",
        "--target", "600", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode j = run.json();
    assertThat(j.get("expected").decimalValue()).isEqualByComparingTo("500"); // as before
    assertThat(j.get("openDeals").asLong()).isEqualTo(5);
    JsonNode nb = j.get("newBusiness");
    assertThat(nb.get("expected").decimalValue()).isEqualByComparingTo("500");
    assertThat(nb.get("expectedWins").asDouble()).isCloseTo(2, Offset.offset(1e-12));
    assertThat(nb.get("arrivalsPerDay").asDouble()).isCloseTo(0.5, Offset.offset(1e-12));
    assertThat(nb.get("lookbackDays").decimalValue()).isEqualByComparingTo("10");
    assertThat(nb.get("dealsInLookback").asLong()).isEqualTo(5);
    assertThat(nb.get("dealsWithAmount").asLong()).isEqualTo(4);
    assertThat(nb.get("wonWithinHorizonShare").asDouble()).isCloseTo(0.4, Offset.offset(1e-12));
    assertThat(nb.get("p10").decimalValue()).isLessThanOrEqualTo(nb.get("p50").decimalValue());
    assertThat(nb.get("p50").decimalValue()).isLessThanOrEqualTo(nb.get("p90").decimalValue());
    assertThat(nb.get("assumptions").asText()).contains("Poisson process", "Aalen-Johansen");
    assertThat(nb.get("notes").get(0).asText()).startsWith("1 of the 5 deals created in the"
        + " lookback has no amount");
    assertThat(nb.get("includes").toString())
        .isEqualTo("[\"DEAL_OUTCOMES\",\"NEW_DEALS\",\"ARRIVAL_RATE\"]");
    JsonNode total = j.get("total");
    assertThat(total.get("expected").decimalValue()).isEqualByComparingTo("1000");
    assertThat(total.get("p50").decimalValue())
        .isGreaterThanOrEqualTo(j.get("p50").decimalValue());
    assertThat(total.get("target").decimalValue()).isEqualByComparingTo("600");
    assertThat(total.get("probabilityOfTarget").asDouble())
        .isGreaterThan(j.get("probabilityOfTarget").asDouble()); // more money, more chance
  }

  @Test
  void theTextSaysItInThreeLines() throws IOException {
    Cli.Run run = forecast(FILE, "--horizon", "10", "--new-business", "--lookback", "10");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("New business (deals created within the 10 days, not in the"
        + " pipeline yet): expected EUR 500, 2.0 deals won, P10 EUR ",
        "  from 0.5 new deals a day over the 10-day lookback (5 deals), 40.0% of them won within"
            + " the horizon; 1 of the 5 deals created in the lookback has no amount",
        "Open pipeline + new business: expected EUR 1,000, P10 EUR ");
  }

  @Test
  void withoutTheOptionNothingChanges() throws IOException {
    Cli.Run with = forecast(FILE, "--horizon", "10", "--new-business", "--json");
    Cli.Run without = forecast(FILE, "--horizon", "10", "--json");
    assertThat(without.json().has("newBusiness")).isFalse();
    assertThat(without.json().has("total")).isFalse();
    JsonNode w = with.json();
    ((com.fasterxml.jackson.databind.node.ObjectNode) w).remove(List.of("newBusiness", "total"));
    assertThat(w).isEqualTo(without.json());
    assertThat(forecast(FILE, "--horizon", "10").out()).doesNotContain("New business");
    // the default lookback is 90 days here: the old deals are 100 days old, not in it
    assertThat(with.json().get("newBusiness").get("lookbackDays").decimalValue())
        .isEqualByComparingTo("90");
  }

  @Test
  void noDealInTheLookbackIsARateOf0AndSaysSo() throws IOException {
    // as of 2024-03-20 the lookback of 30 days holds none of the deals
    Path f = dir.resolve("h.csv");
    Files.writeString(f, FILE);
    Cli.Run run = Cli.run("forecast", "--events", f.toString(), "--stages", "Engaging", "--won",
        "Won", "--lost", "Lost", "--as-of", "2024-03-20", "--horizon", "10", "--new-business",
        "--lookback", "30", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode nb = run.json().get("newBusiness");
    assertThat(nb.get("expected").decimalValue()).isEqualByComparingTo("0");
    assertThat(nb.get("p90").decimalValue()).isEqualByComparingTo("0");
    assertThat(nb.get("arrivalsPerDay").asDouble()).isZero();
    assertThat(nb.get("notes").get(0).asText()).startsWith("no deal was created in the 30-day"
        + " lookback: the arrival rate is taken as 0, so new business is 0");
  }

  @Test
  void withoutAmountsTheAmountPartIsEmptyNot0() throws IOException {
    String noAmounts = FILE.replaceAll(",(50|100|200|300|400)\n", ",\n");
    Cli.Run run = forecast(noAmounts, "--horizon", "10", "--new-business", "--lookback", "10",
        "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode nb = run.json().get("newBusiness");
    assertThat(nb.get("expected").isNull()).isTrue();
    assertThat(nb.get("p50").isNull()).isTrue();
    assertThat(nb.get("expectedWins").asDouble()).isCloseTo(2, Offset.offset(1e-12));
    assertThat(nb.get("notes").get(0).asText()).startsWith("none of the 5 deals created in the"
        + " lookback has an amount");
    assertThat(run.json().get("total").get("expected").isNull()).isTrue();
    Cli.Run text = forecast(noAmounts, "--horizon", "10", "--new-business", "--lookback", "10");
    assertThat(text.out()).contains("expected - (no amounts), 2.0 deals won\n",
        "Open pipeline + new business: - (an amount is unknown)");
  }

  /**
   * The README's excerpt of {@code forecast --new-business} is what the commands it shows print:
   * its lines after "..." are lines of the output (the numbers depend only on the seeds).
   */
  @Test
  void theReadmeExcerptIsWhatTheCommandsPrint() throws IOException {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.exists(p.resolve("README.md"))) {
      p = p.getParent();
    }
    List<String> md = Files.readAllLines(p.resolve("README.md"));
    String jar = "$ java -jar pipeline-examples/target/pipeline.jar ";
    int first = -1;
    for (int i = 0; i < md.size() && first < 0; i++) {
      if (md.get(i).strip().startsWith(jar + "generate")
          && md.get(i + 1).contains("--new-business")) {
        first = i;
      }
    }
    assertThat(first).as("the excerpt's commands in README.md").isNotNegative();
    String indent = md.get(first).substring(0, md.get(first).indexOf('$'));
    Cli.Run generate = Cli.run(md.get(first).strip().substring(jar.length())
        .replace(" > g.csv", "").split(" "));
    Path g = dir.resolve("g.csv");
    Files.writeString(g, generate.out());
    Cli.Run run = Cli.run(md.get(first + 1).strip().substring(jar.length())
        .replace("g.csv", g.toString()).split(" "));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(md.get(first + 2).strip()).isEqualTo("...");
    List<String> shown = new ArrayList<>();
    for (int i = first + 3; !md.get(i).strip().startsWith("```"); i++) {
      shown.add(md.get(i).substring(indent.length()));
    }
    assertThat(shown).hasSize(3);
    assertThat(run.out().lines().toList()).as("README.md:%d", first + 4)
        .containsSubsequence(shown);
  }

  @Test
  void badOptionsAreUsageErrorsWithAClearMessage() throws IOException {
    Cli.Run zero = forecast(FILE, "--horizon", "10", "--new-business", "--lookback", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).isEqualTo("--lookback: must be a whole number of days from 1 to"
        + " 36500, not 0\n");
    Cli.Run alone = forecast(FILE, "--horizon", "10", "--lookback", "30");
    assertThat(alone.exit()).isEqualTo(2);
    assertThat(alone.err()).isEqualTo("--lookback: only with --new-business\n");
    Cli.Run oneTrial = forecast(FILE, "--horizon", "10", "--new-business", "--trials", "1");
    assertThat(oneTrial.exit()).isEqualTo(2);
    assertThat(oneTrial.err()).isEqualTo("--trials: --new-business needs at least 2, not 1 (new"
        + " business has no upper bound, so one trial gives no standard error)\n");
    Cli.Run horizon = forecast(FILE, "--horizon", "0", "--new-business");
    assertThat(horizon.exit()).isEqualTo(2);
    assertThat(horizon.err()).isEqualTo("--horizon: must be a whole number of days from 1 to"
        + " 36500, not 0\n");
  }
}

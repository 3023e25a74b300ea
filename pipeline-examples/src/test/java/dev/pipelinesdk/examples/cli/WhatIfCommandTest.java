package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline forecast --what-if ... --sensitivity} on the one-stage file of {@link
 * ForecastCommandTest}, numbers worked out by hand: the markov model gives E (1000) and F (600)
 * 0.625 each, expected 1000; Engaging's visits: 5 ended (A, B, C, D twice), 3 forward (won), so
 * its conversion is 60%.
 */
class WhatIfCommandTest {
  @TempDir
  Path dir;

  private Cli.Run forecast(String... more) throws IOException {
    Path f = dir.resolve("h.csv");
    Files.writeString(f, ForecastCommandTest.ONE_STAGE);
    List<String> args = new ArrayList<>(List.of("forecast", "--events", f.toString(),
        "--stages", "Engaging", "--won", "Won", "--lost", "Lost", "--as-of", "2024-02-10",
        "--horizon", "90", "--model", "markov"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aBetterConversionScalesTheDealsAtOrBeforeTheStage() throws IOException {
    // 0.625 x 0.70 / 0.60 for both: 1600 x 0.7291667 = 1166.67
    Cli.Run run = forecast("--what-if", "conversion:engaging=+10", "--target", "1000", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode w = run.json().get("whatIf");
    assertThat(w.get("expected").decimalValue()).isEqualByComparingTo("1166.67");
    assertThat(w.get("deltaExpected").decimalValue()).isEqualByComparingTo("166.67");
    assertThat(w.get("changes").get(0).asText()).isEqualTo("conversion of Engaging +10 points"
        + " (60.0% of 5 ended visits -> 70.0%): the 2 open deals at or before it x1.167");
    assertThat(w.get("specs").get(0).asText()).isEqualTo("conversion:engaging=+10");
    // P(>= 1000) = P(E won) rises from 0.625 to 0.729 (common random numbers: no trial loses)
    assertThat(w.get("deltaProbabilityOfTarget").asDouble()).isBetween(0.09, 0.12);
    assertThat(w.get("deltaP10").decimalValue().signum()).isNotNegative();
  }

  @Test
  void droppingAndAddingDeals() throws IOException {
    JsonNode drop = forecast("--what-if", "drop:E", "--json").json().get("whatIf");
    assertThat(drop.get("expected").decimalValue()).isEqualByComparingTo("375"); // 600 x 0.625
    assertThat(drop.get("deltaExpected").decimalValue()).isEqualByComparingTo("-625");
    JsonNode add = forecast("--what-if", "add:Engaging=400,owner=ana,close=2024-03-01",
        "--json").json().get("whatIf");
    assertThat(add.get("expected").decimalValue()).isEqualByComparingTo("1250"); // + 400 x 0.625
    assertThat(add.get("changes").get(0).asText()).isEqualTo("add what-if-1 at Engaging, 400.00"
        + " EUR, owner ana, close date 2024-03-01, created at the as-of instant");
  }

  @Test
  void aChangeOfNothingDiffersFromTheBaseByExactlyNothing() throws IOException {
    Cli.Run run = forecast("--what-if", "conversion:Engaging=+0", "--what-if", "dwell:Engaging=0",
        "--target", "1000");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("What if (2 changes; on the same trials and seed as the base",
        "  expected EUR 1,000 (+EUR 0 against the base), 1.3 deals",
        "(+EUR 0), P50 EUR 1,000 (+EUR 0), P90 EUR 1,600 (+EUR 0)",
        "P(won amount >= EUR 1,000) = ", "% (+0.0 pts)");
    JsonNode w = forecast("--what-if", "conversion:Engaging=+0", "--target", "1000", "--json")
        .json().get("whatIf");
    assertThat(w.get("deltaProbabilityOfTarget").asDouble()).isZero();
    assertThat(w.get("deltaP50").decimalValue()).isEqualByComparingTo("0");
  }

  @Test
  void theSensitivityOfTheOneStage() throws IOException {
    // +1 point: x 0.61 / 0.60 for both deals: +1000 / 60 = +16.67; markov ignores the horizon
    JsonNode j = forecast("--sensitivity", "--target", "1000", "--json").json();
    JsonNode row = j.get("sensitivity").get(0);
    assertThat(j.get("sensitivity").size()).isEqualTo(1);
    assertThat(row.get("stage").asText()).isEqualTo("Engaging");
    assertThat(row.get("conversion").asDouble()).isEqualTo(0.6);
    assertThat(row.get("endedVisits").asLong()).isEqualTo(5);
    assertThat(row.get("openDeals").asLong()).isEqualTo(2);
    assertThat(row.get("perConversionPoint").get("expected").decimalValue())
        .isEqualByComparingTo("16.67");
    assertThat(row.get("perDaySaved").get("expected").decimalValue()).isEqualByComparingTo("0");
    assertThat(row.get("perDaySaved").get("probabilityOfTarget").asDouble()).isZero();
    assertThat(row.get("leak").asBoolean()).isFalse();
    assertThat(row.get("leakJudged").asBoolean()).isFalse(); // 6 deals, fewer than 10
    Cli.Run text = forecast("--sensitivity");
    assertThat(text.out()).contains("Where to invest: what +1 point of conversion and 1 day less",
        "too few deals", "This model's probabilities do not depend on the horizon, so a day saved"
            + " is worth\n  nothing here.");
    assertThat(forecast("--sensitivity", "--target", "1000").out())
        .isEqualTo(forecast("--sensitivity", "--target", "1000").out());
  }

  /** Every bad SPEC: exit 2, one line naming it, no stack trace. */
  @Test
  void aBadSpecIsNamedInOneLine() throws IOException {
    String[][] cases = {
        {"conversion:Nope=+5", "no open stage 'Nope'; open stages: Engaging"},
        {"conversion:Engaging=+50",
            "conversion of Engaging +50 points: 60.0% would become 110.0%, outside [0%, 100%]"},
        {"conversion:Engaging=lots", "'lots' is not a number of percentage points"},
        {"conversion:Engaging=+500", "a conversion changes by -100 to +100 percentage points,"
            + " not +500"},
        {"conversion", "expected KIND:..., such as conversion:Decision=+5; kinds: conversion,"
            + " dwell, drop, add, close-dates, close-date"},
        {"conversion:Engaging", "expected conversion:STAGE=+D"},
        {"dwell:Engaging=soon", "'soon' is not a whole number of days"},
        {"dwell:Won=-3", "no open stage 'Won'; open stages: Engaging"},
        {"drop:Z", "drop: no deal 'Z' is open at the as-of instant"},
        {"drop:A", "drop: no deal 'A' is open at the as-of instant"},
        {"add:Engaging=-5", "the amount must not be negative, not -5"},
        {"add:Engaging=12k", "'12k' is not an amount (a plain decimal such as 12000)"},
        {"add:Engaging=5,colour=red", "unknown option 'colour' of add; options: owner, close,"
            + " id"},
        {"add:Engaging=5,id=E", "add: deal id 'E' is already used by a deal known at the as-of"
            + " instant or added before"},
        {"close-dates:soon", "'soon' is not a whole number of days"},
        {"close-date:E=2024-13-01", "'2024-13-01' is not a date (YYYY-MM-DD)"},
        {"frobnicate:x", "unknown kind 'frobnicate'; kinds: conversion, dwell, drop, add,"
            + " close-dates, close-date"},
    };
    for (String[] c : cases) {
      Cli.Run run = forecast("--what-if", "conversion:Engaging=+1", "--what-if", c[0]);
      assertThat(run.exit()).as(c[0]).isEqualTo(2);
      assertThat(run.err()).as(c[0]).isEqualTo("--what-if '" + c[0] + "': " + c[1] + "\n");
      assertThat(run.out()).as(c[0]).isEmpty();
    }
    // a problem only the changes together have names them all
    Cli.Run both = forecast("--what-if", "conversion:Engaging=+30", "--what-if",
        "conversion:Engaging=+20");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("--what-if conversion:Engaging=+30 conversion:Engaging=+20:"
        + " conversion of Engaging +50 points: 60.0% would become 110.0%, outside [0%, 100%]\n");
  }

  /** The README's example runs as shown and prints the excerpt shown. */
  @Test
  void theReadmeExampleIsWhatTheCommandPrints() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("README.md"))) {
      root = root.getParent();
    }
    List<String> md = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
    String generate = "java -jar pipeline-examples/target/pipeline.jar generate --template"
        + " saas-b2b --deals 500 --seed 7 --from 2026-01-01 --to 2026-06-30 > deals.csv";
    assertThat(md).as("the README generates deals.csv so").contains(generate);
    int at = md.indexOf("### What if, and where to invest");
    assertThat(at).isPositive();
    int open = at;
    while (!md.get(open).equals("```")) {
      open++;
    }
    String command = md.get(open + 1);
    assertThat(md.get(open + 2)).isEqualTo("```");
    int text = open + 3;
    while (!md.get(text).equals("```text")) {
      text++;
    }
    int end = text + 1;
    while (!md.get(end).equals("```")) {
      end++;
    }
    String excerpt = String.join("\n", md.subList(text + 1, end)) + "\n";
    Path deals = dir.resolve("deals.csv");
    Cli.Run gen = Cli.run("generate", "--template", "saas-b2b", "--deals", "500", "--seed", "7",
        "--from", "2026-01-01", "--to", "2026-06-30");
    Files.writeString(deals, gen.out(), StandardCharsets.UTF_8);
    String jar = "java -jar pipeline-examples/target/pipeline.jar ";
    assertThat(command).startsWith(jar);
    List<String> args = new ArrayList<>(Arrays.asList(command.substring(jar.length())
        .split(" +")));
    args.replaceAll(a -> a.equals("deals.csv") ? deals.toString() : a);
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).as("README.md:%d, the what-if excerpt", text + 2).contains(excerpt);
  }
}

package dev.pipelinesdk.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.ForecastModels;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.forecast.distribution.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.forecast.distribution.Simulation;
import dev.pipelinesdk.forecast.model.ForecastRollup;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline forecast}: the amount the deals open at an instant win within a horizon. */
@Command(name = "forecast", usageHelpWidth = 100, sortOptions = false,
    description = {"What the deals open at the as-of time are expected to win within the horizon,"
        + " by a forecast model (default: competing-risks), with P10/P50/P90 of the amount won. The"
        + " intervals include deal outcomes only: model error, calibration and the backtest are"
        + " still to come (see the README)."})
final class ForecastCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Option(names = "--horizon", required = true, paramLabel = "DAYS",
      description = "Days after the as-of time the forecast looks ahead.")
  long horizonDays;

  @Option(names = "--model", paramLabel = "NAME", defaultValue = "competing-risks",
      description = "The forecast model: competing-risks, markov, weighted, or one on the class path"
          + " (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--target", paramLabel = "AMOUNT",
      description = "A target amount (plain decimal, in the deals' currency): the output gives"
          + " the probability of reaching it.")
  BigDecimal target;

  @Option(names = "--trials", paramLabel = "N", defaultValue = "20000",
      description = "Monte Carlo trials of the won-amount distribution (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Random seed: the same seed gives the same distribution on any machine"
          + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() throws BadInputException {
    if (horizonDays < 1 || horizonDays > 36_500) {
      throw new BadInputException("--horizon: must be a whole number of days from 1 to 36500,"
          + " not " + horizonDays);
    }
    ForecastModel m;
    try {
      m = ForecastModels.named(model);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new BadInputException("--model: " + e.getMessage());
    }
    if (trials < 1 || trials > 10_000_000) {
      throw new BadInputException("--trials: must be from 1 to 10000000, not " + trials);
    }
    if (target != null && target.signum() < 0) {
      throw new BadInputException("--target: must not be negative, not " + target);
    }
    InputOptions.Loaded in = input.load(spec.commandLine().getErr());
    ForecastInput forecastInput;
    Forecast f;
    Optional<Money> expected;
    Optional<Money> open;
    try {
      forecastInput = ForecastInput.of(in.definition(), in.histories(), in.asOf(),
          Duration.ofDays(horizonDays));
      f = m.forecast(forecastInput);
      expected = f.expectedAmount();
      open = f.openAmount();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    Optional<AmountDistribution> dist = Optional.empty();
    long withoutAmount = f.deals().stream().filter(d -> d.amount().isEmpty()).count();
    if (open.isPresent()) {
      OpenDeals.Builder deals = OpenDeals.builder(open.get().currency());
      f.deals().forEach(d -> d.amount().ifPresent(a -> deals.add(d.probability(), a)));
      try {
        dist = Optional.of(Distributions.monteCarlo(deals.build(), Simulation.of(trials, seed)));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(input.events + ": " + e.getMessage());
      }
    }
    Optional<Money> targetMoney = Optional.empty();
    if (target != null) {
      if (open.isEmpty()) {
        throw new BadInputException("--target: no open deal has an amount, so there is no"
            + " amount to reach a target with");
      }
      try {
        targetMoney = Optional.of(Money.of(target, open.get().currency()));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--target: " + e.getMessage());
      }
    }
    ForecastRollup rollup;
    try {
      rollup = ForecastRollup.of(forecastInput, f);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    Map<StageId, List<DealForecast>> byStage = new LinkedHashMap<>();
    in.definition().stages().forEach(s -> byStage.put(s.id(), new ArrayList<>()));
    f.deals().forEach(d -> byStage.get(d.stage()).add(d));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = JSON.createObjectNode();
      root.put("asOf", f.asOf().toString());
      root.put("horizonDays", horizonDays);
      root.put("model", f.model());
      root.put("assumptions", m.assumptions());
      root.put("currency", open.map(x -> x.currency().getCurrencyCode()).orElse(null));
      root.put("expected", expected.map(Money::amount).orElse(null));
      root.put("expectedWins", f.expectedWins());
      root.put("openDeals", f.deals().size());
      root.put("openAmount", open.map(Money::amount).orElse(null));
      root.put("dealsWithoutAmount", withoutAmount);
      root.put("p10", dist.map(d -> d.p10().amount()).orElse(null));
      root.put("p50", dist.map(d -> d.p50().amount()).orElse(null));
      root.put("p90", dist.map(d -> d.p90().amount()).orElse(null));
      if (targetMoney.isPresent()) {
        root.put("target", targetMoney.get().amount());
        root.put("probabilityOfTarget", dist.get().probabilityAtLeast(targetMoney.get()));
      }
      ObjectNode d = root.putObject("distribution");
      d.put("method", "monte carlo");
      d.put("trials", trials);
      d.put("seed", seed);
      d.putPOJO("includes", dist.map(x -> x.includes().stream().map(Enum::name).toList())
          .orElse(List.of()));
      d.put("notIncluded", NOT_INCLUDED);
      var stages = root.putArray("byStage");
      byStage.forEach((stage, deals) -> {
        if (deals.isEmpty()) {
          return;
        }
        Forecast part = new Forecast(f.model(), f.asOf(), f.horizon(), deals);
        ObjectNode o = stages.addObject();
        o.put("stage", stage.value());
        o.put("openDeals", deals.size());
        o.put("amount", part.openAmount().map(Money::amount).orElse(null));
        o.put("expected", part.expectedAmount().map(Money::amount).orElse(null));
      });
      var rows = root.putArray("byPeriodOwnerCategory");
      for (ForecastRollup.Row r : rollup.rows()) {
        ObjectNode o = rows.addObject();
        o.put("period", r.period());
        o.put("owner", r.owner());
        o.put("category", r.category().name());
        o.put("openDeals", r.deals());
        o.put("amount", r.amount().map(Money::amount).orElse(null));
        o.put("expected", r.expected().map(Money::amount).orElse(null));
      }
      root.set("input", JSON.valueToTree(in.json(input.events)));
      try {
        out.println(JSON.writeValueAsString(root));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new java.io.UncheckedIOException(e);
      }
    } else {
      out.println(in.summary(input.events));
      out.println();
      out.printf(Locale.ROOT, "Forecast (%s) of the %d deals open at %s, won within %d days:%n",
          f.model(), f.deals().size(), f.asOf(), horizonDays);
      out.printf(Locale.ROOT, "  expected %s of %s open, %.1f deals%n",
          expected.map(ForecastCommand::money).orElse("- (no amounts)"),
          open.map(ForecastCommand::money).orElse("-"), f.expectedWins());
      out.println("  model: " + m.assumptions());
      dist.ifPresent(d -> out.printf(Locale.ROOT, "  P10 %s, P50 %s, P90 %s (Monte Carlo, %d"
          + " trials, seed %d; deal outcomes only)%n", money(d.p10()), money(d.p50()),
          money(d.p90()), trials, seed));
      if (targetMoney.isPresent()) {
        out.printf(Locale.ROOT, "  P(won amount >= %s) = %.1f%%%n", money(targetMoney.get()),
            100 * dist.get().probabilityAtLeast(targetMoney.get()));
      }
      if (withoutAmount > 0) {
        out.printf(Locale.ROOT, "  %d open deals have no amount: counted in the deals, not in the"
            + " amounts%n", withoutAmount);
      }
      out.println("  not yet: " + NOT_INCLUDED + ".");
      byStage.forEach((stage, deals) -> {
        if (!deals.isEmpty()) {
          Forecast part = new Forecast(f.model(), f.asOf(), f.horizon(), deals);
          out.printf(Locale.ROOT, "  %-20s %5d deals  %s expected of %s  (%s)%n", stage.value(),
              deals.size(), part.expectedAmount().map(ForecastCommand::money).orElse("-"),
              part.openAmount().map(ForecastCommand::money).orElse("-"),
              deals.get(0).basis());
        }
      });
      out.println("  by expected close month, owner and forecast category:");
      for (ForecastRollup.Row r : rollup.rows()) {
        out.printf(Locale.ROOT, "  %-14s %-16s %-10s %5d deals  %s expected of %s%n", r.period(),
            r.owner(), r.category().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.deals(),
            r.expected().map(ForecastCommand::money).orElse("-"),
            r.amount().map(ForecastCommand::money).orElse("-"));
      }
    }
    out.flush();
    return 0;
  }

  /** What the intervals leave out, in words, until calibration and backtests exist. */
  static final String NOT_INCLUDED = "model error (the probabilities are taken as known, so the"
      + " P10-P90 interval is too narrow), timing within the horizon, calibration on your own"
      + " past and the backtest";

  private static String money(Money m) {
    return String.format(Locale.ROOT, "%s %,d", m.currency().getCurrencyCode(),
        m.amount().setScale(0, java.math.RoundingMode.HALF_EVEN).toBigInteger());
  }

}

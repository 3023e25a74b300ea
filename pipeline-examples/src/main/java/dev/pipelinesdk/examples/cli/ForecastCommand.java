package dev.pipelinesdk.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.Figures;
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
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Mixin
  ForecastOptions forecast;

  @Mixin
  ScenarioOptions scenarios;

  @Option(names = "--target", paramLabel = "AMOUNT",
      description = "A target amount (plain decimal, in the deals' currency): the output gives"
          + " the probability of reaching it.")
  BigDecimal target;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() throws BadInputException {
    Duration horizon = forecast.horizon();
    Simulation simulation = forecast.simulation();
    ForecastModel m = forecast.model();
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
          horizon);
      f = m.forecast(forecastInput);
      expected = f.expectedAmount();
      open = f.openAmount();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    Optional<AmountDistribution> dist = Optional.empty();
    long withoutAmount = f.deals().stream().filter(d -> d.amount().isEmpty()).count();
    if (open.isPresent()) {
      try {
        dist = Optional.of(Distributions.monteCarlo(OpenDeals.of(open.get().currency(), f),
            simulation));
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
    // --- what-if and sensitivity (ScenarioOptions) ---
    ScenarioOptions.Result scenario = scenarios.run(m, forecastInput, simulation, targetMoney,
        open.map(Money::currency), forecast.horizonDays);
    // --- end what-if and sensitivity ---
    Map<StageId, List<DealForecast>> byStage = new LinkedHashMap<>();
    in.definition().stages().forEach(s -> byStage.put(s.id(), new ArrayList<>()));
    f.deals().forEach(d -> byStage.get(d.stage()).add(d));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = ForecastOptions.JSON.createObjectNode();
      root.put("asOf", f.asOf().toString());
      root.put("horizonDays", forecast.horizonDays);
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
      d.put("trials", forecast.trials);
      d.put("seed", forecast.seed);
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
      scenario.put(root); // what-if and sensitivity (ScenarioOptions)
      root.set("input", ForecastOptions.JSON.valueToTree(in.json(input.events)));
      ForecastOptions.print(out, root);
    } else {
      out.println(in.summary(input.events));
      out.println();
      out.printf(Locale.ROOT, "Forecast (%s) of the %d deals open at %s, won within %d days:%n",
          f.model(), f.deals().size(), f.asOf(), forecast.horizonDays);
      out.printf(Locale.ROOT, "  expected %s of %s open, %.1f deals%n",
          expected.map(Figures::money).orElse("- (no amounts)"),
          open.map(Figures::money).orElse("-"), f.expectedWins());
      out.println("  model: " + m.assumptions());
      dist.ifPresent(d -> out.printf(Locale.ROOT, "  P10 %s, P50 %s, P90 %s (Monte Carlo, %d"
          + " trials, seed %d; deal outcomes only)%n", Figures.money(d.p10()), Figures.money(d.p50()),
          Figures.money(d.p90()), forecast.trials, forecast.seed));
      if (targetMoney.isPresent()) {
        out.printf(Locale.ROOT, "  P(won amount >= %s) = %.1f%%%n", Figures.money(targetMoney.get()),
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
              deals.size(), part.expectedAmount().map(Figures::money).orElse("-"),
              part.openAmount().map(Figures::money).orElse("-"),
              deals.get(0).basis());
        }
      });
      out.println("  by expected close month, owner and forecast category:");
      for (ForecastRollup.Row r : rollup.rows()) {
        out.printf(Locale.ROOT, "  %-14s %-16s %-10s %5d deals  %s expected of %s%n", r.period(),
            r.owner(), r.category().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.deals(),
            r.expected().map(Figures::money).orElse("-"),
            r.amount().map(Figures::money).orElse("-"));
      }
      scenario.print(out); // what-if and sensitivity (ScenarioOptions)
    }
    out.flush();
    return 0;
  }

  /** What the intervals leave out, in words, until calibration and backtests exist. */
  static final String NOT_INCLUDED = "model error (the probabilities are taken as known, so the"
      + " P10-P90 interval is too narrow), timing within the horizon, calibration on your own"
      + " past and the backtest";


}

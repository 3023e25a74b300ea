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
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.model.ForecastRollup;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
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
        + " model is self-calibrated: it is backtested on past dates whose outcome is known, its"
        + " bias corrected and its model error added to the intervals (--no-calibration turns"
        + " this off)."})
final class ForecastCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Mixin
  ForecastOptions.Required forecast;

  @Mixin
  NewBusinessOptions newBusiness;

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
    Optional<Calibration.Settings> calibrate = forecast.calibration();
    ForecastOptions.checkTarget(target);
    InputOptions.Loaded in = input.load(spec.commandLine().getErr());
    ForecastInput forecastInput;
    Forecasted run;
    try {
      forecastInput = ForecastInput.of(in.definition(), in.histories(), in.asOf(),
          horizon);
      if (forecastInput.histories().isEmpty()) {
        throw new BadInputException("--as-of " + Figures.end(in.asOf()) + ": before the first"
            + " event of " + input.events + ", so nothing was known then to forecast from");
      }
      Optional<java.util.Currency> currency = forecastInput.open().stream()
          .flatMap(h -> h.current().amount().stream()).map(Money::currency).findFirst();
      run = Forecasted.of(m, calibrate, forecastInput, simulation, currency);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    Forecast raw = run.raw();
    Forecast f = run.forecast();
    Optional<Calibration> calibration = run.calibration();
    Optional<Money> expected = f.expectedAmount();
    Optional<Money> open = f.openAmount();
    Optional<AmountDistribution> dist = run.distribution();
    long withoutAmount = f.deals().stream().filter(d -> d.amount().isEmpty()).count();
    Optional<Money> targetMoney = Optional.empty();
    if (target != null) {
      if (open.isEmpty()) {
        throw new BadInputException("--target: no open deal has an amount, so there is no"
            + " amount to reach a target with");
      }
      targetMoney = Optional.of(ForecastOptions.target(target, open.get().currency()));
    }
    // --new-business: deals not in the pipeline yet (NewBusinessOptions)
    NewBusinessOptions.Report newBiz = newBusiness.report(forecastInput, f, calibration
        .map(c -> c.simulation(simulation.trials(), simulation.seed())).orElse(simulation),
        targetMoney, input.events);
    // end --new-business
    ForecastRollup rollup;
    try {
      rollup = ForecastRollup.of(forecastInput, f);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    // --- what-if and sensitivity (ScenarioOptions) ---
    // with calibration: the corrected model and its model error, as the forecast above
    ScenarioOptions.Result scenario = scenarios.run(calibration.map(c -> c.corrected(m))
        .orElse(m), forecastInput, calibration.map(c -> c.simulation(simulation.trials(),
        simulation.seed())).orElse(simulation), targetMoney, open.map(Money::currency),
        forecast.horizonDays);
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
      d.put("notIncluded", notIncluded(calibration));
      ObjectNode cal = ForecastOptions.json(calibration);
      calibration.ifPresent(c -> {
        cal.put("rawExpected", raw.expectedAmount().map(Money::amount).orElse(null));
        ForecastOptions.put(cal, "expectedFactor", c.factor(raw));
      });
      if (dist.isPresent() && calibration.isPresent()) {
        ObjectNode w = cal.putObject("intervalWidth");
        BigDecimal total = run.width().orElseThrow();
        BigDecimal outcomes = run.widthFromOutcomes().orElseThrow();
        w.put("p10ToP90", total);
        w.put("fromDealOutcomes", outcomes);
        w.put("fromModelError", total.subtract(outcomes));
      }
      root.set("calibration", cal);
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
      newBiz.json(root); // --new-business: "newBusiness" and "total"
      scenario.put(root); // what-if and sensitivity (ScenarioOptions)
      root.set("input", ForecastOptions.JSON.valueToTree(in.json(input.events)));
      ForecastOptions.print(out, root);
    } else {
      out.println(in.summary(input.events));
      out.println();
      out.printf(Locale.ROOT, "Forecast (%s) of the %d deals open at %s, won within %d days:%n",
          f.model(), f.deals().size(), f.asOf(), forecast.horizonDays);
      if (f.deals().isEmpty()) {
        out.println("  no deal is open then: nothing to forecast.");
        out.flush();
        return 0;
      }
      out.printf(Locale.ROOT, "  expected %s of %s open, %.1f deals%n",
          expected.map(Figures::money).orElse("- (no amounts)"),
          open.map(Figures::money).orElse("-"), f.expectedWins());
      out.println("  model: " + m.assumptions());
      calibration.ifPresent(c -> {
        out.println("  " + c.describe());
        if (!c.fallback()) {
          c.factor(raw).ifPresent(x -> out.printf(Locale.ROOT, "  the correction multiplies the"
              + " raw model's expected %s by %.2f%n", raw.expectedAmount().map(Figures::money)
              .orElse(String.format(Locale.ROOT, "%.1f deals", raw.expectedWins())), x));
        }
      });
      dist.ifPresent(d -> out.printf(Locale.ROOT, "  P10 %s, P50 %s, P90 %s (Monte Carlo, %d"
          + " trials, seed %d; %s)%n", Figures.money(d.p10()), Figures.money(d.p50()),
          Figures.money(d.p90()), forecast.trials, forecast.seed, calibration.isPresent()
              ? "deal outcomes and model error" : "deal outcomes only"));
      if (dist.isPresent() && calibration.isPresent()) {
        BigDecimal total = run.width().orElseThrow();
        BigDecimal outcomes = run.widthFromOutcomes().orElseThrow();
        Currency c = dist.get().currency();
        out.printf(Locale.ROOT, "  of the P10-P90 width %s, %s comes from deal outcomes alone and"
            + " %s from model error%n", Figures.money(Money.of(total, c)),
            Figures.money(Money.of(outcomes, c)), Figures.money(Money.of(total.subtract(outcomes),
            c)));
      }
      if (targetMoney.isPresent()) {
        out.printf(Locale.ROOT, "  P(won amount >= %s) = %.1f%%%n", Figures.money(targetMoney.get()),
            100 * dist.get().probabilityAtLeast(targetMoney.get()));
      }
      if (withoutAmount > 0) {
        out.printf(Locale.ROOT, "  %d open deals have no amount: counted in the deals, not in the"
            + " amounts%n", withoutAmount);
      }
      out.println("  not included: " + notIncluded(calibration) + ".");
      byStage.forEach((stage, deals) -> {
        if (!deals.isEmpty()) {
          Forecast part = new Forecast(f.model(), f.asOf(), f.horizon(), deals);
          out.printf(Locale.ROOT, "  %-20s %5d deals  %s expected of %s  (%s)%n", stage.value(),
              deals.size(), part.expectedAmount().map(Figures::money).orElse("-"),
              part.openAmount().map(Figures::money).orElse("-"), stageBasis(deals));
        }
      });
      out.println("  by expected close month, owner and forecast category:");
      for (ForecastRollup.Row r : rollup.rows()) {
        out.printf(Locale.ROOT, "  %-14s %-16s %-10s %5d deals  %s expected of %s%n", r.period(),
            r.owner(), r.category().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.deals(),
            r.expected().map(Figures::money).orElse("-"),
            r.amount().map(Figures::money).orElse("-"));
      }
      newBiz.text(out); // --new-business: its lines and the total
      scenario.print(out); // what-if and sensitivity (ScenarioOptions)
    }
    out.flush();
    return 0;
  }

  /**
   * How a stage's probabilities came about: the deals' basis when they share one, else the range
   * of their probabilities (a deal's basis names its own days in the stage, so the first deal's
   * would be read as the stage's).
   */
  static String stageBasis(List<DealForecast> deals) {
    if (deals.stream().map(DealForecast::basis).distinct().count() == 1) {
      return deals.get(0).basis();
    }
    double min = deals.stream().mapToDouble(DealForecast::probability).min().orElseThrow();
    double max = deals.stream().mapToDouble(DealForecast::probability).max().orElseThrow();
    return String.format(Locale.ROOT, "P(won) %.1f%% to %.1f%%, by each deal's days in the stage"
        + " or override", 100 * min, 100 * max);
  }

  /** {@return what the intervals leave out, in words} */
  static String notIncluded(Optional<Calibration> calibration) {
    return calibration.isPresent()
        ? "per-deal model error beyond the error shared by all deals (it averages out over many"
            + " deals, so intervals of a handful of deals are too narrow)"
        : "model error (the probabilities are taken as known, so the P10-P90 interval is too"
            + " narrow); drop --no-calibration to include it";
  }


}

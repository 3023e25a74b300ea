package dev.pipelinesdk.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.forecast.backtest.Backtest;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.core.forecast.Simulation;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline backtest}: a forecast model at past cutoffs against what happened. */
@Command(name = "backtest", usageHelpWidth = 100, sortOptions = false,
    description = {"Replays a forecast model at past cutoffs, with only what was known at each,"
        + " and compares with what the deals open then won within the horizon: absolute"
        + " percentage error, WAPE, bias, 80%% interval coverage, pinball loss, Brier score, log"
        + " loss, reliability."})
final class BacktestCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Mixin
  ForecastOptions.Required forecast;

  @Option(names = "--cutoffs", required = true, paramLabel = "DATE,...",
      description = "The cutoffs: dates (each counts its whole day, in --zone) or date-times.")
  String cutoffs;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() throws BadInputException {
    Duration horizon = forecast.horizon();
    Simulation simulation = forecast.simulation();
    ForecastModel m = forecast.model();
    if (input.asOf != null) {
      throw new BadInputException("--as-of: a backtest reads the whole file; give --cutoffs");
    }
    InputOptions.Loaded in = input.load(spec.commandLine().getErr());
    ZoneId zone = ZoneId.of(in.zone());
    List<Instant> at = new ArrayList<>();
    Dates.Converter dates = new Dates.Converter();
    for (String c : cutoffs.split(",", -1)) {
      try {
        at.add(dates.convert(c.strip()).in(zone).end());
      } catch (picocli.CommandLine.TypeConversionException e) {
        throw new BadInputException("--cutoffs: " + e.getMessage());
      }
    }
    Currency currency = in.histories().stream().map(DealHistory::current)
        .flatMap(d -> d.amount().stream()).map(a -> a.currency()).findFirst()
        .orElseThrow(() -> new BadInputException(input.events + ": no deal has an amount, so"
            + " there is no amount to backtest"));
    Backtest.Result r;
    try {
      Optional<Calibration.Settings> calibration = forecast.calibration();
      r = calibration.isPresent()
          ? Backtest.runCalibrated(m, calibration.get(), in.definition(), in.histories(), at,
              horizon, simulation, currency)
          : Backtest.run(m, in.definition(), in.histories(), at, horizon, simulation, currency);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = ForecastOptions.JSON.createObjectNode();
      root.put("model", r.model());
      root.put("calibrated", r.calibrated());
      root.put("horizonDays", forecast.horizonDays);
      root.put("currency", currency.getCurrencyCode());
      root.put("scoredCutoffs", r.scoredCutoffs());
      ForecastOptions.put(root, "wape", r.wape());
      ForecastOptions.put(root, "bias", r.bias());
      ForecastOptions.put(root, "coverage80", r.coverage80());
      ForecastOptions.put(root, "pinball10", r.pinball10());
      ForecastOptions.put(root, "pinball50", r.pinball50());
      ForecastOptions.put(root, "pinball90", r.pinball90());
      ForecastOptions.put(root, "brier", r.brier());
      ForecastOptions.put(root, "logLoss", r.logLoss());
      ArrayNode cs = root.putArray("cutoffs");
      for (Backtest.Cutoff c : r.cutoffs()) {
        ObjectNode o = cs.addObject();
        o.put("cutoff", c.cutoff().toString());
        o.put("scored", c.scored());
        o.put("openDeals", c.openDeals());
        o.put("expected", c.expected());
        o.put("p10", c.p10());
        o.put("p50", c.p50());
        o.put("p90", c.p90());
        o.put("actual", c.actual());
        ForecastOptions.put(o, "absolutePercentageError", c.absolutePercentageError());
        o.put("covered", c.covered());
        o.put("brier", c.brier());
        o.put("logLoss", c.logLoss());
        c.calibration().ifPresent(x -> {
          o.put("logOddsShift", x.shift());
          o.put("sharedLogitSd", x.sharedLogitSd());
          o.put("calibrationOrigins", x.origins().size());
        });
      }
      ArrayNode rel = root.putArray("reliability");
      for (Backtest.ReliabilityBin b : r.reliability()) {
        ObjectNode o = rel.addObject();
        o.put("from", b.from());
        o.put("to", b.to());
        o.put("deals", b.deals());
        ForecastOptions.put(o, "predicted", b.predicted());
        ForecastOptions.put(o, "observed", b.observed());
      }
      root.set("input", ForecastOptions.JSON.valueToTree(in.json(input.events)));
      ForecastOptions.print(out, root);
    } else {
      out.println(in.summary(input.events));
      out.println();
      out.printf(Locale.ROOT, "Backtest of %s%s, %d-day horizon, amounts in %s%n", r.model(),
          r.calibrated() ? " self-calibrated at each cutoff" : " as it is (no calibration)",
          forecast.horizonDays, currency.getCurrencyCode());
      out.println("cutoff                 open   expected        P10        P90     actual    APE"
          + "  in P10-P90  Brier");
      for (Backtest.Cutoff c : r.cutoffs()) {
        out.printf(Locale.ROOT, "%-20s %6d %10.0f %10.0f %10.0f %10.0f %6s %10s %6.3f%s%n",
            c.cutoff(), c.openDeals(), c.expected(), c.p10(), c.p90(), c.actual(),
            pct(c.absolutePercentageError()), c.covered() ? "yes" : "no", c.brier(),
            c.scored() ? "" : "  (horizon not over: not scored)");
      }
      out.printf(Locale.ROOT, "WAPE %s, bias %s, 80%% interval coverage %s over %d cutoffs;"
          + " Brier %s, log loss %s%n", pct(r.wape()), pct(r.bias()), pct(r.coverage80()),
          r.scoredCutoffs(), num(r.brier()), num(r.logLoss()));
      out.println(r.calibrated() ? "The intervals include deal outcomes and the model error each"
          + " cutoff's calibration estimated from the origins before it."
          : "The intervals include deal outcomes only (no model error), so expect coverage below"
          + " 80%.");
    }
    out.flush();
    return 0;
  }


  private static String pct(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * v.getAsDouble()) : "-";
  }

  private static String num(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "-";
  }
}

package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.ForecastSection;
import dev.pipelinesdk.examples.PipelineReport;
import dev.pipelinesdk.forecast.backtest.Backtest;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.forecast.scenario.Sensitivity;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline report}: the HTML report of a stage-history file. */
@Command(name = "report", usageHelpWidth = 100, sortOptions = false,
    description = "A self-contained HTML report of a stage-history CSV: funnel, pipeline by"
        + " stage, forecast of the open deals (the distribution of the amount won, a backtest at"
        + " past month ends, the reliability of the chances), deals that need attention, the"
        + " agenda (what the automation rules have due, by owner), funnel by owner and by lead"
        + " source, dwell time, leaks, movement waterfall.")
final class ReportCommand implements Callable<Integer> {
  /** How many month ends the report's backtest looks at, at most. */
  static final int CUTOFFS = 6;

  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Mixin
  ActivitiesOptions activities;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--html", required = true, paramLabel = "OUT", description = "The HTML file.")
  Path html;

  @Option(names = "--since", paramLabel = "DATE", converter = Dates.Converter.class,
      description = "Start of the movement waterfall (default: 30 days before the as-of).")
  Dates.When since;

  @Mixin
  CsvOutOption csvOut;

  @Mixin
  ForecastOptions.Defaulted forecast;

  @Option(names = "--target", paramLabel = "AMOUNT",
      description = "A target amount (plain decimal, in the deals' currency): the forecast marks"
          + " it and gives the chance of reaching it.")
  BigDecimal target;

  @Option(names = "--no-forecast", description = "Leave out the forecast section (and its"
      + " backtest, the slow part).")
  boolean noForecast;

  @Option(names = "--no-agenda", description = "Leave out the agenda section (what the"
      + " automation rules have due at the as-of time).")
  boolean noAgenda;

  @Override
  public Integer call() throws BadInputException {
    Duration horizon = null;
    Simulation simulation = null;
    ForecastModel model = null;
    if (noForecast) {
      for (String o : List.of("--horizon", "--target", "--model", "--trials", "--seed",
          "--no-calibration", "--origins", "--origin-step")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
          throw new BadInputException(o + ": is for the forecast section, which --no-forecast"
              + " leaves out; drop one of them");
        }
      }
    } else {
      horizon = forecast.horizon();
      simulation = forecast.simulation();
      model = forecast.model();
      ForecastOptions.checkTarget(target);
    }
    InputOptions.Loaded in = input.load(spec.commandLine().getErr(), activities);
    Instant from = since != null ? since.start() : in.asOf().minus(Duration.ofDays(30));
    String page;
    PipelineReport report;
    try {
      Progress.show("drawing the report");
      report = PipelineReport.of(in.definition(), in.histories(), in.asOf(), from);
      if (noAgenda) {
        report = report.withoutAgenda();
      }
      Progress.done();
    } catch (IllegalArgumentException e) { // such as amounts in two currencies
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    if (noForecast) {
      page = report.html();
    } else {
      ForecastSection section = forecastSection(in, horizon, simulation, model);
      Progress.show("drawing the report");
      page = report.html(section);
      Progress.done();
    }
    try {
      Files.writeString(html, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(html + ": cannot write: " + e.getMessage());
    }
    List<Path> csv = csvOut.write(report);
    spec.commandLine().getOut().println(in.summary(input.events));
    spec.commandLine().getOut().println("report written to " + html.toAbsolutePath());
    if (!csv.isEmpty()) {
      spec.commandLine().getOut().println("CSV tables written to "
          + csvOut.dir.toAbsolutePath() + ": " + csv.stream().map(p -> p.getFileName().toString())
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * The forecast section: the model's forecast at the as-of instant, its won-amount distribution
   * as {@code forecast} computes them, and a backtest at the last {@value #CUTOFFS} month ends
   * whose horizon is over by the last event known at the as-of instant.
   */
  private ForecastSection forecastSection(InputOptions.Loaded in, Duration horizon,
      Simulation simulation, ForecastModel model) throws BadInputException {
    List<DealHistory> histories = in.histories(); // cut at the as-of instant
    try {
      Progress.show("forecasting");
      ForecastInput known = ForecastInput.of(in.definition(), histories, in.asOf(), horizon);
      // the currency of the amounts: the open deals', else any deal's, else --currency's
      Optional<Currency> anyCurrency = known.open().stream()
          .flatMap(h -> h.current().amount().stream()).map(Money::currency).findFirst()
          .or(() -> histories.stream().map(DealHistory::current)
              .flatMap(d -> d.amount().stream()).map(Money::currency).findFirst());
      Currency currency = anyCurrency.orElseGet(() -> Money.currency(input.currency));
      Optional<Calibration.Settings> calibrate = forecast.calibration();
      Forecasted run = Forecasted.of(model, calibrate, known, simulation, Optional.of(currency));
      Forecast f = run.forecast();
      Optional<AmountDistribution> dist = run.distribution();
      Optional<Money> targetMoney = target == null ? Optional.empty()
          : Optional.of(ForecastOptions.target(target, currency));
      Instant first = Instant.MAX;
      Instant last = Instant.MIN;
      for (DealHistory h : histories) {
        first = first.isBefore(h.created().at()) ? first : h.created().at();
        Instant end = h.events().get(h.size() - 1).at();
        last = last.isAfter(end) ? last : end;
      }
      List<Instant> cutoffs = Dates.monthEnds(first, last, horizon, ZoneId.of(in.zone()),
          CUTOFFS);
      Progress.done();
      Optional<Backtest.Result> backtest = Optional.empty();
      if (!cutoffs.isEmpty()) {
        Progress.show("backtesting at " + cutoffs.size() + " month ends");
        backtest = Optional.of(calibrate.isPresent()
            ? Backtest.runCalibrated(model, calibrate.get(), in.definition(), histories, cutoffs,
                horizon, simulation, currency)
            : Backtest.run(model, in.definition(), histories, cutoffs, horizon, simulation,
                currency));
        Progress.done();
      }
      Optional<Sensitivity> sensitivity = Optional.empty();
      if (dist.isPresent()) {
        Progress.show("ranking the stages");
        // on the calibrated model with its model error, as the forecast above
        sensitivity = Optional.of(Sensitivity.of(run.calibration().map(c -> c.corrected(model))
            .orElse(model), known, run.calibration().map(c -> c.simulation(simulation.trials(),
            simulation.seed())).orElse(simulation), targetMoney));
        Progress.done();
      }
      return new ForecastSection(in.definition(), f, model.assumptions(), dist, targetMoney,
          backtest, anyCurrency.isPresent(), CUTOFFS, ZoneId.of(in.zone()), run.calibration(),
          run.calibration().isPresent() ? run.outcomesOnly() : Optional.empty(), sensitivity);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
  }
}

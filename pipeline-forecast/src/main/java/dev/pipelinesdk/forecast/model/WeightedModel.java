package dev.pipelinesdk.forecast.model;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.metrics.ProbabilitySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The weighted pipeline, as CRMs forecast: each open deal counts with its probability, by the
 * precedence every weighting in the SDK uses: a manual override on the deal, then a learned
 * probability (the {@link ProbabilitySource} given, none by default), then the stage's default
 * probability.
 *
 * <p>Timing comes only from the deal's expected close date, as in Salesforce and HubSpot: a deal
 * whose close date is after the horizon's last day counts with probability 0 within it; a deal
 * with a close date inside the horizon, one already past (overdue) or none at all counts with its
 * probability.
 *
 * <p>Assumptions: the probability of a deal is its chance of being won <em>within the
 * horizon</em>, whatever the horizon; apart from the close date, timing is ignored (a deal that
 * has sat for a year counts like one that entered its stage yesterday), and so are staleness and
 * dormancy beyond the dormant stage's own default. This is why it over-forecasts; it is here as
 * the baseline the other models are measured against.
 */
public final class WeightedModel implements ForecastModel {
  /** The name this model is found by. */
  public static final String NAME = "weighted";

  private final ProbabilitySource learned;
  private final String learnedName;

  /** The weighted pipeline with no learned probabilities: manual override, else stage default. */
  public WeightedModel() {
    this(ProbabilitySource.none(), "none");
  }

  /**
   * The weighted pipeline with learned probabilities.
   *
   * @param learned the learned probabilities, used when a deal has no manual override
   * @param learnedName what they are, for each deal's basis (such as "markov")
   */
  public WeightedModel(ProbabilitySource learned, String learnedName) {
    this.learned = Objects.requireNonNull(learned, "learned is null");
    this.learnedName = Objects.requireNonNull(learnedName, "learnedName is null");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String assumptions() {
    return "each open deal is won within the horizon with its probability (manual override,"
        + " else learned, else the stage default), unless its expected close date (UTC) is after"
        + " the horizon; otherwise timing, staleness and the horizon's length are ignored";
  }

  @Override
  public Forecast forecast(ForecastInput input) {
    return forecast(input, NAME, true);
  }

  /**
   * The forecast, under a model name (a model that learns the probabilities reuses this); with
   * {@code closeDates}, a deal expected to close after the horizon counts with 0.
   */
  Forecast forecast(ForecastInput input, String model, boolean closeDates) {
    java.time.LocalDate last = input.end().minusNanos(1).atZone(java.time.ZoneOffset.UTC)
        .toLocalDate();
    List<DealForecast> out = new ArrayList<>(input.open().size());
    for (DealHistory h : input.open()) {
      Deal deal = h.current();
      double p;
      String basis;
      OptionalDouble manual = deal.manualProbability();
      OptionalDouble learnedP = manual.isPresent() ? OptionalDouble.empty()
          : learned.probability(deal, h, input.asOf());
      Stage stage = input.definition().stage(deal.stage()).orElseThrow();
      if (manual.isPresent()) {
        p = manual.getAsDouble();
        basis = "manual override";
      } else if (learnedP.isPresent()) {
        p = learnedP.getAsDouble();
        basis = "learned (" + learnedName + ") for " + stage.name();
      } else {
        p = stage.defaultProbability();
        basis = String.format(Locale.ROOT, "stage default of %s (%.0f%%)", stage.name(), p * 100);
      }
      if (closeDates && deal.closeDate().isPresent() && deal.closeDate().get().isAfter(last)) {
        basis = "expected to close on " + deal.closeDate().get() + ", after the horizon ("
            + basis + ": " + String.format(Locale.ROOT, "%.0f%%", p * 100) + ")";
        p = 0;
      }
      out.add(new DealForecast(deal.id(), deal.stage(), deal.amount(), p, basis));
    }
    return new Forecast(model, input.asOf(), input.horizon(), out);
  }
}

package dev.pipelinesdk.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.Figures;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.newbusiness.NewBusiness;
import dev.pipelinesdk.forecast.newbusiness.NewBusinessForecast;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code forecast --new-business [--lookback DAYS]}: the deals not in the pipeline yet, reported
 * apart from the open pipeline, and the total of both.
 */
final class NewBusinessOptions {
  @Option(names = "--new-business", description = "Also forecast new business: deals not in the"
      + " pipeline yet, created within the horizon and won by its end, from the rate at which"
      + " deals were created in the lookback and how soon after creation deals are won; reported"
      + " apart from the open pipeline, with the total of both.")
  boolean enabled;

  @Option(names = "--lookback", paramLabel = "DAYS", description = "With --new-business: the"
      + " days before the as-of time whose new deals give the arrival rate (default: the horizon"
      + " or 90 days, whichever is longer).")
  Long lookbackDays;

  /** The assumptions in short, for people; {@code --json} has them in full. */
  static final String ASSUMES = "assumes that rate and the past's conversion by deal age hold"
      + " over the horizon, amounts like the lookback's; the interval leaves out the uncertainty"
      + " of the conversion and the amounts (--json has the assumptions in full)";

  /**
   * Forecasts new business if asked to.
   *
   * @param input what was known at the as-of time
   * @param open the open pipeline's forecast
   * @param simulation the open pipeline's simulation settings (the same seed and trials)
   * @param target the target, if any
   * @param events the events file, for messages
   * @return what to print; nothing without {@code --new-business}
   * @throws BadInputException for a bad lookback, too few trials, or input new business refuses
   */
  Report report(ForecastInput input, Forecast open, Simulation simulation, Optional<Money> target,
      Path events) throws BadInputException {
    if (!enabled) {
      if (lookbackDays != null) {
        throw new BadInputException("--lookback: only with --new-business");
      }
      return new Report(null, Optional.empty(), Optional.empty(), target);
    }
    if (lookbackDays != null && (lookbackDays < 1 || lookbackDays > 36_500)) {
      throw new BadInputException("--lookback: must be a whole number of days from 1 to 36500,"
          + " not " + lookbackDays);
    }
    if (simulation.trials() < 2) {
      throw new BadInputException("--trials: --new-business needs at least 2, not "
          + simulation.trials() + " (new business has no upper bound, so one trial gives no"
          + " standard error)");
    }
    Duration lookback = lookbackDays != null ? Duration.ofDays(lookbackDays)
        : NewBusiness.defaultLookback(input.horizon());
    try {
      NewBusinessForecast nb = NewBusiness.forecast(input, lookback, simulation);
      Optional<AmountDistribution> total = Optional.empty();
      Optional<Money> totalExpected = Optional.empty();
      if (nb.newDeals().isPresent()) {
        var currency = nb.newDeals().get().currency();
        Optional<OpenDeals> deals = open.deals().isEmpty() ? Optional.of(OpenDeals.none(currency))
            : open.openAmount().isPresent() ? Optional.of(OpenDeals.of(currency, open))
            : Optional.empty(); // open deals without any amount: the total is unknown
        if (deals.isPresent()) {
          total = nb.total(deals.get());
          totalExpected = Optional.of(nb.expected().orElseThrow()
              .plus(open.expectedAmount().orElse(Money.zero(currency))));
        }
      }
      return new Report(nb, total, totalExpected, target);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(events + ": new business: " + e.getMessage());
    }
  }

  /**
   * What {@code --new-business} prints.
   *
   * @param nb the new-business forecast; null without {@code --new-business}
   * @param total the distribution of the open pipeline plus new business; empty if unknown
   * @param totalExpected the exact expected total; empty if unknown
   * @param target the target, if any
   */
  record Report(NewBusinessForecast nb, Optional<AmountDistribution> total,
      Optional<Money> totalExpected, Optional<Money> target) {

    /** Adds {@code newBusiness} and {@code total} to the forecast's JSON. */
    void json(ObjectNode root) {
      if (nb == null) {
        return;
      }
      ObjectNode o = root.putObject("newBusiness");
      o.put("expected", nb.expected().map(Money::amount).orElse(null));
      o.put("p10", nb.p10().map(Money::amount).orElse(null));
      o.put("p50", nb.p50().map(Money::amount).orElse(null));
      o.put("p90", nb.p90().map(Money::amount).orElse(null));
      o.put("expectedWins", nb.expectedWins());
      o.put("arrivalsPerDay", nb.arrivalsPerDay());
      o.put("lookbackDays", days(nb.lookback()));
      o.put("dealsInLookback", nb.dealsInLookback());
      o.put("dealsWithAmount", nb.dealsWithAmount());
      o.put("wonWithinHorizonShare", nb.wonWithinHorizonShare());
      o.putPOJO("includes", nb.distribution().map(d -> d.includes().stream().map(Enum::name)
          .toList()).orElse(java.util.List.of()));
      o.put("assumptions", nb.assumptions());
      o.putPOJO("notes", nb.notes());
      ObjectNode t = root.putObject("total");
      t.put("expected", totalExpected.map(Money::amount).orElse(null));
      t.put("p10", total.map(d -> d.p10().amount()).orElse(null));
      t.put("p50", total.map(d -> d.p50().amount()).orElse(null));
      t.put("p90", total.map(d -> d.p90().amount()).orElse(null));
      if (target.isPresent()) {
        t.put("target", target.get().amount());
        if (total.isPresent()) {
          t.put("probabilityOfTarget", total.get().probabilityAtLeast(target.get()));
        } else {
          t.putNull("probabilityOfTarget");
        }
      }
    }

    /** Prints the new-business lines of the forecast's text. */
    void text(PrintWriter out) {
      if (nb == null) {
        return;
      }
      out.println();
      out.printf(Locale.ROOT, "New business (deals created within the %s days, not in the"
          + " pipeline yet): expected %s, %.1f deals won%s%n", daysText(nb.horizon()),
          nb.expected().map(Figures::money).orElse("- (no amounts)"), nb.expectedWins(),
          nb.distribution().map(d -> ", P10 " + Figures.money(d.p10()) + ", P50 "
              + Figures.money(d.p50()) + ", P90 " + Figures.money(d.p90())).orElse(""));
      out.printf(Locale.ROOT, "  from %.1f new deals a day over the %s-day lookback (%s), %s of"
          + " them won within the horizon; %s%s%n", nb.arrivalsPerDay(),
          daysText(nb.lookback()), Figures.count(nb.dealsInLookback(), "deal"),
          Figures.percent(nb.wonWithinHorizonShare()),
          nb.notes().isEmpty() ? "" : String.join("; ", nb.notes()) + "; ", ASSUMES);
      if (total.isPresent() && totalExpected.isPresent()) {
        AmountDistribution d = total.get();
        out.printf(Locale.ROOT, "Open pipeline + new business: expected %s, P10 %s, P50 %s, P90"
            + " %s%s%n", Figures.money(totalExpected.get()), Figures.money(d.p10()),
            Figures.money(d.p50()), Figures.money(d.p90()), target.map(x -> String.format(
                Locale.ROOT, ", P(total >= %s) = %.1f%%", Figures.money(x),
                100 * d.probabilityAtLeast(x))).orElse(""));
      } else {
        out.println("Open pipeline + new business: - (an amount is unknown)");
      }
    }
  }

  /** Days as text: {@code 90}, or to one place if not whole, {@code 45.5}. */
  static String daysText(Duration d) {
    BigDecimal days = days(d);
    return days.scale() == 0 ? days.toPlainString() : Figures.days(d);
  }

  /** Exact days, without trailing zeros: {@code 90}, {@code 45.5}. */
  static BigDecimal days(Duration d) {
    BigDecimal days = Figures.exactDays(d).stripTrailingZeros();
    return days.scale() < 0 ? days.setScale(0) : days;
  }
}

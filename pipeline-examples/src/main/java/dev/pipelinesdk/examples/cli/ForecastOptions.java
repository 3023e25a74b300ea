package dev.pipelinesdk.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.ForecastModels;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.core.forecast.Simulation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.Currency;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * What {@code forecast}, {@code backtest} and {@code report} share: the horizon's check, the
 * model, the simulation. The two variants differ only in {@code --horizon}: {@link Required} for
 * {@code forecast} and {@code backtest}, {@link Defaulted} (90 days) for {@code report}.
 */
abstract class ForecastOptions {
  /** Indented JSON, as every command prints it. */
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** {@code --horizon DAYS}, required. */
  static final class Required extends ForecastOptions {
    @Option(names = "--horizon", required = true, paramLabel = "DAYS",
        description = "Days after the as-of time (or each cutoff) the forecast looks ahead.")
    long horizonDays;

    @Override
    long horizonDays() {
      return horizonDays;
    }
  }

  /** {@code --horizon DAYS}, 90 unless given. */
  static final class Defaulted extends ForecastOptions {
    @Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "90",
        description = "Days after the as-of time the forecast looks ahead (default:"
            + " ${DEFAULT-VALUE}).")
    long horizonDays;

    @Override
    long horizonDays() {
      return horizonDays;
    }
  }

  /** {@return the horizon in days, as given (unchecked: see {@link #horizon()})} */
  abstract long horizonDays();

  @Option(names = "--model", paramLabel = "NAME", defaultValue = "competing-risks",
      description = "The forecast model: competing-risks, naive-bayes, markov, weighted, or one on"
          + " the class path (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--trials", paramLabel = "N", defaultValue = "20000",
      description = "Monte Carlo trials of the won-amount distribution (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Random seed: the same seed gives the same distribution on any machine"
          + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-calibration",
      description = "Use the model as it is: no correction from its own errors on past origins,"
          + " and intervals of deal outcomes only.")
  boolean noCalibration;

  @Option(names = "--origins", paramLabel = "N", defaultValue = "12",
      description = "Self-calibration: at most this many past origins (default: ${DEFAULT-VALUE}).")
  int origins;

  @Option(names = "--origin-step", paramLabel = "DAYS", defaultValue = "30",
      description = "Self-calibration: days between past origins (default: ${DEFAULT-VALUE}).")
  long originStepDays;

  /** {@return the self-calibration settings, checked; empty with --no-calibration} */
  Optional<Calibration.Settings> calibration() throws BadInputException {
    if (noCalibration) {
      return Optional.empty();
    }
    if (origins < 1 || origins > 120) {
      throw new BadInputException("--origins: must be from 1 to 120, not " + origins);
    }
    if (originStepDays < 1 || originStepDays > 3650) {
      throw new BadInputException("--origin-step: must be a whole number of days from 1 to 3650,"
          + " not " + originStepDays);
    }
    return Optional.of(Calibration.Settings.defaults().withOrigins(origins,
        Duration.ofDays(originStepDays)));
  }

  /** {@return the calibration as JSON: what was corrected, by how much, on what} */
  static ObjectNode json(Optional<Calibration> calibration) {
    ObjectNode o = JSON.createObjectNode();
    o.put("applied", calibration.isPresent());
    if (calibration.isEmpty()) {
      return o;
    }
    Calibration c = calibration.get();
    o.put("fallback", c.fallback());
    o.put("originsUsed", c.origins().size());
    o.put("originsWanted", c.settings().origins());
    o.put("stepDays", c.settings().step().toDays());
    o.put("weighedBy", c.weighedByAmount() ? "amount" : "count");
    o.put("logOddsShift", c.shift());
    o.put("logOddsShiftStandardError", c.shiftStandardError());
    o.put("betweenPeriodSd", c.betweenOriginSd());
    o.put("sharedLogitSd", c.sharedLogitSd());
    o.put("description", c.describe());
    var origins = o.putArray("origins");
    for (Calibration.Origin x : c.origins()) {
      ObjectNode r = origins.addObject();
      r.put("origin", x.origin().toString());
      r.put("deals", x.deals());
      r.put("expected", x.expected());
      r.put("actual", x.actual());
      r.put("logOddsShift", x.shift());
      r.put("logOddsShiftStandardError", x.shiftStandardError());
    }
    return o;
  }

  /** {@return the horizon, checked} */
  Duration horizon() throws BadInputException {
    long days = horizonDays();
    if (days < 1 || days > 36_500) {
      throw new BadInputException("--horizon: must be a whole number of days from 1 to 36500,"
          + " not " + days);
    }
    return Duration.ofDays(days);
  }

  /** {@return the simulation settings, checked} */
  Simulation simulation() throws BadInputException {
    if (trials < 1 || trials > 10_000_000) {
      throw new BadInputException("--trials: must be from 1 to 10000000, not " + trials);
    }
    return Simulation.of(trials, seed);
  }

  /** {@return the model, found by name} */
  ForecastModel model() throws BadInputException {
    try {
      return ForecastModels.named(model);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new BadInputException("--model: " + e.getMessage());
    }
  }

  /**
   * Checks {@code --target} before the file is read.
   *
   * @param target the amount given, or null without the option
   * @throws BadInputException if it is negative
   */
  static void checkTarget(@Nullable BigDecimal target) throws BadInputException {
    if (target != null && target.signum() < 0) {
      throw new BadInputException("--target: must not be negative, not " + target);
    }
  }

  /**
   * {@return {@code --target} in the deals' currency}
   *
   * @param target the amount given, checked by {@link #checkTarget}
   * @param currency the deals' currency
   * @throws BadInputException if the currency cannot hold it (more decimals than it has)
   */
  static Money target(BigDecimal target, Currency currency) throws BadInputException {
    try {
      return Money.of(target, currency);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--target: " + e.getMessage());
    }
  }

  /** Puts a value that may be missing: JSON null for none, never NaN. */
  static void put(ObjectNode o, String name, OptionalDouble v) {
    if (v.isPresent()) {
      o.put(name, v.getAsDouble());
    } else {
      o.putNull(name);
    }
  }

  /** Prints a JSON object, indented, with a line break. */
  static void print(PrintWriter out, ObjectNode root) {
    try {
      out.println(JSON.writeValueAsString(root));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

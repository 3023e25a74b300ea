package dev.pipelinesdk.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.ForecastModels;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.forecast.distribution.Simulation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/** What {@code forecast} and {@code backtest} share: the horizon, the model, the simulation. */
final class ForecastOptions {
  /** Indented JSON, as every command prints it. */
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--horizon", required = true, paramLabel = "DAYS",
      description = "Days after the as-of time (or each cutoff) the forecast looks ahead.")
  long horizonDays;

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

  /** {@return the horizon, checked} */
  Duration horizon() throws BadInputException {
    if (horizonDays < 1 || horizonDays > 36_500) {
      throw new BadInputException("--horizon: must be a whole number of days from 1 to 36500,"
          + " not " + horizonDays);
    }
    return Duration.ofDays(horizonDays);
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

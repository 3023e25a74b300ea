package dev.pipelinesdk.core;

import dev.pipelinesdk.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A stage of a pipeline: where a deal is. Immutable.
 *
 * <p>Build one with {@link #builder()}, or with the shortcuts {@link #open(String, String,
 * double)}, {@link #won(String, String)}, {@link #lost(String, String)} and {@link
 * #dormant(String, String)}. Building checks the stage on its own and reports every problem at
 * once in an {@link InvalidDefinitionException}; rules between stages are checked by {@link
 * PipelineDefinition}.
 */
// "exports": the Immutables annotations here are input for the annotation processor only. They
// stay in the class file (class retention, no elements set), but nothing reads them there and
// a compiler using this type does not need their module, so it stays `requires static`.
@SuppressWarnings("exports")
@Value.Immutable
public abstract class Stage {

  Stage() {}

  /** {@return the stage id, unique within its definition} */
  public abstract StageId id();

  /** {@return the name shown to people; defaults to the id} */
  @Value.Default
  public String name() {
    return id().value();
  }

  /** {@return what the stage means for deals in it; defaults to {@link StageKind#OPEN}} */
  @Value.Default
  public StageKind kind() {
    return StageKind.OPEN;
  }

  /**
   * The win probability of a deal in this stage, in [0, 1], used when neither a manual override
   * nor a learned probability is present. Defaults to {@link StageKind#defaultProbability()}; a
   * won stage must have 1 and a lost stage 0.
   *
   * @return the default probability
   */
  @Value.Default
  public double defaultProbability() {
    return kind().defaultProbability();
  }

  /** {@return how long a deal is expected to stay in this stage, if the team set a goal} */
  public abstract Optional<Duration> expectedDuration();

  /**
   * How long a deal may sit in this stage without a touch or a move before it counts as idle
   * ("rotting", as Pipedrive calls it). Empty means never. The snapshot metric measures it; the
   * agenda ({@code dev.pipelinesdk.core.automation.Agenda}) applies it as an idle rule in
   * calendar time unless the definition declares an idle rule or a decision timeout for the
   * stage (which can count business days and say what resets the clock).
   *
   * @return the idle threshold
   */
  public abstract Optional<Duration> idleAfter();

  /** {@return the forecast category; defaults to {@link StageKind#defaultForecastCategory()}} */
  @Value.Default
  public ForecastCategory forecastCategory() {
    return kind().defaultForecastCategory();
  }

  /** {@return whether deals in this stage are being worked ({@link StageKind#OPEN})} */
  public final boolean isOpen() {
    return kind() == StageKind.OPEN;
  }

  /** {@return whether this is a won or lost stage} */
  public final boolean isTerminal() {
    return kind().isTerminal();
  }

  @Value.Check
  final void check() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
  }

  final List<String> problems() {
    List<String> problems = new ArrayList<>();
    String where = "stage '" + id() + "': ";
    if (name().isBlank()) {
      problems.add(where + "name is blank");
    }
    String p = Checks.probabilityProblem("default probability", defaultProbability());
    if (p != null) {
      problems.add(where + p);
    } else if (kind() == StageKind.WON && defaultProbability() != 1.0) {
      problems.add(where + "a won stage must have default probability 1, not " + defaultProbability());
    } else if (kind() == StageKind.LOST && defaultProbability() != 0.0) {
      problems.add(where + "a lost stage must have default probability 0, not " + defaultProbability());
    }
    expectedDuration().filter(d -> d.isNegative() || d.isZero()).ifPresent(
        d -> problems.add(where + "expected duration must be positive, not " + d));
    idleAfter().filter(d -> d.isNegative() || d.isZero()).ifPresent(
        d -> problems.add(where + "idle threshold must be positive, not " + d));
    return problems;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An open stage.
   *
   * @param id the stage id
   * @param name the display name
   * @param defaultProbability the win probability of deals in it, in [0, 1]
   * @return the stage
   * @throws InvalidDefinitionException if a value is invalid
   */
  public static Stage open(String id, String name, double defaultProbability) {
    return builder().id(id).name(name).defaultProbability(defaultProbability).build();
  }

  /**
   * A won stage (probability 1, forecast category closed).
   *
   * @param id the stage id
   * @param name the display name
   * @return the stage
   */
  public static Stage won(String id, String name) {
    return builder().id(id).name(name).kind(StageKind.WON).build();
  }

  /**
   * A lost stage (probability 0, omitted from forecasts).
   *
   * @param id the stage id
   * @param name the display name
   * @return the stage
   */
  public static Stage lost(String id, String name) {
    return builder().id(id).name(name).kind(StageKind.LOST).build();
  }

  /**
   * A dormant ("gone dark") stage: not terminal, not lost, omitted from forecasts.
   *
   * @param id the stage id
   * @param name the display name
   * @return the stage
   */
  public static Stage dormant(String id, String name) {
    return builder().id(id).name(name).kind(StageKind.DORMANT).build();
  }

  /**
   * Builds a {@link Stage}. {@code id} is required; everything else has a default. {@link
   * #build()} throws {@link InvalidDefinitionException} listing every problem of the stage.
   */
  public static final class Builder extends ImmutableStage.Builder {
    Builder() {}

    /**
     * Sets the id from text.
     *
     * @param id the stage id text
     * @return this builder
     * @throws IllegalArgumentException if {@code id} is not a valid id (see {@link StageId})
     */
    public Builder id(String id) {
      return id(StageId.of(id));
    }
  }
}

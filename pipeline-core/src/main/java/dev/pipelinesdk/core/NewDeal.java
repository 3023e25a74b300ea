package dev.pipelinesdk.core;

import dev.pipelinesdk.core.internal.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * What a caller knows about a deal before it exists: the input of {@code Pipeline.create}. The
 * engine adds the stage (an entry stage unless one is given) and the creation instant.
 *
 * <p>Building checks every field with the rule {@link Deal} uses for it: title and account are
 * free text (not blank, no control, bidi-control or line-separator characters, at most 1000
 * characters), the owner and attribute names are ids (see {@link StageId}), and a manual
 * probability, when present, is in [0, 1] (NaN is refused, never read as "no override"). The
 * builder's {@code build()} throws {@link IllegalArgumentException} listing every problem.
 */
// "exports": the Immutables annotations here are input for the annotation processor only. They
// stay in the class file (class retention, no elements set), but nothing reads them there and
// a compiler using this type does not need their module, so it stays `requires static`.
@SuppressWarnings("exports")
@Value.Immutable
public abstract class NewDeal {

  NewDeal() {}

  /** {@return the deal id} */
  public abstract DealId id();

  /** {@return what the deal is called} */
  public abstract String title();

  /** {@return the customer account, if known} */
  public abstract Optional<String> account();

  /** {@return the deal value, if known} */
  public abstract Optional<Money> amount();

  /** {@return the entry stage to start in; empty means the definition's first entry stage} */
  public abstract Optional<StageId> stage();

  /** {@return who owns the deal, if anyone} */
  public abstract Optional<String> owner();

  /** {@return where the deal came from, if known} */
  public abstract Optional<LeadSource> leadSource();

  /** {@return the typed custom attributes} */
  public abstract Map<String, AttributeValue> attributes();

  /**
   * The date the deal is expected to close, if the seller gave one; see {@link Deal#closeDate()}.
   * Later changes go through the engine ({@code Command.ChangeCloseDate}).
   *
   * @return the expected close date
   */
  public abstract Optional<LocalDate> closeDate();

  /** {@return a manual probability override, in [0, 1]} */
  public abstract OptionalDouble manualProbability();

  @Value.Check
  final void check() {
    List<String> problems = new ArrayList<>(0);
    String where = "deal '" + id() + "': "; // the words Deal uses: one rule, one message
    addIf(problems, where, Checks.textProblem("title", title()));
    if (account().isPresent()) {
      addIf(problems, where, Checks.textProblem("account", account().get()));
    }
    if (owner().isPresent()) {
      addIf(problems, where, Checks.idProblem("owner", owner().get()));
    }
    for (String name : attributes().keySet()) {
      addIf(problems, where, Checks.idProblem("attribute name", name));
    }
    if (manualProbability().isPresent()) {
      addIf(problems, where,
          Checks.probabilityProblem("manual probability", manualProbability().getAsDouble()));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private static void addIf(List<String> problems, String where, @Nullable String problem) {
    if (problem != null) {
      problems.add(where + problem);
    }
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NewDeal}; {@code id} and {@code title} are required. */
  public static final class Builder extends ImmutableNewDeal.Builder {
    Builder() {}

    /**
     * Sets the id from text.
     *
     * @param id the deal id text
     * @return this builder
     */
    public Builder id(String id) {
      return id(DealId.of(id));
    }
  }
}

package dev.pipelinesdk.core;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * What a caller knows about a deal before it exists: the input of {@code Pipeline.create}. The
 * engine adds the stage (an entry stage unless one is given) and the creation instant.
 */
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

  /** {@return a manual probability override, in [0, 1]} */
  public abstract OptionalDouble manualProbability();

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

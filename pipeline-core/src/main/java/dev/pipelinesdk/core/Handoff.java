package dev.pipelinesdk.core;

import dev.pipelinesdk.core.internal.Checks;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What happens when a deal is won: a linked deal opens in a follow-on pipeline (customer success:
 * onboarding, adoption, renewal, upsell), carrying the amount and attributes. Declared on the
 * definition ({@link PipelineDefinition.Builder#handoff}), so it is compared, drawn and written
 * to files with it; carried out by the engine ({@code Pipeline.handOff(wonHistory, followOn,
 * request)}), which records a {@link DealEvent.Linked} event in both histories: the won deal's
 * names its follow-on deal, the follow-on deal's (right after its creation) names its origin.
 * Replaying either history keeps the link ({@link DealHistory#links()}).
 *
 * <p>The follow-on deal has the won deal's title, account, lead source and close date; its
 * amount and attributes unless told otherwise ({@link Builder#withoutAmount()}, {@link
 * Builder#attributes}); the won deal's owner unless the handoff names one ({@link
 * Builder#owner}, such as a customer success manager); its id is the won deal's, with a suffix
 * if one is given ({@code D-7} becomes {@code D-7-cs}); no manual probability. It starts in the
 * handoff's stage, which must be an entry stage of the follow-on pipeline (default: its first
 * entry stage).
 *
 * <pre>{@code
 * PipelineDefinition sales = PipelineDefinition.builder("sales")
 *     ...
 *     .handoff(Handoff.to("customer-success").stage("kickoff").owner("cs-team").build())
 *     .build();
 * }</pre>
 *
 * <p>A value: immutable, compared by its fields.
 */
public final class Handoff {
  private final String pipeline;
  private final Optional<StageId> stage;
  private final Optional<Set<String>> attributes;
  private final boolean carriesAmount;
  private final Optional<String> owner;
  private final Optional<String> idSuffix;

  private Handoff(Builder b) {
    this.pipeline = b.pipeline;
    this.stage = Optional.ofNullable(b.stage);
    this.attributes = b.attributes == null ? Optional.empty()
        : Optional.of(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.attributes)));
    this.carriesAmount = b.carriesAmount;
    this.owner = Optional.ofNullable(b.owner);
    this.idSuffix = Optional.ofNullable(b.idSuffix);
  }

  /**
   * Starts a handoff to a follow-on pipeline.
   *
   * @param pipeline the follow-on pipeline definition's id, such as {@code customer-success}
   * @return a builder
   * @throws IllegalArgumentException if the id is not a valid id (see {@link StageId})
   * @throws NullPointerException if the id is null
   */
  public static Builder to(String pipeline) {
    return new Builder(Checks.id("follow-on pipeline", pipeline));
  }

  /** {@return the follow-on pipeline definition's id} */
  public String pipeline() {
    return pipeline;
  }

  /** {@return the stage the follow-on deal starts in; empty: the follow-on's first entry stage} */
  public Optional<StageId> stage() {
    return stage;
  }

  /**
   * The attributes the follow-on deal carries over.
   *
   * @return the attribute names; empty: every attribute of the won deal
   */
  public Optional<Set<String>> attributes() {
    return attributes;
  }

  /** {@return whether the follow-on deal carries the won deal's amount (the default)} */
  public boolean carriesAmount() {
    return carriesAmount;
  }

  /** {@return the follow-on deal's owner; empty: the won deal's owner} */
  public Optional<String> owner() {
    return owner;
  }

  /** {@return the suffix of the follow-on deal's id ({@code cs}: {@code D-7-cs}); empty: none} */
  public Optional<String> idSuffix() {
    return idSuffix;
  }

  /**
   * The follow-on deal's id for a won deal.
   *
   * @param origin the won deal's id
   * @return the origin's id with {@code -SUFFIX} appended, or the origin's id
   * @throws IllegalArgumentException if the result is longer than an id may be
   * @throws NullPointerException if {@code origin} is null
   */
  public DealId followOnId(DealId origin) {
    Objects.requireNonNull(origin, "origin is null");
    return idSuffix.isEmpty() ? origin : DealId.of(origin.value() + "-" + idSuffix.get());
  }

  /**
   * The follow-on deal as it opens: what it carries from the won deal (see the class comment).
   *
   * @param won the won deal
   * @return the new deal, in {@link #stage()} if given
   * @throws IllegalArgumentException if the follow-on id is too long
   * @throws NullPointerException if {@code won} is null
   */
  public NewDeal followOn(Deal won) {
    Objects.requireNonNull(won, "won is null");
    NewDeal.Builder b = NewDeal.builder().id(followOnId(won.id())).title(won.title());
    b.account(won.account());
    if (carriesAmount) {
      won.amount().ifPresent(b::amount);
    }
    Optional<String> who = owner.isPresent() ? owner : won.owner();
    who.ifPresent(b::owner);
    b.leadSource(won.leadSource());
    b.closeDate(won.closeDate());
    stage.ifPresent(b::stage);
    won.attributes().forEach((name, value) -> {
      if (attributes.isEmpty() || attributes.get().contains(name)) {
        b.putAttribute(name, value);
      }
    });
    return b.build();
  }

  /** {@return the handoff in words: {@code hand off to customer-success (kickoff), owner cs-team}} */
  public String description() {
    StringBuilder sb = new StringBuilder("hand off to ").append(pipeline);
    stage.ifPresent(s -> sb.append(" (").append(s).append(')'));
    owner.ifPresent(o -> sb.append(", owner ").append(o));
    if (!carriesAmount) {
      sb.append(", without the amount");
    }
    attributes.ifPresent(a -> sb.append(a.isEmpty() ? ", no attributes"
        : ", attributes " + String.join(", ", a.stream().sorted().toList())));
    idSuffix.ifPresent(s -> sb.append(", id suffix -").append(s));
    return sb.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Handoff && pipeline.equals(((Handoff) o).pipeline)
        && stage.equals(((Handoff) o).stage) && attributes.equals(((Handoff) o).attributes)
        && carriesAmount == ((Handoff) o).carriesAmount && owner.equals(((Handoff) o).owner)
        && idSuffix.equals(((Handoff) o).idSuffix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pipeline, stage, attributes, carriesAmount, owner, idSuffix);
  }

  /** {@return {@code Handoff[...]} with {@link #description()}} */
  @Override
  public String toString() {
    return "Handoff[" + description() + "]";
  }

  /** Builds a {@link Handoff}; start with {@link Handoff#to}. Not thread-safe. */
  public static final class Builder {
    private final String pipeline;
    private @Nullable StageId stage;
    private @Nullable List<String> attributes;
    private boolean carriesAmount = true;
    private @Nullable String owner;
    private @Nullable String idSuffix;

    private Builder(String pipeline) {
      this.pipeline = pipeline;
    }

    /**
     * The stage the follow-on deal starts in: an entry stage of the follow-on pipeline, checked
     * when the handoff is carried out (default: its first entry stage).
     *
     * @param stage the stage id
     * @return this builder
     * @throws IllegalArgumentException if the id is not a valid id
     * @throws NullPointerException if the id is null
     */
    public Builder stage(String stage) {
      this.stage = StageId.of(stage);
      return this;
    }

    /**
     * Carries over only these attributes (default: every attribute of the won deal).
     *
     * @param names the attribute names; none carries no attribute
     * @return this builder
     * @throws IllegalArgumentException if a name is not a valid id
     * @throws NullPointerException if a name is null
     */
    public Builder attributes(String... names) {
      return attributes(List.of(names));
    }

    /**
     * Carries over only these attributes (default: every attribute of the won deal).
     *
     * @param names the attribute names; empty carries no attribute
     * @return this builder
     * @throws IllegalArgumentException if a name is not a valid id
     * @throws NullPointerException if the collection or a name is null
     */
    public Builder attributes(Collection<String> names) {
      List<String> checked = new java.util.ArrayList<>();
      for (String n : Objects.requireNonNull(names, "attribute names are null")) {
        checked.add(Checks.id("attribute name", n));
      }
      this.attributes = checked;
      return this;
    }

    /**
     * The follow-on deal starts without an amount (default: it carries the won deal's).
     *
     * @return this builder
     */
    public Builder withoutAmount() {
      this.carriesAmount = false;
      return this;
    }

    /**
     * The follow-on deal's owner, such as a customer success manager (default: the won deal's
     * owner).
     *
     * @param owner the owner
     * @return this builder
     * @throws IllegalArgumentException if the owner is not a valid id
     * @throws NullPointerException if the owner is null
     */
    public Builder owner(String owner) {
      this.owner = Checks.id("follow-on owner", owner);
      return this;
    }

    /**
     * A suffix for the follow-on deal's id: {@code cs} makes {@code D-7} into {@code D-7-cs}
     * (default: the same id as the won deal's, in the other pipeline).
     *
     * @param suffix the suffix
     * @return this builder
     * @throws IllegalArgumentException if the suffix is not a valid id
     * @throws NullPointerException if the suffix is null
     */
    public Builder idSuffix(String suffix) {
      this.idSuffix = Checks.id("follow-on id suffix", suffix);
      return this;
    }

    /** {@return the handoff} */
    public Handoff build() {
      return new Handoff(this);
    }
  }
}

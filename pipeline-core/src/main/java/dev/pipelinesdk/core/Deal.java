package dev.pipelinesdk.core;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import dev.pipelinesdk.core.internal.Checks;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A deal: a snapshot of where one opportunity stands. Immutable and thread-safe.
 *
 * <p>A deal is the fold of its {@link DealHistory}: {@link #apply(DealEvent)} returns the deal
 * after one more event, and the {@code Pipeline} engine produces deals only this way, so replaying
 * a history rebuilds the deal exactly. {@link #builder()} exists for tests, imports and the
 * {@link DealEvent.Created} event; it checks structural invariants (timestamps in order, a
 * probability override in [0, 1], title, account and lost reason valid free text, owner and
 * attribute names valid ids) and throws {@link IllegalArgumentException} listing every violated
 * one. {@link NewDeal}, {@link DealEvent.OwnerChanged} and {@link DealEvent.AttributeChanged}
 * apply the same rule to the same field.
 *
 * <p>Written by hand rather than generated: the engine creates one deal per accepted change, and
 * {@link #apply(DealEvent)} builds the next deal in one allocation, checking only what the event
 * can change.
 */
public final class Deal {

  /** The attribute the built-in lead score guard reads: {@value}. */
  public static final String LEAD_SCORE = "lead_score";

  // The fields split in three: what a stage change changes lives here, the rest in a Profile
  // shared by every snapshot until one of its fields changes, and the touch count, last touch
  // and lost reason in Extras (null until a deal has one of them), so the engine's most common
  // change (a move) allocates a 32-byte snapshot and nothing else.
  private final Profile p;
  private final StageId stage;
  private final Instant stageEnteredAt;
  private final Instant updatedAt;
  private final @Nullable Extras x;

  /** Touches and the lost reason: set on few snapshots, so kept out of the snapshot itself. */
  private static final class Extras {
    final int touchCount;
    final @Nullable Instant lastTouchAt;
    final @Nullable String lostReason;

    Extras(int touchCount, @Nullable Instant lastTouchAt, @Nullable String lostReason) {
      this.touchCount = touchCount;
      this.lastTouchAt = lastTouchAt;
      this.lostReason = lostReason;
    }

    /** {@return the extras with these values, null if they are all the defaults} */
    static @Nullable Extras of(
        int touchCount, @Nullable Instant lastTouchAt, @Nullable String lostReason) {
      return touchCount == 0 && lastTouchAt == null && lostReason == null ? null
          : new Extras(touchCount, lastTouchAt, lostReason);
    }
  }

  /**
   * The fields that change rarely: identity, commercial data (amount, expected close date),
   * attributes, the override.
   */
  private static final class Profile {
    final DealId id;
    final String title;
    final @Nullable String account;
    final @Nullable Money amount;
    final Instant createdAt;
    final @Nullable String owner;
    final @Nullable LeadSource leadSource;
    final ImmutableMap<String, AttributeValue> attributes;
    final @Nullable LocalDate closeDate;
    // boxed, null when absent: a reference instead of a double keeps the profile at 56 bytes
    // (with compressed oops; 48 before the close date was added)
    private final @Nullable Double override;

    @SuppressWarnings("ParameterNumber")
    Profile(DealId id, String title, @Nullable String account, @Nullable Money amount,
        Instant createdAt, @Nullable String owner, @Nullable LeadSource leadSource,
        ImmutableMap<String, AttributeValue> attributes, @Nullable LocalDate closeDate,
        double manualProbability) {
      this.id = id;
      this.title = title;
      this.account = account;
      this.amount = amount;
      this.createdAt = createdAt;
      this.owner = owner;
      this.leadSource = leadSource;
      this.attributes = attributes;
      this.closeDate = closeDate;
      this.override = Double.isNaN(manualProbability) ? null : manualProbability;
    }

    /** {@return the manual probability, NaN if there is no override} */
    double manualProbability() {
      Double o = override;
      return o == null ? Double.NaN : o;
    }
  }

  private Deal(Profile p, StageId stage, Instant stageEnteredAt, Instant updatedAt,
      int touchCount, @Nullable Instant lastTouchAt, @Nullable String lostReason) {
    this(p, stage, stageEnteredAt, updatedAt, Extras.of(touchCount, lastTouchAt, lostReason));
  }

  private Deal(Profile p, StageId stage, Instant stageEnteredAt, Instant updatedAt,
      @Nullable Extras x) {
    this.p = p;
    this.stage = stage;
    this.stageEnteredAt = stageEnteredAt;
    this.updatedAt = updatedAt;
    this.x = x;
  }

  private int touches() {
    return x == null ? 0 : x.touchCount;
  }

  private @Nullable Instant lastTouch() {
    return x == null ? null : x.lastTouchAt;
  }

  private @Nullable String lost() {
    return x == null ? null : x.lostReason;
  }

  /** {@return the deal id} */
  public DealId id() {
    return p.id;
  }

  /** {@return what the deal is called, such as "Acme, 40 seats"} */
  public String title() {
    return p.title;
  }

  /** {@return the customer account, if known} */
  public Optional<String> account() {
    return Optional.ofNullable(p.account);
  }

  /** {@return the deal value, if known} */
  public Optional<Money> amount() {
    return Optional.ofNullable(p.amount);
  }

  /** {@return the stage the deal is in} */
  public StageId stage() {
    return stage;
  }

  /** {@return when the deal was created} */
  public Instant createdAt() {
    return p.createdAt;
  }

  /** {@return when the deal entered its current stage; defaults to {@link #createdAt()}} */
  public Instant stageEnteredAt() {
    return stageEnteredAt;
  }

  /** {@return the instant of the latest event; defaults to {@link #stageEnteredAt()}} */
  public Instant updatedAt() {
    return updatedAt;
  }

  /** {@return who owns the deal, if anyone} */
  public Optional<String> owner() {
    return Optional.ofNullable(p.owner);
  }

  /** {@return where the deal came from, if known} */
  public Optional<LeadSource> leadSource() {
    return Optional.ofNullable(p.leadSource);
  }

  /** {@return the typed custom attributes, by name (insertion order)} */
  public Map<String, AttributeValue> attributes() {
    return p.attributes;
  }

  /**
   * The date the deal is expected to close (won or lost), as the seller last said: a calendar
   * date without a time zone, as CRMs keep it. Changed only by {@link DealEvent.CloseDateChanged}
   * events, so a history shows every time it moved ({@link CloseDates} sums that up).
   *
   * @return the expected close date, or empty if nobody gave one
   */
  public Optional<LocalDate> closeDate() {
    return Optional.ofNullable(p.closeDate);
  }

  /**
   * A probability set by hand, in [0, 1]. When present it wins over a learned probability and
   * the stage default.
   *
   * @return the manual override
   */
  public OptionalDouble manualProbability() {
    return Double.isNaN(p.manualProbability()) ? OptionalDouble.empty()
        : OptionalDouble.of(p.manualProbability());
  }

  /** {@return how many touches were recorded} */
  public int touchCount() {
    return touches();
  }

  /** {@return when the latest touch happened} */
  public Optional<Instant> lastTouchAt() {
    return Optional.ofNullable(lastTouch());
  }

  /** {@return why the deal was lost; present only while it is in a lost stage} */
  public Optional<String> lostReason() {
    return Optional.ofNullable(lost());
  }

  /**
   * The later of the latest touch and entering the current stage: what idle ("rotting")
   * detection measures from.
   *
   * @return the latest activity
   */
  public Instant lastActivityAt() {
    Instant touch = lastTouch();
    return touch != null && touch.isAfter(stageEnteredAt) ? touch : stageEnteredAt;
  }

  /**
   * Returns one attribute.
   *
   * @param name the attribute name
   * @return the value, or empty if the deal does not have it
   */
  public Optional<AttributeValue> attribute(String name) {
    return Optional.ofNullable(p.attributes.get(name));
  }

  /**
   * Returns this deal after one more event: the single step of a history replay.
   *
   * @param event an event of this deal, not earlier than {@link #updatedAt()}
   * @return the new deal
   * @throws InvalidHistoryException if the event does not fit this deal: another deal's event,
   *     an event earlier than the last one, a move from a stage the deal is not in, a previous
   *     value that does not match, or a {@link DealEvent.Created} event
   */
  public Deal apply(DealEvent event) {
    return DealFold.apply(this, event);
  }

  /** The fold's constructor: a copy with the fields one event changes (no re-validation). */
  Deal next(Instant at, StageId stage, Instant stageEnteredAt, @Nullable String lostReason) {
    Extras extras = x;
    if (extras != null || lostReason != null) { // else the common case: no extras before or after
      extras = Extras.of(touches(), lastTouch(), lostReason);
    }
    return new Deal(p, stage, stageEnteredAt, at, extras);
  }

  Deal withAttributes(Instant at, ImmutableMap<String, AttributeValue> attributes) {
    return withProfile(at, new Profile(p.id, p.title, p.account, p.amount, p.createdAt, p.owner,
        p.leadSource, attributes, p.closeDate, p.manualProbability()));
  }

  Deal withAmount(Instant at, @Nullable Money amount) {
    return withProfile(at, new Profile(p.id, p.title, p.account, amount, p.createdAt, p.owner,
        p.leadSource, p.attributes, p.closeDate, p.manualProbability()));
  }

  Deal withOwner(Instant at, @Nullable String owner) {
    return withProfile(at, new Profile(p.id, p.title, p.account, p.amount, p.createdAt, owner,
        p.leadSource, p.attributes, p.closeDate, p.manualProbability()));
  }

  Deal withCloseDate(Instant at, @Nullable LocalDate closeDate) {
    return withProfile(at, new Profile(p.id, p.title, p.account, p.amount, p.createdAt, p.owner,
        p.leadSource, p.attributes, closeDate, p.manualProbability()));
  }

  Deal withManualProbability(Instant at, double manualProbability) {
    return withProfile(at, new Profile(p.id, p.title, p.account, p.amount, p.createdAt, p.owner,
        p.leadSource, p.attributes, p.closeDate, manualProbability));
  }

  private Deal withProfile(Instant at, Profile profile) {
    return new Deal(profile, stage, stageEnteredAt, at, x);
  }

  Deal withTouch(Instant at) {
    return new Deal(p, stage, stageEnteredAt, at, new Extras(touches() + 1, at, lost()));
  }

  /** The deal after an event that changes nothing but the time of its latest event. */
  Deal noted(Instant at) {
    return new Deal(p, stage, stageEnteredAt, at, x);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Deal)) {
      return false;
    }
    Deal d = (Deal) o;
    return p.id.equals(d.p.id) && stage.equals(d.stage) && updatedAt.equals(d.updatedAt)
        && stageEnteredAt.equals(d.stageEnteredAt) && p.createdAt.equals(d.p.createdAt)
        && touches() == d.touches()
        && Double.doubleToLongBits(p.manualProbability())
            == Double.doubleToLongBits(d.p.manualProbability())
        && p.title.equals(d.p.title) && Objects.equals(p.account, d.p.account)
        && Objects.equals(p.amount, d.p.amount) && Objects.equals(p.owner, d.p.owner)
        && Objects.equals(p.leadSource, d.p.leadSource) && p.attributes.equals(d.p.attributes)
        && Objects.equals(p.closeDate, d.p.closeDate)
        && Objects.equals(lastTouch(), d.lastTouch()) && Objects.equals(lost(), d.lost());
  }

  @Override
  public int hashCode() {
    return Objects.hash(p.id, p.title, p.account, p.amount, stage, p.createdAt, stageEnteredAt,
        updatedAt, p.owner, p.leadSource, p.attributes, p.closeDate, p.manualProbability(),
        touches(),
        lastTouch(), lost());
  }

  /** {@return every attribute of the deal, absent ones left out} */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("Deal{id=").append(p.id).append(", title=").append(p.title);
    if (p.account != null) {
      sb.append(", account=").append(p.account);
    }
    if (p.amount != null) {
      sb.append(", amount=").append(p.amount);
    }
    sb.append(", stage=").append(stage).append(", createdAt=").append(p.createdAt)
        .append(", stageEnteredAt=").append(stageEnteredAt).append(", updatedAt=")
        .append(updatedAt);
    if (p.owner != null) {
      sb.append(", owner=").append(p.owner);
    }
    if (p.leadSource != null) {
      sb.append(", leadSource=").append(p.leadSource);
    }
    if (!p.attributes.isEmpty()) {
      sb.append(", attributes=").append(p.attributes);
    }
    if (p.closeDate != null) {
      sb.append(", closeDate=").append(p.closeDate);
    }
    if (!Double.isNaN(p.manualProbability())) {
      sb.append(", manualProbability=").append(p.manualProbability());
    }
    if (touches() > 0) {
      sb.append(", touchCount=").append(touches()).append(", lastTouchAt=").append(lastTouch());
    }
    if (lost() != null) {
      sb.append(", lostReason=").append(lost());
    }
    return sb.append('}').toString();
  }

  /**
   * The deal a {@link NewDeal} becomes when it is created: what the engine's {@code create} does,
   * without a builder in between. Ignores the new deal's own {@link NewDeal#stage()}.
   *
   * @param newDeal what is known about the deal
   * @param stage the stage it starts in
   * @param at when it is created; its created, stage-entered and updated instant
   * @return the deal
   * @throws NullPointerException if an argument is null (the new deal's own values were checked
   *     when it was built)
   */
  public static Deal created(NewDeal newDeal, StageId stage, Instant at) {
    Objects.requireNonNull(newDeal, "new deal is null");
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(at, "at is null");
    Deal deal = new Deal(new Profile(newDeal.id(), newDeal.title(),
        newDeal.account().orElse(null), newDeal.amount().orElse(null), at,
        newDeal.owner().orElse(null), newDeal.leadSource().orElse(null),
        immutable(newDeal.attributes()), newDeal.closeDate().orElse(null),
        newDeal.manualProbability().orElse(Double.NaN)), stage, at, at, null);
    // Not deal.checked(): every field comes from a NewDeal, which checked each of them with the
    // same rules when it was built (NewDeal.check; it has no other way to exist), and the three
    // instants are one. One validation per field, not two.
    return deal;
  }

  /**
   * The map as an {@code ImmutableMap}, without {@code ImmutableMap.copyOf}: its test for a
   * {@code SortedMap} (an interface) fails for every new deal's map, and a failing interface test
   * scans the class's secondary supers each time on JDK 17.
   */
  @SuppressWarnings("unchecked")
  private static ImmutableMap<String, AttributeValue> immutable(
      Map<String, ? extends AttributeValue> map) {
    // ImmutableSortedMap is a class: testing for it is one compare; a sorted map (perhaps with
    // a comparator that finds keys equals() would not) is copied, as copyOf would
    return map instanceof ImmutableMap && !(map instanceof ImmutableSortedMap)
        ? (ImmutableMap<String, AttributeValue>) map : ImmutableMap.copyOf(map);
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Deal}. {@code id}, {@code title}, {@code stage} and {@code createdAt} are
   * required; {@link #build()} throws {@link IllegalStateException} naming missing ones and
   * {@link IllegalArgumentException} listing violated invariants. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable DealId id;
    private @Nullable String title;
    private @Nullable String account;
    private @Nullable Money amount;
    private @Nullable StageId stage;
    private @Nullable Instant createdAt;
    private @Nullable Instant stageEnteredAt;
    private @Nullable Instant updatedAt;
    private @Nullable String owner;
    private @Nullable LeadSource leadSource;
    private @Nullable ImmutableMap<String, AttributeValue> attributesGiven;
    private @Nullable LinkedHashMap<String, AttributeValue> attributes;
    private @Nullable LocalDate closeDate;
    private double manualProbability = Double.NaN;
    private int touchCount;
    private @Nullable Instant lastTouchAt;
    private @Nullable String lostReason;

    private Builder() {}

    /**
     * Copies every attribute of a deal.
     *
     * @param deal the deal
     * @return this builder
     */
    public Builder from(Deal deal) {
      Objects.requireNonNull(deal, "deal is null");
      id = deal.p.id;
      title = deal.p.title;
      account = deal.p.account;
      amount = deal.p.amount;
      stage = deal.stage;
      createdAt = deal.p.createdAt;
      stageEnteredAt = deal.stageEnteredAt;
      updatedAt = deal.updatedAt;
      owner = deal.p.owner;
      leadSource = deal.p.leadSource;
      attributesGiven = deal.p.attributes;
      attributes = null;
      closeDate = deal.p.closeDate;
      manualProbability = deal.p.manualProbability();
      touchCount = deal.touches();
      lastTouchAt = deal.lastTouch();
      lostReason = deal.lost();
      return this;
    }

    /**
     * Sets the id.
     *
     * @param id the deal id
     * @return this builder
     */
    public Builder id(DealId id) {
      this.id = Objects.requireNonNull(id, "id is null");
      return this;
    }

    /**
     * Sets the title.
     *
     * @param title what the deal is called
     * @return this builder
     */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title is null");
      return this;
    }

    /**
     * Sets the account.
     *
     * @param account the customer account
     * @return this builder
     */
    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account is null");
      return this;
    }

    /**
     * Sets or clears the account.
     *
     * @param account the customer account, or empty
     * @return this builder
     */
    public Builder account(Optional<String> account) {
      this.account = account.orElse(null);
      return this;
    }

    /**
     * Sets the amount.
     *
     * @param amount the deal value
     * @return this builder
     */
    public Builder amount(Money amount) {
      this.amount = Objects.requireNonNull(amount, "amount is null");
      return this;
    }

    /**
     * Sets or clears the amount.
     *
     * @param amount the deal value, or empty
     * @return this builder
     */
    public Builder amount(Optional<? extends Money> amount) {
      this.amount = amount.orElse(null);
      return this;
    }

    /**
     * Sets the stage.
     *
     * @param stage the current stage
     * @return this builder
     */
    public Builder stage(StageId stage) {
      this.stage = Objects.requireNonNull(stage, "stage is null");
      return this;
    }

    /**
     * Sets the creation instant.
     *
     * @param createdAt when the deal was created
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt is null");
      return this;
    }

    /**
     * Sets when the deal entered its stage; defaults to the creation instant.
     *
     * @param stageEnteredAt the instant
     * @return this builder
     */
    public Builder stageEnteredAt(Instant stageEnteredAt) {
      this.stageEnteredAt = Objects.requireNonNull(stageEnteredAt, "stageEnteredAt is null");
      return this;
    }

    /**
     * Sets the instant of the latest event; defaults to {@code stageEnteredAt}.
     *
     * @param updatedAt the instant
     * @return this builder
     */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt is null");
      return this;
    }

    /**
     * Sets the owner.
     *
     * @param owner who owns the deal
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner is null");
      return this;
    }

    /**
     * Sets or clears the owner.
     *
     * @param owner who owns the deal, or empty
     * @return this builder
     */
    public Builder owner(Optional<String> owner) {
      this.owner = owner.orElse(null);
      return this;
    }

    /**
     * Sets the lead source.
     *
     * @param leadSource where the deal came from
     * @return this builder
     */
    public Builder leadSource(LeadSource leadSource) {
      this.leadSource = Objects.requireNonNull(leadSource, "leadSource is null");
      return this;
    }

    /**
     * Sets or clears the lead source.
     *
     * @param leadSource where the deal came from, or empty
     * @return this builder
     */
    public Builder leadSource(Optional<? extends LeadSource> leadSource) {
      this.leadSource = leadSource.orElse(null);
      return this;
    }

    /**
     * Adds or replaces one attribute.
     *
     * @param name the attribute name
     * @param value the value
     * @return this builder
     */
    public Builder putAttribute(String name, AttributeValue value) {
      Objects.requireNonNull(name, "attribute name is null");
      Objects.requireNonNull(value, () -> "value of attribute '" + name + "' is null");
      mutableAttributes().put(name, value);
      return this;
    }

    /**
     * Adds or replaces attributes.
     *
     * @param entries the attributes
     * @return this builder
     */
    public Builder putAllAttributes(Map<String, ? extends AttributeValue> entries) {
      entries.forEach(this::putAttribute);
      return this;
    }

    /**
     * Replaces all attributes.
     *
     * @param entries the attributes
     * @return this builder
     */
    public Builder attributes(Map<String, ? extends AttributeValue> entries) {
      attributes = null;
      attributesGiven = null;
      if (entries instanceof ImmutableMap) {
        @SuppressWarnings("unchecked")
        ImmutableMap<String, AttributeValue> given = (ImmutableMap<String, AttributeValue>) entries;
        attributesGiven = given;
        return this;
      }
      return putAllAttributes(entries);
    }

    private LinkedHashMap<String, AttributeValue> mutableAttributes() {
      if (attributes == null) {
        attributes = attributesGiven == null ? new LinkedHashMap<>()
            : new LinkedHashMap<>(attributesGiven);
        attributesGiven = null;
      }
      return attributes;
    }

    /**
     * Sets the expected close date.
     *
     * @param closeDate the date the deal is expected to close
     * @return this builder
     */
    public Builder closeDate(LocalDate closeDate) {
      this.closeDate = Objects.requireNonNull(closeDate, "closeDate is null");
      return this;
    }

    /**
     * Sets or clears the expected close date.
     *
     * @param closeDate the date the deal is expected to close, or empty
     * @return this builder
     */
    public Builder closeDate(Optional<? extends LocalDate> closeDate) {
      this.closeDate = closeDate.orElse(null);
      return this;
    }

    /**
     * Sets the manual probability override.
     *
     * @param manualProbability the override, in [0, 1]
     * @return this builder
     */
    public Builder manualProbability(double manualProbability) {
      if (Double.isNaN(manualProbability)) {
        throw new IllegalArgumentException("manual probability is NaN; it must be in [0, 1]");
      }
      this.manualProbability = manualProbability + 0.0; // -0.0 becomes 0.0
      return this;
    }

    /**
     * Sets or clears the manual probability override.
     *
     * @param manualProbability the override in [0, 1], or empty
     * @return this builder
     */
    public Builder manualProbability(OptionalDouble manualProbability) {
      return manualProbability.isPresent() ? manualProbability(manualProbability.getAsDouble())
          : clearManualProbability();
    }

    private Builder clearManualProbability() {
      this.manualProbability = Double.NaN;
      return this;
    }

    /**
     * Sets the touch count.
     *
     * @param touchCount how many touches were recorded
     * @return this builder
     */
    public Builder touchCount(int touchCount) {
      this.touchCount = touchCount;
      return this;
    }

    /**
     * Sets the latest touch.
     *
     * @param lastTouchAt when the latest touch happened
     * @return this builder
     */
    public Builder lastTouchAt(Instant lastTouchAt) {
      this.lastTouchAt = Objects.requireNonNull(lastTouchAt, "lastTouchAt is null");
      return this;
    }

    /**
     * Sets or clears the latest touch.
     *
     * @param lastTouchAt when the latest touch happened, or empty
     * @return this builder
     */
    public Builder lastTouchAt(Optional<? extends Instant> lastTouchAt) {
      this.lastTouchAt = lastTouchAt.orElse(null);
      return this;
    }

    /**
     * Sets the lost reason.
     *
     * @param lostReason why the deal was lost
     * @return this builder
     */
    public Builder lostReason(String lostReason) {
      this.lostReason = Objects.requireNonNull(lostReason, "lostReason is null");
      return this;
    }

    /**
     * Sets or clears the lost reason.
     *
     * @param lostReason why the deal was lost, or empty
     * @return this builder
     */
    public Builder lostReason(Optional<String> lostReason) {
      this.lostReason = lostReason.orElse(null);
      return this;
    }

    /**
     * Builds the deal.
     *
     * @return the deal
     * @throws IllegalStateException naming the required attributes that are not set
     * @throws IllegalArgumentException listing every violated invariant
     */
    public Deal build() {
      if (id == null || title == null || stage == null || createdAt == null) {
        List<String> missing = new ArrayList<>();
        if (id == null) {
          missing.add("id");
        }
        if (title == null) {
          missing.add("title");
        }
        if (stage == null) {
          missing.add("stage");
        }
        if (createdAt == null) {
          missing.add("createdAt");
        }
        throw new IllegalStateException(
            "Cannot build Deal, some of required attributes are not set " + missing);
      }
      Instant entered = stageEnteredAt != null ? stageEnteredAt : createdAt;
      Instant updated = updatedAt != null ? updatedAt : entered;
      ImmutableMap<String, AttributeValue> attrs = attributes != null
          ? ImmutableMap.copyOf(attributes)
          : attributesGiven != null ? attributesGiven : ImmutableMap.of();
      Profile profile = new Profile(id, title, account, amount, createdAt, owner, leadSource,
          attrs, closeDate, manualProbability);
      return new Deal(profile, stage, entered, updated, touchCount, lastTouchAt, lostReason)
          .checked();
    }
  }

  // this deal, or IllegalArgumentException listing every violated invariant
  private Deal checked() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return this;
  }

  /**
   * Every violated invariant, in words. Allocates nothing for a valid deal (the common case:
   * every created deal is checked): the list is made on the first problem.
   */
  private List<String> problems() {
    List<String> problems = List.of();
    problems = add(problems, Checks.textProblem("title", p.title));
    if (p.account != null) {
      problems = add(problems, Checks.textProblem("account", p.account));
    }
    if (p.owner != null) {
      problems = add(problems, Checks.idProblem("owner", p.owner));
    }
    if (stageEnteredAt.isBefore(p.createdAt)) {
      problems = add(problems,
          "stage entered at " + stageEnteredAt + " before created at " + p.createdAt);
    }
    if (updatedAt.isBefore(stageEnteredAt)) {
      problems = add(problems,
          "updated at " + updatedAt + " before stage entered at " + stageEnteredAt);
    }
    if (!Double.isNaN(p.manualProbability())) {
      problems = add(problems,
          Checks.probabilityProblem("manual probability", p.manualProbability()));
    }
    int touches = touches();
    Instant touch = lastTouch();
    if (touches < 0) {
      problems = add(problems, "touch count is negative: " + touches);
    }
    if ((touches == 0) != (touch == null)) {
      problems = add(problems,
          "touch count " + touches + " and last touch " + lastTouchAt() + " disagree");
    }
    if (touch != null && (touch.isBefore(p.createdAt) || touch.isAfter(updatedAt))) {
      problems = add(problems, "last touch at " + touch + " is outside [created, updated]");
    }
    String lost = lost();
    if (lost != null) {
      problems = add(problems, Checks.textProblem("lost reason", lost));
    }
    for (String name : p.attributes.keySet()) {
      problems = add(problems, Checks.idProblem("attribute name", name));
    }
    return problems;
  }

  /** {@return the problems with one more, prefixed with this deal's id; unchanged if null} */
  private List<String> add(List<String> problems, @Nullable String problem) {
    if (problem == null) {
      return problems;
    }
    List<String> list = problems.isEmpty() ? new ArrayList<>() : problems;
    list.add("deal '" + p.id + "': " + problem);
    return list;
  }
}

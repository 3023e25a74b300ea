package dev.pipelinesdk.core;

import dev.pipelinesdk.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * A deal: a snapshot of where one opportunity stands. Immutable and thread-safe.
 *
 * <p>A deal is the fold of its {@link DealHistory}: {@link #apply(DealEvent)} returns the deal
 * after one more event, and the {@code Pipeline} engine produces deals only this way, so replaying
 * a history rebuilds the deal exactly. {@link #builder()} exists for tests, imports and the
 * {@link DealEvent.Created} event; it checks structural invariants (timestamps in order, a
 * probability override in [0, 1], a non-blank title) and throws {@link IllegalArgumentException}
 * listing every violated one.
 */
@Value.Immutable
public abstract class Deal {

  /** The attribute the built-in lead score guard reads: {@value}. */
  public static final String LEAD_SCORE = "lead_score";

  Deal() {}

  /** {@return the deal id} */
  public abstract DealId id();

  /** {@return what the deal is called, such as "Acme, 40 seats"} */
  public abstract String title();

  /** {@return the customer account, if known} */
  public abstract Optional<String> account();

  /** {@return the deal value, if known} */
  public abstract Optional<Money> amount();

  /** {@return the stage the deal is in} */
  public abstract StageId stage();

  /** {@return when the deal was created} */
  public abstract Instant createdAt();

  /** {@return when the deal entered its current stage; defaults to {@link #createdAt()}} */
  @Value.Default
  public Instant stageEnteredAt() {
    return createdAt();
  }

  /** {@return the instant of the latest event; defaults to {@link #stageEnteredAt()}} */
  @Value.Default
  public Instant updatedAt() {
    return stageEnteredAt();
  }

  /** {@return who owns the deal, if anyone} */
  public abstract Optional<String> owner();

  /** {@return where the deal came from, if known} */
  public abstract Optional<LeadSource> leadSource();

  /** {@return the typed custom attributes, by name (insertion order)} */
  public abstract Map<String, AttributeValue> attributes();

  /**
   * A probability set by hand, in [0, 1]. When present it wins over a learned probability and
   * the stage default.
   *
   * @return the manual override
   */
  public abstract OptionalDouble manualProbability();

  /** {@return how many touches were recorded} */
  @Value.Default
  public int touchCount() {
    return 0;
  }

  /** {@return when the latest touch happened} */
  public abstract Optional<Instant> lastTouchAt();

  /** {@return why the deal was lost; present only while it is in a lost stage} */
  public abstract Optional<String> lostReason();

  /**
   * The later of the latest touch and entering the current stage: what idle ("rotting")
   * detection measures from.
   *
   * @return the latest activity
   */
  public final Instant lastActivityAt() {
    return lastTouchAt().filter(t -> t.isAfter(stageEnteredAt())).orElse(stageEnteredAt());
  }

  /**
   * Returns one attribute.
   *
   * @param name the attribute name
   * @return the value, or empty if the deal does not have it
   */
  public final Optional<AttributeValue> attribute(String name) {
    return Optional.ofNullable(attributes().get(name));
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
  public final Deal apply(DealEvent event) {
    return DealFold.apply(this, event);
  }

  @Value.Check
  final void check() {
    // Cheap comparisons first: this runs for every new deal value the engine creates.
    boolean ok = !title().isBlank()
        && !stageEnteredAt().isBefore(createdAt())
        && !updatedAt().isBefore(stageEnteredAt())
        && touchCount() >= 0
        && (touchCount() == 0) == lastTouchAt().isEmpty()
        && (manualProbability().isEmpty()
            || Checks.probabilityProblem("p", manualProbability().getAsDouble()) == null)
        && lastTouchAt().filter(t -> t.isBefore(createdAt()) || t.isAfter(updatedAt())).isEmpty();
    if (ok && !attributes().isEmpty()) {
      for (String name : attributes().keySet()) {
        ok &= Checks.idProblem("attribute name", name) == null;
      }
    }
    if (!ok) {
      throw new IllegalArgumentException(String.join("; ", problems()));
    }
  }

  private List<String> problems() {
    List<String> problems = new ArrayList<>();
    String where = "deal '" + id() + "': ";
    if (title().isBlank()) {
      problems.add(where + "title is blank");
    }
    if (stageEnteredAt().isBefore(createdAt())) {
      problems.add(where + "stage entered at " + stageEnteredAt() + " before created at " + createdAt());
    }
    if (updatedAt().isBefore(stageEnteredAt())) {
      problems.add(where + "updated at " + updatedAt() + " before stage entered at " + stageEnteredAt());
    }
    if (manualProbability().isPresent()) {
      String p = Checks.probabilityProblem("manual probability", manualProbability().getAsDouble());
      if (p != null) {
        problems.add(where + p);
      }
    }
    if (touchCount() < 0) {
      problems.add(where + "touch count is negative: " + touchCount());
    }
    if ((touchCount() == 0) != lastTouchAt().isEmpty()) {
      problems.add(where + "touch count " + touchCount() + " and last touch " + lastTouchAt()
          + " disagree");
    }
    lastTouchAt().filter(t -> t.isBefore(createdAt()) || t.isAfter(updatedAt())).ifPresent(
        t -> problems.add(where + "last touch at " + t + " is outside [created, updated]"));
    for (String name : attributes().keySet()) {
      String p = Checks.idProblem("attribute name", name);
      if (p != null) {
        problems.add(where + p);
      }
    }
    return problems;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Deal}. {@code id}, {@code title}, {@code stage} and {@code createdAt} are
   * required; {@link #build()} throws {@link IllegalStateException} naming missing ones and
   * {@link IllegalArgumentException} listing violated invariants.
   */
  public static final class Builder extends ImmutableDeal.Builder {
    Builder() {}
  }
}

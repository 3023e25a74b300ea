package dev.pipelinesdk.core;

import dev.pipelinesdk.core.internal.Checks;
import java.util.Locale;
import java.util.Objects;

/**
 * A link from one deal to a deal in another (or the same) pipeline, recorded as a {@link
 * DealEvent.Linked} event in the histories of both: a won sales deal handed off to customer
 * success names its follow-on deal ({@link Role#FOLLOW_ON}), and the follow-on deal names the
 * deal it came from ({@link Role#ORIGIN}). See {@link Handoff}.
 *
 * @param pipeline the id of the other deal's pipeline definition
 * @param deal the other deal's id
 * @param role what the other deal is to this one
 */
public record DealLink(String pipeline, DealId deal, Role role) {

  /** What the linked deal is to the deal whose history holds the link. */
  public enum Role {
    /** The linked deal was opened from this one (this deal was handed off to it). */
    FOLLOW_ON,
    /** This deal was opened from the linked one (it was handed off to this deal). */
    ORIGIN;

    /** {@return the role as files and JSON spell it: {@code follow-on}, {@code origin}} */
    public String spelling() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@return the role seen from the other deal: {@code FOLLOW_ON} for {@code ORIGIN}} */
    public Role inverse() {
      return this == FOLLOW_ON ? ORIGIN : FOLLOW_ON;
    }
  }

  /**
   * Checks the link.
   *
   * @param pipeline the id of the other deal's pipeline definition
   * @param deal the other deal's id
   * @param role what the other deal is to this one
   * @throws IllegalArgumentException if {@code pipeline} is not a valid id (see {@link StageId})
   * @throws NullPointerException naming the argument if one is null
   */
  public DealLink {
    Checks.id("pipeline", pipeline);
    Objects.requireNonNull(deal, "deal is null");
    Objects.requireNonNull(role, "role is null");
  }

  /** {@return the link in words: {@code follow-on customer-success/D-7-cs}} */
  @Override
  public String toString() {
    return role.spelling() + " " + pipeline + "/" + deal;
  }
}

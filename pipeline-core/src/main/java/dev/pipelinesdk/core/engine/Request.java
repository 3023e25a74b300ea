package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.internal.Checks;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who asks for a change, with which roles, and why. Immutable.
 *
 * @param actor who asks: a user id, {@code "system"}, an automation's name; recorded on the events
 * @param roles the actor's roles, for role guards
 * @param reason why, if given; a move into a lost stage records it as the lost reason
 */
public record Request(String actor, Set<String> roles, Optional<String> reason) {

  /** The actor of {@link #system()}: {@value}. */
  public static final String SYSTEM = "system";

  public Request {
    Checks.id("actor", actor);
    roles = Set.copyOf(roles);
    Objects.requireNonNull(reason, "reason is null");
  }

  /** {@return a request by {@value #SYSTEM}, without roles or reason} */
  public static Request system() {
    return new Request(SYSTEM, Set.of(), Optional.empty());
  }

  /**
   * A request by a named actor.
   *
   * @param actor the user id or automation name
   * @return the request, without roles or reason
   */
  public static Request by(String actor) {
    return new Request(actor, Set.of(), Optional.empty());
  }

  /**
   * Returns this request with roles.
   *
   * @param roles the actor's roles
   * @return the new request
   */
  public Request withRoles(String... roles) {
    return new Request(actor, Set.copyOf(Arrays.asList(roles)), reason);
  }

  /**
   * Returns this request with a reason.
   *
   * @param reason why; for a loss, the lost reason
   * @return the new request
   */
  public Request withReason(String reason) {
    return new Request(actor, roles, Optional.of(Checks.text("reason", reason)));
  }
}

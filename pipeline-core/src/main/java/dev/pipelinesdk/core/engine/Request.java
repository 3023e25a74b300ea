package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.internal.Checks;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who asks for a change, with which roles, why and, optionally, when. Immutable.
 *
 * <p>Time: a request without an instant takes it from the pipeline's {@link
 * java.time.InstantSource} (the convenience for live use); a request {@linkplain #at(Instant) with
 * an instant} is recorded at exactly that instant, whatever the clock says. Imports and
 * simulations pass the instant of each fact this way.
 *
 * @param actor who asks: a user id, {@code "system"}, an automation's name; recorded on the events
 * @param roles the actor's roles, for role guards
 * @param reason why, if given; a move into a lost stage records it as the lost reason
 * @param at when the change happens, if the caller says so; empty to use the pipeline's clock
 */
public record Request(String actor, Set<String> roles, Optional<String> reason,
    Optional<Instant> at) {

  /** The actor of {@link #system()}: {@value}. */
  public static final String SYSTEM = "system";

  /**
   * Creates a request.
   *
   * @param actor who asks: a user id, {@code "system"}, an automation's name; recorded on the
   *     events
   * @param roles the actor's roles, for role guards
   * @param reason why, if given; a move into a lost stage records it as the lost reason
   * @param at when the change happens, if the caller says so; empty to use the pipeline's clock
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the actor is not a valid id
   */
  public Request {
    Checks.id("actor", actor);
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles is null"));
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(at, "at is null");
  }

  /**
   * A request whose instant comes from the pipeline's clock.
   *
   * @param actor who asks
   * @param roles the actor's roles
   * @param reason why, if given
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the actor is not a valid id
   */
  public Request(String actor, Set<String> roles, Optional<String> reason) {
    this(actor, roles, reason, Optional.empty());
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
    Objects.requireNonNull(roles, "roles is null");
    return new Request(actor, Set.copyOf(Arrays.asList(roles)), reason, at);
  }

  /**
   * Returns this request with a reason.
   *
   * @param reason why; for a loss, the lost reason
   * @return the new request
   */
  public Request withReason(String reason) {
    return new Request(actor, roles, Optional.of(Checks.text("reason", reason)), at);
  }

  /**
   * Returns this request at an explicit instant: the engine records the change at {@code
   * instant} instead of asking its clock (for imports, simulations and replays of past facts).
   * The instant must not be earlier than the deal's latest change, or the command is rejected
   * with {@value dev.pipelinesdk.core.guard.Violation#CLOCK_BEHIND}.
   *
   * @param instant when the change happens
   * @return the new request
   * @throws NullPointerException if {@code instant} is null
   */
  public Request at(Instant instant) {
    return new Request(actor, roles, reason,
        Optional.of(Objects.requireNonNull(instant, "instant is null")));
  }
}

package dev.pipelinesdk.core.guard;

import java.util.List;
import java.util.Objects;

/**
 * One reason a change was refused: which rule, a machine-readable code, words for a person, and
 * the subjects involved (for example the names of the missing attributes).
 *
 * @param guard the name of the guard (or engine rule) that refused; empty until the engine or a
 *     combinator stamps it
 * @param code a stable, machine-readable code such as {@value #MISSING_ATTRIBUTES}
 * @param message a sentence a person can act on
 * @param subjects the values the violation is about, such as missing attribute names; may be
 *     empty
 */
public record Violation(String guard, String code, String message, List<String> subjects) {

  /** Code: required attributes are missing; subjects are their names. */
  public static final String MISSING_ATTRIBUTES = "missing_attributes";
  /** Code: the lead score is missing or below the minimum; subject is the score or "missing". */
  public static final String LEAD_SCORE_TOO_LOW = "lead_score_too_low";
  /** Code: fewer touches than required; subject is the touch count. */
  public static final String TOO_FEW_TOUCHES = "too_few_touches";
  /** Code: the move skips open stages; subjects are the skipped stage ids. */
  public static final String SKIPS_STAGES = "skips_stages";
  /** Code: the move goes backward in the funnel order. */
  public static final String BACKWARD_MOVE = "backward_move";
  /** Code: the deal's owner is not among the allowed owners; subject is the owner. */
  public static final String OWNER_NOT_ALLOWED = "owner_not_allowed";
  /** Code: the actor lacks a required role; subjects are the roles that would do. */
  public static final String ROLE_REQUIRED = "role_required";
  /** Code: the deal has not been in its stage long enough; subject is the time still needed. */
  public static final String TOO_EARLY = "too_early";
  /** Code: the deal has no amount, or a zero amount. */
  public static final String AMOUNT_MISSING = "amount_missing";
  /** Code: a custom predicate said no. */
  public static final String PREDICATE_FAILED = "predicate_failed";
  /** Code: a negated guard passed. */
  public static final String NEGATION_FAILED = "negation_failed";
  /** Code: the guard threw an exception (a bug in the rule). */
  public static final String GUARD_ERROR = "guard_error";

  /** Engine code: the deal's stage or the target stage is not in the definition. */
  public static final String UNKNOWN_STAGE = "unknown_stage";
  /** Engine code: the definition declares no transition for the requested move. */
  public static final String NO_TRANSITION = "no_transition";
  /** Engine code: the deal is already in the requested stage. */
  public static final String ALREADY_IN_STAGE = "already_in_stage";
  /** Engine code: win, lose or go dormant matches more than one stage; use a move. */
  public static final String AMBIGUOUS_TARGET = "ambiguous_target";
  /** Engine code: the clock is earlier than the deal's latest event. */
  public static final String CLOCK_BEHIND = "clock_behind";
  /** Engine code: a value in the command is invalid (NaN probability, blank name). */
  public static final String INVALID_VALUE = "invalid_value";
  /** Engine code: an amount's currency differs from the deal's or the definition's. */
  public static final String CURRENCY_MISMATCH = "currency_mismatch";
  /** The guard name the engine uses for its own rules: {@value}. */
  public static final String ENGINE = "pipeline";

  /**
   * Checks the violation.
   *
   * @param guard the name of the guard (or engine rule) that refused; empty until the engine or a
   *     combinator stamps it
   * @param code a stable, machine-readable code such as {@value #MISSING_ATTRIBUTES}
   * @param message a sentence a person can act on
   * @param subjects the values the violation is about, such as missing attribute names; may be
   *     empty
   * @throws IllegalArgumentException if {@code code} or {@code message} is blank
   * @throws NullPointerException if any of {@code guard}, {@code code} or {@code message} is null
   */
  public Violation {
    Objects.requireNonNull(guard, "guard is null");
    Objects.requireNonNull(code, "code is null");
    Objects.requireNonNull(message, "message is null");
    if (code.isBlank() || message.isBlank()) {
      throw new IllegalArgumentException("violation needs a code and a message, got code '" + code
          + "' and message '" + message + "'");
    }
    subjects = List.copyOf(subjects);
  }

  /**
   * A violation not yet attributed to a guard; the engine stamps the guard's name.
   *
   * @param code a machine-readable code
   * @param message words for a person
   * @param subjects what it is about
   * @return the violation
   */
  public static Violation of(String code, String message, String... subjects) {
    return new Violation("", code, message, List.of(subjects));
  }

  /**
   * Returns this violation attributed to a guard, unless it already is.
   *
   * @param guardName the guard's name
   * @return the attributed violation
   */
  public Violation attributedTo(String guardName) {
    return guard.isEmpty() ? new Violation(guardName, code, message, subjects) : this;
  }

  @Override
  public String toString() {
    return "[" + guard + "] " + code + ": " + message;
  }
}

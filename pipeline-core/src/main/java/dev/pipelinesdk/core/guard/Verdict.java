package dev.pipelinesdk.core.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a guard says: pass, or fail with every reason. Immutable.
 *
 * @param violations the reasons; empty means pass
 */
public record Verdict(List<Violation> violations) {
  private static final Verdict PASS = new Verdict(List.of());

  /**
   * Copies the violations.
   *
   * @param violations the reasons; empty means pass
   */
  public Verdict {
    violations = List.copyOf(violations);
  }

  /** {@return the passing verdict} */
  public static Verdict pass() {
    return PASS;
  }

  /**
   * A failing verdict with one reason.
   *
   * @param code a machine-readable code such as {@value Violation#MISSING_ATTRIBUTES}
   * @param message words a person can act on
   * @param subjects what it is about, such as missing attribute names
   * @return the verdict
   */
  public static Verdict fail(String code, String message, String... subjects) {
    return new Verdict(List.of(Violation.of(code, message, subjects)));
  }

  /**
   * A failing verdict with the given reasons.
   *
   * @param violations the reasons, not empty
   * @return the verdict
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public static Verdict fail(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a failing verdict needs at least one violation");
    }
    return new Verdict(violations);
  }

  /** {@return whether the guard passed} */
  public boolean passed() {
    return violations.isEmpty();
  }

  /**
   * Returns both verdicts' reasons together.
   *
   * @param other another verdict
   * @return a verdict that passes only when both pass, listing every reason of both
   */
  public Verdict and(Verdict other) {
    Objects.requireNonNull(other, "other is null");
    if (other.passed()) {
      return this;
    }
    if (passed()) {
      return other;
    }
    List<Violation> all = new ArrayList<>(violations);
    all.addAll(other.violations);
    return new Verdict(all);
  }

  @Override
  public String toString() {
    return passed() ? "pass" : "fail" + violations;
  }
}

package dev.pipelinesdk.core.guard;

import java.util.Objects;

/**
 * A rule that must hold before a deal may take a transition: a strategy over an immutable
 * {@link GuardContext}.
 *
 * <p>Contract: a guard is deterministic in its context (it reads time only from {@link
 * GuardContext#at()}), has no side effects, is safe to call from many threads, and says no by
 * returning a failed {@link Verdict} that lists every reason, never by throwing. A guard that
 * throws anyway is treated as a bug in the rule: the engine turns the throwable (any exception,
 * an {@link AssertionError}, a {@link StackOverflowError}, a checked exception thrown sneakily)
 * into a violation with code {@value Violation#GUARD_ERROR} that names the guard and the
 * throwable, and changes nothing. Only the JVM's fatal errors propagate: {@link
 * VirtualMachineError}s other than {@code StackOverflowError} ({@link OutOfMemoryError}, {@link
 * InternalError}, {@link UnknownError}) and {@link ThreadDeath}. A caught {@link
 * InterruptedException} restores the thread's interrupt flag. See {@link Guards#evaluate}.
 *
 * <p>Give lambdas a name for diagnostics and diagrams with {@link #named(String, Guard)}.
 */
@FunctionalInterface
public interface Guard {

  /**
   * Checks the rule.
   *
   * @param context the deal, the transition, the request and the instant
   * @return {@link Verdict#pass()} or a failure listing every reason
   */
  Verdict check(GuardContext context);

  /**
   * A short name for diagnostics and diagram edges, such as {@code "required attributes [budget]"}.
   * Defaults to the simple class name.
   *
   * @return the name
   */
  default String name() {
    String simple = getClass().getSimpleName();
    int lambda = simple.indexOf("$$Lambda");
    return lambda >= 0 ? "unnamed guard (" + simple.substring(0, lambda) + " lambda)" : simple;
  }

  /**
   * Gives a guard a name.
   *
   * @param name the name shown in violations and diagrams
   * @param guard the guard
   * @return a guard that delegates to {@code guard} and reports {@code name}
   */
  static Guard named(String name, Guard guard) {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(guard, "guard is null");
    return new Guard() {
      @Override
      public Verdict check(GuardContext context) {
        return guard.check(context);
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}

package dev.pipelinesdk.core.guard;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.TransitionKind;
import dev.pipelinesdk.core.internal.Throwables;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Built-in guards and combinators. Every guard returned here is immutable, thread-safe, named
 * for diagnostics, and reports every reason it says no.
 */
public final class Guards {
  private Guards() {}

  /**
   * Checks a guard, turning a throwable into a violation: the one place the SDK calls {@link
   * Guard#check}. Violations come back attributed to the guard (unless a nested guard already
   * claimed them).
   *
   * <p>Every throwable is caught (an exception, an {@link AssertionError}, a {@link
   * StackOverflowError}, a checked exception thrown sneakily) except the JVM's fatal errors:
   * {@link VirtualMachineError}s other than {@code StackOverflowError} ({@link OutOfMemoryError},
   * {@link InternalError}, {@link UnknownError}) and {@link ThreadDeath}, which propagate. A caught
   * {@link InterruptedException} restores the thread's interrupt flag.
   *
   * @param guard the guard
   * @param context the context
   * @return the guard's verdict, or a failure with code {@value Violation#GUARD_ERROR} naming the
   *     guard and the throwable if it threw
   */
  public static Verdict evaluate(Guard guard, GuardContext context) {
    Verdict verdict;
    try {
      verdict = guard.check(context);
      if (verdict == null) {
        String name = safeName(guard);
        return Verdict.fail(List.of(new Violation(name, Violation.GUARD_ERROR,
            "guard '" + name + "' returned null instead of a verdict", List.of())));
      }
    } catch (Throwable e) { // the one policy: see Throwables; fatal JVM errors propagate
      Throwables.absorb(e);
      String name = safeName(guard);
      return Verdict.fail(List.of(new Violation(name, Violation.GUARD_ERROR,
          "guard '" + name + "' threw " + Throwables.describe(e),
          List.of(e.getClass().getName()))));
    }
    if (verdict.passed()) {
      return verdict; // the name is only needed to attribute violations
    }
    String name = safeName(guard);
    List<Violation> attributed = new ArrayList<>(verdict.violations().size());
    for (Violation v : verdict.violations()) {
      attributed.add(v.attributedTo(name));
    }
    return new Verdict(attributed);
  }

  private static String safeName(Guard guard) {
    try {
      String name = guard.name();
      return name == null || name.isBlank() ? guard.getClass().getName() : name;
    } catch (Throwable e) { // the same policy as for check
      Throwables.absorb(e);
      return guard.getClass().getName();
    }
  }

  /**
   * The deal must have every listed attribute (HubSpot's required properties, a mortgage
   * milestone's completion requirements). A flag attribute set to {@code false} and blank text
   * count as missing.
   *
   * @param names the attribute names
   * @return the guard; its violation has code {@value Violation#MISSING_ATTRIBUTES} and the missing
   *     names as subjects
   */
  public static Guard requiredAttributes(String... names) {
    List<String> required = List.copyOf(Arrays.asList(names));
    return named("required attributes " + required, c -> {
      List<String> missing = required.stream()
          .filter(n -> !present(c.deal().attribute(n)))
          .collect(Collectors.toList());
      return missing.isEmpty() ? Verdict.pass() : Verdict.fail(Violation.MISSING_ATTRIBUTES,
          "deal '" + c.deal().id() + "' needs " + String.join(", ", missing) + " before "
              + c.transition(),
          missing.toArray(String[]::new));
    });
  }

  private static boolean present(Optional<AttributeValue> value) {
    if (value.isEmpty()) {
      return false;
    }
    AttributeValue v = value.get();
    if (v instanceof AttributeValue.Flag) {
      return ((AttributeValue.Flag) v).value();
    }
    if (v instanceof AttributeValue.Text) {
      return !((AttributeValue.Text) v).value().isBlank();
    }
    return true;
  }

  /**
   * The deal's lead score (number attribute {@value Deal#LEAD_SCORE}) must be at least {@code
   * minimum}: the marketing-qualified-lead rule.
   *
   * @param minimum the lowest passing score
   * @return the guard; its violation has code {@value Violation#LEAD_SCORE_TOO_LOW}
   */
  public static Guard minimumLeadScore(double minimum) {
    return minimumNumber(Deal.LEAD_SCORE, minimum, Violation.LEAD_SCORE_TOO_LOW);
  }

  /**
   * A number attribute must be at least {@code minimum}.
   *
   * @param attribute the attribute name
   * @param minimum the lowest passing value
   * @param code the violation code to report
   * @return the guard; the violation's subject is the value found, or "missing"
   */
  public static Guard minimumNumber(String attribute, double minimum, String code) {
    if (!Double.isFinite(minimum)) {
      throw new IllegalArgumentException("minimum must be finite, not " + minimum);
    }
    BigDecimal min = BigDecimal.valueOf(minimum);
    // Fast path: a number's double is within half an ulp of it, so a double two ulps clear of
    // the minimum decides without BigDecimal's scale alignment; near the minimum, compare exactly.
    double above = Math.nextUp(Math.nextUp(minimum));
    double below = Math.nextDown(Math.nextDown(minimum));
    return named(attribute + " >= " + stripped(min), c -> {
      Optional<AttributeValue> v = c.deal().attribute(attribute);
      if (v.isEmpty() || !(v.get() instanceof AttributeValue.Number)) {
        return Verdict.fail(code, "deal '" + c.deal().id() + "' has no number " + attribute
            + (v.isPresent() ? " (found " + v.get() + ")" : "") + "; needs at least "
            + stripped(min), "missing");
      }
      BigDecimal value = ((AttributeValue.Number) v.get()).value();
      double d = value.doubleValue();
      boolean passes = d > above || (d >= below && value.compareTo(min) >= 0);
      return passes ? Verdict.pass() : Verdict.fail(code,
          "deal '" + c.deal().id() + "' has " + attribute + " " + value.toPlainString()
              + "; needs at least " + stripped(min), value.toPlainString());
    });
  }

  private static String stripped(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  /**
   * The deal must have at least {@code minimum} recorded touches ("6 to 8 touches to get a viable
   * lead").
   *
   * @param minimum the lowest passing count, not negative
   * @return the guard; its violation has code {@value Violation#TOO_FEW_TOUCHES}
   */
  public static Guard minimumTouches(int minimum) {
    if (minimum < 0) {
      throw new IllegalArgumentException("minimum touches must not be negative: " + minimum);
    }
    return named("touches >= " + minimum, c -> c.deal().touchCount() >= minimum ? Verdict.pass()
        : Verdict.fail(Violation.TOO_FEW_TOUCHES, "deal '" + c.deal().id() + "' has "
            + c.deal().touchCount() + " touches; needs at least " + minimum,
            Integer.toString(c.deal().touchCount())));
  }

  /**
   * A move between open stages must not skip an open stage in the funnel order (HubSpot's "no
   * skipping" rule). Moves into or out of won, lost and dormant stages are not skips.
   *
   * @return the guard; its violation has code {@value Violation#SKIPS_STAGES} and the skipped
   *     stage ids as subjects
   */
  public static Guard noSkipping() {
    return named("no skipping", c -> {
      if (c.transition().kind() != TransitionKind.ADVANCE) {
        return Verdict.pass();
      }
      List<Stage> open = c.definition().openStages();
      int from = c.definition().funnelIndex(c.from()).orElseThrow();
      int to = c.definition().funnelIndex(c.to()).orElseThrow();
      if (to == from + 1) {
        return Verdict.pass();
      }
      String[] skipped = open.subList(from + 1, to).stream()
          .map(s -> s.id().value()).toArray(String[]::new);
      return Verdict.fail(Violation.SKIPS_STAGES, "moving deal '" + c.deal().id() + "' from "
          + c.from() + " to " + c.to() + " skips " + String.join(", ", skipped), skipped);
    });
  }

  /**
   * A move between open stages must not go backward in the funnel order (HubSpot's "no moving
   * backwards" rule).
   *
   * @return the guard; its violation has code {@value Violation#BACKWARD_MOVE}
   */
  public static Guard noBackwardMoves() {
    return named("no backward moves", c -> c.transition().kind() != TransitionKind.BACKWARD
        ? Verdict.pass()
        : Verdict.fail(Violation.BACKWARD_MOVE, "moving deal '" + c.deal().id() + "' from "
            + c.from() + " back to " + c.to() + " is not allowed", c.to().value()));
  }

  /**
   * The deal's owner must be one of the given owners.
   *
   * @param owners the allowed owners
   * @return the guard; its violation has code {@value Violation#OWNER_NOT_ALLOWED}
   */
  public static Guard ownerIn(String... owners) {
    Set<String> allowed = Set.copyOf(Arrays.asList(owners));
    // Sorted for the messages: a Set.copyOf iterates in an order that changes between JVM runs.
    List<String> sorted = allowed.stream().sorted().collect(Collectors.toList());
    return named("owner in " + sorted, c -> {
      Optional<String> owner = c.deal().owner();
      return owner.isPresent() && allowed.contains(owner.get()) ? Verdict.pass()
          : Verdict.fail(Violation.OWNER_NOT_ALLOWED, "deal '" + c.deal().id() + "' is owned by "
              + owner.orElse("nobody") + "; only " + sorted + " may take " + c.transition(),
              owner.orElse(""));
    });
  }

  /**
   * The requesting actor must have at least one of the given roles.
   *
   * @param roles the roles that may take the transition
   * @return the guard; its violation has code {@value Violation#ROLE_REQUIRED} and the roles as
   *     subjects
   */
  public static Guard actorHasRole(String... roles) {
    List<String> any = List.copyOf(Arrays.asList(roles));
    return named("actor has role " + any, c -> {
      for (String r : any) {
        if (c.request().roles().contains(r)) {
          return Verdict.pass();
        }
      }
      return Verdict.fail(Violation.ROLE_REQUIRED, c.request().actor() + " needs role "
          + String.join(" or ", any) + " for " + c.transition(), any.toArray(String[]::new));
    });
  }

  /**
   * The deal must have been in its current stage for at least {@code minimum} at the request's
   * instant.
   *
   * @param minimum the minimum time in stage, not negative
   * @return the guard; its violation has code {@value Violation#TOO_EARLY} and the time still
   *     needed as subject (ISO-8601 duration)
   */
  public static Guard minimumTimeInStage(Duration minimum) {
    Objects.requireNonNull(minimum, "minimum is null");
    if (minimum.isNegative()) {
      throw new IllegalArgumentException("minimum time in stage must not be negative: " + minimum);
    }
    return named("time in stage >= " + minimum, c -> {
      Duration in = Duration.between(c.deal().stageEnteredAt(), c.at());
      return in.compareTo(minimum) >= 0 ? Verdict.pass() : Verdict.fail(Violation.TOO_EARLY,
          "deal '" + c.deal().id() + "' has been in " + c.from() + " for " + in + "; needs "
              + minimum, minimum.minus(in).toString());
    });
  }

  /**
   * The deal must have a non-zero amount.
   *
   * @return the guard; its violation has code {@value Violation#AMOUNT_MISSING}
   */
  public static Guard amountPresent() {
    return named("amount present", c -> c.deal().amount().filter(m -> !m.isZero()).isPresent()
        ? Verdict.pass()
        : Verdict.fail(Violation.AMOUNT_MISSING, "deal '" + c.deal().id() + "' needs an amount "
            + "before " + c.transition()));
  }

  /**
   * A custom rule as a predicate.
   *
   * @param name the guard name
   * @param code the violation code when the predicate is false
   * @param message what the violation says, or a function of the context producing it
   * @param predicate true to pass
   * @return the guard
   */
  public static Guard predicate(
      String name, String code, Function<GuardContext, String> message,
      Predicate<GuardContext> predicate) {
    Objects.requireNonNull(code, "code is null");
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(predicate, "predicate is null");
    return named(name, c -> predicate.test(c) ? Verdict.pass()
        : Verdict.fail(code, message.apply(c)));
  }

  /**
   * A custom rule as a predicate with a fixed message and code {@value
   * Violation#PREDICATE_FAILED}.
   *
   * @param name the guard name
   * @param message what the violation says
   * @param predicate true to pass
   * @return the guard
   */
  public static Guard predicate(String name, String message, Predicate<GuardContext> predicate) {
    Objects.requireNonNull(message, "message is null");
    return predicate(name, Violation.PREDICATE_FAILED, c -> message, predicate);
  }

  /**
   * Passes when every guard passes; otherwise reports the reasons of every guard that failed.
   *
   * @param guards the guards, all checked
   * @return the combined guard
   */
  public static Guard allOf(Guard... guards) {
    List<Guard> all = checkedList(guards);
    return named("all of " + names(all), c -> {
      Verdict v = Verdict.pass();
      for (Guard g : all) {
        v = v.and(evaluate(g, c));
      }
      return v;
    });
  }

  /**
   * Passes when at least one guard passes; otherwise reports the reasons of every guard.
   *
   * @param guards the guards; checked in order until one passes
   * @return the combined guard
   */
  public static Guard anyOf(Guard... guards) {
    List<Guard> all = checkedList(guards);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("anyOf needs at least one guard");
    }
    return named("any of " + names(all), c -> {
      List<Violation> reasons = new ArrayList<>();
      for (Guard g : all) {
        Verdict v = evaluate(g, c);
        if (v.passed()) {
          return v;
        }
        reasons.addAll(v.violations());
      }
      return Verdict.fail(reasons);
    });
  }

  /**
   * Passes when the guard fails. A guard that throws stays a failure (with its error).
   *
   * @param guard the guard to negate
   * @param code the violation code when {@code guard} passes
   * @param message what the violation says
   * @return the negated guard
   */
  public static Guard not(Guard guard, String code, String message) {
    Objects.requireNonNull(guard, "guard is null");
    Objects.requireNonNull(code, "code is null");
    Objects.requireNonNull(message, "message is null");
    return named("not " + safeName(guard), c -> {
      Verdict v = evaluate(guard, c);
      if (v.passed()) {
        return Verdict.fail(code, message);
      }
      boolean errored = v.violations().stream()
          .anyMatch(x -> x.code().equals(Violation.GUARD_ERROR));
      return errored ? v : Verdict.pass();
    });
  }

  /**
   * Passes when the guard fails, with code {@value Violation#NEGATION_FAILED}.
   *
   * @param guard the guard to negate
   * @return the negated guard
   */
  public static Guard not(Guard guard) {
    return not(guard, Violation.NEGATION_FAILED, "'" + safeName(guard) + "' must not hold");
  }

  private static List<Guard> checkedList(Guard... guards) {
    List<Guard> list = Arrays.asList(guards);
    for (int i = 0; i < list.size(); i++) {
      Objects.requireNonNull(list.get(i), "guard " + i + " is null");
    }
    return List.copyOf(list);
  }

  private static String names(List<Guard> guards) {
    return guards.stream().map(Guards::safeName).collect(Collectors.joining(", ", "[", "]"));
  }

  private static Guard named(String name, Guard guard) {
    return Guard.named(name, guard);
  }
}

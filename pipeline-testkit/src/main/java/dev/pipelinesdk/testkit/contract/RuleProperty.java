package dev.pipelinesdk.testkit.contract;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One named property of a {@link RuleContract}: something a rule must do for every input.
 *
 * @param <R> the rule type, such as {@code Guard}
 * @param <I> the input type, such as {@code GuardContext}
 */
public interface RuleProperty<R, I> {

  /** {@return the property's name, such as {@code "deterministic"}; unique within a contract} */
  String name();

  /**
   * Checks the property for one input.
   *
   * @param rule the rule under test
   * @param input a generated input
   * @return empty if the property holds; otherwise why not, in words a person can act on.
   *     Throwing also counts as "does not hold", with the exception as the reason.
   */
  Optional<String> check(R rule, I input);

  /**
   * A property from a name and a check.
   *
   * @param name the name
   * @param check returns empty if the property holds, otherwise why not
   * @param <R> the rule type
   * @param <I> the input type
   * @return the property
   */
  static <R, I> RuleProperty<R, I> of(String name, BiFunction<R, I, Optional<String>> check) {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(check, "check is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("property name is blank");
    }
    return new RuleProperty<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<String> check(R rule, I input) {
        return Objects.requireNonNull(check.apply(rule, input),
            () -> "property '" + name + "' returned null instead of an Optional");
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}

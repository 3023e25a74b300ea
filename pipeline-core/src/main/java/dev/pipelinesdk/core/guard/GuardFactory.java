package dev.pipelinesdk.core.guard;

import java.util.Map;

/**
 * Service that makes guards by name, for definitions written as data (templates, files) rather
 * than code. Register implementations with {@code provides} in {@code module-info.java} and in
 * {@code META-INF/services/dev.pipelinesdk.core.guard.GuardFactory}; look them up with {@link
 * GuardFactories}. Core provides the built-ins of {@link Guards} by name: {@code
 * required-attributes}, {@code minimum-lead-score}, {@code minimum-touches}, {@code no-skipping},
 * {@code no-backward-moves}, {@code amount-present}, {@code minimum-time-in-stage}, {@code
 * actor-has-role} and {@code owner-in}, and the qualification guards of {@link
 * dev.pipelinesdk.core.scoring.Qualification}, {@code marketing-qualified} and {@code
 * sales-qualified} ({@link GuardFactories#load()} lists them with their descriptions).
 */
public interface GuardFactory {

  /** {@return the name the guard is looked up by, such as {@code "required-attributes"}} */
  String name();

  /** {@return one line saying what the guard checks and which parameters it takes} */
  String description();

  /**
   * Makes a guard.
   *
   * @param parameters the guard's parameters as text, such as {@code {"names": "budget,need"}}
   * @return the guard
   * @throws IllegalArgumentException naming the parameter and value if a parameter is missing or
   *     invalid
   */
  Guard create(Map<String, String> parameters);
}

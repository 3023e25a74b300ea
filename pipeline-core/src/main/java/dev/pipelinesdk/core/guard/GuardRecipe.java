package dev.pipelinesdk.core.guard;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a guard was made by a {@link GuardFactory}: the factory's name and the parameters it was
 * given. A definition written as data (a file, a template) names its guards this way, so a guard
 * with a recipe can be written out and made again ({@link GuardFactories#recipe(Guard)}).
 *
 * @param factory the factory name, such as {@code "minimum-lead-score"}
 * @param parameters the parameters as text, sorted by name, such as {@code {min=50}}; unmodifiable
 */
public record GuardRecipe(String factory, Map<String, String> parameters) {

  /**
   * Checks and copies the recipe.
   *
   * @param factory the factory name
   * @param parameters the parameters as text
   * @throws NullPointerException if the name, the map or one of its keys or values is null
   */
  public GuardRecipe {
    Objects.requireNonNull(factory, "guard name is null");
    Objects.requireNonNull(parameters, "parameters is null");
    TreeMap<String, String> sorted = new TreeMap<>();
    parameters.forEach((k, v) -> sorted.put(Objects.requireNonNull(k, "parameter name is null"),
        Objects.requireNonNull(v, "parameter '" + k + "' is null")));
    parameters = Collections.unmodifiableMap(sorted);
  }
}

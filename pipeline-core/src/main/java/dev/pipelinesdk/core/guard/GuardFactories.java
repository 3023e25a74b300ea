package dev.pipelinesdk.core.guard;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Finds {@link GuardFactory} services and makes guards by name.
 *
 * <p>A guard made here remembers its {@link GuardRecipe} (factory name and parameters) and is a
 * value: it equals every other guard made from the same factory name and the same parameters, so
 * two definitions made from the same data (a file read twice, a template and the file written
 * from it) are equal. Its {@link Guard#name() name}, verdicts and {@code toString} are those of the
 * guard the factory made. Guards made any other way compare by identity.
 */
public final class GuardFactories {
  private GuardFactories() {}

  /**
   * Loads every guard factory visible to the given class loader's {@link ServiceLoader}.
   *
   * @return the factories by name, sorted
   * @throws IllegalStateException naming both providers if two factories share a name
   */
  public static Map<String, GuardFactory> load() {
    Map<String, GuardFactory> byName = new TreeMap<>();
    for (GuardFactory f : ServiceLoader.load(GuardFactory.class, GuardFactory.class.getClassLoader())) {
      GuardFactory before = byName.putIfAbsent(f.name(), f);
      if (before != null) {
        throw new IllegalStateException("two guard factories are named '" + f.name() + "': "
            + before.getClass().getName() + " and " + f.getClass().getName());
      }
    }
    return Map.copyOf(byName);
  }

  /**
   * Makes a guard by factory name.
   *
   * @param name the factory name, such as {@code "minimum-lead-score"}
   * @param parameters the guard's parameters
   * @return the guard; it remembers its {@link #recipe recipe} and compares by it
   * @throws IllegalArgumentException if no factory has that name (the message lists the known
   *     names) or a parameter is invalid
   */
  public static Guard create(String name, Map<String, String> parameters) {
    Objects.requireNonNull(name, "guard name is null");
    Objects.requireNonNull(parameters, "parameters is null");
    Map<String, GuardFactory> all = load();
    GuardFactory f = all.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no guard named '" + name + "'; known guards: "
          + new TreeMap<>(all).keySet());
    }
    return createWith(f, parameters);
  }

  /**
   * Makes a guard with a given factory, without the service loader (templates use this for the
   * built-in factories).
   *
   * @param factory the factory
   * @param parameters the guard's parameters
   * @return the guard; it remembers its {@link #recipe recipe} and compares by it
   * @throws IllegalArgumentException if a parameter is invalid
   */
  public static Guard createWith(GuardFactory factory, Map<String, String> parameters) {
    Objects.requireNonNull(factory, "guard factory is null");
    GuardRecipe recipe = new GuardRecipe(factory.name(), parameters);
    Guard made = Objects.requireNonNull(factory.create(recipe.parameters()),
        () -> "guard factory '" + factory.name() + "' returned null");
    return made instanceof FactoryGuard ? made : new FactoryGuard(recipe, made);
  }

  /**
   * How a guard was made, if it was made by {@link #create(String, Map)} or {@link
   * #createWith(GuardFactory, Map)}.
   *
   * @param guard the guard
   * @return its factory name and parameters, or empty for a guard made any other way (a lambda,
   *     {@link Guards}' methods called directly)
   */
  public static Optional<GuardRecipe> recipe(Guard guard) {
    Objects.requireNonNull(guard, "guard is null");
    return guard instanceof FactoryGuard ? Optional.of(((FactoryGuard) guard).recipe)
        : Optional.empty();
  }

  /** A factory-made guard: delegates to it, equal by recipe. */
  private static final class FactoryGuard implements Guard {
    final GuardRecipe recipe;
    private final Guard guard;

    FactoryGuard(GuardRecipe recipe, Guard guard) {
      this.recipe = recipe;
      this.guard = guard;
    }

    @Override
    public Verdict check(GuardContext context) {
      return guard.check(context);
    }

    @Override
    public String name() {
      return guard.name();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof FactoryGuard && recipe.equals(((FactoryGuard) o).recipe);
    }

    @Override
    public int hashCode() {
      return recipe.hashCode();
    }

    @Override
    public String toString() {
      return guard.toString();
    }
  }
}

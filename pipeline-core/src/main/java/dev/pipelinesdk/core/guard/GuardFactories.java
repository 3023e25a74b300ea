package dev.pipelinesdk.core.guard;

import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds {@link GuardFactory} services and makes guards by name. */
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
   * @return the guard
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
    return f.create(parameters);
  }
}

package dev.pipelinesdk.core.forecast;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The forecast models visible to {@link ServiceLoader}, by name. */
public final class ForecastModels {
  private ForecastModels() {}

  /**
   * Loads every model visible to {@link ServiceLoader}.
   *
   * @return the models by name, sorted
   * @throws IllegalStateException naming both providers if two models share a name
   */
  public static Map<String, ForecastModel> load() {
    return byName(ServiceLoader.load(ForecastModel.class, ForecastModel.class.getClassLoader()));
  }

  /**
   * Indexes models by name, loud on duplicates.
   *
   * @param models the models
   * @return the models by name, sorted
   * @throws IllegalStateException naming both classes if two models share a name
   */
  public static Map<String, ForecastModel> byName(Iterable<? extends ForecastModel> models) {
    Map<String, ForecastModel> byName = new TreeMap<>();
    for (ForecastModel m : models) {
      ForecastModel before = byName.putIfAbsent(m.name(), m);
      if (before != null) {
        throw new IllegalStateException("two forecast models are named '" + m.name() + "': "
            + before.getClass().getName() + " and " + m.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /**
   * Finds a model by name.
   *
   * @param name the name, such as {@code "weighted"}
   * @return the model
   * @throws IllegalArgumentException if no model has that name; the message lists the known names
   */
  public static ForecastModel named(String name) {
    Objects.requireNonNull(name, "model name is null");
    Map<String, ForecastModel> all = load();
    ForecastModel m = all.get(name);
    if (m == null) {
      throw new IllegalArgumentException("no forecast model named '" + name + "'; known models: "
          + all.keySet());
    }
    return m;
  }
}

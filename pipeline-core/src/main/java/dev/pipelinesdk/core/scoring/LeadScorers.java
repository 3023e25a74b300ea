package dev.pipelinesdk.core.scoring;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The lead scorers visible to {@link ServiceLoader}, by name. */
public final class LeadScorers {
  private LeadScorers() {}

  /**
   * Loads every scorer visible to {@link ServiceLoader} (core provides {@code points}).
   *
   * @return the scorers by name, sorted
   * @throws IllegalStateException naming both providers if two scorers share a name
   */
  public static Map<String, LeadScorer> load() {
    return byName(ServiceLoader.load(LeadScorer.class, LeadScorer.class.getClassLoader()));
  }

  /**
   * Indexes scorers by name, loud on duplicates.
   *
   * @param scorers the scorers
   * @return the scorers by name, sorted; unmodifiable
   * @throws IllegalStateException naming both classes if two scorers share a name
   */
  public static Map<String, LeadScorer> byName(Iterable<? extends LeadScorer> scorers) {
    Objects.requireNonNull(scorers, "scorers is null");
    Map<String, LeadScorer> byName = new TreeMap<>();
    for (LeadScorer s : scorers) {
      LeadScorer before = byName.putIfAbsent(s.name(), s);
      if (before != null) {
        throw new IllegalStateException("two lead scorers are named '" + s.name() + "': "
            + before.getClass().getName() + " and " + s.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /**
   * Finds a scorer by name.
   *
   * @param name the name, such as {@code "points"}
   * @return the scorer
   * @throws IllegalArgumentException if no scorer has that name; the message lists the known names
   * @throws IllegalStateException if two scorers share a name
   */
  public static LeadScorer named(String name) {
    Objects.requireNonNull(name, "scorer name is null");
    Map<String, LeadScorer> all = load();
    LeadScorer s = all.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no lead scorer named '" + name + "'; known scorers: "
          + all.keySet());
    }
    return s;
  }
}

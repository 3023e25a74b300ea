package dev.pipelinesdk.core.template;

import dev.pipelinesdk.core.PipelineDefinition;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds {@link PipelineTemplate} services by name. */
public final class PipelineTemplates {
  private PipelineTemplates() {}

  /**
   * Loads every template visible to {@link ServiceLoader}.
   *
   * @return the templates by name, sorted
   * @throws IllegalStateException naming both providers if two templates share a name
   */
  public static Map<String, PipelineTemplate> load() {
    Map<String, PipelineTemplate> byName = new TreeMap<>();
    for (PipelineTemplate t
        : ServiceLoader.load(PipelineTemplate.class, PipelineTemplate.class.getClassLoader())) {
      PipelineTemplate before = byName.putIfAbsent(t.name(), t);
      if (before != null) {
        throw new IllegalStateException("two pipeline templates are named '" + t.name() + "': "
            + before.getClass().getName() + " and " + t.getClass().getName());
      }
    }
    return java.util.Collections.unmodifiableMap(byName);
  }

  /**
   * The definition of a template.
   *
   * @param name the template name, such as {@code "saas-b2b"}
   * @return the definition
   * @throws IllegalArgumentException if no template has that name; the message lists the known
   *     names
   */
  public static PipelineDefinition definition(String name) {
    Objects.requireNonNull(name, "template name is null");
    Map<String, PipelineTemplate> all = load();
    PipelineTemplate t = all.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no pipeline template named '" + name
          + "'; known templates: " + all.keySet());
    }
    return t.definition();
  }
}

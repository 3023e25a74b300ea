package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline definitions of a job, by pipeline key (a tenant, a business unit, a pipeline):
 * which definition the histories of a key are read with and measured against. Immutable and
 * thread-safe; {@link SparkPipelines} broadcasts it to the executors once.
 *
 * <p>What travels is how to make each definition, not the definition: a {@link
 * PipelineDefinition} holds guards, which are code, and is not serializable. A key names either
 * a {@linkplain Builder#template template} (found by name on each executor through {@link
 * PipelineTemplates}, so the template's jar must be on the executors' class path, as it is with
 * {@code spark-submit --jars}) or a {@linkplain Builder#definition serializable source} such as a
 * static method reference ({@code MyPipelines::acme}). Each executor makes a key's definition
 * once, when first asked.
 *
 * <pre>{@code
 * Definitions definitions = Definitions.builder()
 *     .template("acme", "saas-b2b")
 *     .definition("globex", MyPipelines::globex)
 *     .build();
 * }</pre>
 */
public final class Definitions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How to make a definition where it is needed: on the driver and on each executor. */
  @FunctionalInterface
  public interface Source extends Serializable {
    /**
     * Makes the definition.
     *
     * @return the definition
     */
    PipelineDefinition definition();
  }

  /** How to make each key's definition. */
  private final Map<String, Source> sources;
  /** Where each key's definition comes from, in words. */
  private final Map<String, String> described;
  /** The definitions made so far in this JVM: derived data, kept on the object it derives from. */
  private transient Map<String, PipelineDefinition> made;

  private Definitions(Map<String, Source> sources, Map<String, String> described) {
    this.sources = sources;
    this.described = described;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the pipeline keys, in the order they were given} */
  public Set<String> keys() {
    return sources.keySet();
  }

  /**
   * Returns the definition of a key, made on first use in this JVM.
   *
   * @param key the pipeline key
   * @return the definition
   * @throws IllegalArgumentException if the key has no definition (the message lists the known
   *     keys), or its template is not found (naming the known templates)
   */
  public PipelineDefinition definition(String key) {
    Objects.requireNonNull(key, "pipeline key is null");
    Source source = sources.get(key);
    if (source == null) {
      throw new IllegalArgumentException("no definition for pipeline '" + key + "'; known: "
          + sources.keySet());
    }
    Map<String, PipelineDefinition> m;
    synchronized (this) {
      if (made == null) {
        made = new ConcurrentHashMap<>();
      }
      m = made;
    }
    return m.computeIfAbsent(key, k -> Objects.requireNonNull(source.definition(),
        "the definition source of pipeline '" + k + "' returned null"));
  }

  /** {@return each key and where its definition comes from} */
  @Override
  public String toString() {
    return "Definitions" + described;
  }

  /** Builds {@link Definitions}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, String> described = new LinkedHashMap<>();

    Builder() {}

    /**
     * Reads a key's histories with a template's definition.
     *
     * @param key the pipeline key
     * @param template the template name, such as {@code "saas-b2b"}
     * @return this builder
     * @throws IllegalArgumentException if the key was given before, or no template has that
     *     name here (on the driver), naming the known templates
     */
    public Builder template(String key, String template) {
      Objects.requireNonNull(template, "template name is null");
      PipelineTemplates.definition(template); // fails here, on the driver, for an unknown name
      return put(key, new TemplateSource(template), "template " + template);
    }

    /**
     * Reads a key's histories with the definition a source makes.
     *
     * @param key the pipeline key
     * @param source the source, serializable (a method reference or lambda typed as {@link
     *     Source} is)
     * @return this builder
     * @throws IllegalArgumentException if the key was given before
     */
    public Builder definition(String key, Source source) {
      Objects.requireNonNull(source, "source is null");
      return put(key, source, "source");
    }

    private Builder put(String key, Source source, String what) {
      Objects.requireNonNull(key, "pipeline key is null");
      if (sources.putIfAbsent(key, source) != null) {
        throw new IllegalArgumentException("pipeline '" + key + "' is given twice");
      }
      described.put(key, what);
      return this;
    }

    /** {@return the definitions} */
    public Definitions build() {
      return new Definitions(Collections.unmodifiableMap(new LinkedHashMap<>(sources)),
          Collections.unmodifiableMap(new LinkedHashMap<>(described)));
    }
  }

  /** A template found by name where the definition is needed. */
  private record TemplateSource(String template) implements Source {
    private static final long serialVersionUID = 1L;

    @Override
    public PipelineDefinition definition() {
      return PipelineTemplates.definition(template);
    }
  }
}

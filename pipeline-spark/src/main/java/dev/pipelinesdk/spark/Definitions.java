package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.files.DefinitionFileException;
import dev.pipelinesdk.files.DefinitionFiles;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * PipelineDefinition} holds guards, which are code, and is not serializable. A key names one of
 *
 * <ul>
 *   <li>a {@linkplain Builder#template template}, found by name on each executor through {@link
 *       PipelineTemplates}, so the template's jar must be on the executors' class path, as it is
 *       with {@code spark-submit --jars};
 *   <li>a {@linkplain Builder#file(String, Path) definition file} (JSON or YAML, the format of
 *       {@link DefinitionFiles} that the command line's {@code --definition} reads): its text
 *       travels and each executor reads it; the guards it names by factory must be found there
 *       as on the driver (the built-in ones always are);
 *   <li>a {@linkplain Builder#definition serializable source} such as a static method reference
 *       ({@code MyPipelines::acme}).
 * </ul>
 *
 * <p>Each executor makes a key's definition once, when first asked. Templates and files are
 * also read once on the driver, when given, so that an unknown name or a file's problems fail
 * there, before any task.
 *
 * <pre>{@code
 * Definitions definitions = Definitions.builder()
 *     .template("acme", "saas-b2b")
 *     .file("initech", Path.of("pipelines/initech.yaml"))
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
     * Reads a key's histories with the definition in a definition file on the driver's file
     * system (JSON, or YAML for names ending in {@code .yaml} or {@code .yml}). The file is read
     * now, checked, and its text travels to the executors.
     *
     * @param key the pipeline key
     * @param file the definition file
     * @return this builder
     * @throws DefinitionFileException if the file is missing, unreadable, or holds problems
     *     (every one, each naming the file, the JSON path and the value)
     * @throws IllegalArgumentException if the key was given before
     */
    public Builder file(String key, Path file) throws DefinitionFileException {
      Objects.requireNonNull(file, "file is null");
      DefinitionFiles.read(file); // every problem, naming the file, here on the driver
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        // read a moment ago; gone or changed since
        throw new IllegalStateException(file + ": cannot read the file again: " + e, e);
      }
      return file(key, file.toString(), text);
    }

    /**
     * Reads a key's histories with the definition a definition file's text gives, read from
     * wherever the caller keeps it (an object store, a table, a resource). The text is checked
     * now and travels to the executors.
     *
     * @param key the pipeline key
     * @param source what to call the text in messages, such as {@code
     *     s3a://lake/pipelines/initech.yaml}; a name ending in {@code .yaml} or {@code .yml} is
     *     read as YAML, any other as JSON
     * @param text the file's content
     * @return this builder
     * @throws DefinitionFileException if the text holds problems (every one, each naming the
     *     source, the JSON path and the value) or is not JSON (or YAML)
     * @throws IllegalArgumentException if the key was given before
     */
    public Builder file(String key, String source, String text) throws DefinitionFileException {
      Objects.requireNonNull(source, "source is null");
      Objects.requireNonNull(text, "text is null");
      DefinitionFiles.Format format = DefinitionFiles.Format.of(source);
      DefinitionFiles.read(source, text, format);
      return put(key, new FileSource(source, text, format), "file " + source);
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

  /** A definition file's text, read where the definition is needed. */
  private record FileSource(String source, String text, DefinitionFiles.Format format)
      implements Source {
    private static final long serialVersionUID = 1L;

    @Override
    public PipelineDefinition definition() {
      try {
        return DefinitionFiles.read(source, text, format);
      } catch (DefinitionFileException e) {
        // read on the driver without a problem: here a guard factory or template is missing
        throw new IllegalStateException("the definition file " + source + ", read on the"
            + " driver, cannot be read here (is every guard factory's jar on this executor's"
            + " class path?):\n" + e.getMessage(), e);
      }
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

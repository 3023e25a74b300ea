/**
 * Pipeline SDK files: a {@link dev.pipelinesdk.core.PipelineDefinition} as a file, JSON or YAML
 * ({@link dev.pipelinesdk.files.DefinitionFiles}), read with every problem named by its JSON path
 * ({@link dev.pipelinesdk.files.DefinitionFileException}) and written back without loss. The
 * command line's {@code --definition} reads these files, and a Spark job broadcasts their text.
 *
 * <p>Jackson (databind and the YAML format) is a dependency of this module; no Jackson type
 * appears in its API. The file model's records are opened to Jackson, which reads them by
 * reflection.
 */
module dev.pipelinesdk.files {
  requires transitive dev.pipelinesdk.core;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires static org.jspecify;

  exports dev.pipelinesdk.files;

  opens dev.pipelinesdk.files to com.fasterxml.jackson.databind;
}

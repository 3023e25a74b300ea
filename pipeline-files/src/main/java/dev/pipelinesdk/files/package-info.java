/**
 * A pipeline definition as a file (JSON or YAML): {@link dev.pipelinesdk.files.DefinitionFiles}
 * reads and writes everything {@link dev.pipelinesdk.core.PipelineDefinition#builder(String)} can
 * say, guards by the name of their {@link dev.pipelinesdk.core.guard.GuardFactory}; a file with
 * problems is refused with all of them ({@link dev.pipelinesdk.files.DefinitionFileException}).
 * Nothing here is null.
 */
@NullMarked
package dev.pipelinesdk.files;

import org.jspecify.annotations.NullMarked;

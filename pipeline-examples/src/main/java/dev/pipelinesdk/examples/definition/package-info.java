/**
 * A pipeline definition as a file (JSON or YAML): {@link
 * dev.pipelinesdk.examples.definition.DefinitionFiles} reads and writes everything {@link
 * dev.pipelinesdk.core.PipelineDefinition#builder(String)} can say, guards by the name of their
 * {@link dev.pipelinesdk.core.guard.GuardFactory}.
 */
package dev.pipelinesdk.examples.definition;

/**
 * The pipeline model: stage graphs ({@link dev.pipelinesdk.core.PipelineDefinition}), deals
 * ({@link dev.pipelinesdk.core.Deal}) and their event history
 * ({@link dev.pipelinesdk.core.DealHistory}, {@link dev.pipelinesdk.core.DealEvent}).
 *
 * <p>Every type here is an immutable value, safe to share between threads. Nothing is null:
 * absent values are {@link java.util.Optional} or empty collections, and a {@code null} argument
 * fails fast with a {@link NullPointerException} naming the parameter; the one exception is
 * {@link dev.pipelinesdk.core.PipelineDefinition.Builder}, whose {@code build()} reports null
 * stages, stage ids and guard arrays with every other problem of the definition.
 */
@NullMarked
@ValueStyle
package dev.pipelinesdk.core;

import org.jspecify.annotations.NullMarked;

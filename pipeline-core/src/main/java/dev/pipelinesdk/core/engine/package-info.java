/**
 * The transition engine: {@link dev.pipelinesdk.core.engine.Pipeline} applies a {@link
 * dev.pipelinesdk.core.engine.Command} to a deal and returns an {@link
 * dev.pipelinesdk.core.engine.Outcome}: accepted (the new deal and the events that made it) or
 * rejected (every reason). The engine holds no per-deal state and is safe to share across
 * threads.
 */
@NullMarked
package dev.pipelinesdk.core.engine;

import org.jspecify.annotations.NullMarked;

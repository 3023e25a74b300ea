/**
 * QuickTheories generators for the Pipeline SDK: stage graphs ({@link
 * dev.pipelinesdk.testkit.gen.StageGraphs}, valid and deliberately broken), deals ({@link
 * dev.pipelinesdk.testkit.gen.Deals}), histories driven through the real engine ({@link
 * dev.pipelinesdk.testkit.gen.Histories}), commands and requests ({@link
 * dev.pipelinesdk.testkit.gen.Commands}), instants ({@link dev.pipelinesdk.testkit.gen.Instants})
 * and guard contexts ({@link dev.pipelinesdk.testkit.gen.GuardContexts}).
 *
 * <p>Every generator is a plain {@link org.quicktheories.core.Gen}: compose them with {@code map},
 * {@code flatMap} and {@code zip}. They draw every choice from QuickTheories' randomness source and
 * each choice shrinks toward the plain end (fewer stages, fewer events, no attributes, zero
 * amounts, no waiting), so a failing property is reported with a small counterexample. Generators
 * are immutable and thread-safe.
 */
@NullMarked
package dev.pipelinesdk.testkit.gen;

import org.jspecify.annotations.NullMarked;

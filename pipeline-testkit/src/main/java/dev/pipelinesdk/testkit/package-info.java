/**
 * Test tools for code built on the Pipeline SDK: a {@link dev.pipelinesdk.testkit.ManualClock}
 * and {@link dev.pipelinesdk.testkit.Readable} text for deals, histories and guard contexts.
 * Generators live in {@code dev.pipelinesdk.testkit.gen}, rule contracts in {@code
 * dev.pipelinesdk.testkit.contract}.
 */
@NullMarked
package dev.pipelinesdk.testkit;

import org.jspecify.annotations.NullMarked;

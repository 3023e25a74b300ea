/**
 * Internals of {@code dev.pipelinesdk.spark}: the wire form of core's values and the generic
 * metric aggregator. Not API.
 */
@NullMarked
package dev.pipelinesdk.spark.internal;

import org.jspecify.annotations.NullMarked;

/**
 * The built-in forecast models, found by name through {@link java.util.ServiceLoader}: {@code
 * weighted} ({@link dev.pipelinesdk.forecast.model.WeightedModel}) and {@code markov} ({@link
 * dev.pipelinesdk.forecast.model.MarkovModel}).
 */
@NullMarked
package dev.pipelinesdk.forecast.model;

import org.jspecify.annotations.NullMarked;

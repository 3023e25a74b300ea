/**
 * The built-in forecast models, found by name through {@link java.util.ServiceLoader}: {@code
 * weighted} ({@link dev.pipelinesdk.forecast.model.WeightedModel}), {@code markov} ({@link
 * dev.pipelinesdk.forecast.model.MarkovModel}), {@code competing-risks} ({@link
 * dev.pipelinesdk.forecast.model.CompetingRisksModel}) and {@code naive-bayes} ({@link
 * dev.pipelinesdk.forecast.model.NaiveBayesModel}).
 */
@NullMarked
package dev.pipelinesdk.forecast.model;

import org.jspecify.annotations.NullMarked;

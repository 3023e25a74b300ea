/**
 * The Pipeline SDK on Apache Spark: many pipelines (tenants, business units) in one job.
 *
 * <ul>
 *   <li>{@link dev.pipelinesdk.spark.SparkPipelines}, the entry point: a session and the job's
 *       {@link dev.pipelinesdk.spark.Definitions} (broadcast), any core metric as a typed Spark
 *       {@code Aggregator} per pipeline, the forecast and the backtest per pipeline ({@link
 *       dev.pipelinesdk.spark.ForecastOptions}, {@link dev.pipelinesdk.spark.PipelineRun}).
 *   <li>{@link dev.pipelinesdk.spark.PipelineHistory}, a history with its pipeline key, the
 *       element of the datasets aggregated.
 *   <li>{@link dev.pipelinesdk.spark.PipelineEncoders}, Spark encoders for core's values
 *       (histories, reports).
 * </ul>
 *
 * <p>Spark is a {@code provided} dependency (Spark 4, Scala 2.13, Java 17): the cluster's Spark
 * runs the job. This module is on the class path only (no {@code module-info}): Spark's jars are
 * not named modules.
 */
@NullMarked
package dev.pipelinesdk.spark;

import org.jspecify.annotations.NullMarked;

package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.spark.BadRow;
import java.util.List;
import java.util.Optional;

/**
 * What one deal's rows became: its history (empty when no row was kept) and its bad rows.
 *
 * @param pipeline the pipeline key
 * @param history the history, if a row was kept
 * @param bad the bad rows, in the deal's order
 */
public record DealRead(String pipeline, Optional<DealHistory> history, List<BadRow> bad) {}

package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.spark.BadRow;
import java.util.List;

/**
 * The bad rows of one deal, as they travel in the column of bad rows of a read (only for deals
 * that have some).
 *
 * @param bad the bad rows, in the deal's order
 */
public record DealBadRows(List<BadRow> bad) {}

package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.spark.PipelineHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The histories of one pipeline, as a forecast or a backtest reads them: all of them (a model is
 * fitted on every history of its pipeline, so one task holds them), in the order of their deal
 * ids. A group arrives in whatever order the shuffle gives; the order of the deals decides which
 * random numbers each deal draws in the Monte Carlo trials, so it is fixed here.
 */
final class PipelineGroup {
  private PipelineGroup() {}

  /**
   * Collects and orders a group.
   *
   * @param in the histories of a group by pipeline key
   * @return the histories, by deal id
   * @throws IllegalArgumentException naming the deal if two histories have the same deal id
   */
  static List<DealHistory> histories(Iterator<PipelineHistory> in) {
    List<DealHistory> out = new ArrayList<>();
    while (in.hasNext()) {
      out.add(in.next().history());
    }
    out.sort(Comparator.comparing(h -> h.dealId().value()));
    for (int i = 1; i < out.size(); i++) {
      if (out.get(i).dealId().equals(out.get(i - 1).dealId())) {
        throw new IllegalArgumentException("deal '" + out.get(i).dealId() + "' has two histories");
      }
    }
    return out;
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense indexes for a definition's stages, so accumulators are arrays. Immutable. Built once per
 * metric (or per {@link PreparedHistories}) and kept there: never in a static cache, so a
 * definition nobody uses any more is collected with its metrics.
 *
 * <p>Stage index: position in {@link PipelineDefinition#stages()}. Funnel index: position among
 * the open stages, or -1.
 */
final class StageIndex {
  final PipelineDefinition definition;
  final List<Stage> stages;
  final List<Stage> open;
  private final Map<StageId, Integer> index = new HashMap<>();
  private final int[] funnel;
  private final StageKind[] kinds;

  StageIndex(PipelineDefinition definition) {
    this.definition = definition;
    this.stages = definition.stages();
    this.open = definition.openStages();
    this.funnel = new int[stages.size()];
    this.kinds = new StageKind[stages.size()];
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      index.put(s.id(), i);
      funnel[i] = definition.funnelIndex(s.id()).orElse(-1);
      kinds[i] = s.kind();
    }
  }

  int size() {
    return stages.size();
  }

  int openSize() {
    return open.size();
  }

  /** {@return the stage index of a stage a deal is in} */
  int of(StageId id, DealId deal) {
    Integer i = index.get(id);
    if (i == null) {
      throw new IllegalArgumentException("deal '" + deal + "' is in stage '" + id
          + "', which pipeline '" + definition.id() + "' does not have");
    }
    return i;
  }

  /** {@return the stage index of a stage given by the caller} */
  int require(StageId id) {
    Integer i = index.get(id);
    if (i == null) {
      throw new IllegalArgumentException("pipeline '" + definition.id() + "' has no stage '" + id
          + "'");
    }
    return i;
  }

  int funnel(int stageIndex) {
    return funnel[stageIndex];
  }

  StageKind kind(int stageIndex) {
    return kinds[stageIndex];
  }

  /** {@return whether another index reads stage positions the same way (same ids, in order)} */
  boolean sameStages(StageIndex other) {
    if (other == this) {
      return true;
    }
    if (other.stages.size() != stages.size()) {
      return false;
    }
    for (int i = 0; i < stages.size(); i++) {
      if (!stages.get(i).id().equals(other.stages.get(i).id())) {
        return false;
      }
    }
    return true;
  }
}

package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.guard.Guard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A definition compiled for the engine's hot path: per stage a node with its outgoing edges in
 * an array, each edge with its guards (the definition's, then the transition's) in one array, and
 * the unique won, lost and dormant exit precomputed. Lookups compare ids by identity first (the
 * ids in deals are usually the definition's own instances), then by equality. Immutable.
 */
final class Plan {
  private final Node[] nodes;
  private final Map<StageId, Node> byId;
  final Node defaultEntry;

  Plan(PipelineDefinition definition) {
    List<Stage> stages = definition.stages();
    nodes = new Node[stages.size()];
    byId = new HashMap<>();
    for (int i = 0; i < nodes.length; i++) {
      Stage s = stages.get(i);
      nodes[i] = new Node(s, definition.entryStages().contains(s.id()));
      byId.put(s.id(), nodes[i]);
    }
    List<Guard> globals = definition.guards();
    for (Node n : nodes) {
      List<Edge> out = new ArrayList<>();
      for (Transition t : definition.transitionsFrom(n.id)) {
        List<Guard> guards = new ArrayList<>(globals);
        guards.addAll(t.guards());
        Edge e = new Edge(t, n, byId.get(t.to()), guards.toArray(new Guard[0]));
        out.add(e);
        StageKind kind = e.target.stage.kind();
        if (n.exitCounts[kind.ordinal()]++ == 0) {
          n.exits[kind.ordinal()] = e;
        }
      }
      n.out = out.toArray(new Edge[0]);
    }
    defaultEntry = byId.get(definition.entryStages().iterator().next());
  }

  /** {@return the node of a stage, or null if the definition has no such stage} */
  @Nullable Node node(StageId id) {
    String text = id.value();
    for (Node n : nodes) {
      if (n.id == id || n.id.value() == text) {
        return n;
      }
    }
    return byId.get(id);
  }

  /** One stage and the ways out of it. */
  static final class Node {
    final StageId id;
    final Stage stage;
    final boolean entry;
    Edge[] out = new Edge[0];
    /** Per {@link StageKind} ordinal: the first edge into a stage of that kind, or null. */
    final @Nullable Edge[] exits = new Edge[StageKind.values().length];
    /** Per {@link StageKind} ordinal: how many edges lead into stages of that kind. */
    final int[] exitCounts = new int[StageKind.values().length];

    Node(Stage stage, boolean entry) {
      this.id = stage.id();
      this.stage = stage;
      this.entry = entry;
    }

    /**
     * The declared edge to a stage, or null. Callers usually hold their own {@code StageId}
     * constants, equal to but not the definition's instances; their texts, though, are usually
     * the same interned literal as the definition's. So: the ids by identity, then their texts by
     * identity, then the (cached) hashes before the text. Reads only; a plan is never written
     * after construction.
     */
    @Nullable Edge edgeTo(StageId to) {
      String text = to.value();
      for (Edge e : out) {
        if (e.to == to || e.to.value() == text) {
          return e;
        }
      }
      int hash = to.hashCode();
      for (Edge e : out) {
        if (e.to.hashCode() == hash && e.to.equals(to)) {
          return e;
        }
      }
      return null;
    }
  }

  /** A declared transition with everything the engine needs to take it. */
  static final class Edge {
    final Transition transition;
    final StageId to;
    final Node source;
    final Node target;
    final Guard[] guards;

    Edge(Transition transition, Node source, Node target, Guard[] guards) {
      this.transition = transition;
      this.source = source;
      this.to = transition.to();
      this.target = target;
      this.guards = guards;
    }
  }
}

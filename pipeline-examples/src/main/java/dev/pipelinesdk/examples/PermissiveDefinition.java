package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline definition made from stage names alone, for data from a CRM whose pipeline has no
 * template: open stages in funnel order, a won, a lost and optionally a dormant stage, and every
 * move that was observed allowed.
 *
 * <p>Transitions: the path through the open stages to won, lost from every open stage, dormant
 * from every open stage and from dormant to lost (so the graph is valid), plus every observed
 * move the core's rules can express (a move out of won or lost is declared as a reopen into an
 * open stage; a move between won, lost and dormant stages out of a closed one cannot be declared,
 * and does not need to be: histories read from a file are not checked against transitions).
 * Default win probabilities rise evenly along the funnel: {@code (i + 1) / (n + 1)} for the
 * {@code i}-th of {@code n} open stages; they only weigh the open amounts.
 */
public final class PermissiveDefinition {
  private PermissiveDefinition() {}

  /**
   * The stages and their kinds, for reading a file before the moves are known.
   *
   * @param open the open stages in funnel order
   * @param won the won stage
   * @param lost the lost stage
   * @param dormant the dormant stage, if any
   * @return every stage and its kind, in that order
   * @throws IllegalArgumentException if a stage id is blank or given twice
   */
  public static Map<StageId, StageKind> stages(List<String> open, String won, String lost,
      Optional<String> dormant) {
    Map<StageId, StageKind> out = new LinkedHashMap<>();
    for (String s : open) {
      put(out, s, StageKind.OPEN);
    }
    put(out, won, StageKind.WON);
    put(out, lost, StageKind.LOST);
    dormant.ifPresent(d -> put(out, d, StageKind.DORMANT));
    return out;
  }

  /**
   * The definition histories are imported into ({@link StageHistoryCsv} reads through it): the
   * given stages, with every open stage an entry stage, since an export may start a deal in any
   * open stage. Its transitions only make the graph valid (each open stage to every closed and
   * dormant stage, each dormant stage to every lost stage, or to every won stage without one):
   * the engine's import path does not need stage changes to be declared. It has no currency and
   * no guards; default win probabilities are as in {@link #of}.
   *
   * @param stages the stages and their kinds, in funnel order
   * @return the definition, id {@code import}
   * @throws dev.pipelinesdk.core.InvalidDefinitionException if the stages make no valid pipeline
   *     (no open or no won stage)
   */
  public static PipelineDefinition forImport(Map<StageId, StageKind> stages) {
    PipelineDefinition.Builder b = PipelineDefinition.builder("import").name("Import");
    List<String> open = new ArrayList<>();
    List<String> closed = new ArrayList<>();
    List<String> dormant = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    List<String> won = new ArrayList<>();
    stages.forEach((id, kind) -> {
      switch (kind) {
        case OPEN -> open.add(id.value());
        case WON -> won.add(id.value());
        case LOST -> lost.add(id.value());
        case DORMANT -> dormant.add(id.value());
        default -> throw new IllegalArgumentException("unknown stage kind " + kind);
      }
    });
    for (int i = 0; i < open.size(); i++) {
      b.stage(Stage.open(open.get(i), open.get(i), defaultProbability(i, open.size())));
    }
    won.forEach(w -> b.stage(Stage.won(w, w)));
    lost.forEach(l -> b.stage(Stage.lost(l, l)));
    dormant.forEach(d -> b.stage(Stage.dormant(d, d)));
    closed.addAll(won);
    closed.addAll(lost);
    closed.addAll(dormant);
    for (String o : open) {
      closed.forEach(c -> b.transition(o, c));
    }
    for (String d : dormant) {
      (lost.isEmpty() ? won : lost).forEach(t -> b.transition(d, t));
    }
    if (!open.isEmpty()) {
      b.entryStages(open.toArray(String[]::new));
    }
    return b.build();
  }

  /**
   * The default win probability of the {@code i}-th of {@code n} open stages when none is given:
   * {@code (i + 1) / (n + 1)}, rising evenly along the funnel.
   *
   * @param i the stage's position in the funnel, from 0
   * @param n the number of open stages
   * @return the probability
   */
  public static double defaultProbability(int i, int n) {
    return (i + 1.0) / (n + 1);
  }

  private static void put(Map<StageId, StageKind> map, String id, StageKind kind) {
    if (map.put(StageId.of(id), kind) != null) {
      throw new IllegalArgumentException("stage '" + id + "' is given twice");
    }
  }

  /**
   * Builds the definition.
   *
   * @param open the open stages in funnel order, at least one
   * @param won the won stage
   * @param lost the lost stage
   * @param dormant the dormant stage, if any
   * @param moves the moves to allow, such as those found in a file
   * @return the definition, id {@code custom}
   * @throws IllegalArgumentException if a stage is given twice or there is no open stage
   */
  public static PipelineDefinition of(List<String> open, String won, String lost,
      Optional<String> dormant, Collection<StageHistoryCsv.Move> moves) {
    return of(open, won, lost, dormant, moves, List.of(), List.of());
  }

  /**
   * Builds the definition with the open stages' probabilities and idle thresholds given.
   *
   * @param open the open stages in funnel order, at least one
   * @param won the won stage
   * @param lost the lost stage
   * @param dormant the dormant stage, if any
   * @param moves the moves to allow, such as those found in a file
   * @param probabilities the open stages' default win probabilities in [0, 1], in funnel order,
   *     one per open stage; empty for the even rise of {@link #defaultProbability}
   * @param idleAfter the open stages' idle thresholds, one per open stage; empty for none
   * @return the definition, id {@code custom}
   * @throws IllegalArgumentException if a stage is given twice, there is no open stage, or a
   *     non-empty list does not have one value per open stage
   * @throws dev.pipelinesdk.core.InvalidDefinitionException if a probability or threshold is
   *     invalid
   */
  public static PipelineDefinition of(List<String> open, String won, String lost,
      Optional<String> dormant, Collection<StageHistoryCsv.Move> moves,
      List<Double> probabilities, List<Duration> idleAfter) {
    stages(open, won, lost, dormant); // refuses a stage given twice
    if (open.isEmpty()) {
      throw new IllegalArgumentException("at least one open stage is needed");
    }
    if (!probabilities.isEmpty() && probabilities.size() != open.size()
        || !idleAfter.isEmpty() && idleAfter.size() != open.size()) {
      throw new IllegalArgumentException("one probability and idle threshold per open stage"
          + " is needed: " + open.size() + " open stages, " + probabilities.size()
          + " probabilities, " + idleAfter.size() + " idle thresholds");
    }
    List<Stage> all = new ArrayList<>();
    for (int i = 0; i < open.size(); i++) {
      Stage.Builder stage = Stage.builder().id(open.get(i)).name(open.get(i)).defaultProbability(
          probabilities.isEmpty() ? defaultProbability(i, open.size()) : probabilities.get(i));
      if (!idleAfter.isEmpty()) {
        stage.idleAfter(idleAfter.get(i));
      }
      all.add(stage.build());
    }
    all.add(Stage.won(won, won));
    all.add(Stage.lost(lost, lost));
    dormant.ifPresent(d -> all.add(Stage.dormant(d, d)));
    return of("custom", "Custom pipeline", all, moves);
  }

  /**
   * Builds a definition of given stages, with the transitions of {@link #of(List, String,
   * String, Optional, Collection)}: the open stages in order as a path to every won stage, every
   * open stage to every lost and dormant stage, every dormant stage to every lost stage, and the
   * moves found in a file (out of a won or lost stage as reopens).
   *
   * @param id the definition id
   * @param name the definition name
   * @param stages the stages, open ones in funnel order
   * @param moves the moves to allow, such as those found in a file
   * @return the definition
   * @throws IllegalArgumentException if the stages make no valid definition
   */
  public static PipelineDefinition of(String id, String name, List<Stage> stages,
      Collection<StageHistoryCsv.Move> moves) {
    PipelineDefinition.Builder b = PipelineDefinition.builder(id).name(name);
    Map<StageId, StageKind> kinds = new LinkedHashMap<>();
    List<String> open = new ArrayList<>();
    List<String> won = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    List<String> dormant = new ArrayList<>();
    for (Stage s : stages) {
      b.stage(s);
      kinds.put(s.id(), s.kind());
      (switch (s.kind()) {
        case OPEN -> open;
        case WON -> won;
        case LOST -> lost;
        case DORMANT -> dormant;
      }).add(s.id().value());
    }
    if (open.isEmpty()) {
      throw new IllegalArgumentException("at least one open stage is needed");
    }
    Set<List<String>> declared = new LinkedHashSet<>();
    for (int i = 0; i + 1 < open.size(); i++) {
      declared.add(List.of(open.get(i), open.get(i + 1)));
    }
    won.forEach(w -> declared.add(List.of(open.get(open.size() - 1), w)));
    for (String s : open) {
      lost.forEach(l -> declared.add(List.of(s, l)));
      dormant.forEach(d -> declared.add(List.of(s, d)));
    }
    for (String d : dormant) {
      lost.forEach(l -> declared.add(List.of(d, l)));
    }
    Set<List<String>> reopens = new LinkedHashSet<>();
    for (StageHistoryCsv.Move m : moves) {
      StageKind from = kinds.get(m.from());
      StageKind to = kinds.get(m.to());
      List<String> pair = List.of(m.from().value(), m.to().value());
      if (from == null || to == null) {
        continue;
      }
      if (from.isTerminal()) {
        if (to == StageKind.OPEN) {
          reopens.add(pair);
        }
      } else {
        declared.add(pair);
      }
    }
    declared.forEach(p -> b.transition(p.get(0), p.get(1)));
    reopens.forEach(p -> b.reopen(p.get(0), p.get(1)));
    return b.build();
  }
}

package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.testkit.internal.Draw;
import dev.pipelinesdk.testkit.internal.GraphSpec;
import dev.pipelinesdk.testkit.internal.GraphSpec.StageDraft;
import dev.pipelinesdk.testkit.internal.GraphSpec.TransitionDraft;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Generators of stage graphs: valid {@link PipelineDefinition}s of a configurable {@link
 * GraphShape}, and {@link BrokenDefinition}s whose defects and expected problems are known.
 *
 * <p>Open stages are called {@code prospecting}, {@code qualification}, ... (then {@code
 * stage-9}, ...); closed ones {@code won} and {@code lost}; the dormant one {@code dormant}.
 * Shrinking goes toward one open stage, probability 0, no currency and no optional transitions.
 * Generated definitions have no guards: add your own with {@code map}, or use {@code
 * GuardContexts} and {@code PipelineContracts} with your definition.
 */
public final class StageGraphs {
  static final List<String> OPEN_NAMES = List.of("prospecting", "qualification", "consideration",
      "decision", "negotiation", "proposal", "review", "contract");
  static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "JPY");

  private StageGraphs() {}

  /** {@return valid definitions of any shape ({@link GraphShape#any()})} */
  public static Gen<PipelineDefinition> valid() {
    return valid(GraphShape.any());
  }

  /** {@return valid linear definitions ({@link GraphShape#linear()})} */
  public static Gen<PipelineDefinition> linear() {
    return valid(GraphShape.linear());
  }

  /**
   * Valid definitions of a shape. Every one builds.
   *
   * @param shape size and shape
   * @return the generator
   */
  public static Gen<PipelineDefinition> valid(GraphShape shape) {
    Objects.requireNonNull(shape, "shape is null");
    return validSpecs(shape).map(s -> s.builder().build())
        .describedAs(PipelineDefinition::toString);
  }

  /**
   * Valid definitions of a shape whose every transition is guarded by the given guards
   * (definition-wide guards, {@code PipelineDefinition.Builder.guard}).
   *
   * @param shape size and shape
   * @param guards the guards
   * @return the generator
   */
  public static Gen<PipelineDefinition> valid(GraphShape shape, List<Guard> guards) {
    Objects.requireNonNull(shape, "shape is null");
    List<Guard> all = List.copyOf(guards);
    return validSpecs(shape).map(s -> {
      PipelineDefinition.Builder b = s.builder();
      all.forEach(b::guard);
      return b.build();
    }).describedAs(PipelineDefinition::toString);
  }

  /** {@return broken definitions built on graphs of any shape} */
  public static Gen<BrokenDefinition> broken() {
    return broken(GraphShape.any());
  }

  /**
   * Broken definitions: a valid graph of the given shape with one to a few {@link Breakage}s
   * (or, alone, {@link Breakage#NO_WON_STAGE}), carrying the exact problems {@code build()}
   * reports.
   *
   * @param shape the shape of the underlying valid graph
   * @return the generator
   */
  public static Gen<BrokenDefinition> broken(GraphShape shape) {
    Objects.requireNonNull(shape, "shape is null");
    Gen<BrokenDefinition> gen = in -> brokenSpec(in, shape);
    return gen.describedAs(BrokenDefinition::toString);
  }

  static Gen<GraphSpec> validSpecs(GraphShape shape) {
    return in -> validSpec(in, shape, "generated", true);
  }

  private static String openId(int i) {
    return i < OPEN_NAMES.size() ? OPEN_NAMES.get(i) : "stage-" + (i + 1);
  }

  private static GraphSpec validSpec(RandomnessSource in, GraphShape shape, String id,
      boolean withWon) {
    int n = Draw.between(in, shape.minOpen(), shape.maxOpen());
    String currency = Draw.chance(in, 30) ? Draw.pick(in, CURRENCIES) : null;
    List<StageDraft> stages = new ArrayList<>();
    List<String> open = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      open.add(openId(i));
      stages.add(new StageDraft(openId(i), null, StageKind.OPEN, Draw.between(in, 0, 20) / 20.0));
    }
    if (withWon) {
      stages.add(new StageDraft("won", null, StageKind.WON, 1.0));
    }
    stages.add(new StageDraft("lost", null, StageKind.LOST, 0.0));
    boolean dormant = shape.dormancy() && Draw.chance(in, 70);
    if (dormant) {
      stages.add(new StageDraft("dormant", null, StageKind.DORMANT, 0.0));
    }
    List<TransitionDraft> t = new ArrayList<>();
    for (int i = 0; i + 1 < n; i++) {
      t.add(new TransitionDraft(open.get(i), open.get(i + 1), false));
    }
    String close = withWon ? "won" : "lost";
    t.add(new TransitionDraft(open.get(n - 1), close, false));
    for (int i = 0; i < n; i++) {
      if (withWon || i != n - 1) {
        t.add(new TransitionDraft(open.get(i), "lost", false));
      }
    }
    if (shape.skips()) {
      for (int i = 0; i < n; i++) {
        for (int j = i + 2; j < n; j++) {
          if (Draw.chance(in, 15)) {
            t.add(new TransitionDraft(open.get(i), open.get(j), false));
          }
        }
        if (withWon && i < n - 1 && Draw.chance(in, 10)) {
          t.add(new TransitionDraft(open.get(i), "won", false));
        }
      }
    }
    if (shape.backMoves()) {
      for (int i = 1; i < n; i++) {
        for (int j = 0; j < i; j++) {
          if (Draw.chance(in, 20)) {
            t.add(new TransitionDraft(open.get(i), open.get(j), false));
          }
        }
      }
    }
    if (dormant) {
      for (String o : open) {
        t.add(new TransitionDraft(o, "dormant", false));
      }
      int revive = Draw.between(in, 0, n - 1);
      for (int i = 0; i < n; i++) {
        if (i == revive || Draw.chance(in, 20)) {
          t.add(new TransitionDraft("dormant", open.get(i), false));
        }
      }
      t.add(new TransitionDraft("dormant", "lost", false));
    }
    if (shape.reopen() && withWon && Draw.chance(in, 50)) {
      t.add(new TransitionDraft("lost", Draw.pick(in, open), true));
    }
    return new GraphSpec(id, currency, stages, t);
  }

  private static BrokenDefinition brokenSpec(RandomnessSource in, GraphShape shape) {
    if (Draw.chance(in, 8)) {
      GraphSpec noWon = validSpec(in, shape, "broken", false);
      return new BrokenDefinition(noWon, EnumSet.of(Breakage.NO_WON_STAGE),
          List.of("no won stage: declare one with stage(Stage.won(...))"));
    }
    GraphSpec base = validSpec(in, shape, "broken", true);
    EnumSet<Breakage> kinds = EnumSet.noneOf(Breakage.class);
    List<Breakage> combinable = new ArrayList<>(EnumSet.complementOf(EnumSet.of(
        Breakage.NO_WON_STAGE)));
    for (Breakage b : combinable) {
      if (Draw.chance(in, 12)) {
        kinds.add(b);
      }
    }
    if (kinds.isEmpty()) {
      kinds.add(Draw.pick(in, combinable));
    }
    List<String> open = base.openIds();
    String first = open.get(0);
    String id = "broken";
    String currency = null;
    List<StageDraft> stages = new ArrayList<>();
    List<TransitionDraft> transitions = new ArrayList<>();
    // Problems by phase of PipelineDefinition.Builder.build(): id, currency, stages, transitions,
    // graph (cannot close), graph (unreachable).
    List<List<String>> phases = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      phases.add(new ArrayList<>());
    }
    for (Breakage b : kinds) {
      switch (b) {
        case BAD_DEFINITION_ID:
          id = " broken";
          phases.get(0).add("definition id has leading or trailing whitespace: ' broken'");
          break;
        case UNKNOWN_CURRENCY:
          currency = Draw.pick(in, List.of("EURO", "XX", "dollar"));
          phases.get(1).add("unknown currency code: '" + currency + "'");
          break;
        case DANGLING_TRANSITION: {
          String from = Draw.pick(in, open);
          transitions.add(new TransitionDraft(from, "nowhere", false));
          phases.get(3).add("transition " + from + " -> nowhere: unknown stage 'nowhere'");
          break;
        }
        case SELF_LOOP: {
          String s = Draw.pick(in, open);
          transitions.add(new TransitionDraft(s, s, false));
          phases.get(3).add("transition " + s + " -> " + s + ": a stage cannot transition to itself");
          break;
        }
        case DUPLICATE_TRANSITION: {
          TransitionDraft t = Draw.pick(in, base.transitions());
          transitions.add(t);
          phases.get(3).add("transition " + t.from() + " -> " + t.to() + ": declared more than once");
          break;
        }
        case LEAVES_WON:
          transitions.add(new TransitionDraft("won", first, false));
          phases.get(3).add("transition won -> " + first + ": leaves won stage 'won'; only a"
              + " declared reopen(...) may leave a won or lost stage");
          break;
        case REOPEN_TO_CLOSED:
          transitions.add(new TransitionDraft("lost", "won", true));
          phases.get(3).add("transition lost -> won: a reopen must lead to an open stage, not to"
              + " won stage 'won'");
          break;
        case DEAD_END:
          stages.add(new StageDraft("dead-end", null, StageKind.OPEN, 0.1));
          transitions.add(new TransitionDraft(first, "dead-end", false));
          phases.get(4).add("stage 'dead-end' cannot reach a won or lost stage");
          break;
        case UNREACHABLE_STAGE:
          stages.add(new StageDraft("island", null, StageKind.OPEN, 0.1));
          transitions.add(new TransitionDraft("island", "won", false));
          phases.get(5).add("stage 'island' is unreachable from the entry stage [" + first + "]");
          break;
        case NO_WON_STAGE:
        default:
          throw new AssertionError(b);
      }
    }
    List<String> problems = new ArrayList<>();
    phases.forEach(problems::addAll);
    @Nullable String cur = currency;
    return new BrokenDefinition(base.with(id, cur, stages, transitions), Set.copyOf(kinds),
        problems);
  }
}

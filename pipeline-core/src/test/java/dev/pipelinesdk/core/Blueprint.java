package dev.pipelinesdk.core;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Guards;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.quicktheories.core.Gen;

/**
 * A pipeline definition as plain data, for generating valid definitions and breaking them on
 * purpose. Every transition records the kind the test expects the builder to derive, so the
 * builder is checked against an independent oracle.
 */
public final class Blueprint {

  /** A stage as data. */
  public record StageSpec(String id, StageKind kind, double probability) {}

  /** A transition as data, with the kind the builder should derive. */
  public record TransitionSpec(
      String from, String to, String name, boolean reopen, List<Guard> guards,
      TransitionKind expectedKind) {}

  /** The parameters a valid blueprint is made from; small ints so QuickTheories can shrink. */
  public record Shape(int open, int flags, List<Integer> backs, List<Integer> skips, int targets) {
    boolean flag(int bit) {
      return (flags & (1 << bit)) != 0;
    }
  }

  public final List<StageSpec> stages = new ArrayList<>();
  public final List<TransitionSpec> transitions = new ArrayList<>();
  /** An empty blueprint; the generators and factories below fill it in. */
  public Blueprint() {}

  public final List<String> fromEveryOpen = new ArrayList<>();
  public final List<String> entryStages = new ArrayList<>();
  public String currency;
  public int openCount;

  /** Shapes of valid definitions: 1 to 6 open stages and optional extras. */
  // "exports": test code is patched into dev.pipelinesdk.core while QuickTheories (test scope)
  // stays in the unnamed module; nothing outside this module's tests sees these methods.
  @SuppressWarnings("exports")
  public static Gen<Shape> shapes() {
    Gen<List<Integer>> pairs = lists().of(integers().between(0, 35)).ofSizeBetween(0, 4);
    return integers().between(1, 6).zip(integers().between(0, 511), pairs, pairs,
        integers().between(0, 35), Shape::new);
  }

  /** Valid blueprints. */
  // "exports": test code is patched into dev.pipelinesdk.core while QuickTheories (test scope)
  // stays in the unnamed module; nothing outside this module's tests sees these methods.
  @SuppressWarnings("exports")
  public static Gen<Blueprint> valid() {
    return shapes().map(Blueprint::valid);
  }

  /** Valid definitions. */
  // "exports": test code is patched into dev.pipelinesdk.core while QuickTheories (test scope)
  // stays in the unnamed module; nothing outside this module's tests sees these methods.
  @SuppressWarnings("exports")
  public static Gen<PipelineDefinition> definitions() {
    return valid().map(Blueprint::build);
  }

  /** The open stage id at funnel position {@code i}. */
  public static String open(int i) {
    return "s" + i;
  }

  /**
   * A valid blueprint: a chain s0 -> ... -> s(n-1) -> won with optional back-moves, skips, a
   * second won stage, a lost stage (from every open stage), a dormant stage with revival, reopen
   * from lost or won, a currency and guards that only count touches.
   */
  public static Blueprint valid(Shape shape) {
    Blueprint b = new Blueprint();
    int n = shape.open();
    b.openCount = n;
    boolean lost = shape.flag(0);
    boolean dormant = shape.flag(1);
    boolean reopenLost = lost && shape.flag(2);
    boolean reopenWon = shape.flag(3);
    boolean secondWon = shape.flag(4);
    boolean everyOpen = shape.flag(5);
    boolean guarded = shape.flag(6);
    boolean giveUp = lost && dormant && shape.flag(7);
    if (shape.flag(8)) {
      b.currency = "EUR";
    }
    for (int i = 0; i < n; i++) {
      b.stages.add(new StageSpec(open(i), StageKind.OPEN, (i + 1.0) / (n + 1.0)));
    }
    b.stages.add(new StageSpec("won", StageKind.WON, 1.0));
    if (secondWon) {
      b.stages.add(new StageSpec("won-alt", StageKind.WON, 1.0));
    }
    if (lost) {
      b.stages.add(new StageSpec("lost", StageKind.LOST, 0.0));
    }
    if (dormant) {
      b.stages.add(new StageSpec("dormant", StageKind.DORMANT, 0.0));
    }
    for (int i = 0; i + 1 < n; i++) {
      List<Guard> guards = guarded && i % 2 == 1 ? List.of(Guards.minimumTouches(1)) : List.of();
      b.add(open(i), open(i + 1), open(i) + " -> " + open(i + 1), false, guards,
          TransitionKind.ADVANCE);
    }
    b.add(open(n - 1), "won", "signed", false, List.of(), TransitionKind.WIN);
    if (secondWon) {
      b.add(open(n - 1), "won-alt", "signed elsewhere", false, List.of(), TransitionKind.WIN);
    }
    for (int code : shape.backs()) {
      int from = code / 6 % n;
      int to = code % 6 % n;
      if (from > to) {
        b.addOnce(open(from), open(to), TransitionKind.BACKWARD);
      }
    }
    for (int code : shape.skips()) {
      int from = code / 6 % n;
      int to = code % 6 % n;
      if (to > from + 1) {
        b.addOnce(open(from), open(to), TransitionKind.ADVANCE);
      }
    }
    if (lost) {
      b.everyOpenTo("lost", TransitionKind.LOSE, everyOpen);
    }
    if (dormant) {
      b.everyOpenTo("dormant", TransitionKind.DORMANCY, everyOpen);
      b.add("dormant", open(shape.targets() % n), "revive", false, List.of(),
          TransitionKind.REVIVAL);
      if (giveUp) {
        b.add("dormant", "lost", "give up", false, List.of(), TransitionKind.LOSE);
      }
    }
    if (reopenLost) {
      String to = open(shape.targets() / 6 % n);
      b.add("lost", to, "reopen lost -> " + to, true, List.of(), TransitionKind.REOPEN);
    }
    if (reopenWon) {
      String to = open(shape.targets() % 5 % n);
      b.add("won", to, "reopen won -> " + to, true, List.of(), TransitionKind.REOPEN);
    }
    return b;
  }

  private void everyOpenTo(String to, TransitionKind kind, boolean viaBuilder) {
    if (viaBuilder) {
      fromEveryOpen.add(to);
    } else {
      for (int i = 0; i < openCount; i++) {
        add(open(i), to, open(i) + " -> " + to, false, List.of(), kind);
      }
    }
  }

  void add(String from, String to, String name, boolean reopen, List<Guard> guards,
      TransitionKind kind) {
    transitions.add(new TransitionSpec(from, to, name, reopen, guards, kind));
  }

  private void addOnce(String from, String to, TransitionKind kind) {
    if (transitions.stream().noneMatch(t -> t.from().equals(from) && t.to().equals(to))) {
      add(from, to, from + " -> " + to, false, List.of(), kind);
    }
  }

  /** Turns {@code fromEveryOpen} targets into explicit transitions for the current open stages. */
  void expandFromEveryOpen() {
    for (String to : List.copyOf(fromEveryOpen)) {
      StageKind kind = kindOf(to);
      for (StageSpec s : stages) {
        if (s.kind() == StageKind.OPEN) {
          add(s.id(), to, s.id() + " -> " + to, false, List.of(),
              kind == StageKind.LOST ? TransitionKind.LOSE : TransitionKind.DORMANCY);
        }
      }
    }
    fromEveryOpen.clear();
  }

  StageKind kindOf(String id) {
    return stages.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().kind();
  }

  /** {@return every transition the built definition should have, with the expected kind} */
  public Set<List<Object>> expectedTransitions() {
    Set<List<Object>> all = new LinkedHashSet<>();
    for (TransitionSpec t : transitions) {
      all.add(List.of(t.from(), t.to(), t.expectedKind()));
    }
    for (String to : fromEveryOpen) {
      TransitionKind kind = kindOf(to) == StageKind.LOST ? TransitionKind.LOSE
          : TransitionKind.DORMANCY;
      for (StageSpec s : stages) {
        if (s.kind() == StageKind.OPEN) {
          all.add(List.of(s.id(), to, kind));
        }
      }
    }
    return all;
  }

  /** {@return a builder with everything declared} */
  public PipelineDefinition.Builder builder() {
    PipelineDefinition.Builder b = PipelineDefinition.builder("gen");
    if (currency != null) {
      b.currency(currency);
    }
    for (StageSpec s : stages) {
      b.stage(Stage.builder().id(s.id()).name(s.id().toUpperCase(Locale.ROOT)).kind(s.kind())
          .defaultProbability(s.probability()).build());
    }
    if (!entryStages.isEmpty()) {
      b.entryStages(entryStages.toArray(String[]::new));
    }
    for (TransitionSpec t : transitions) {
      Guard[] guards = t.guards().toArray(Guard[]::new);
      if (t.reopen()) {
        b.reopen(t.from(), t.to(), guards);
      } else {
        b.transition(t.from(), t.to(), t.name(), guards);
      }
    }
    fromEveryOpen.forEach(b::fromEveryOpenStage);
    return b;
  }

  /** {@return the built definition} */
  public PipelineDefinition build() {
    return builder().build();
  }

  // ---------------------------------------------------------------------------------------------
  // Breakages

  /**
   * Known ways to break a valid blueprint. Each adds fresh stages or transitions where it can, so
   * that several breakages do not hide each other; {@link #inject} returns the problem text the
   * builder must report. Applied in declaration order ({@link #NO_WON} first, because {@link
   * #ENTRY_NOT_OPEN} names the kind of the won stage).
   */
  public enum Breakage {
    NO_WON {
      @Override
      String inject(Blueprint b, int variant) {
        b.stages.replaceAll(s -> s.kind() == StageKind.WON
            ? new StageSpec(s.id(), StageKind.LOST, 0.0) : s);
        return "no won stage: declare one with stage(Stage.won(...))";
      }
    },
    DUPLICATE_STAGE {
      @Override
      String inject(Blueprint b, int variant) {
        String id = open(variant % b.openCount);
        b.stages.add(new StageSpec(id, StageKind.OPEN, 0.5));
        return "duplicate stage id '" + id + "'";
      }
    },
    DANGLING_TRANSITION {
      @Override
      String inject(Blueprint b, int variant) {
        if (variant % 2 == 0) {
          b.add("s0", "ghost", "to nowhere", false, List.of(), TransitionKind.ADVANCE);
          return "transition s0 -> ghost: unknown stage 'ghost'";
        }
        b.add("ghost", "s0", "from nowhere", false, List.of(), TransitionKind.ADVANCE);
        return "transition ghost -> s0: unknown stage 'ghost'";
      }
    },
    ENTRY_NOT_OPEN {
      @Override
      String inject(Blueprint b, int variant) {
        b.entryStages.clear();
        b.entryStages.add("s0");
        b.entryStages.add("won");
        return "entry stage 'won' is " + b.kindOf("won").name().toLowerCase(Locale.ROOT)
            + "; deals must start in an open stage";
      }
    },
    CANNOT_CLOSE {
      @Override
      String inject(Blueprint b, int variant) {
        // An open stage would get lost/dormant transitions from fromEveryOpenStage: expand first.
        b.expandFromEveryOpen();
        boolean open = variant % 2 == 0;
        String id = open ? "trap" : "limbo";
        b.stages.add(new StageSpec(id, open ? StageKind.OPEN : StageKind.DORMANT, 0.0));
        b.add("s0", id, "s0 -> " + id, false, List.of(),
            open ? TransitionKind.ADVANCE : TransitionKind.DORMANCY);
        return "stage '" + id + "' cannot reach a won or lost stage";
      }
    },
    TERMINAL_EXIT {
      @Override
      String inject(Blueprint b, int variant) {
        b.stages.add(new StageSpec("lost-x", StageKind.LOST, 0.0));
        b.add("s0", "lost-x", "s0 -> lost-x", false, List.of(), TransitionKind.LOSE);
        b.add("lost-x", "s0", "lost-x -> s0", false, List.of(), TransitionKind.REOPEN);
        return "transition lost-x -> s0: leaves lost stage 'lost-x'; only a declared reopen(...)"
            + " may leave a won or lost stage";
      }
    },
    UNREACHABLE {
      @Override
      String inject(Blueprint b, int variant) {
        b.stages.add(new StageSpec("island", StageKind.OPEN, 0.3));
        b.add("island", "won", "island -> won", false, List.of(), TransitionKind.WIN);
        return "stage 'island' is unreachable from the entry stage [s0]";
      }
    },
    SELF_LOOP {
      @Override
      String inject(Blueprint b, int variant) {
        String id = open(variant % b.openCount);
        b.add(id, id, "loop", false, List.of(), TransitionKind.ADVANCE);
        return "transition " + id + " -> " + id + ": a stage cannot transition to itself";
      }
    },
    DUPLICATE_TRANSITION {
      @Override
      String inject(Blueprint b, int variant) {
        TransitionSpec first = b.transitions.get(0);
        b.add(first.from(), first.to(), "again", false, List.of(), first.expectedKind());
        return "transition " + first.from() + " -> " + first.to() + ": declared more than once";
      }
    };

    abstract String inject(Blueprint b, int variant);
  }

  /** A valid shape plus the breakages to inject (at least one) and a variant selector. */
  public record Broken(Shape shape, Set<Breakage> breakages, int variant) {
    /** Builds the broken blueprint; returns it with the expected problems. */
    public Injected inject() {
      Blueprint b = valid(shape);
      List<String> expected = new ArrayList<>();
      for (Breakage k : breakages) {
        expected.add(k.inject(b, variant));
      }
      return new Injected(b, expected);
    }

    @Override
    public String toString() {
      return "Broken[" + shape + ", " + breakages + ", variant " + variant + "]";
    }
  }

  /** A broken blueprint and the problems the builder must report. */
  public record Injected(Blueprint blueprint, List<String> expectedProblems) {}

  /** Broken definitions: a valid shape with one to all known breakages. */
  // "exports": test code is patched into dev.pipelinesdk.core while QuickTheories (test scope)
  // stays in the unnamed module; nothing outside this module's tests sees these methods.
  @SuppressWarnings("exports")
  public static Gen<Broken> broken() {
    Gen<Set<Breakage>> kinds = lists().of(org.quicktheories.generators.Generate.enumValues(
        Breakage.class)).ofSizeBetween(1, Breakage.values().length).map(l -> {
          Set<Breakage> s = EnumSet.noneOf(Breakage.class);
          s.addAll(l);
          return s;
        });
    return shapes().zip(kinds, integers().between(0, 11), Broken::new);
  }
}

package dev.pipelinesdk.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.graph.GraphBuilder;
import com.google.common.graph.Graphs;
import com.google.common.graph.ImmutableGraph;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.BusinessCalendar;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline's stage graph: its stages in funnel order, the transitions a deal may take and the
 * guards on them. Immutable and thread-safe; share one instance across threads.
 *
 * <p>Build with {@link #builder(String)}. {@link Builder#build()} validates the whole definition
 * and reports every problem at once in an {@link InvalidDefinitionException}: invalid stages
 * (probabilities outside [0, 1] or NaN, blank names), duplicate stage ids, dangling, duplicate
 * or self-loop transitions, a missing entry stage, no won stage, transitions out of a won or lost
 * stage other than a declared {@linkplain Builder#reopen reopen}, open or dormant stages that
 * cannot reach a won or lost stage, stages unreachable from the entry stages, and automation
 * rules ({@link Builder#rule}) for unknown, won or lost stages, with duplicate ids, or with
 * problems of their own on their stage.
 *
 * <pre>{@code
 * PipelineDefinition definition = PipelineDefinition.builder("b2b")
 *     .stage(Stage.open("prospecting", "Prospecting", 0.05))
 *     .stage(Stage.open("qualification", "Qualification", 0.15))
 *     .stage(Stage.won("won", "Won"))
 *     .stage(Stage.lost("lost", "Lost"))
 *     .path("prospecting", "qualification", "won")
 *     .fromEveryOpenStage("lost")
 *     .build();
 * }</pre>
 *
 * <p>Automation: the definition carries its {@linkplain #automationRules() rules} (idle
 * thresholds, decision timeouts, delay contacts; see {@code dev.pipelinesdk.core.automation})
 * and the {@linkplain #calendar() business calendar} they count business days in. What happens
 * when a deal is won can be declared too: a {@linkplain #handoff() handoff} to a follow-on
 * pipeline.
 *
 * <p>Equality: two definitions are equal when they have the same id, name, currency, stages,
 * entry stages, transitions, guards (guards compare by identity), automation rules (by {@code
 * equals}, in declaration order), calendar and handoff.
 */
public final class PipelineDefinition {
  private final String id;
  private final String name;
  private final Optional<Currency> currency;
  private final ImmutableList<Stage> stages;
  private final ImmutableMap<StageId, Stage> stagesById;
  private final ImmutableMap<StageId, Integer> openOrder;
  private final ImmutableList<Stage> openStages;
  private final ImmutableList<Transition> transitions;
  private final ImmutableMap<StageId, ImmutableMap<StageId, Transition>> transitionsByFrom;
  private final ImmutableSet<StageId> entryStages;
  private final ImmutableList<Guard> guards;
  private final ImmutableList<AutomationRule> rules;
  private final BusinessCalendar calendar;
  private final Optional<Handoff> handoff;

  @SuppressWarnings("ParameterNumber")
  private PipelineDefinition(
      String id, String name, Optional<Currency> currency, List<Stage> stages,
      List<Transition> transitions, Set<StageId> entryStages, List<Guard> guards,
      List<AutomationRule> rules, BusinessCalendar calendar, Optional<Handoff> handoff) {
    this.id = id;
    this.name = name;
    this.currency = currency;
    this.stages = ImmutableList.copyOf(stages);
    this.stagesById = this.stages.stream().collect(ImmutableMap.toImmutableMap(Stage::id, s -> s));
    ImmutableMap.Builder<StageId, Integer> order = ImmutableMap.builder();
    int i = 0;
    for (Stage s : stages) {
      if (s.isOpen()) {
        order.put(s.id(), i++);
      }
    }
    this.openOrder = order.build();
    this.openStages = this.stages.stream().filter(Stage::isOpen)
        .collect(ImmutableList.toImmutableList());
    this.transitions = ImmutableList.copyOf(transitions);
    Map<StageId, ImmutableMap.Builder<StageId, Transition>> byFrom = new LinkedHashMap<>();
    for (Stage s : stages) {
      byFrom.put(s.id(), ImmutableMap.builder());
    }
    for (Transition t : transitions) {
      byFrom.get(t.from()).put(t.to(), t);
    }
    this.transitionsByFrom = byFrom.entrySet().stream().collect(
        ImmutableMap.toImmutableMap(Map.Entry::getKey, e -> e.getValue().build()));
    this.entryStages = ImmutableSet.copyOf(entryStages);
    this.guards = ImmutableList.copyOf(guards);
    this.rules = ImmutableList.copyOf(rules);
    this.calendar = calendar;
    this.handoff = handoff;
  }

  /**
   * Starts a definition.
   *
   * @param id the definition id, such as {@code "saas-b2b"}; checked at {@link Builder#build()}
   * @return a new builder
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** {@return the definition id} */
  public String id() {
    return id;
  }

  /** {@return the name shown to people; defaults to the id} */
  public String name() {
    return name;
  }

  /** {@return the one currency every deal amount must use, if the definition fixes one} */
  public Optional<Currency> currency() {
    return currency;
  }

  /** {@return all stages in declaration order; the open ones in this order are the funnel order} */
  public List<Stage> stages() {
    return stages;
  }

  /** {@return the open stages in funnel order} */
  public List<Stage> openStages() {
    return openStages;
  }

  /**
   * Returns the stages of one kind, in declaration order.
   *
   * @param kind the kind
   * @return the stages
   */
  public List<Stage> stagesOf(StageKind kind) {
    return stages.stream().filter(s -> s.kind() == kind).collect(ImmutableList.toImmutableList());
  }

  /**
   * Looks up a stage.
   *
   * @param id the stage id
   * @return the stage, or empty if the definition has no such stage
   */
  public Optional<Stage> stage(StageId id) {
    return Optional.ofNullable(stagesById.get(id));
  }

  /**
   * Looks up a stage that must exist.
   *
   * @param id the stage id
   * @return the stage
   * @throws IllegalArgumentException naming the id and the known stages if there is no such stage
   */
  public Stage requireStage(StageId id) {
    Stage s = stagesById.get(id);
    if (s == null) {
      throw new IllegalArgumentException("unknown stage '" + id + "' in pipeline '" + this.id
          + "'; known stages: " + stagesById.keySet());
    }
    return s;
  }

  /**
   * The position of an open stage in the funnel order (0 for the first open stage).
   *
   * @param id a stage id
   * @return the position, or empty if the stage is not an open stage of this definition
   */
  public Optional<Integer> funnelIndex(StageId id) {
    return Optional.ofNullable(openOrder.get(id));
  }

  /** {@return every declared transition, in declaration order} */
  public List<Transition> transitions() {
    return transitions;
  }

  /**
   * The transitions leaving a stage.
   *
   * @param from the stage
   * @return the transitions, in declaration order; empty for an unknown stage
   */
  public Collection<Transition> transitionsFrom(StageId from) {
    ImmutableMap<StageId, Transition> out = transitionsByFrom.get(from);
    return out == null ? ImmutableList.of() : out.values();
  }

  /**
   * Looks up the declared transition between two stages.
   *
   * @param from the stage left
   * @param to the stage entered
   * @return the transition, or empty if the move is not declared
   */
  public Optional<Transition> transition(StageId from, StageId to) {
    ImmutableMap<StageId, Transition> out = transitionsByFrom.get(from);
    return out == null ? Optional.empty() : Optional.ofNullable(out.get(to));
  }

  /** {@return the stages a new deal may start in; the first is the default} */
  public Set<StageId> entryStages() {
    return entryStages;
  }

  /** {@return the guards checked on every transition, before the transition's own guards} */
  public List<Guard> guards() {
    return guards;
  }

  /**
   * The automation rules declared on the definition, in declaration order: what the agenda
   * ({@code dev.pipelinesdk.core.automation.Agenda}) applies, with the idle rules a stage's
   * {@link Stage#idleAfter()} implies where no idle rule or decision timeout is declared for it
   * ({@code Agenda.rules(definition)} lists them all).
   *
   * @return the rules; empty if none was declared
   */
  public List<AutomationRule> automationRules() {
    return rules;
  }

  /**
   * The calendar the automation rules count business days in, and whose zone says which date an
   * instant falls on (a snooze ends at the start of its date there).
   *
   * @return the calendar; {@link BusinessCalendar#calendarDays()} unless the builder was given
   *     another
   */
  public BusinessCalendar calendar() {
    return calendar;
  }

  /**
   * What happens when a deal is won: a linked deal opens in a follow-on pipeline, carried out by
   * the engine's {@code Pipeline.handOff}.
   *
   * @return the handoff; empty unless the builder was given one
   */
  public Optional<Handoff> handoff() {
    return handoff;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PipelineDefinition)) {
      return false;
    }
    PipelineDefinition d = (PipelineDefinition) o;
    return id.equals(d.id) && name.equals(d.name) && currency.equals(d.currency)
        && stages.equals(d.stages) && transitions.equals(d.transitions)
        && entryStages.equals(d.entryStages) && guards.equals(d.guards)
        && rules.equals(d.rules) && calendar.equals(d.calendar) && handoff.equals(d.handoff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, currency, stages, transitions, entryStages, guards, rules,
        calendar, handoff);
  }

  /** {@return the id, the stages and the transitions, on one line} */
  @Override
  public String toString() {
    return "PipelineDefinition[" + id + ", stages=" + stagesById.keySet() + ", transitions="
        + transitions.stream().map(Transition::toString).collect(Collectors.joining(", ")) + "]";
  }

  /**
   * Builds a {@link PipelineDefinition}. Stage ids follow one rule across the SDK: what a person
   * writes (builder arguments, the engine's {@code move(deal, "qualification", ...)} shortcut)
   * takes the id as text, checked like {@link StageId#of}; every value and query (stages,
   * transitions, events, deals, metric rows) gives it as a {@link StageId}. Collects everything
   * and validates only in {@link #build()}, so every problem is reported at once, including null arguments to {@link
   * #stage(Stage)}, {@link #transition(String, String, Guard...)}, {@link #path(String...)},
   * {@link #reopen(String, String, Guard...)}, {@link #fromEveryOpenStage(String, Guard...)} and
   * {@link #entryStages(String...)} (such as "transition 3: from stage is null", transitions
   * counted from 1 in declaration order, a path adding one per step). Stages are values that
   * checked themselves when they were built. Not thread-safe; the definition it builds is.
   */
  public static final class Builder {
    private final String id;
    private @Nullable String name;
    private @Nullable String currencyCode;
    private final List<@Nullable Stage> stages = new ArrayList<>();
    private final List<TransitionSpec> transitions = new ArrayList<>();
    private final List<TransitionSpec> fromEveryOpen = new ArrayList<>();
    private final List<@Nullable String> entryStages = new ArrayList<>();
    private final List<Guard> guards = new ArrayList<>();
    private final List<@Nullable AutomationRule> rules = new ArrayList<>();
    private BusinessCalendar calendar = BusinessCalendar.calendarDays();
    private @Nullable Handoff handoff;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "definition id is null");
    }

    /**
     * Sets the name shown to people.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name is null");
      return this;
    }

    /**
     * Fixes the currency every deal amount must use.
     *
     * @param currencyCode an ISO 4217 code such as {@code "EUR"}
     * @return this builder
     */
    public Builder currency(String currencyCode) {
      this.currencyCode = Objects.requireNonNull(currencyCode, "currency code is null");
      return this;
    }

    /**
     * Adds a stage: {@code stage(Stage.open("prospecting", "Prospecting", 0.05))}, {@code
     * stage(Stage.won("won", "Won"))}, or {@code stage(Stage.builder().id("decision")...build())}
     * for the other attributes. A stage checks itself when it is built; {@link #build()} checks
     * the rules between stages. Declaration order of the open stages is the funnel order.
     *
     * @param stage the stage; a null stage is reported by {@link #build()}
     * @return this builder
     */
    public Builder stage(Stage stage) {
      stages.add(stage);
      return this;
    }

    /**
     * Declares the stages new deals may start in. Without this, the first open stage is the
     * entry stage.
     *
     * @param ids the stage ids; the first is the default
     * @return this builder
     */
    public Builder entryStages(String... ids) {
      if (ids == null) {
        entryStages.add(null); // reported by build()
      } else {
        entryStages.addAll(Arrays.asList(ids));
      }
      return this;
    }

    /**
     * Declares a transition named {@code "from -> to"}.
     *
     * @param from the stage left
     * @param to the stage entered
     * @param guards the guards protecting it
     * @return this builder
     */
    public Builder transition(String from, String to, Guard... guards) {
      transitions.add(new TransitionSpec(from, to, from + " -> " + to, guards, false));
      return this;
    }

    /**
     * Declares a named transition.
     *
     * @param from the stage left
     * @param to the stage entered
     * @param name the transition name
     * @param guards the guards protecting it
     * @return this builder
     */
    public Builder transition(String from, String to, String name, Guard... guards) {
      transitions.add(new TransitionSpec(from, to, name, guards, false));
      return this;
    }

    /**
     * Declares transitions along a path: {@code path("a", "b", "c")} declares a -> b and b -> c.
     *
     * @param ids the stage ids in order
     * @return this builder
     */
    public Builder path(String... ids) {
      if (ids == null) {
        transitions.add(new TransitionSpec(null, null, null, new Guard[0], false));
        return this;
      }
      for (int i = 0; i + 1 < ids.length; i++) {
        transition(ids[i], ids[i + 1]);
      }
      return this;
    }

    /**
     * Declares a reopen: a transition out of a won or lost stage back to an open stage. Any other
     * transition out of a won or lost stage is invalid.
     *
     * @param from the won or lost stage
     * @param to the open stage
     * @param guards the guards protecting it
     * @return this builder
     */
    public Builder reopen(String from, String to, Guard... guards) {
      transitions.add(new TransitionSpec(from, to, "reopen " + from + " -> " + to, guards, true));
      return this;
    }

    /**
     * Declares a transition from every open stage (as of {@link #build()}) to one stage, such as
     * a lost or dormant stage.
     *
     * @param to the stage entered
     * @param guards the guards protecting each of these transitions
     * @return this builder
     */
    public Builder fromEveryOpenStage(String to, Guard... guards) {
      fromEveryOpen.add(new TransitionSpec("*", to, "", guards, false));
      return this;
    }

    /**
     * Adds a guard checked on every transition (a pipeline rule, like HubSpot's "no skipping").
     *
     * @param guard the guard
     * @return this builder
     */
    public Builder guard(Guard guard) {
      guards.add(Objects.requireNonNull(guard, "guard is null"));
      return this;
    }

    /**
     * Declares an automation rule: an idle threshold ({@code IdleRule}), a decision timeout
     * ({@code DecisionTimeout}), a delay contact ({@code DelayContactRule}) or a rule of your
     * own. {@link #build()} checks that its stage exists and is open or dormant, that no other
     * rule has its id, and what the rule itself finds wrong on that stage ({@link
     * AutomationRule#problems}).
     *
     * @param rule the rule; a null rule is reported by {@link #build()}
     * @return this builder
     */
    public Builder rule(AutomationRule rule) {
      rules.add(rule);
      return this;
    }

    /**
     * Sets the calendar the automation rules count business days in (default: {@link
     * BusinessCalendar#calendarDays()}).
     *
     * @param calendar the calendar
     * @return this builder
     * @throws NullPointerException if the calendar is null
     */
    public Builder calendar(BusinessCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar is null");
      return this;
    }

    /**
     * Declares what happens when a deal is won: a linked deal opens in a follow-on pipeline
     * ({@link Handoff}), when the application calls the engine's {@code handOff}. A second call
     * replaces the first.
     *
     * @param handoff the handoff
     * @return this builder
     * @throws NullPointerException if the handoff is null
     */
    public Builder handoff(Handoff handoff) {
      this.handoff = Objects.requireNonNull(handoff, "handoff is null");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the definition
     * @throws InvalidDefinitionException listing every problem found
     */
    public PipelineDefinition build() {
      List<String> problems = new ArrayList<>();
      String defId = checkedId(problems);
      if (name != null && name.isBlank()) {
        problems.add("definition name is blank");
      }
      Optional<Currency> currency = checkedCurrency(problems);
      Map<StageId, Stage> byId = buildStages(problems);
      List<Transition> built = buildTransitions(byId, problems);
      Set<StageId> entries = checkedEntryStages(byId, problems);
      if (!byId.isEmpty() && byId.values().stream().noneMatch(s -> s.kind() == StageKind.WON)) {
        problems.add("no won stage: declare one with stage(Stage.won(...))");
      }
      checkGraph(byId, built, entries, problems);
      List<AutomationRule> checkedRules = checkedRules(byId, problems);
      if (handoff != null && handoff.pipeline().equals(defId) && handoff.idSuffix().isEmpty()) {
        problems.add("handoff to its own pipeline '" + defId + "' needs an id suffix"
            + " (Handoff.Builder.idSuffix), or the follow-on deal would have the won deal's id");
      }
      if (!problems.isEmpty()) {
        throw new InvalidDefinitionException(problems);
      }
      return new PipelineDefinition(defId, name == null ? defId : name, currency,
          List.copyOf(byId.values()), built, entries, guards, checkedRules, calendar,
          Optional.ofNullable(handoff));
    }

    private List<AutomationRule> checkedRules(Map<StageId, Stage> byId, List<String> problems) {
      List<AutomationRule> out = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < rules.size(); i++) {
        AutomationRule rule = rules.get(i);
        if (rule == null) {
          problems.add("rule " + (i + 1) + " is null");
          continue;
        }
        String where = "rule '" + rule.id() + "': ";
        String idProblem = rule.id() == null ? "rule " + (i + 1) + ": id is null"
            : Checks.idProblem("rule id", rule.id());
        if (idProblem != null) {
          problems.add(idProblem);
        } else if (!ids.add(rule.id())) {
          problems.add(where + "another rule has the same id; give one of them another id");
        }
        Stage stage = byId.get(rule.stage());
        if (stage == null) {
          problems.add(where + "unknown stage '" + rule.stage() + "'; known stages: "
              + byId.keySet());
        } else if (stage.isTerminal()) {
          problems.add(where + "stage '" + stage.id() + "' is "
              + stage.kind().name().toLowerCase(java.util.Locale.ROOT) + "; rules watch open"
              + " or dormant stages, where deals wait");
        } else {
          for (String p : rule.problems(stage)) {
            problems.add(where + p);
          }
        }
        out.add(rule);
      }
      return out;
    }

    private String checkedId(List<String> problems) {
      String p = Checks.idProblem("definition id", id);
      if (p != null) {
        problems.add(p);
      }
      return id;
    }

    private Optional<Currency> checkedCurrency(List<String> problems) {
      if (currencyCode == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(Money.currency(currencyCode));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        return Optional.empty();
      }
    }

    private Map<StageId, Stage> buildStages(List<String> problems) {
      Map<StageId, Stage> byId = new LinkedHashMap<>();
      Set<StageId> duplicates = new HashSet<>();
      for (int i = 0; i < stages.size(); i++) {
        Stage stage = stages.get(i);
        if (stage == null) {
          problems.add("stage " + (i + 1) + " is null");
        } else if (byId.putIfAbsent(stage.id(), stage) != null && duplicates.add(stage.id())) {
          problems.add("duplicate stage id '" + stage.id() + "'");
        }
      }
      if (stages.isEmpty()) {
        problems.add("no stages");
      }
      return byId;
    }

    private List<Transition> buildTransitions(Map<StageId, Stage> byId, List<String> problems) {
      List<TransitionSpec> all = new ArrayList<>();
      for (int i = 0; i < transitions.size(); i++) {
        TransitionSpec t = transitions.get(i);
        if (t.complete("transition " + (i + 1) + ": ", problems)) {
          all.add(t);
        }
      }
      for (int i = 0; i < fromEveryOpen.size(); i++) {
        TransitionSpec every = fromEveryOpen.get(i);
        if (!every.complete("transitions from every open stage " + (i + 1) + ": ", problems)) {
          continue;
        }
        for (Stage s : byId.values()) {
          if (s.isOpen() && !s.id().value().equals(every.to)) {
            String from = s.id().value();
            all.add(new TransitionSpec(from, every.to, from + " -> " + every.to, every.guards,
                false));
          }
        }
      }
      Map<StageId, Integer> order = new LinkedHashMap<>();
      for (Stage s : byId.values()) {
        if (s.isOpen()) {
          order.put(s.id(), order.size());
        }
      }
      List<Transition> built = new ArrayList<>();
      Set<List<StageId>> seen = new HashSet<>();
      for (TransitionSpec t : all) {
        String where = "transition " + t.from + " -> " + t.to + ": ";
        Stage from = knownStage(t.from, byId, where, problems);
        Stage to = knownStage(t.to, byId, where, problems);
        if (from == null || to == null) {
          continue;
        }
        if (from.id().equals(to.id())) {
          problems.add(where + "a stage cannot transition to itself");
          continue;
        }
        if (!seen.add(List.of(from.id(), to.id()))) {
          problems.add(where + "declared more than once");
          continue;
        }
        if (t.name.isBlank()) {
          problems.add(where + "name is blank");
          continue;
        }
        TransitionKind kind = kind(from, to, order);
        if (from.isTerminal() && !t.reopen) {
          problems.add(where + "leaves " + from.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " stage '" + from.id() + "'; only a declared reopen(...) may leave a won or lost"
              + " stage");
          continue;
        }
        if (t.reopen && !from.isTerminal()) {
          problems.add(where + "a reopen must start in a won or lost stage, not in "
              + from.kind().name().toLowerCase(java.util.Locale.ROOT) + " stage '" + from.id()
              + "'");
          continue;
        }
        if (t.reopen && !to.isOpen()) {
          problems.add(where + "a reopen must lead to an open stage, not to "
              + to.kind().name().toLowerCase(java.util.Locale.ROOT) + " stage '" + to.id() + "'");
          continue;
        }
        for (int i = 0; i < t.guards.size(); i++) {
          if (t.guards.get(i) == null) {
            problems.add(where + "guard " + i + " is null");
          }
        }
        if (t.guards.contains(null)) {
          continue;
        }
        built.add(new Transition(from.id(), to.id(), t.name, kind, t.guards));
      }
      return built;
    }

    private static TransitionKind kind(Stage from, Stage to, Map<StageId, Integer> order) {
      switch (to.kind()) {
        case WON:
          return TransitionKind.WIN;
        case LOST:
          return TransitionKind.LOSE;
        case DORMANT:
          return TransitionKind.DORMANCY;
        case OPEN:
        default:
          if (from.isTerminal()) {
            return TransitionKind.REOPEN;
          }
          if (from.kind() == StageKind.DORMANT) {
            return TransitionKind.REVIVAL;
          }
          return order.get(to.id()) > order.get(from.id())
              ? TransitionKind.ADVANCE : TransitionKind.BACKWARD;
      }
    }

    private static @Nullable Stage knownStage(
        String id, Map<StageId, Stage> byId, String where, List<String> problems) {
      String p = Checks.idProblem("stage id", id);
      if (p != null) {
        problems.add(where + p);
        return null;
      }
      Stage s = byId.get(StageId.of(id));
      if (s == null) {
        problems.add(where + "unknown stage '" + id + "'");
      }
      return s;
    }

    private Set<StageId> checkedEntryStages(Map<StageId, Stage> byId, List<String> problems) {
      Set<StageId> entries = new LinkedHashSet<>();
      if (entryStages.isEmpty()) {
        byId.values().stream().filter(Stage::isOpen).findFirst()
            .ifPresentOrElse(s -> entries.add(s.id()),
                () -> problems.add("no entry stage: the definition has no open stage"));
        return entries;
      }
      for (int i = 0; i < entryStages.size(); i++) {
        String e = entryStages.get(i);
        if (e == null) {
          problems.add("entry stage " + (i + 1) + " is null");
          continue;
        }
        Stage s = knownStage(e, byId, "entry stage: ", problems);
        if (s != null && !s.isOpen()) {
          problems.add("entry stage '" + e + "' is " + s.kind().name().toLowerCase(
              java.util.Locale.ROOT) + "; deals must start in an open stage");
        } else if (s != null) {
          entries.add(s.id());
        }
      }
      return entries;
    }

    private static void checkGraph(
        Map<StageId, Stage> byId, List<Transition> built, Set<StageId> entries,
        List<String> problems) {
      if (byId.isEmpty()) {
        return;
      }
      ImmutableGraph.Builder<StageId> builder =
          GraphBuilder.directed().allowsSelfLoops(false).<StageId>immutable();
      byId.keySet().forEach(builder::addNode);
      built.forEach(t -> builder.putEdge(t.from(), t.to()));
      ImmutableGraph<StageId> graph = builder.build();

      Set<StageId> canClose = new HashSet<>();
      var transposed = Graphs.transpose(graph);
      for (Stage s : byId.values()) {
        if (s.isTerminal()) {
          canClose.addAll(Graphs.reachableNodes(transposed, s.id()));
        }
      }
      for (Stage s : byId.values()) {
        if (!s.isTerminal() && !canClose.contains(s.id())) {
          problems.add("stage '" + s.id() + "' cannot reach a won or lost stage");
        }
      }
      if (entries.isEmpty()) {
        return;
      }
      Set<StageId> reachable = new HashSet<>();
      for (StageId e : entries) {
        reachable.addAll(Graphs.reachableNodes(graph, e));
      }
      for (Stage s : byId.values()) {
        if (!reachable.contains(s.id())) {
          problems.add("stage '" + s.id() + "' is unreachable from the entry stage"
              + (entries.size() == 1 ? " " : "s ") + entries);
        }
      }
    }

    /** A declared transition as given; null parts are reported by {@link #build()}. */
    private static final class TransitionSpec {
      final @Nullable String from;
      final @Nullable String to;
      final @Nullable String name;
      final List<Guard> guards;
      final boolean reopen;
      final boolean guardsNull;

      TransitionSpec(@Nullable String from, @Nullable String to, @Nullable String name,
          Guard @Nullable [] guards, boolean reopen) {
        this.from = from;
        this.to = to;
        this.name = name;
        this.guardsNull = guards == null;
        this.guards = guards == null ? List.of() : new ArrayList<>(Arrays.asList(guards));
        this.reopen = reopen;
      }

      TransitionSpec(String from, String to, String name, List<Guard> guards, boolean reopen) {
        this(from, to, name, guards.toArray(new Guard[0]), reopen);
      }

      /** {@return whether nothing is null; adds a problem for each null part} */
      boolean complete(String where, List<String> problems) {
        int before = problems.size();
        if (from == null) {
          problems.add(where + "from stage is null");
        }
        if (to == null) {
          problems.add(where + "to stage is null");
        }
        if (name == null && from != null && to != null) {
          problems.add(where + "name is null");
        }
        if (guardsNull) {
          problems.add(where + "guards are null");
        }
        return problems.size() == before;
      }
    }
  }
}

package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Plays the agenda forward day by day over a set of deals: for examples, tests and the tour.
 * Every simulated day the agenda is computed at the same time of day, a {@link Policy} says what
 * to record for each due item (a touch, usually), and scripted commands (a deal that stalls,
 * then moves on a given day) run first. Everything goes through the {@link Pipeline}, so the
 * histories it returns are what the engine would have recorded.
 *
 * <pre>{@code
 * AgendaSimulator.Result run = AgendaSimulator.builder(pipeline, List.of(loan))
 *     .from(LocalDate.of(2026, 6, 1)).to(LocalDate.of(2026, 7, 30))     // both days included
 *     .policy(AgendaSimulator.Policy.actNextBusinessDay().withReplies(0.5, 7L))
 *     .script(LocalDate.of(2026, 6, 22), "L-1", new Command.MoveTo(StageId.of("underwriting")))
 *     .build()
 *     .run();
 * for (AgendaSimulator.Action a : run.actions()) {
 *   System.out.println(a.at() + " " + a.deal() + ": " + a.commands());
 * }
 * DealHistory after = run.history("L-1");
 * }</pre>
 *
 * <p>Each day {@code d} from {@link Builder#from} to {@link Builder#to}, weekends and holidays
 * included (the policy decides whether anyone works that day), at the instant {@code d} at
 * {@link Builder#dailyAt} (09:00 unless told otherwise) in the definition's {@linkplain
 * BusinessCalendar#zone() calendar zone}:
 *
 * <ol>
 *   <li>the commands scripted for {@code d} run, deal by deal in the order they were scripted,
 *       each script as one all-or-nothing change ({@link Pipeline#executeAll});
 *   <li>the {@link Agenda} of every deal is computed at that instant;
 *   <li>for each item, in the agenda's order, the policy returns the commands to record; they run
 *       as one change by the deal's owner (or {@value Request#SYSTEM} for a deal without one).
 * </ol>
 *
 * <p>Every command is recorded at the day's instant ({@link Request#at}): the pipeline's own
 * clock is never read, so a run is deterministic for deterministic policies, and the built-in
 * ones are. A refused command is not an error: its {@link Action} carries the violations and
 * the deal stays as it was. Immutable and thread-safe when its policy and pipeline are.
 */
public final class AgendaSimulator {
  /** The longest run, in days: {@value}. */
  public static final int MAX_DAYS = Span.MAX_DAYS;
  /** When the agenda is computed each day unless told otherwise: 09:00. */
  public static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);

  private final Pipeline pipeline;
  private final List<DealHistory> histories;
  private final LocalDate from;
  private final LocalDate to;
  private final LocalTime time;
  private final Policy policy;
  private final List<Scripted> scripts;

  private AgendaSimulator(Builder b, LocalDate from, LocalDate to) {
    this.pipeline = b.pipeline;
    this.histories = List.copyOf(b.histories.values());
    this.from = from;
    this.to = to;
    this.time = b.time;
    this.policy = b.policy;
    this.scripts = List.copyOf(b.scripts);
  }

  /**
   * Starts a simulation: no one acts ({@link Policy#none()}) and nothing is scripted until told
   * otherwise.
   *
   * @param pipeline the engine every command goes through; its definition's rules make the
   *     agenda and its calendar says the zone and the business days
   * @param histories the deals as they stand when the simulation starts (no event after the
   *     first day's instant), one history per deal
   * @return the builder
   * @throws IllegalArgumentException naming the deal if two histories are of the same deal
   * @throws NullPointerException naming the argument if one (or a history) is null
   */
  public static Builder builder(Pipeline pipeline, Iterable<DealHistory> histories) {
    return new Builder(pipeline, histories);
  }

  /** {@return the first simulated day} */
  public LocalDate from() {
    return from;
  }

  /** {@return the last simulated day, included} */
  public LocalDate to() {
    return to;
  }

  /** {@return the time of day the agenda is computed and commands are recorded} */
  public LocalTime dailyAt() {
    return time;
  }

  /** {@return the policy applied to the due items} */
  public Policy policy() {
    return policy;
  }

  /**
   * The instant a simulated day's agenda is computed at: the day at {@link #dailyAt()} in the
   * definition's calendar zone.
   *
   * @param day the day
   * @return the instant
   * @throws NullPointerException if the day is null
   */
  public Instant instantOf(LocalDate day) {
    Objects.requireNonNull(day, "day is null");
    return ZonedDateTime.of(day, time, pipeline.definition().calendar().zone()).toInstant();
  }

  /**
   * Runs the simulation.
   *
   * @return the histories at the end and the log of every day
   * @throws IllegalStateException naming the rule and the deal if a rule of the definition fails
   *     (as {@link Agenda#of} reports it), or naming the policy if it fails or returns null
   */
  public Result run() {
    PipelineDefinition definition = pipeline.definition();
    BusinessCalendar calendar = definition.calendar();
    Map<DealId, DealHistory> now = new LinkedHashMap<>();
    histories.forEach(h -> now.put(h.dealId(), h));
    List<Day> days = new ArrayList<>();
    int next = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      Instant at = instantOf(d);
      List<Action> actions = new ArrayList<>();
      while (next < scripts.size() && scripts.get(next).day().equals(d)) {
        Scripted s = scripts.get(next++);
        actions.add(execute(now, s.deal(), s.commands(), null, at));
      }
      Agenda agenda = Agenda.of(definition, now.values(), at);
      for (AgendaItem item : agenda.items()) {
        Deal deal = now.get(item.deal()).current();
        List<Command> commands;
        try {
          commands = policy.act(item, deal, d, calendar);
        } catch (RuntimeException e) {
          throw new IllegalStateException("policy " + policy + " failed on the item of rule '"
              + item.rule() + "' of deal '" + item.deal() + "' on " + d + ": " + e, e);
        }
        if (commands == null) {
          throw new IllegalStateException("policy " + policy + " returned null for the item of"
              + " rule '" + item.rule() + "' of deal '" + item.deal() + "' on " + d
              + "; return an empty list to do nothing");
        }
        if (!commands.isEmpty()) {
          actions.add(execute(now, item.deal(), commands, item, at));
        }
      }
      days.add(new Day(d, at, agenda.items(), actions));
    }
    return new Result(List.copyOf(now.values()), days);
  }

  private Action execute(Map<DealId, DealHistory> now, DealId deal, List<Command> commands,
      @Nullable AgendaItem item, Instant at) {
    DealHistory h = now.get(deal);
    Optional<String> owner = h.current().owner();
    Request request = (owner.isPresent() ? Request.by(owner.get()) : Request.system()).at(at);
    Outcome outcome = pipeline.executeAll(h, commands, request);
    if (outcome.isAccepted()) {
      now.put(deal, outcome.appendTo(h));
    }
    return new Action(at, deal, request.actor(), Optional.ofNullable(item), commands,
        outcome.isAccepted() ? outcome.events() : List.of(), outcome.violations());
  }

  @Override
  public String toString() {
    return "AgendaSimulator[" + histories.size() + " deals, " + from + " to " + to + " at "
        + time + ", " + policy + ", " + scripts.size() + " scripted]";
  }

  /**
   * What to record for a due item on a simulated day. A policy is a pure function of its
   * arguments (the simulation calls it once per item per day, and a run is deterministic only if
   * the policy is); it says nothing by returning an empty list.
   *
   * <p>Built-ins: {@link #none()}, {@link #actNextBusinessDay()}, and {@link #withReplies} on
   * any policy (the customer answers some of the touches it records).
   */
  @FunctionalInterface
  public interface Policy {

    /**
     * The commands to record for one item on one day, through the engine, at the day's instant.
     *
     * @param item the item, as that day's agenda has it
     * @param deal the deal as it stood before the day's actions on it
     * @param day the simulated day
     * @param calendar the definition's calendar (to tell business days)
     * @return the commands, in order; empty to do nothing
     */
    List<Command> act(AgendaItem item, Deal deal, LocalDate day, BusinessCalendar calendar);

    /** {@return a policy that never acts: the agenda is only watched} */
    static Policy none() {
      return new Named("none", (item, deal, day, calendar) -> List.of());
    }

    /**
     * Acts on every due item the next business day after the date it fell due (in the
     * calendar's zone): an item due on Friday, or over the weekend, is done on Monday on {@link
     * BusinessCalendar#weekdays()}; one that is still on the agenda later (say the first run day
     * is past its due date) is done on the first business day the simulation sees it. Acting is
     * recording an outbound touch: an email for a delay contact (the message to the customer), a
     * call for anything else, with result {@code COMPLETED}.
     *
     * @return the policy
     */
    static Policy actNextBusinessDay() {
      return new Named("act on every due item the next business day", (item, deal, day, cal) -> {
        if (!cal.isBusinessDay(day) || !day.isAfter(cal.date(item.dueSince()))) {
          return List.of();
        }
        Touch.Channel channel = item.kind() == AgendaItem.Kind.DELAY_CONTACT
            ? Touch.Channel.EMAIL : Touch.Channel.CALL;
        return List.of(new Command.RecordTouch(Touch.outbound(channel, Touch.Result.COMPLETED)));
      });
    }

    /**
     * This policy, and the customer replies with probability {@code p} to each outbound touch it
     * records: the reply is an inbound touch on the same channel with result {@code REPLIED},
     * recorded right after it. Whether the customer replies is drawn from a {@link
     * SplittableRandom} seeded by the seed, the deal, the rule and the day, so the same seed gives
     * the same replies whatever else is simulated, and the policy stays a pure function.
     *
     * @param p the probability of a reply, 0 to 1
     * @param seed the seed
     * @return the new policy
     * @throws IllegalArgumentException naming the value if {@code p} is not in [0, 1]
     */
    default Policy withReplies(double p, long seed) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("a reply probability must be from 0 to 1, not " + p);
      }
      Policy base = this;
      return new Named(base + "; the customer replies with probability " + p + " (seed " + seed
          + ")", (item, deal, day, calendar) -> {
            List<Command> commands = base.act(item, deal, day, calendar);
            List<Command> out = new ArrayList<>(commands.size() + 1);
            for (Command c : commands) {
              out.add(c);
              if (c instanceof Command.RecordTouch
                  && ((Command.RecordTouch) c).touch().direction() == Touch.Direction.OUTBOUND
                  && replies(p, seed, item, day)) {
                out.add(new Command.RecordTouch(Touch.inbound(
                    ((Command.RecordTouch) c).touch().channel(), Touch.Result.REPLIED)));
              }
            }
            return out;
          });
    }

    private static boolean replies(double p, long seed, AgendaItem item, LocalDate day) {
      long key = seed;
      key = key * 0x9E3779B97F4A7C15L + item.deal().value().hashCode();
      key = key * 0x9E3779B97F4A7C15L + item.rule().hashCode();
      key = key * 0x9E3779B97F4A7C15L + day.toEpochDay();
      return new SplittableRandom(key).nextDouble() < p;
    }
  }

  /** A built-in policy: its behaviour and its name, for {@code toString}. */
  private record Named(String name, Policy policy) implements Policy {
    @Override
    public List<Command> act(AgendaItem item, Deal deal, LocalDate day,
        BusinessCalendar calendar) {
      return policy.act(item, deal, day, calendar);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Commands scripted for a deal on a day. */
  private record Scripted(LocalDate day, DealId deal, List<Command> commands) {}

  /**
   * One change the simulation asked the engine for: a script's commands, or what the policy said
   * for an item.
   *
   * @param at when: the day's instant
   * @param deal the deal
   * @param actor who asked: the deal's owner, or {@value Request#SYSTEM}
   * @param item the item acted on; empty for scripted commands
   * @param commands the commands, run as one change
   * @param events the events recorded; empty if the change was refused
   * @param violations why the engine refused it; empty if it was accepted
   */
  public record Action(Instant at, DealId deal, String actor, Optional<AgendaItem> item,
      List<Command> commands, List<DealEvent> events, List<Violation> violations) {
    /**
     * Checks and copies the values.
     *
     * @param at when
     * @param deal the deal
     * @param actor who asked
     * @param item the item acted on, if any
     * @param commands the commands
     * @param events the events recorded
     * @param violations why it was refused
     * @throws NullPointerException naming the argument if one is null
     */
    public Action {
      Objects.requireNonNull(at, "at is null");
      Objects.requireNonNull(deal, "deal is null");
      Objects.requireNonNull(actor, "actor is null");
      Objects.requireNonNull(item, "item is null");
      commands = List.copyOf(commands);
      events = List.copyOf(events);
      violations = List.copyOf(violations);
    }

    /** {@return whether the engine accepted the change} */
    public boolean accepted() {
      return violations.isEmpty();
    }

    /** {@return whether the commands were scripted rather than the policy's} */
    public boolean scripted() {
      return item.isEmpty();
    }
  }

  /**
   * One simulated day.
   *
   * @param date the day
   * @param at the instant its agenda was computed at
   * @param items the agenda that day, after the scripted commands and before the policy acted
   * @param actions what was asked of the engine that day, scripts first
   */
  public record Day(LocalDate date, Instant at, List<AgendaItem> items, List<Action> actions) {
    /**
     * Checks and copies the values.
     *
     * @param date the day
     * @param at the instant
     * @param items the agenda's items
     * @param actions the actions
     * @throws NullPointerException naming the argument if one is null
     */
    public Day {
      Objects.requireNonNull(date, "date is null");
      Objects.requireNonNull(at, "at is null");
      items = List.copyOf(items);
      actions = List.copyOf(actions);
    }
  }

  /**
   * What a run gives: the deals' histories at the end and the log of every day.
   *
   * @param histories the histories after the last day, in the order the deals were given
   * @param days every simulated day, in order
   */
  public record Result(List<DealHistory> histories, List<Day> days) {
    /**
     * Copies the values.
     *
     * @param histories the histories
     * @param days the days
     * @throws NullPointerException naming the argument if one is null
     */
    public Result {
      histories = List.copyOf(histories);
      days = List.copyOf(days);
    }

    /** {@return every action of the run, day by day} */
    public List<Action> actions() {
      return days.stream().flatMap(d -> d.actions().stream()).toList();
    }

    /**
     * The history of one deal at the end.
     *
     * @param deal the deal's id
     * @return its history
     * @throws IllegalArgumentException if the deal was not simulated
     */
    public DealHistory history(String deal) {
      Objects.requireNonNull(deal, "deal is null");
      return histories.stream().filter(h -> h.dealId().value().equals(deal)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("deal '" + deal + "' was not"
              + " simulated; deals: " + histories.stream().map(h -> h.dealId().value())
                  .toList()));
    }
  }

  /** Builds an {@link AgendaSimulator}. Not thread-safe; the simulator it builds is. */
  public static final class Builder {
    private final Pipeline pipeline;
    private final Map<DealId, DealHistory> histories = new LinkedHashMap<>();
    private @Nullable LocalDate from;
    private @Nullable LocalDate to;
    private LocalTime time = DEFAULT_TIME;
    private Policy policy = Policy.none();
    private final List<Scripted> scripts = new ArrayList<>();

    private Builder(Pipeline pipeline, Iterable<DealHistory> histories) {
      this.pipeline = Objects.requireNonNull(pipeline, "pipeline is null");
      Objects.requireNonNull(histories, "histories is null");
      for (DealHistory h : histories) {
        Objects.requireNonNull(h, "history is null");
        if (this.histories.putIfAbsent(h.dealId(), h) != null) {
          throw new IllegalArgumentException("two histories of deal '" + h.dealId()
              + "'; give each deal's history once");
        }
      }
    }

    /**
     * Sets the first simulated day.
     *
     * @param from the day
     * @return this builder
     * @throws NullPointerException if the day is null
     */
    public Builder from(LocalDate from) {
      this.from = Objects.requireNonNull(from, "from is null");
      return this;
    }

    /**
     * Sets the last simulated day, included.
     *
     * @param to the day
     * @return this builder
     * @throws NullPointerException if the day is null
     */
    public Builder to(LocalDate to) {
      this.to = Objects.requireNonNull(to, "to is null");
      return this;
    }

    /**
     * Sets the time of day, in the definition's calendar zone, at which each day's agenda is
     * computed and its commands recorded (default {@link #DEFAULT_TIME}).
     *
     * @param time the time of day
     * @return this builder
     * @throws NullPointerException if the time is null
     */
    public Builder dailyAt(LocalTime time) {
      this.time = Objects.requireNonNull(time, "time is null");
      return this;
    }

    /**
     * Sets what is recorded for the due items (default {@link Policy#none()}).
     *
     * @param policy the policy
     * @return this builder
     * @throws NullPointerException if the policy is null
     */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy is null");
      return this;
    }

    /**
     * Scripts commands for a deal on a day: they run as one change at the day's instant, before
     * that day's agenda (so a move out of a stage on day {@code d} already stops the stage's
     * items on {@code d}). Scripts of the same day run in the order they were added.
     *
     * @param day the day, from {@link #from} to {@link #to}
     * @param deal the deal's id, one of the simulated deals
     * @param first the first command
     * @param more more commands, run after it as part of the same change
     * @return this builder
     * @throws IllegalArgumentException if the deal is not one of the simulated deals (the message
     *     lists them)
     * @throws NullPointerException naming the argument if one (or a command) is null
     */
    public Builder script(LocalDate day, String deal, Command first, Command... more) {
      Objects.requireNonNull(day, "day is null");
      Objects.requireNonNull(deal, "deal is null");
      Objects.requireNonNull(first, "command is null");
      Objects.requireNonNull(more, "commands are null");
      DealId id = DealId.of(deal);
      if (!histories.containsKey(id)) {
        throw new IllegalArgumentException("a script for deal '" + deal + "', which is not"
            + " among the simulated deals " + histories.keySet());
      }
      List<Command> commands = new ArrayList<>(more.length + 1);
      commands.add(first);
      for (Command c : Arrays.asList(more)) {
        commands.add(Objects.requireNonNull(c, "command is null"));
      }
      scripts.add(new Scripted(day, id, commands));
      return this;
    }

    /**
     * Builds the simulator.
     *
     * @return the simulator
     * @throws IllegalStateException if {@link #from} or {@link #to} was not set
     * @throws IllegalArgumentException naming the value if {@code to} is before {@code from},
     *     the run is longer than {@value #MAX_DAYS} days, a script's day is outside the run, or a
     *     history has an event after the first day's instant (naming the deal and the event)
     */
    public AgendaSimulator build() {
      if (from == null || to == null) {
        throw new IllegalStateException("a simulation needs its first and last day: from(...)"
            + " and to(...)");
      }
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("the simulation's last day " + to
            + " is before its first day " + from);
      }
      long days = ChronoUnit.DAYS.between(from, to) + 1;
      if (days > MAX_DAYS) {
        throw new IllegalArgumentException("a simulation of " + days + " days (" + from + " to "
            + to + "); at most " + MAX_DAYS);
      }
      for (Scripted s : scripts) {
        if (s.day().isBefore(from) || s.day().isAfter(to)) {
          throw new IllegalArgumentException("a script for deal '" + s.deal() + "' on "
              + s.day() + ", outside the simulation's days " + from + " to " + to);
        }
      }
      // Scripts run day by day, in the order they were added within a day.
      List<Scripted> sorted = new ArrayList<>(scripts);
      sorted.sort(java.util.Comparator.comparing(Scripted::day));
      scripts.clear();
      scripts.addAll(sorted);
      AgendaSimulator simulator = new AgendaSimulator(this, from, to);
      Instant start = simulator.instantOf(from);
      for (DealHistory h : histories.values()) {
        List<DealEvent> events = h.events();
        DealEvent last = events.get(events.size() - 1);
        if (last.at().isAfter(start)) {
          throw new IllegalArgumentException("deal '" + h.dealId() + "' has an event at "
              + last.at() + " (" + last.getClass().getSimpleName() + "), after the simulation's"
              + " first instant " + start + "; give the histories as they stand when it starts");
        }
      }
      return simulator;
    }
  }
}

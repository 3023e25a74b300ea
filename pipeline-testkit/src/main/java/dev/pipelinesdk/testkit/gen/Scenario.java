package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.Cadence;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.testkit.ManualClock;
import dev.pipelinesdk.testkit.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A generated run of one deal through a definition: its creation, then a sequence of commands
 * (moves, wins, losses, dormancy, touches, attribute, amount, owner, close date and probability
 * changes, snoozes, cadence enrolments and stops),
 * each after a wait and by some actor. Moves are chosen against the deal as it is when the step
 * runs (mostly along a declared transition, sometimes not), so sequences stay meaningful while
 * they shrink.
 *
 * <p>{@link #play()} drives the real {@link Pipeline} with a {@link ManualClock}: the result is
 * the same on every call, and the history of accepted events is valid by construction. Created by
 * {@link Histories#scenarios()}. Immutable.
 */
public final class Scenario {
  private final PipelineDefinition definition;
  private final Instant start;
  private final NewDeal newDeal;
  private final Request creator;
  private final Currency currency;
  private final List<Plan> plans;

  Scenario(PipelineDefinition definition, Instant start, NewDeal newDeal, Request creator,
      Currency currency, List<Plan> plans) {
    this.definition = definition;
    this.start = start;
    this.newDeal = newDeal;
    this.creator = creator;
    this.currency = currency;
    this.plans = List.copyOf(plans);
  }

  /** A step before it runs: how long to wait, what to do, who asks. */
  record Plan(Duration pause, Action action, Request request) {}

  /** What a step does, resolved against the deal when it runs. */
  sealed interface Action {
    Command resolve(PipelineDefinition definition, Deal deal, Currency currency);
  }

  /** A fixed command. */
  record Fixed(Command command) implements Action {
    @Override
    public Command resolve(PipelineDefinition definition, Deal deal, Currency currency) {
      return command;
    }
  }

  /** A move along the n-th declared transition from the deal's stage. */
  record DeclaredMove(int pick) implements Action {
    @Override
    public Command resolve(PipelineDefinition definition, Deal deal, Currency currency) {
      List<Transition> out = new ArrayList<>(definition.transitionsFrom(deal.stage()));
      return new Command.MoveTo(out.isEmpty() ? deal.stage() : out.get(pick % out.size()).to());
    }
  }

  /** A move to any stage, declared or not, or to an unknown one. */
  record AnyMove(int pick) implements Action {
    @Override
    public Command resolve(PipelineDefinition definition, Deal deal, Currency currency) {
      List<Stage> stages = definition.stages();
      int i = pick % (stages.size() + 1);
      return new Command.MoveTo(i == stages.size() ? StageId.of(Commands.UNKNOWN_STAGE)
          : stages.get(i).id());
    }
  }

  /** An amount change in the deal's currency, or in another one. */
  record AmountChange(long minorUnits, boolean otherCurrency, boolean clear) implements Action {
    @Override
    public Command resolve(PipelineDefinition definition, Deal deal, Currency currency) {
      if (clear) {
        return new Command.ChangeAmount(Optional.empty());
      }
      Currency c = deal.amount().map(Money::currency).orElse(currency);
      if (otherCurrency) {
        c = Money.currency(c.getCurrencyCode().equals("EUR") ? "USD" : "EUR");
      }
      return new Command.ChangeAmount(Optional.of(Money.ofMinor(minorUnits, c)));
    }
  }

  /**
   * A close date change: cleared, or moved by some days (later, earlier or not at all) from the
   * deal's close date when the step runs, or from the step's instant's date if it has none.
   */
  record CloseDateChange(int days, boolean clear) implements Action {
    @Override
    public Command resolve(PipelineDefinition definition, Deal deal, Currency currency) {
      if (clear) {
        return new Command.ChangeCloseDate(Optional.empty());
      }
      LocalDate from = deal.closeDate()
          .orElseGet(() -> LocalDate.ofInstant(deal.updatedAt(), ZoneOffset.UTC));
      return new Command.ChangeCloseDate(Optional.of(from.plusDays(days)));
    }
  }

  /**
   * A snooze until some days after the date of the deal's last change (0 days: the same date,
   * which the engine refuses), with a reason.
   */
  record SnoozeFor(int days, String reason) implements Action {
    @Override
    public Command resolve(PipelineDefinition definition, Deal deal, Currency currency) {
      LocalDate from = definition.calendar().date(deal.updatedAt());
      return new Command.Snooze(from.plusDays(days), reason);
    }
  }

  /**
   * A manual enrolment in, or stop of, a cadence: mostly one of the deal's stage when the step
   * runs (the engine may still refuse it: already enrolled, not enrolled), sometimes one of
   * another stage or one the definition does not have, which the engine refuses.
   */
  record CadenceChange(int pick, boolean stop, String reason) implements Action {
    @Override
    public Command resolve(PipelineDefinition definition, Deal deal, Currency currency) {
      List<String> here = new ArrayList<>();
      List<String> all = new ArrayList<>();
      for (AutomationRule r : definition.automationRules()) {
        if (r instanceof Cadence) {
          all.add(r.id());
          if (r.stage().equals(deal.stage())) {
            here.add(r.id());
          }
        }
      }
      String id = !here.isEmpty() && pick % 5 != 0 ? here.get(pick % here.size())
          : all.isEmpty() || pick % 10 == 0 ? "no-such-cadence" : all.get(pick % all.size());
      return stop ? new Command.StopCadence(id, reason) : new Command.EnrolCadence(id);
    }
  }

  /** The result of one step: what ran, when, by whom, on which deal, and the outcome. */
  public record Step(Duration waited, Instant at, Request request, Deal before, Command command,
      Outcome outcome) {
    /**
     * Creates a step result.
     *
     * @param waited how long the clock advanced before the step
     * @param at the instant of the step
     * @param request who asked
     * @param before the deal before the step
     * @param command the command run
     * @param outcome what the engine said
     */
    public Step {
      Objects.requireNonNull(waited, "waited is null");
      Objects.requireNonNull(at, "at is null");
      Objects.requireNonNull(request, "request is null");
      Objects.requireNonNull(before, "before is null");
      Objects.requireNonNull(command, "command is null");
      Objects.requireNonNull(outcome, "outcome is null");
    }
  }

  /**
   * A played scenario.
   *
   * @param created the creation of the deal
   * @param steps every step, accepted or rejected, in order
   * @param history the history of accepted events
   */
  public record Played(Outcome.Accepted created, List<Step> steps, DealHistory history) {
    /**
     * Creates a played scenario; copies the list.
     *
     * @param created the creation of the deal
     * @param steps every step, accepted or rejected, in order
     * @param history the history of accepted events
     * @throws NullPointerException if {@code created} or {@code history} is null
     */
    public Played {
      Objects.requireNonNull(created, "created is null");
      steps = List.copyOf(steps);
      Objects.requireNonNull(history, "history is null");
    }
  }

  /** {@return the definition the scenario runs through} */
  public PipelineDefinition definition() {
    return definition;
  }

  /** {@return the number of steps after the creation} */
  public int size() {
    return plans.size();
  }

  /**
   * Plays the scenario through the real engine with a fresh manual clock.
   *
   * @return the creation, every step with its outcome, and the history of accepted events
   */
  public Played play() {
    ManualClock clock = ManualClock.at(start);
    Pipeline pipeline = Pipeline.builder(definition).clock(clock).build();
    // A deal first seen outside the entry stages (Histories.startingIn) is imported there.
    Outcome.Accepted created = newDeal.stage().isEmpty()
        || definition.entryStages().contains(newDeal.stage().get())
        ? pipeline.create(newDeal, creator) : pipeline.importDeal(newDeal, creator.at(start));
    DealHistory history = DealHistory.of(created.events());
    List<Step> steps = new ArrayList<>(plans.size());
    for (Plan p : plans) {
      Instant at = clock.advance(p.pause());
      Deal before = history.current();
      Command command = p.action().resolve(definition, before, currency);
      Outcome outcome = pipeline.execute(history, command, p.request());
      steps.add(new Step(p.pause(), at, p.request(), before, command, outcome));
      if (outcome.isAccepted()) {
        history = outcome.appendTo(history);
      }
    }
    return new Played(created, steps, history);
  }

  /** {@return the history of accepted events ({@code play().history()})} */
  public DealHistory history() {
    return play().history();
  }

  /** {@return the steps with their outcomes and the resulting history, as readable text} */
  @Override
  public String toString() {
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder("scenario on '").append(definition.id()).append("', ")
        .append(plans.size()).append(plans.size() == 1 ? " step" : " steps")
        .append(" after creation").append(nl);
    try {
      Played played = play();
      sb.append("  ").append(start).append(" create by ").append(creator.actor()).append(": ")
          .append(Readable.dealLine(played.created().deal())).append(nl);
      for (Step s : played.steps()) {
        sb.append("  +").append(Readable.duration(s.waited())).append(' ').append(s.at())
            .append(' ').append(s.request().actor()).append(s.request().roles().isEmpty() ? ""
                : " " + s.request().roles()).append(": ").append(Readable.command(s.command()))
            .append(s.outcome().isAccepted() ? "  -> accepted" : "  -> rejected "
                + s.outcome().violations().stream().map(v -> v.code()).toList())
            .append(nl);
      }
      sb.append(Readable.history(played.history()));
    } catch (RuntimeException | AssertionError e) {
      sb.append("  (playing it failed: ").append(e).append(')');
    }
    return sb.toString();
  }

  static Action touch(Touch touch) {
    return new Fixed(new Command.RecordTouch(touch));
  }

  static Action attribute(String name, Optional<AttributeValue> value) {
    return new Fixed(new Command.SetAttribute(name, value));
  }

  static Action owner(Optional<String> owner) {
    return new Fixed(new Command.ChangeOwner(owner));
  }

  static Action probability(OptionalDouble p) {
    return new Fixed(new Command.OverrideProbability(p));
  }
}

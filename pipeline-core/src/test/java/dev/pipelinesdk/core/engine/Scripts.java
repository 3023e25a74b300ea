package dev.pipelinesdk.core.engine;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.Transition;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.quicktheories.core.Gen;

/**
 * Random command scripts: a script is a list of small integers, each turned into a command that
 * fits the deal's current state (so that most moves follow declared transitions). Scripts shrink
 * like lists; interpretation is a pure function of (definition, deal, step).
 */
public final class Scripts {
  private Scripts() {}

  static final int OPS = 15;
  static final List<String> ACTORS = List.of("ana", "ben", Request.SYSTEM);
  static final List<String> OWNERS = List.of("ana", "ben", "carla");
  static final List<String> REASONS = List.of("no budget", "went with a competitor", "timing");
  static final List<String> ATTRIBUTES = List.of(Deal.LEAD_SCORE, "need", "buying_process",
      "decision_maker", "budget", "note", "close_by");

  /** Scripts of up to {@code max} steps. */
  // "exports": test code is patched into dev.pipelinesdk.core while QuickTheories (test scope)
  // stays in the unnamed module; nothing outside this module's tests sees these methods.
  @SuppressWarnings("exports")
  public static Gen<List<Integer>> scripts(int max) {
    return lists().of(integers().between(0, 99_999)).ofSizeBetween(0, max);
  }

  /** The new deal a script starts from; {@code seed} varies amount, owner, close date and lead score. */
  public static NewDeal newDeal(String id, int seed) {
    NewDeal.Builder b = NewDeal.builder().id(id).title("Deal " + id);
    if (seed % 3 != 0) {
      b.amount(Money.ofMinor(100_000L + seed * 7L, Money.currency("EUR")));
    }
    if (seed % 4 == 1) {
      b.owner(OWNERS.get(seed % OWNERS.size()));
    }
    if (seed % 2 == 0) {
      b.closeDate(LocalDate.of(2026, 3, 1).plusDays(seed % 30));
    }
    if (seed % 5 != 0) {
      b.putAttribute(Deal.LEAD_SCORE, AttributeValue.of(seed % 100));
    }
    if (seed % 7 == 3) {
      b.leadSource(seed % 2 == 0 ? LeadSource.warm("webinar") : LeadSource.cold("call"));
    }
    return b.build();
  }

  /** How far the clock moves before a step: 0 to 4 half-hours (0 keeps the same instant). */
  public static Duration advance(int step) {
    return Duration.ofMinutes(30L * (step / OPS % 5));
  }

  /** The request of a step. */
  public static Request request(int step) {
    int arg = step / OPS;
    Request r = Request.by(ACTORS.get(arg % ACTORS.size()));
    if (arg % 4 == 0) {
      r = r.withReason(REASONS.get(arg % REASONS.size()));
    }
    return arg % 3 == 0 ? r.withRoles("manager") : r;
  }

  /** The command of a step, fitted to the deal's current state. */
  public static Command command(PipelineDefinition definition, Deal deal, int step) {
    int op = step % OPS;
    int arg = step / OPS;
    List<Transition> out = new ArrayList<>(definition.transitionsFrom(deal.stage()));
    switch (op) {
      case 0: // a declared transition, if any
      case 1:
        if (!out.isEmpty()) {
          return new Command.MoveTo(out.get(arg % out.size()).to());
        }
        return anyStage(definition, arg);
      case 2:
        return new Command.Win();
      case 3:
        return new Command.Lose(REASONS.get(arg % REASONS.size()));
      case 4:
        return new Command.GoDormant();
      case 5: { // reopen / revive: a declared transition into an open stage
        List<Transition> back = out.stream()
            .filter(t -> definition.stage(t.to()).map(Stage::isOpen).orElse(false)).toList();
        return back.isEmpty() ? anyStage(definition, arg)
            : new Command.MoveTo(back.get(arg % back.size()).to());
      }
      case 6:
        return new Command.RecordTouch(new Touch(
            Touch.Channel.values()[arg % Touch.Channel.values().length],
            Touch.Direction.values()[arg / 7 % 2],
            Touch.Result.values()[arg / 14 % Touch.Result.values().length]));
      case 7: {
        String name = ATTRIBUTES.get(arg % ATTRIBUTES.size());
        return new Command.SetAttribute(name, Optional.of(value(name, arg / 7)));
      }
      case 8:
        return new Command.SetAttribute(ATTRIBUTES.get(arg % ATTRIBUTES.size()), Optional.empty());
      case 9: {
        if (arg % 5 == 0) {
          return new Command.ChangeAmount(Optional.empty());
        }
        String currency = arg % 11 == 0 ? "USD" : "EUR";
        return new Command.ChangeAmount(
            Optional.of(Money.ofMinor(arg % 1000 * 100L, Money.currency(currency))));
      }
      case 10:
        return new Command.ChangeOwner(arg % 4 == 0 ? Optional.empty()
            : Optional.of(OWNERS.get(arg % OWNERS.size())));
      case 11:
        return new Command.OverrideProbability(arg % 6 == 0 ? OptionalDouble.empty()
            : OptionalDouble.of(arg % 11 / 10.0));
      case 12: // a close date in a 40-day window: pushes, pull-ins, repeats (no-ops), clears
        return new Command.ChangeCloseDate(arg % 7 == 0 ? Optional.empty()
            : Optional.of(LocalDate.of(2026, 3, 1).plusDays(arg % 40)));
      case 13: // a snooze 0 to 9 days after the deal's last change (0: refused, the same day)
        return new Command.Snooze(LocalDate.ofInstant(deal.updatedAt(), java.time.ZoneOffset.UTC)
            .plusDays(arg % 10), REASONS.get(arg % REASONS.size()));
      case 14: { // a manual cadence enrolment or stop, of any of the definition's cadences
        List<String> cadences = definition.automationRules().stream()
            .filter(r -> r instanceof dev.pipelinesdk.core.automation.Cadence)
            .map(r -> r.id()).toList();
        if (cadences.isEmpty()) {
          return anyStage(definition, arg);
        }
        String id = cadences.get(arg / 2 % cadences.size());
        return arg % 2 == 0 ? new Command.EnrolCadence(id)
            : new Command.StopCadence(id, REASONS.get(arg % REASONS.size()));
      }
      default:
        return anyStage(definition, arg);
    }
  }

  private static Command anyStage(PipelineDefinition definition, int arg) {
    List<Stage> stages = definition.stages();
    return new Command.MoveTo(stages.get(arg % stages.size()).id());
  }

  private static AttributeValue value(String name, int v) {
    switch (name) {
      case Deal.LEAD_SCORE:
      case "budget":
        return AttributeValue.of(v % 100);
      case "note":
        return AttributeValue.of(v % 3 == 0 ? " " : "note " + v % 10);
      case "close_by":
        return AttributeValue.of(LocalDate.of(2026, 1, 1).plusDays(v % 90));
      default:
        return AttributeValue.of(v % 3 != 0);
    }
  }

  /** Whether a definition has a stage of the given kind reachable from the stage (test help). */
  static long targets(PipelineDefinition definition, StageId from, StageKind kind) {
    return definition.transitionsFrom(from).stream()
        .filter(t -> definition.requireStage(t.to()).kind() == kind).count();
  }
}

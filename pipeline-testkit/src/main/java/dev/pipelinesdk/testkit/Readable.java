package dev.pipelinesdk.testkit;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.GuardContext;
import dev.pipelinesdk.core.guard.Verdict;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders deals, histories, commands and guard contexts as text a person can read: what
 * counterexamples of failed properties are reported as. The output is meant for people, not for
 * parsing; it may change between versions.
 */
public final class Readable {
  private static final String NL = System.lineSeparator();

  private Readable() {}

  /**
   * A deal on several lines: id, title, stage and times, amount, owner, lead source, close date,
   * touches, probability override, attributes, lost reason.
   *
   * @param deal the deal
   * @return the text
   */
  public static String deal(Deal deal) {
    StringBuilder sb = new StringBuilder();
    sb.append("deal ").append(deal.id()).append(" '").append(deal.title()).append("' in stage ")
        .append(deal.stage()).append(NL);
    sb.append("  created ").append(deal.createdAt()).append(", in stage since ")
        .append(deal.stageEnteredAt()).append(", updated ").append(deal.updatedAt()).append(NL);
    sb.append("  amount: ").append(deal.amount().map(Object::toString).orElse("-"))
        .append("; owner: ").append(deal.owner().orElse("-")).append("; lead source: ")
        .append(deal.leadSource().map(Object::toString).orElse("-")).append("; close date: ")
        .append(deal.closeDate().map(Object::toString).orElse("-")).append(NL);
    sb.append("  touches: ").append(deal.touchCount())
        .append(deal.lastTouchAt().map(t -> " (last " + t + ")").orElse("")).append(NL);
    sb.append("  attributes: ").append(deal.attributes());
    if (deal.manualProbability().isPresent()) {
      sb.append(NL).append("  manual probability: ").append(deal.manualProbability().getAsDouble());
    }
    deal.lostReason().ifPresent(r -> sb.append(NL).append("  lost reason: ").append(r));
    return sb.toString();
  }

  /**
   * A deal on one line.
   *
   * @param deal the deal
   * @return the text
   */
  public static String dealLine(Deal deal) {
    return deal.id() + " '" + deal.title() + "' in " + deal.stage() + ", amount "
        + deal.amount().map(Object::toString).orElse("-") + ", owner "
        + deal.owner().orElse("-") + ", touches " + deal.touchCount() + ", attributes "
        + deal.attributes();
  }

  /**
   * A history: one line per event, then the deal it replays to.
   *
   * @param history the history
   * @return the text
   */
  public static String history(DealHistory history) {
    StringBuilder sb = new StringBuilder("history of ").append(history.dealId()).append(", ")
        .append(history.size()).append(history.size() == 1 ? " event:" : " events:");
    int i = 0;
    for (DealEvent e : history.events()) {
      sb.append(NL).append("  ").append(i++).append(". ").append(event(e));
    }
    return sb.append(NL).append("which replays to ").append(deal(history.current())).toString();
  }

  /**
   * One event on one line: instant, actor, what happened.
   *
   * @param event the event
   * @return the text
   */
  public static String event(DealEvent event) {
    String what;
    if (event instanceof DealEvent.Created) {
      what = "created in " + ((DealEvent.Created) event).deal().stage();
    } else if (event instanceof DealEvent.Lost) {
      DealEvent.Lost l = (DealEvent.Lost) event;
      what = "lost " + l.from() + " -> " + l.to() + l.reason().map(r -> " (" + r + ")").orElse("");
    } else if (event instanceof DealEvent.StageChanged) {
      DealEvent.StageChanged m = (DealEvent.StageChanged) event;
      what = event.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + m.from() + " -> "
          + m.to();
    } else if (event instanceof DealEvent.AttributeChanged) {
      DealEvent.AttributeChanged a = (DealEvent.AttributeChanged) event;
      what = "attribute " + a.name() + " = " + a.value().map(Object::toString).orElse("(removed)");
    } else if (event instanceof DealEvent.AmountChanged) {
      what = "amount = " + ((DealEvent.AmountChanged) event).amount().map(Object::toString)
          .orElse("(cleared)");
    } else if (event instanceof DealEvent.OwnerChanged) {
      what = "owner = " + ((DealEvent.OwnerChanged) event).owner().orElse("(nobody)");
    } else if (event instanceof DealEvent.CloseDateChanged) {
      DealEvent.CloseDateChanged c = (DealEvent.CloseDateChanged) event;
      what = "close date = " + c.closeDate().map(Object::toString).orElse("(cleared)")
          + c.previous().map(d -> " (was " + d + ")").orElse("");
    } else if (event instanceof DealEvent.ProbabilityOverridden) {
      DealEvent.ProbabilityOverridden p = (DealEvent.ProbabilityOverridden) event;
      what = "manual probability = " + (p.probability().isPresent()
          ? Double.toString(p.probability().getAsDouble()) : "(cleared)");
    } else if (event instanceof DealEvent.TouchRecorded) {
      var t = ((DealEvent.TouchRecorded) event).touch();
      what = "touch " + t.direction() + " " + t.channel() + " " + t.result();
    } else if (event instanceof DealEvent.Snoozed) {
      DealEvent.Snoozed z = (DealEvent.Snoozed) event;
      what = "snoozed until " + z.until() + " (" + z.reason() + ")";
    } else if (event instanceof DealEvent.CadenceEnrolled) {
      what = "enrolled in cadence " + ((DealEvent.CadenceEnrolled) event).cadence();
    } else if (event instanceof DealEvent.CadenceStopped) {
      DealEvent.CadenceStopped c = (DealEvent.CadenceStopped) event;
      what = "cadence " + c.cadence() + " stopped (" + c.reason() + ")";
    } else if (event instanceof DealEvent.Linked) {
      what = "linked: " + ((DealEvent.Linked) event).link();
    } else {
      what = event.toString();
    }
    return event.at() + " " + event.actor() + ": " + what;
  }

  /**
   * A command in a few words, such as {@code move to qualification}.
   *
   * @param command the command
   * @return the text
   */
  public static String command(Command command) {
    if (command instanceof Command.MoveTo) {
      return "move to " + ((Command.MoveTo) command).to();
    }
    if (command instanceof Command.Lose) {
      return "lose (" + ((Command.Lose) command).reason() + ")";
    }
    if (command instanceof Command.RecordTouch) {
      var t = ((Command.RecordTouch) command).touch();
      return "touch " + t.direction() + " " + t.channel() + " " + t.result();
    }
    if (command instanceof Command.SetAttribute) {
      Command.SetAttribute s = (Command.SetAttribute) command;
      return "set " + s.name() + " = " + s.value().map(Object::toString).orElse("(removed)");
    }
    if (command instanceof Command.ChangeAmount) {
      return "amount = " + ((Command.ChangeAmount) command).amount().map(Object::toString)
          .orElse("(cleared)");
    }
    if (command instanceof Command.ChangeOwner) {
      return "owner = " + ((Command.ChangeOwner) command).owner().orElse("(nobody)");
    }
    if (command instanceof Command.ChangeCloseDate) {
      return "close date = " + ((Command.ChangeCloseDate) command).closeDate()
          .map(Object::toString).orElse("(cleared)");
    }
    if (command instanceof Command.Snooze) {
      Command.Snooze z = (Command.Snooze) command;
      return "snooze until " + z.until() + " (" + z.reason() + ")";
    }
    if (command instanceof Command.Link) {
      return "link " + ((Command.Link) command).link();
    }
    if (command instanceof Command.OverrideProbability) {
      var p = ((Command.OverrideProbability) command).probability();
      return "manual probability = " + (p.isPresent() ? Double.toString(p.getAsDouble())
          : "(cleared)");
    }
    if (command instanceof Command.EnrolCadence) {
      return "enrol in cadence " + ((Command.EnrolCadence) command).cadence();
    }
    if (command instanceof Command.StopCadence) {
      Command.StopCadence c = (Command.StopCadence) command;
      return "stop cadence " + c.cadence() + " (" + c.reason() + ")";
    }
    return command.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /**
   * A request: actor, roles, reason.
   *
   * @param request the request
   * @return the text
   */
  public static String request(Request request) {
    return request.actor() + (request.roles().isEmpty() ? "" : " with roles "
        + request.roles().stream().sorted().collect(Collectors.toList()))
        + request.reason().map(r -> " because '" + r + "'").orElse("");
  }

  /**
   * A verdict: pass, or each violation's guard, code and message.
   *
   * @param verdict the verdict
   * @return the text
   */
  public static String verdict(Verdict verdict) {
    if (verdict.passed()) {
      return "pass";
    }
    return "fail " + verdict.violations().stream()
        .map(v -> "[" + v.guard() + "] " + v.code() + ": " + v.message())
        .collect(Collectors.joining("; "));
  }

  /**
   * A guard context: the transition, the request, the instant, the deal, the history (if
   * attached) and the definition.
   *
   * @param context the context
   * @return the text
   */
  public static String context(GuardContext context) {
    StringBuilder sb = new StringBuilder();
    sb.append("transition ").append(context.transition()).append(" (")
        .append(context.transition().kind()).append(") requested by ")
        .append(request(context.request())).append(" at ").append(context.at()).append(NL);
    sb.append(deal(context.deal())).append(NL);
    sb.append(context.history().map(Readable::history).orElse("(no history attached)"))
        .append(NL);
    sb.append("in ").append(context.definition());
    return sb.toString();
  }

  /**
   * A duration in the largest fitting units, such as {@code 2d3h} or {@code 0s}.
   *
   * @param d the duration
   * @return the text
   */
  public static String duration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (d.toDays() > 0) {
      sb.append(d.toDays()).append('d');
    }
    if (d.toHoursPart() > 0) {
      sb.append(d.toHoursPart()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      sb.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0 || sb.length() == 0) {
      sb.append(d.toSecondsPart()).append('s');
    }
    return sb.toString();
  }
}

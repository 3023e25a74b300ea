package dev.pipelinesdk.benchmarks.agenda;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.Due;
import dev.pipelinesdk.core.automation.RuleContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The baseline: the agenda as a user would write it with the public API instead of calling
 * {@link Agenda#of}: per deal a {@link RuleContext#of}, then every rule of the definition
 * ({@link Agenda#rules}, listed once) whose stage is the deal's, the snooze and the "never
 * before the last event" rules applied as {@code Agenda}'s Javadoc states them, then the list
 * sorted by {@link Agenda#ORDER}. It gives exactly {@code Agenda.of}'s items (the benchmark's
 * setup checks it); what it does not do is group the rules by stage, skip the deals whose stage
 * has no rule before building their context, or check for duplicate deals.
 */
public final class UserLoop {
  private UserLoop() {}

  /**
   * The due items.
   *
   * @param definition the definition
   * @param histories the histories
   * @param asOf the instant
   * @return the items, in the agenda's order
   */
  public static List<AgendaItem> items(PipelineDefinition definition,
      List<DealHistory> histories, Instant asOf) {
    List<AutomationRule> rules = Agenda.rules(definition);
    List<AgendaItem> items = new ArrayList<>();
    for (DealHistory h : histories) {
      if (h.created().at().isAfter(asOf)) {
        continue;
      }
      RuleContext c = RuleContext.of(definition, h, asOf);
      for (AutomationRule rule : rules) {
        if (!rule.stage().equals(c.stage().id())) {
          continue;
        }
        Optional<Due> due = rule.due(c);
        if (due.isEmpty()) {
          continue;
        }
        AgendaItem.Kind kind = due.get().kind();
        Instant since = due.get().since();
        String reason = due.get().reason();
        Optional<LocalDate> until = Optional.empty();
        Optional<DealEvent.Snoozed> snooze = c.snooze();
        if (rule.snoozable() && snooze.isPresent()) {
          Instant end = c.calendar().startOf(snooze.get().until());
          if (asOf.isBefore(end)) {
            continue;
          }
          if (since.isBefore(end)) {
            kind = AgendaItem.Kind.SNOOZE_ENDED;
            since = end;
            until = Optional.of(snooze.get().until());
            reason = "snoozed until " + snooze.get().until() + " (" + snooze.get().reason()
                + "), " + due.get().kind().words() + ": " + reason;
          }
        }
        if (since.isBefore(c.lastEventAt())) {
          since = c.lastEventAt();
        }
        items.add(new AgendaItem(c.deal().id(), c.deal().owner(), c.stage().id(), kind, since,
            rule.id(), reason, due.get().messageKey(), due.get().offer(), until));
      }
    }
    items.sort(Agenda.ORDER);
    return items;
  }
}

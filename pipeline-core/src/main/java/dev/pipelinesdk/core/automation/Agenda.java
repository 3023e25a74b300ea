package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What is due on which deal at an instant: the ordered list of {@link AgendaItem}s the
 * definition's rules produce for the deals' histories. A pure function of the definition, the
 * histories and the instant: no clock, no state, the same input gives the same list. Immutable.
 *
 * <pre>{@code
 * Agenda agenda = Agenda.of(definition, histories, Instant.parse("2026-06-01T00:00:00Z"));
 * for (AgendaItem item : agenda.itemsOf("ana")) {
 *   System.out.println(item.deal() + " " + item.kind() + ": " + item.reason());
 * }
 * }</pre>
 *
 * <p>How the list is made, per deal (in one pass over its history):
 *
 * <ul>
 *   <li>only what happened at or before the instant counts: deals created later are left out,
 *       later events are cut off, so a later event never changes an earlier agenda;
 *   <li>every rule for the stage the deal is in at the instant ({@link #rules}) says what it has
 *       due, at most one item per rule; a won or lost deal has no rules, so no items;
 *   <li>a snooze ({@code DealEvent.Snoozed}, the deal's latest) hides the items of {@linkplain
 *       AutomationRule#snoozable() snoozable} rules until the start of its date in the
 *       definition's calendar zone; once it ends, an item that fell due before the end comes back
 *       as {@link AgendaItem.Kind#SNOOZE_ENDED}, due since the end, until something resets it;
 *   <li>an item is never due before the deal's last event: {@code dueSince} is the later of
 *       when the rule says it fell due and the deal's last event at or before the instant.
 * </ul>
 *
 * <p>Acting on an item removes it: record through the engine what its rule waits for (a touch
 * for the built-in rules, an outbound one for a cadence step, or a move out of the stage) and
 * the next agenda no longer has it.
 *
 * <p>Order ({@link #ORDER}): by kind in {@link AgendaItem.Kind}'s declaration order (escalations,
 * delay contacts, cadence touches, ended snoozes, idle deals), then the longest due first ({@code
 * dueSince} ascending), then deal id, then rule id.
 */
public final class Agenda {
  /** The agenda's order; see the class comment. */
  public static final Comparator<AgendaItem> ORDER = new Order();

  /**
   * {@link #ORDER} by hand: kind, due since, deal id, rule id. The same order as {@code
   * Comparator.comparing(AgendaItem::kind).thenComparing(AgendaItem::dueSince)...}, whose chain
   * of lambdas and what it called were a fifth of the samples of a Flight Recorder profile of
   * agendas over 100,000 deals (60,000 items each; 2026-12-01); {@code AgendaOrderTest} checks
   * the two agree.
   */
  private static final class Order implements Comparator<AgendaItem> {
    @Override
    public int compare(AgendaItem a, AgendaItem b) {
      int c = Integer.compare(a.kind().ordinal(), b.kind().ordinal());
      if (c != 0) {
        return c;
      }
      c = a.dueSince().compareTo(b.dueSince());
      if (c != 0) {
        return c;
      }
      c = a.deal().value().compareTo(b.deal().value());
      return c != 0 ? c : a.rule().compareTo(b.rule());
    }

    @Override
    public String toString() {
      return "Agenda.ORDER (kind, due since, deal, rule)";
    }
  }

  private final Instant asOf;
  private final List<AgendaItem> items;

  private Agenda(Instant asOf, List<AgendaItem> items) {
    this.asOf = asOf;
    this.items = List.copyOf(items);
  }

  /**
   * Computes the agenda.
   *
   * @param definition the definition whose rules apply (and whose calendar counts business days)
   * @param histories the deals' histories; they may reach past {@code asOf} (cut off) and
   *     include deals created after it (left out)
   * @param asOf the instant
   * @return the agenda
   * @throws IllegalArgumentException naming the deal if two histories have the same deal id or a
   *     deal is in a stage the definition does not have
   * @throws IllegalStateException naming the rule and the deal if a rule throws or says an item
   *     is due after {@code asOf} (a bug in the rule)
   * @throws NullPointerException naming the argument if one (or a history) is null
   */
  public static Agenda of(PipelineDefinition definition, Iterable<DealHistory> histories,
      Instant asOf) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(histories, "histories is null");
    Objects.requireNonNull(asOf, "asOf is null");
    Map<StageId, List<AutomationRule>> byStage = new HashMap<>();
    for (AutomationRule r : rules(definition)) {
      byStage.computeIfAbsent(r.stage(), s -> new ArrayList<>()).add(r);
    }
    SeenDeals seen = new SeenDeals();
    List<AgendaItem> items = new ArrayList<>();
    for (DealHistory h : histories) {
      Objects.requireNonNull(h, "history is null");
      if (!seen.add(h.dealId())) {
        throw new IllegalArgumentException("two histories of deal '" + h.dealId()
            + "'; give each deal's history once");
      }
      int n = RuleContext.known(h, asOf);
      if (n == 0) {
        continue; // created after the instant
      }
      if (n == h.size() && definition.stage(h.current().stage()).isPresent()
          && !byStage.containsKey(h.current().stage())) {
        continue; // no rule watches its stage (won, lost, ...): nothing to compute
      }
      RuleContext context = new RuleContext(definition, h, asOf, n);
      List<AutomationRule> rules = byStage.get(context.stage().id());
      if (rules != null) {
        for (AutomationRule rule : rules) {
          item(context, rule).ifPresent(items::add);
        }
      }
    }
    items.sort(ORDER);
    return new Agenda(asOf, items);
  }

  /**
   * The deal ids seen so far, to refuse a second history of a deal: a hash set cut into 64 sets
   * by the top bits of the id's mixed hash. One set of 100,000 ids has a table of 1 MiB, which G1
   * allocates as a humongous object with a 3 GiB heap (1 MiB regions), and each such allocation
   * over a heap holding the histories started a collection: in {@code AgendaBenchmark} at 100,000
   * deals the agenda spent 1.4 to 2.5 s of a run in GC against 0.14 s for the same work without
   * the set (JMH {@code -prof gc}, 2026-12-01), and with 4 MiB regions the gap went away. 64
   * tables of 16 KiB hold the same ids: 0.11 s of GC, 290 to 251 ms per agenda (BENCHMARKS.md).
   */
  private static final class SeenDeals {
    private final List<Set<DealId>> parts = new ArrayList<>(64);

    SeenDeals() {
      for (int i = 0; i < 64; i++) {
        parts.add(new HashSet<>());
      }
    }

    /** {@return whether the id is new} */
    boolean add(DealId id) {
      // the top 6 bits of a Fibonacci hash: each part's own table sees all bits of the id's
      return parts.get((id.hashCode() * 0x9E3779B9) >>> 26).add(id);
    }
  }

  private static Optional<AgendaItem> item(RuleContext c, AutomationRule rule) {
    Optional<Due> answer;
    try {
      answer = rule.due(c);
    } catch (RuntimeException e) {
      throw new IllegalStateException("rule '" + rule.id() + "' failed on deal '"
          + c.deal().id() + "' at " + c.asOf() + ": " + e, e);
    }
    if (answer == null || answer.isEmpty()) {
      return Optional.empty();
    }
    Due due = answer.get();
    if (due.since().isAfter(c.asOf())) {
      throw new IllegalStateException("rule '" + rule.id() + "' says an item of deal '"
          + c.deal().id() + "' is due at " + due.since() + ", after the agenda's instant "
          + c.asOf() + "; a rule gives only what is due by then");
    }
    AgendaItem.Kind kind = due.kind();
    Instant since = due.since();
    String reason = due.reason();
    Optional<LocalDate> snoozedUntil = Optional.empty();
    Optional<DealEvent.Snoozed> snooze = c.snooze();
    if (rule.snoozable() && snooze.isPresent()) {
      Instant end = c.calendar().startOf(snooze.get().until());
      if (c.asOf().isBefore(end)) {
        return Optional.empty(); // snoozed
      }
      if (since.isBefore(end)) {
        kind = AgendaItem.Kind.SNOOZE_ENDED;
        since = end;
        snoozedUntil = Optional.of(snooze.get().until());
        reason = "snoozed until " + snooze.get().until() + " (" + snooze.get().reason() + "), "
            + due.kind().words() + ": " + reason;
      }
    }
    if (since.isBefore(c.lastEventAt())) {
      since = c.lastEventAt();
    }
    return Optional.of(new AgendaItem(c.deal().id(), c.deal().owner(), c.stage().id(), kind,
        since, rule.id(), reason, due.messageKey(), due.offer(), snoozedUntil));
  }

  /**
   * The rules the agenda applies for a definition: its {@linkplain
   * PipelineDefinition#automationRules() declared rules}, in declaration order, then, for each
   * open or dormant stage with an {@linkplain Stage#idleAfter() idle threshold} but no declared
   * {@link IdleRule} or {@link DecisionTimeout}, the idle rule the threshold implies (id {@code
   * idle:STAGE}, calendar time, reset by touches and stage changes), in stage order.
   *
   * @param definition the definition
   * @return the rules
   * @throws NullPointerException if the definition is null
   */
  public static List<AutomationRule> rules(PipelineDefinition definition) {
    Objects.requireNonNull(definition, "definition is null");
    List<AutomationRule> out = new ArrayList<>(definition.automationRules());
    Set<StageId> covered = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (AutomationRule r : out) {
      ids.add(r.id());
      if (r instanceof IdleRule || r instanceof DecisionTimeout) {
        covered.add(r.stage());
      }
    }
    for (Stage s : definition.stages()) {
      Optional<Duration> idle = s.idleAfter();
      if (idle.isPresent() && !s.isTerminal() && !covered.contains(s.id())) {
        IdleRule implied = new IdleRule("idle:" + s.id(), s.id(), Span.of(idle.get()),
            IdleClock.TOUCH_OR_STAGE_CHANGE);
        if (ids.add(implied.id())) {
          out.add(implied);
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@return the instant the agenda is computed at} */
  public Instant asOf() {
    return asOf;
  }

  /** {@return every due item, in {@link #ORDER}} */
  public List<AgendaItem> items() {
    return items;
  }

  /**
   * The items of one owner's deals, in {@link #ORDER}.
   *
   * @param owner the owner's id
   * @return the items whose deal that owner owned at the agenda's instant
   * @throws NullPointerException if the owner is null
   */
  public List<AgendaItem> itemsOf(String owner) {
    Objects.requireNonNull(owner, "owner is null");
    return items.stream().filter(i -> i.owner().isPresent() && i.owner().get().equals(owner))
        .toList();
  }

  /** {@return the instant and the number of items} */
  @Override
  public String toString() {
    return "Agenda[" + asOf + ", " + items.size() + " items]";
  }
}

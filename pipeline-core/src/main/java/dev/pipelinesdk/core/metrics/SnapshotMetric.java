package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.internal.Checks;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The snapshot metric: per-stage sums plus one small record per open deal. */
final class SnapshotMetric extends BuiltInMetric<SnapshotMetric.Acc, SnapshotReport> {

  static final class Acc implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final long[] count;
    final long[] noAmount;
    final BigDecimal[] total;
    /** Exact sums of amount times probability, rounded once in the result. */
    final BigDecimal[] weighted;
    final Duration[] ageSum;
    final Duration[] ageMax;
    final long[] idle;
    final long[][] sources;
    /** Written field by field (see writeObject): the open deals' values are not Serializable. */
    transient List<SnapshotReport.OpenDeal> deals = new ArrayList<>();
    final Amounts amounts = new Amounts();

    Acc(int open) {
      count = new long[open];
      noAmount = new long[open];
      total = MovementMetric.zeros(open);
      weighted = MovementMetric.zeros(open);
      ageSum = new Duration[open];
      ageMax = new Duration[open];
      java.util.Arrays.fill(ageSum, Duration.ZERO);
      java.util.Arrays.fill(ageMax, Duration.ZERO);
      idle = new long[open];
      sources = new long[open][ProbabilitySource.Kind.values().length];
    }

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
      out.defaultWriteObject();
      out.writeInt(deals.size());
      for (SnapshotReport.OpenDeal d : deals) {
        out.writeUTF(d.deal().value());
        out.writeUTF(d.stage().value());
        writeMoney(out, d.amount());
        out.writeDouble(d.probability());
        out.writeInt(d.source().ordinal());
        writeMoney(out, d.weighted());
        out.writeObject(d.ageInStage());
        out.writeObject(d.idleFor());
        out.writeInt(d.status().ordinal());
        out.writeObject(d.snoozedUntil().orElse(null));
      }
    }

    private void readObject(java.io.ObjectInputStream in)
        throws java.io.IOException, ClassNotFoundException {
      in.defaultReadObject();
      int n = in.readInt();
      deals = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        DealId deal = DealId.of(in.readUTF());
        dev.pipelinesdk.core.StageId stage = dev.pipelinesdk.core.StageId.of(in.readUTF());
        Optional<Money> amount = readMoney(in);
        double probability = in.readDouble();
        ProbabilitySource.Kind source = ProbabilitySource.Kind.values()[in.readInt()];
        Optional<Money> weighted = readMoney(in);
        Duration age = (Duration) in.readObject();
        Duration idleFor = (Duration) in.readObject();
        SnapshotReport.OpenDeal.Status status =
            SnapshotReport.OpenDeal.Status.values()[in.readInt()];
        Optional<Instant> snoozedUntil = Optional.ofNullable((Instant) in.readObject());
        deals.add(new SnapshotReport.OpenDeal(deal, stage, amount, probability, source, weighted,
            age, idleFor, status, snoozedUntil));
      }
    }

    private static void writeMoney(java.io.ObjectOutputStream out, Optional<Money> money)
        throws java.io.IOException {
      out.writeObject(money.map(Money::amount).orElse(null));
      out.writeObject(money.map(Money::currency).orElse(null));
    }

    private static Optional<Money> readMoney(java.io.ObjectInputStream in)
        throws java.io.IOException, ClassNotFoundException {
      BigDecimal amount = (BigDecimal) in.readObject();
      java.util.Currency currency = (java.util.Currency) in.readObject();
      return amount == null ? Optional.empty() : Optional.of(new Money(amount, currency));
    }
  }

  private final Instant asOf;
  private final ProbabilitySource learned;
  private final Map<DealId, Instant> snoozed;
  private final dev.pipelinesdk.core.automation.BusinessCalendar calendar;
  private final int decision;
  private final Optional<Duration> stall;
  private final Optional<Money> target;
  private final CurrencyConversion conversion;

  SnapshotMetric(StageIndex ix, Instant asOf, ProbabilitySource learned,
      Map<DealId, Instant> snoozed, dev.pipelinesdk.core.automation.BusinessCalendar calendar,
      int decision, Optional<Duration> stall, Optional<Money> target,
      CurrencyConversion conversion) {
    super(ix);
    this.asOf = asOf;
    this.learned = learned;
    this.snoozed = snoozed;
    this.calendar = calendar;
    this.decision = decision;
    this.stall = stall;
    this.target = target;
    this.conversion = conversion;
  }

  /**
   * The end of the deal's latest snooze recorded at or before the as-of instant (the start of
   * its date in the definition's calendar zone, as the agenda has it), or null.
   */
  private @org.jspecify.annotations.Nullable Instant snoozedInHistory(DealHistory history) {
    List<DealEvent> events = history.events();
    for (int i = events.size() - 1; i > 0; i--) {
      DealEvent e = events.get(i);
      if (e instanceof DealEvent.Snoozed && !e.at().isAfter(asOf)) {
        return calendar.startOf(((DealEvent.Snoozed) e).until());
      }
    }
    return null;
  }

  @Override
  Acc newState() {
    return new Acc(ix.openSize());
  }

  @Override
  void add(Acc acc, DealHistory history) {
    Deal deal = Replay.asOf(history, asOf);
    if (deal == null) {
      return;
    }
    int s = ix.of(deal.stage(), deal.id());
    int f = ix.funnel(s);
    if (f < 0) {
      return;
    }
    Stage stage = ix.stages.get(s);
    double p;
    ProbabilitySource.Kind kind;
    OptionalDouble l;
    if (deal.manualProbability().isPresent()) {
      p = deal.manualProbability().getAsDouble();
      kind = ProbabilitySource.Kind.MANUAL;
    } else if ((l = learned.probability(deal, history, asOf)).isPresent()) {
      p = l.getAsDouble();
      String problem = Checks.probabilityProblem("learned probability of deal '" + deal.id() + "'",
          p);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      kind = ProbabilitySource.Kind.LEARNED;
    } else {
      p = stage.defaultProbability();
      kind = ProbabilitySource.Kind.STAGE_DEFAULT;
    }
    Optional<Money> amount = deal.amount().map(m -> Money.of(
        acc.amounts.value(m, deal.id(), conversion), acc.amounts.currency().orElseThrow()));
    BigDecimal probability = BigDecimal.valueOf(p);
    Optional<Money> weighted = amount.map(m -> Amounts.round(m.amount().multiply(probability),
        m.currency()));
    Duration age = Duration.between(deal.stageEnteredAt(), asOf);
    Duration idleFor = Duration.between(deal.lastActivityAt(), asOf);
    Optional<Duration> threshold = s == decision ? stall : stage.idleAfter();
    boolean late = threshold.map(t -> idleFor.compareTo(t) > 0).orElse(false);
    Instant until = snoozed.get(deal.id());
    if (until == null && late) {
      until = snoozedInHistory(history);
    }
    Optional<Instant> snooze = Optional.ofNullable(until).filter(u -> u.isAfter(asOf));
    SnapshotReport.OpenDeal.Status status = !late ? SnapshotReport.OpenDeal.Status.ACTIVE
        : snooze.isPresent() ? SnapshotReport.OpenDeal.Status.SNOOZED
        : s == decision ? SnapshotReport.OpenDeal.Status.STALLED : SnapshotReport.OpenDeal.Status.IDLE;

    acc.count[f]++;
    if (amount.isEmpty()) {
      acc.noAmount[f]++;
    } else {
      acc.total[f] = acc.total[f].add(amount.get().amount());
      acc.weighted[f] = acc.weighted[f].add(amount.get().amount().multiply(probability));
    }
    acc.ageSum[f] = acc.ageSum[f].plus(age);
    if (age.compareTo(acc.ageMax[f]) > 0) {
      acc.ageMax[f] = age;
    }
    if (status == SnapshotReport.OpenDeal.Status.IDLE || status == SnapshotReport.OpenDeal.Status.STALLED) {
      acc.idle[f]++;
    }
    acc.sources[f][kind.ordinal()]++;
    acc.deals.add(new SnapshotReport.OpenDeal(deal.id(), deal.stage(), amount, p, kind, weighted, age, idleFor,
        status, snooze));
  }

  @Override
  Acc merge(Acc a, Acc b) {
    a.amounts.merge(b.amounts);
    for (int f = 0; f < a.count.length; f++) {
      a.count[f] += b.count[f];
      a.noAmount[f] += b.noAmount[f];
      a.total[f] = a.total[f].add(b.total[f]);
      a.weighted[f] = a.weighted[f].add(b.weighted[f]);
      a.ageSum[f] = a.ageSum[f].plus(b.ageSum[f]);
      if (b.ageMax[f].compareTo(a.ageMax[f]) > 0) {
        a.ageMax[f] = b.ageMax[f];
      }
      a.idle[f] += b.idle[f];
      for (int k = 0; k < a.sources[f].length; k++) {
        a.sources[f][k] += b.sources[f][k];
      }
    }
    a.deals.addAll(b.deals);
    return a;
  }

  @Override
  SnapshotReport result(Acc acc) {
    List<SnapshotReport.Row> rows = new ArrayList<>();
    for (int f = 0; f < ix.openSize(); f++) {
      Map<ProbabilitySource.Kind, Long> bySource = new EnumMap<>(ProbabilitySource.Kind.class);
      for (ProbabilitySource.Kind k : ProbabilitySource.Kind.values()) {
        bySource.put(k, acc.sources[f][k.ordinal()]);
      }
      Stage st = ix.open.get(f);
      boolean amounts = acc.count[f] > acc.noAmount[f];
      boolean deals = acc.count[f] > 0;
      rows.add(new SnapshotReport.Row(st.id(), st.name(), acc.count[f], acc.noAmount[f],
          amounts ? acc.amounts.money(acc.total[f]) : Optional.empty(),
          amounts ? acc.amounts.money(acc.weighted[f]) : Optional.empty(),
          deals ? Optional.of(acc.ageSum[f].dividedBy(acc.count[f])) : Optional.empty(),
          deals ? Optional.of(acc.ageMax[f]) : Optional.empty(), acc.idle[f], bySource));
    }
    List<SnapshotReport.OpenDeal> deals = new ArrayList<>(acc.deals);
    deals.sort(Comparator.<SnapshotReport.OpenDeal>comparingInt(d -> ix.funnel(ix.require(d.stage())))
        .thenComparing(d -> d.deal().value()));
    return new SnapshotReport(ix.definition.id(), asOf, rows, deals, target,
        ix.stages.get(decision).id());
  }

  @Override
  public String toString() {
    return "snapshot of " + ix.definition.id() + " as of " + asOf;
  }
}

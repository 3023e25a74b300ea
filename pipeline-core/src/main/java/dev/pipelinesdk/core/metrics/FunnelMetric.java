package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.internal.StageChanges;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/** The funnel metric: per-stage counters, nothing per deal. */
final class FunnelMetric extends BuiltInMetric<FunnelMetric.Acc, FunnelReport> {

  record Spec(StageIndex stages, Optional<Instant> from, Optional<Instant> to,
      Optional<Instant> asOf, Predicate<Deal> filter, String description,
      CurrencyConversion conversion) {

    boolean inCohort(Deal created) {
      Instant c = created.createdAt();
      return from.map(f -> !c.isBefore(f)).orElse(true)
          && to.map(t -> c.isBefore(t)).orElse(true)
          && asOf.map(a -> !c.isAfter(a)).orElse(true)
          && filter.test(created);
    }
  }

  /** The accumulator: counters per open stage. */
  static final class Acc implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    long cohort;
    final long[] maxReached; // histogram of the furthest funnel index; last slot = won
    final long[] entered;
    final long[] lost;
    final long[] dark;
    final long[] stuck;
    final long[] backMovesOut;
    final long[] skipMovesOut;
    long reopened;
    long revived;
    long firstSeenClosed;
    BigDecimal wonAmount = BigDecimal.ZERO;
    long wonWithAmount;
    final Amounts amounts = new Amounts();

    Acc(int open) {
      maxReached = new long[open + 1];
      entered = new long[open];
      lost = new long[open];
      dark = new long[open];
      stuck = new long[open];
      backMovesOut = new long[open];
      skipMovesOut = new long[open];
    }

    Acc merge(Acc o) {
      amounts.merge(o.amounts);
      cohort += o.cohort;
      add(maxReached, o.maxReached);
      add(entered, o.entered);
      add(lost, o.lost);
      add(dark, o.dark);
      add(stuck, o.stuck);
      add(backMovesOut, o.backMovesOut);
      add(skipMovesOut, o.skipMovesOut);
      reopened += o.reopened;
      revived += o.revived;
      firstSeenClosed += o.firstSeenClosed;
      wonAmount = wonAmount.add(o.wonAmount);
      wonWithAmount += o.wonWithAmount;
      return this;
    }

    private static void add(long[] a, long[] b) {
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
    }
  }

  private final Spec spec;

  FunnelMetric(Spec spec) {
    super(spec.stages());
    this.spec = spec;
  }

  @Override
  Acc newState() {
    return new Acc(spec.stages().openSize());
  }

  @Override
  void add(Acc acc, DealHistory history) {
    Deal created = history.created().deal();
    if (spec.inCohort(created)) {
      addDeal(spec, acc, history, created);
    }
  }

  static void addDeal(Spec spec, Acc acc, DealHistory history, Deal created) {
    StageIndex ix = spec.stages();
    int n = ix.openSize();
    boolean[] entered = new boolean[n];
    Instant asOf = spec.asOf().orElse(Instant.MAX);
    int stage = ix.of(created.stage(), created.id());
    int max = -1;
    int lastOpen = -1;
    boolean reopened = false;
    boolean revived = false;
    Optional<Money> amount = created.amount();
    if (ix.funnel(stage) >= 0) {
      lastOpen = ix.funnel(stage);
      entered[lastOpen] = true;
      max = lastOpen;
    }
    List<DealEvent> events = history.events();
    for (int e = 1; e < events.size(); e++) {
      DealEvent event = events.get(e);
      if (event.at().isAfter(asOf)) {
        break;
      }
      StageId toStage = StageChanges.to(event);
      if (toStage != null) {
        int from = ix.of(StageChanges.from(event), event.dealId());
        int to = ix.of(toStage, event.dealId());
        int fTo = ix.funnel(to);
        int fFrom = ix.funnel(from);
        if (fTo >= 0) {
          entered[fTo] = true;
          max = Math.max(max, fTo);
          lastOpen = fTo;
          if (fFrom >= 0) {
            if (fTo < fFrom) {
              acc.backMovesOut[fFrom]++;
            } else if (fTo > fFrom + 1) {
              acc.skipMovesOut[fFrom]++;
            }
          } else if (ix.kind(from) == StageKind.DORMANT) {
            revived = true;
          } else {
            reopened = true;
          }
        }
        stage = to;
      } else if (event instanceof DealEvent.AmountChanged) {
        amount = ((DealEvent.AmountChanged) event).amount();
      }
    }
    if (lastOpen < 0 && ix.kind(ix.of(created.stage(), created.id())).isTerminal()) {
      // first seen won or lost (an import of a deal that closed before the export began): it
      // passed no stage of this funnel, so it is counted apart, in no stage and not as won
      acc.firstSeenClosed++;
      return;
    }
    acc.cohort++;
    if (reopened) {
      acc.reopened++;
    }
    if (revived) {
      acc.revived++;
    }
    for (int i = 0; i < n; i++) {
      if (entered[i]) {
        acc.entered[i]++;
      }
    }
    StageKind kind = ix.kind(stage);
    if (kind == StageKind.WON) {
      acc.maxReached[n]++;
      if (amount.isPresent()) {
        acc.wonWithAmount++;
        acc.wonAmount = acc.wonAmount.add(
            acc.amounts.value(amount.get(), created.id(), spec.conversion()));
      }
      return;
    }
    if (max >= 0) {
      acc.maxReached[max]++;
    }
    if (lastOpen < 0) {
      return; // never in an open stage: counted in the cohort only
    }
    switch (kind) {
      case OPEN:
        acc.stuck[ix.funnel(stage)]++;
        break;
      case LOST:
        acc.lost[lastOpen]++;
        break;
      case DORMANT:
        acc.dark[lastOpen]++;
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  @Override
  Acc merge(Acc left, Acc right) {
    return left.merge(right);
  }

  @Override
  FunnelReport result(Acc acc) {
    return report(spec, acc, spec.description());
  }

  static FunnelReport report(Spec spec, Acc acc, String description) {
    StageIndex ix = spec.stages();
    int n = ix.openSize();
    long[] passed = new long[n + 1];
    long sum = 0;
    for (int i = n; i >= 0; i--) {
      sum += acc.maxReached[i];
      passed[i] = sum;
    }
    long won = passed[n];
    List<FunnelReport.Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(new FunnelReport.Row(ix.open.get(i).id(), ix.open.get(i).name(), acc.entered[i],
          passed[i], FlowMetric.ratio(passed[i + 1], passed[i]),
          FlowMetric.ratio(won, passed[i]), acc.lost[i], acc.dark[i], acc.stuck[i],
          acc.backMovesOut[i], acc.skipMovesOut[i]));
    }
    return new FunnelReport(ix.definition.id(), description, acc.cohort, rows, won,
        acc.wonWithAmount == 0 ? Optional.empty() : acc.amounts.money(acc.wonAmount),
        acc.reopened, acc.revived, acc.firstSeenClosed);
  }

  /** {@return the pipeline and the cohort, as the report names them} */
  @Override
  public String toString() {
    return "funnel of " + definition().id() + ", " + spec.description();
  }

  /** One funnel per key. */
  static final class Breakdown extends BuiltInMetric<Map<String, Acc>, FunnelBreakdown> {
    private final Spec spec;
    private final Function<Deal, String> key;

    Breakdown(Spec spec, Function<Deal, String> key) {
      super(spec.stages());
      this.spec = spec;
      this.key = key;
    }

    @Override
    Map<String, Acc> newState() {
      return new HashMap<>();
    }

    @Override
    void add(Map<String, Acc> acc, DealHistory history) {
      Deal created = history.created().deal();
      if (spec.inCohort(created)) {
        String k = key.apply(created);
        if (k == null) {
          throw new NullPointerException("breakdown key is null for deal '" + created.id() + "'");
        }
        addDeal(spec, acc.computeIfAbsent(k, x -> new Acc(spec.stages().openSize())), history,
            created);
      }
    }

    @Override
    Map<String, Acc> merge(Map<String, Acc> left, Map<String, Acc> right) {
      right.forEach((k, v) -> left.merge(k, v, Acc::merge));
      return left;
    }

    @Override
    FunnelBreakdown result(Map<String, Acc> acc) {
      Map<String, FunnelReport> reports = new TreeMap<>();
      Acc total = new Acc(spec.stages().openSize());
      acc.forEach((k, v) -> reports.put(k, report(spec, v, spec.description() + ", " + k)));
      new TreeMap<>(acc).values().forEach(v -> total.merge(v));
      return new FunnelBreakdown(reports, report(spec, total, spec.description()));
    }

    /** {@return the pipeline and the cohort, as the report names them} */
    @Override
    public String toString() {
      return "funnel breakdown of " + definition().id() + ", " + spec.description();
    }
  }
}

package dev.pipelinesdk.examples;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.MoneyDelta;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.metrics.FlowReport;
import dev.pipelinesdk.core.metrics.FunnelBreakdown;
import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.LeakReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.MovementReport;
import dev.pipelinesdk.core.metrics.SnapshotReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The funnel-versus-pipeline report over deal histories as of an instant: the funnel (volumes
 * and conversion), the pipeline (where the open deals are and what they are worth), the deals
 * that need attention, the funnel by owner and by lead source, time in stage, the leaks, and how
 * the open pipeline value changed over a recent period. Rendered as plain text, as a
 * self-contained HTML page whose charts JFreeChart draws into embedded PNGs, or as CSV files.
 *
 * <p><b>Figures for people.</b> Text and HTML give counts with thousands separators
 * ({@code 1,234}), amounts in whole units of their currency, rounded half-even ({@code EUR
 * 1,223,000}; in a table the currency is in the column header), shares as percentages to one
 * place, durations in days to one place, and instants as UTC dates ({@code 2026-06-30 (end of
 * day, UTC)} for the as-of instant {@code 2026-07-01T00:00:00Z}). The symbols are fixed: the
 * output is the same on every machine, whatever its locale. A file without amounts says "no
 * amounts in this file" where a money table or chart would be. The CSV files ({@link
 * #writeCsv}) keep the raw numbers.
 *
 * @param definition the pipeline definition
 * @param asOf the instant
 * @param summary the numbers of the {@code metrics --json} contract
 * @param funnel the funnel of every deal, as of the instant
 * @param snapshot the open pipeline at the instant
 * @param stats time in stage and flow
 * @param leaks the leak finder's findings
 * @param movements what moved in the period before the instant
 * @param attention every open deal that needs attention, most pressing first (see {@link
 *     Attention})
 * @param byOwner the funnel per owner at creation; empty if no deal has an owner
 * @param byLeadSource the funnel per lead source; empty if no deal has a lead source
 * @param agenda what the definition's automation rules have due at the instant, for the HTML
 *     page's agenda section; empty to leave the section out ({@link #withoutAgenda()})
 */
public record PipelineReport(PipelineDefinition definition, Instant asOf, MetricsSummary summary,
    FunnelReport funnel, SnapshotReport snapshot, FlowReport stats, LeakReport leaks,
    MovementReport movements, List<Attention> attention, Optional<FunnelBreakdown> byOwner,
    Optional<FunnelBreakdown> byLeadSource, Optional<AgendaSection> agenda) {

  private static final Escaper HTML = HtmlEscapers.htmlEscaper();

  /** How many deals the text and the HTML list as needing attention; the CSV has them all. */
  public static final int ATTENTION_SHOWN = 20;

  /** The CSV files {@link #writeCsv} writes, by table; the breakdowns only when they exist. */
  public static final List<String> CSV_FILES = List.of("funnel.csv", "pipeline.csv", "flow.csv",
      "attention.csv", "by_owner.csv", "by_lead_source.csv");

  /**
   * Checks and copies.
   *
   * @param definition the pipeline definition
   * @param asOf the instant
   * @param summary the numbers of the {@code metrics --json} contract
   * @param funnel the funnel of every deal, as of the instant
   * @param snapshot the open pipeline at the instant
   * @param stats time in stage and flow
   * @param leaks the leak finder's findings
   * @param movements what moved in the period before the instant
   * @param attention every open deal that needs attention, most pressing first
   * @param byOwner the funnel per owner at creation; empty if no deal has an owner
   * @param byLeadSource the funnel per lead source; empty if no deal has a lead source
   * @param agenda what is due at the instant, or empty to leave the agenda section out
   * @throws NullPointerException if any argument is null
   */
  public PipelineReport {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(asOf, "asOf is null");
    Objects.requireNonNull(summary, "summary is null");
    Objects.requireNonNull(funnel, "funnel is null");
    Objects.requireNonNull(snapshot, "snapshot is null");
    Objects.requireNonNull(stats, "stats is null");
    Objects.requireNonNull(leaks, "leaks is null");
    Objects.requireNonNull(movements, "movements is null");
    attention = List.copyOf(attention);
    Objects.requireNonNull(byOwner, "byOwner is null");
    Objects.requireNonNull(byLeadSource, "byLeadSource is null");
    Objects.requireNonNull(agenda, "agenda is null");
  }

  /** How many items of one owner the HTML page's agenda lists: {@value}; the rest are counted. */
  public static final int AGENDA_SHOWN_PER_OWNER = 10;

  /**
   * The agenda of the report's deals: what the definition's automation rules ({@link
   * Agenda#rules}) have due at the report's instant.
   *
   * @param agenda the agenda
   * @param touchesRecorded whether any history records a touch; without touches idle clocks run
   *     from the last stage change, and the page says so
   */
  public record AgendaSection(Agenda agenda, boolean touchesRecorded) {
    /**
     * Checks the value.
     *
     * @param agenda the agenda
     * @param touchesRecorded whether any history records a touch
     * @throws NullPointerException if the agenda is null
     */
    public AgendaSection {
      Objects.requireNonNull(agenda, "agenda is null");
    }
  }

  /** {@return this report without its agenda section} */
  public PipelineReport withoutAgenda() {
    return new PipelineReport(definition, asOf, summary, funnel, snapshot, stats, leaks,
        movements, attention, byOwner, byLeadSource, Optional.empty());
  }

  /** Why an open deal needs attention, most pressing first. */
  public enum Reason {
    /** Idle past its stage's threshold at the decision stage: get a decision. */
    STALLED("stalled at decision"),
    /** Idle past its stage's threshold. */
    IDLE("idle past threshold"),
    /** The longest in its stage of all open deals there. */
    OLDEST("oldest in stage");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** {@return the reason in words, such as "idle past threshold"} */
    public String text() {
      return text;
    }
  }

  /**
   * An open deal that needs attention.
   *
   * @param deal the deal id
   * @param owner its owner at the as-of instant, if it has one
   * @param stage the open stage it is in
   * @param stageName that stage's name
   * @param amount its amount, if it has one
   * @param idleFor how long since its last activity (touch or move)
   * @param inStage how long it has been in its stage
   * @param reasons why it needs attention, most pressing first; never empty
   */
  public record Attention(DealId deal, Optional<String> owner, StageId stage, String stageName,
      Optional<Money> amount, Duration idleFor, Duration inStage, Set<Reason> reasons) {

    /**
     * Checks and copies.
     *
     * @param deal the deal id
     * @param owner its owner at the as-of instant, if it has one
     * @param stage the open stage it is in
     * @param stageName that stage's name
     * @param amount its amount, if it has one
     * @param idleFor how long since its last activity (touch or move)
     * @param inStage how long it has been in its stage
     * @param reasons why it needs attention
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code reasons} is empty
     */
    public Attention {
      Objects.requireNonNull(deal, "deal is null");
      Objects.requireNonNull(owner, "owner is null");
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(stageName, "stageName is null");
      Objects.requireNonNull(amount, "amount is null");
      Objects.requireNonNull(idleFor, "idleFor is null");
      Objects.requireNonNull(inStage, "inStage is null");
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("deal " + deal + ": no reason for attention");
      }
      reasons = java.util.Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    }

    /** {@return the most pressing reason} */
    public Reason first() {
      return reasons.iterator().next();
    }
  }

  /** Most pressing first: stalled, then idle, then the oldest; longer idle first, then id. */
  private static final Comparator<Attention> PRESSING = Comparator
      .comparing(Attention::first)
      .thenComparing(Attention::idleFor, Comparator.reverseOrder())
      .thenComparing(Attention::inStage, Comparator.reverseOrder())
      .thenComparing(a -> a.deal().toString());

  /**
   * Computes the report.
   *
   * @param definition the pipeline definition
   * @param histories the histories
   * @param asOf the instant; events after it are ignored
   * @param since the start of the movement period (its end is the instant)
   * @return the report, with the agenda of the definition's automation rules at the instant
   * @throws IllegalArgumentException if a history names an unknown stage, or amounts mix
   *     currencies
   */
  public static PipelineReport of(PipelineDefinition definition, List<DealHistory> histories,
      Instant asOf, Instant since) {
    // the leak finder has no as-of instant of its own: it reads histories cut at the instant.
    List<DealHistory> cut = new ArrayList<>();
    for (DealHistory h : histories) {
      List<DealEvent> events = h.events().stream().filter(e -> !e.at().isAfter(asOf)).toList();
      if (!events.isEmpty()) {
        cut.add(events.size() == h.size() ? h : DealHistory.of(events));
      }
    }
    SnapshotReport snapshot = Metrics.compute(Metrics.snapshot(definition, asOf).build(), cut);
    boolean owners = cut.stream().anyMatch(h -> h.created().deal().owner().isPresent());
    boolean sources = cut.stream().anyMatch(h -> h.created().deal().leadSource().isPresent());
    return new PipelineReport(definition, asOf,
        MetricsSummary.compute(definition, cut, asOf),
        Metrics.compute(Metrics.funnel(definition).asOf(asOf).build(), cut),
        snapshot,
        Metrics.compute(Metrics.flow(definition, asOf), cut),
        Metrics.compute(Metrics.leaks(definition).build(), cut),
        Metrics.compute(Metrics.movements(definition, since.isAfter(asOf) ? asOf : since,
            asOf.plusNanos(1)), cut),
        attention(snapshot, cut),
        owners ? Optional.of(Metrics.compute(Metrics.funnel(definition).asOf(asOf)
            .by(FunnelBreakdown.byOwner()), cut)) : Optional.empty(),
        sources ? Optional.of(Metrics.compute(Metrics.funnel(definition).asOf(asOf)
            .by(FunnelBreakdown.byLeadSource()), cut)) : Optional.empty(),
        Optional.of(new AgendaSection(Agenda.of(definition, cut, asOf), touches(cut))));
  }

  private static boolean touches(List<DealHistory> histories) {
    for (DealHistory h : histories) {
      for (DealEvent e : h.events()) {
        if (e instanceof DealEvent.TouchRecorded) {
          return true;
        }
      }
    }
    return false;
  }

  /** The stalled, the idle and each stage's oldest open deal, most pressing first. */
  private static List<Attention> attention(SnapshotReport snapshot, List<DealHistory> cut) {
    Map<StageId, SnapshotReport.OpenDeal> oldest = new HashMap<>();
    for (SnapshotReport.OpenDeal d : snapshot.openDeals()) {
      oldest.merge(d.stage(), d, (a, b) -> b.ageInStage().compareTo(a.ageInStage()) > 0 ? b : a);
    }
    Map<StageId, String> names = new HashMap<>();
    snapshot.stages().forEach(r -> names.put(r.stage(), r.name()));
    Map<DealId, DealHistory> byId = new HashMap<>();
    cut.forEach(h -> byId.put(h.dealId(), h));
    List<Attention> out = new ArrayList<>();
    for (SnapshotReport.OpenDeal d : snapshot.openDeals()) {
      Set<Reason> why = EnumSet.noneOf(Reason.class);
      if (d.status() == SnapshotReport.OpenDeal.Status.STALLED) {
        why.add(Reason.STALLED);
      }
      if (d.status() == SnapshotReport.OpenDeal.Status.IDLE) {
        why.add(Reason.IDLE);
      }
      if (oldest.get(d.stage()) == d) {
        why.add(Reason.OLDEST);
      }
      if (!why.isEmpty()) {
        DealHistory h = byId.get(d.deal());
        out.add(new Attention(d.deal(), h == null ? Optional.empty() : h.current().owner(),
            d.stage(), names.getOrDefault(d.stage(), d.stage().toString()), d.amount(),
            d.idleFor(), d.ageInStage(), why));
      }
    }
    out.sort(PRESSING);
    return out;
  }

  /** {@return whether some open deal has an amount} */
  private boolean amounts() {
    return snapshot.total().isPresent() || funnel.wonAmount().isPresent()
        || movements.value().isPresent();
  }

  /** {@return the reporting currency's code, if any deal has an amount} */
  private Optional<String> currency() {
    return snapshot.total().or(funnel::wonAmount).map(m -> m.currency().getCurrencyCode())
        .or(() -> movements.value().map(w -> w.currency().getCurrencyCode()));
  }

  private String inCurrency(String label) {
    return label + currency().map(c -> " (" + c + ")").orElse("");
  }

  private static final String NO_AMOUNTS = "no amounts in this file";

  // ---------------------------------------------------------------- the tables

  /** {@return "The numbers": the contract's per-stage figures} */
  private Table numbersTable() {
    Table t = new Table("numbers", List.of(Table.text("stage", "stage"),
        Table.count("reached", "reached"), Table.count("open", "open"),
        Table.days("cumulative days", "cumulative_days"),
        Table.days("median days", "median_days")));
    for (MetricsSummary.StageRow r : summary.stages()) {
      t.row(r.name(), r.reached(), r.open(), r.cumulativeDays(), r.medianDays());
    }
    return t;
  }

  /** {@return the funnel, one row per open stage and one for won} */
  Table funnelTable() {
    Table t = new Table("funnel", List.of(Table.text("stage", "stage"),
        Table.count("reached (entered)", "reached"),
        Table.count("passed (reached or skipped past)", "passed"),
        Table.count("skipped", "skipped"), Table.percent("to next", "to_next"),
        Table.percent("to won", "to_won"), Table.count("lost", "lost"),
        Table.count("dark", "went_dark"), Table.count("stuck", "stuck"),
        Table.count("back", "back_moves"), Table.count("skip moves", "skip_moves")));
    Optional<Object> none = Optional.empty();
    for (FunnelReport.Row s : funnel.stages()) {
      t.row(s.name(), s.reached(), s.passed(), s.passed() - s.reached(), s.conversionToNext(),
          s.conversionToWon(), s.lost(), s.wentDark(), s.stuck(), s.backMovesOut(),
          s.skipMovesOut());
    }
    t.row("won", funnel.won(), funnel.won(), 0L, none, none, none, none, none, none, none);
    return t;
  }

  /** {@return the open pipeline per stage; the money columns only when there are amounts} */
  Table pipelineTable(boolean forCsv) {
    boolean money = forCsv || snapshot.total().isPresent();
    boolean without = snapshot.stages().stream().anyMatch(r -> r.withoutAmount() > 0);
    List<Table.Column> cols = new ArrayList<>(List.of(Table.text("stage", "stage"),
        Table.count("deals", "deals")));
    if (money) {
      cols.add(Table.money(inCurrency("amount"), "amount"));
      cols.add(Table.money(inCurrency("weighted"), "weighted"));
      if (forCsv || without) {
        cols.add(Table.count("without amount", "without_amount"));
      }
    }
    cols.addAll(List.of(Table.days("avg days in stage", "average_days_in_stage"),
        Table.days("oldest (days)", "oldest_days_in_stage"), Table.count("idle", "idle")));
    if (forCsv) {
      cols.add(Table.text("currency", "currency"));
    }
    Table t = new Table("pipeline", cols);
    for (SnapshotReport.Row s : snapshot.stages()) {
      List<Object> cells = new ArrayList<>(List.of(s.name(), s.count()));
      if (money) {
        cells.add(s.total());
        cells.add(s.weighted());
        if (forCsv || without) {
          cells.add(s.withoutAmount());
        }
      }
      cells.addAll(List.of(s.averageAge(), s.oldestAge(), s.idle()));
      if (forCsv) {
        cells.add(s.total().map(m -> m.currency().getCurrencyCode()).orElse(""));
      }
      t.row(cells.toArray());
    }
    return t;
  }

  /** {@return the deals that need attention, at most {@code limit} of them} */
  Table attentionTable(int limit, boolean forCsv) {
    boolean money = forCsv || snapshot.total().isPresent();
    List<Table.Column> cols = new ArrayList<>(List.of(Table.text("deal", "deal_id"),
        Table.text("owner", "owner"), Table.text("stage", "stage")));
    if (money) {
      cols.add(Table.money(inCurrency("amount"), "amount"));
    }
    cols.addAll(List.of(Table.days("days idle", "days_idle"),
        Table.days("days in stage", "days_in_stage"), Table.text("why", "why")));
    if (forCsv) {
      cols.add(Table.text("currency", "currency"));
    }
    Table t = new Table("attention", cols);
    for (Attention a : attention.subList(0, Math.min(limit, attention.size()))) {
      List<Object> cells = new ArrayList<>(List.of(a.deal().toString(),
          a.owner().orElse(forCsv ? "" : "no owner"), a.stageName()));
      if (money) {
        cells.add(a.amount());
      }
      cells.addAll(List.of(a.idleFor(), a.inStage(), String.join(forCsv ? ";" : ", ",
          a.reasons().stream().map(Reason::text).toList())));
      if (forCsv) {
        cells.add(a.amount().map(m -> m.currency().getCurrencyCode()).orElse(""));
      }
      t.row(cells.toArray());
    }
    return t;
  }

  /** {@return a breakdown: deals, reached per stage, won, lost, win rate, won of all} */
  Table breakdownTable(String name, String key, FunnelBreakdown b) {
    List<Table.Column> cols = new ArrayList<>(List.of(Table.text(key, key.replace(' ', '_')),
        Table.count("deals", "deals")));
    for (FunnelReport.Row s : b.total().stages()) {
      cols.add(Table.count("reached " + s.name(), "reached_" + s.stage()));
    }
    cols.addAll(List.of(Table.count("won", "won"), Table.count("lost", "lost"),
        Table.percent("win rate", "win_rate"), Table.percent("won of all", "won_of_all")));
    if (funnel.wonAmount().isPresent()) {
      cols.add(Table.money(inCurrency("won amount"), "won_amount"));
    }
    Table t = new Table(name, cols);
    Map<String, FunnelReport> rows = new LinkedHashMap<>(b.byKey());
    rows.put("all", b.total());
    rows.forEach((k, r) -> {
      List<Object> cells = new ArrayList<>(List.of(k, r.cohortSize()));
      long lost = 0;
      for (FunnelReport.Row s : r.stages()) {
        cells.add(s.reached());
        lost += s.lost();
      }
      long closed = r.won() + lost;
      cells.addAll(List.of(r.won(), lost, closed == 0 ? OptionalDouble.empty()
          : OptionalDouble.of((double) r.won() / closed), r.overallConversion()));
      if (funnel.wonAmount().isPresent()) {
        cells.add(r.wonAmount());
      }
      t.row(cells.toArray());
    });
    return t;
  }

  /**
   * Time in stage and flow, one row per open stage and one for all; the velocity column (money
   * per day) only when there are amounts or for CSV.
   */
  Table flowTable(boolean forCsv) {
    boolean money = forCsv || currency().isPresent();
    Optional<Object> none = Optional.empty();
    List<Table.Column> cols = new ArrayList<>(List.of(Table.text("stage", "stage"),
        Table.count("left", "left"), Table.days("dwell mean (days)", "dwell_mean_days"),
        Table.days("p50", "dwell_p50_days"), Table.days("p90", "dwell_p90_days"),
        Table.count("won", "won"), Table.count("lost", "lost"),
        Table.percent("win rate", "win_rate"), Table.count("open", "open")));
    if (money) {
      cols.add(Table.money(inCurrency("velocity/day"), "velocity_per_day"));
    }
    Table t = new Table("flow", cols);
    for (FlowReport.Row s : stats.stages()) {
      List<Object> cells = new ArrayList<>(List.of(s.name(), s.left(), s.dwellMean(),
          s.dwellMedian(), s.dwellP90(), s.won(), s.lost(), s.winRate(), s.open()));
      if (money) {
        cells.add(s.velocityPerDay());
      }
      t.row(cells.toArray());
    }
    List<Object> all = new ArrayList<>(List.of("all", none, none, none, none, stats.won(),
        stats.lost(), stats.winRate(), stats.open()));
    if (money) {
      all.add(stats.velocityPerDay());
    }
    t.row(all.toArray());
    return t;
  }

  /** {@return the leak finder's drop-off per stage} */
  private Table leakTable() {
    Table t = new Table("leaks", List.of(Table.text("stage", "stage"),
        Table.count("reached (entered)", "reached"), Table.count("lost", "lost"),
        Table.count("went dark", "went_dark"), Table.percent("drop-off", "drop_off"),
        Table.percent("median of others", "median_of_others"), Table.text("leak", "leak")));
    for (LeakReport.Row s : leaks.stages()) {
      t.row(s.name(), s.reached(), s.lost(), s.wentDark(), s.rate(), s.othersMedian(),
          s.leak() ? "LEAK" : s.judged() ? "" : "too few");
    }
    return t;
  }

  private static final String[] STEPS = {"start", "+ new", "+ advanced", "- slipped back",
      "+ revived/reopened", "- won", "- lost", "- went dark", "+ amount increased",
      "- amount decreased", "end"};

  private static List<MoneyDelta> steps(MovementReport.Waterfall w) {
    return List.of(w.start(), w.newDeals(), w.advanced(), w.slippedBack(), w.revived(), w.won(),
        w.lost(), w.wentDark(), w.increased(), w.decreased(), w.end());
  }

  /** {@return whether nothing changed the open value in the period} */
  private static boolean nothingMoved(MovementReport.Waterfall w) {
    return steps(w).subList(1, STEPS.length - 1).stream()
        .allMatch(d -> d.amount().signum() == 0);
  }

  private Table waterfallTable(MovementReport.Waterfall w) {
    Table t = new Table("movements", List.of(Table.text("step", "step"),
        Table.money(w.currency().getCurrencyCode(), "amount")));
    List<MoneyDelta> steps = steps(w);
    for (int i = 0; i < STEPS.length; i++) {
      t.row(STEPS[i], steps.get(i).amount());
    }
    return t;
  }

  private String period() {
    return "from " + Figures.start(movements.from()) + " to " + Figures.end(asOf);
  }

  private String headline() {
    return "Pipeline " + definition.id() + " as of " + Figures.end(asOf) + ": "
        + Figures.count(summary.deals(), "deal") + ", " + Figures.count(summary.won()) + " won, "
        + Figures.count(summary.lost()) + " lost, win rate " + Figures.cell(Table.Kind.PERCENT,
        summary.winRate()) + ", " + Figures.count(summary.open()) + " open, "
        + Figures.count(summary.dormant()) + " gone dark";
  }

  private String amountsLine() {
    return currency().map(c -> "Amounts in " + c + ", rounded to whole units.")
        .orElse("No amounts in this file: counts and days only.");
  }

  private String pipelineLine() {
    return Figures.count(snapshot.count(), "open deal") + snapshot.total()
        .map(t -> ", " + Figures.money(t) + ", weighted by stage probability "
            + snapshot.weighted().map(Figures::money).orElseThrow())
        .orElse(" (" + NO_AMOUNTS + ")")
        + snapshot.target().map(x -> ", target " + Figures.money(x) + ", coverage "
            + Figures.cell(Table.Kind.PERCENT, snapshot.coverage())).orElse("");
  }

  private String attentionLine() {
    if (attention.isEmpty()) {
      return "No open deal needs attention: there is no open deal.";
    }
    long stalled = attention.stream().filter(a -> a.reasons().contains(Reason.STALLED)).count();
    long idle = attention.stream().filter(a -> a.reasons().contains(Reason.IDLE)).count();
    long oldest = attention.stream().filter(a -> a.reasons().contains(Reason.OLDEST)).count();
    return Figures.count(attention.size(), "open deal") + ": " + Figures.count(stalled)
        + " stalled at " + definition.stage(snapshot.decisionStage()).map(s -> s.name())
            .orElse(snapshot.decisionStage().toString())
        + " (idle there past its threshold), " + Figures.count(idle) + " idle past their stage's"
        + " threshold, " + Figures.count(oldest) + " the oldest in their stage (a deal can be"
        + " both). Stalled first, then idle, then the oldest; longer idle first.";
  }

  private String moreLine() {
    int more = attention.size() - ATTENTION_SHOWN;
    return more > 0 ? "... and " + Figures.count(more, "more deal")
        + " (all of them in attention.csv with --csv-out)." : "";
  }

  // ---------------------------------------------------------------- text

  /**
   * The report as plain text: the contract numbers, the funnel, the pipeline, the deals that
   * need attention, the funnel by owner and by lead source, what moved in the period, time in
   * stage and flow, and the leaks; figures formatted for people (see the type's comment). Where
   * two numbers look alike but count different deals (two win rates, two medians) or a table's
   * rows do not add up, a short note under the table says why.
   *
   * @return the text, lines ending in a newline
   */
  public String text() {
    long closed = summary.won() + summary.lost();
    long dropped = funnel.won();
    for (FunnelReport.Row s : funnel.stages()) {
      dropped += s.lost() + s.wentDark() + s.stuck();
    }
    StringBuilder t = new StringBuilder();
    t.append("The numbers\n").append(headline()).append('\n').append(amountsLine()).append('\n')
        .append(numbersTable().text())
        .append("  win rate: won / (won + lost), of the ")
        .append(Figures.count(closed, "closed deal"))
        .append("; open and gone-dark deals do not count.\n")
        .append("  median days: each deal's time in the stage, all visits added up, over every"
            + " deal that reached it\n  (those still in it counted up to the as-of instant).\n");
    t.append("\nThe funnel: volumes and conversion\n")
        .append("Funnel of ").append(funnel.pipeline()).append(", all deals as of ")
        .append(Figures.end(asOf)).append(": ").append(Figures.count(funnel.cohortSize(), "deal"))
        .append(", ").append(Figures.count(funnel.won())).append(" won (")
        .append(Figures.cell(Table.Kind.PERCENT, funnel.overallConversion())).append(")")
        .append(funnel.wonAmount().map(m -> ", " + Figures.money(m) + " won").orElse(""))
        .append('\n').append(funnelTable().text())
        .append("  \"").append(Figures.count(funnel.won())).append(" won (")
        .append(Figures.cell(Table.Kind.PERCENT, funnel.overallConversion()))
        .append(")\" is of all ").append(Figures.count(funnel.cohortSize(), "deal"))
        .append("; the win rate above (").append(Figures.cell(Table.Kind.PERCENT,
            summary.winRate())).append(") is of the closed ones only.\n")
        .append("  to next, to won: shares of passed. lost, dark, stuck: each deal once, at the"
            + " last open stage\n  it was in, so down the columns lost + dark + stuck + won = ")
        .append(Figures.count(dropped, "deal")).append(" (every deal ever open).\n")
        .append("  Along a row they need not add up to reached: a deal that moved back and dropped"
            + " out at an\n  earlier stage counts in this row's reached and in the earlier"
            + " stage's lost, dark or stuck.\n");
    if (funnel.firstSeenClosed() > 0) {
      t.append("  ").append(Figures.count(funnel.firstSeenClosed(), "deal")).append(" first seen"
          + " won or lost (the data starts after they closed) passed no stage and are not in the"
          + " funnel.\n");
    }
    t.append("\nThe pipeline: where the open deals are now\n").append(pipelineLine())
        .append('\n').append(pipelineTable(false).text());
    t.append("\nDeals that need attention\n").append(attentionLine()).append('\n');
    if (!attention.isEmpty()) {
      t.append(attentionTable(ATTENTION_SHOWN, false).text());
      String more = moreLine();
      if (!more.isEmpty()) {
        t.append(more).append('\n');
      }
    }
    breakdownText(t, "owner", "by_owner", byOwner, "no deal has an owner in this file");
    breakdownText(t, "lead source", "by_lead_source", byLeadSource,
        "no deal has a lead source in this file");
    t.append("\nWhat moved in the last ")
        .append(Figures.count(Duration.between(movements.from(), asOf).toDays(), "day"));
    if (movements.value().isEmpty()) {
      t.append(": ").append(NO_AMOUNTS).append(", so there is no pipeline value to follow.\n");
    } else {
      MovementReport.Waterfall w = movements.value().get();
      t.append(": open pipeline value ").append(period()).append('\n');
      if (nothingMoved(w)) {
        t.append("Nothing changed the open value in the period: it stayed at ")
            .append(Figures.money(Money.of(w.end().amount(), w.currency()))).append(".\n");
      } else {
        t.append(waterfallTable(w).text());
      }
    }
    t.append("\nTime in stage and flow\n").append("Time and flow of ").append(stats.pipeline())
        .append(" as of ").append(Figures.end(asOf)).append('\n').append(flowTable(false).text())
        .append("Average sales cycle ").append(stats.averageCycle()
            .map(d -> Figures.days(d) + " days").orElse("- (nothing won)"))
        .append(stats.averageWonAmount().map(m -> ", average won amount " + Figures.money(m))
            .orElse(""))
        .append('\n')
        .append("  dwell: time in the stage of the deals that have left it, so its median (p50)"
            + " differs from\n  \"median days\" above, which also counts the deals still in"
            + " it.\n")
        .append("  win rate per stage: of the deals ever in that stage and now won or lost, the"
            + " share won;\n  \"all\" is the overall win rate above.\n");
    t.append("\nLeaks\n").append("Drop-off of ").append(leaks.pipeline()).append(" (")
        .append(leaks.cohort()).append(")\n").append(leakTable().text())
        .append(leaks.summary()).append('\n');
    return t.toString();
  }

  private void breakdownText(StringBuilder t, String key, String file,
      Optional<FunnelBreakdown> b, String none) {
    t.append("\nThe funnel by ").append(key).append('\n');
    if (b.isEmpty()) {
      t.append("No breakdown by ").append(key).append(": ").append(none).append(".\n");
      return;
    }
    t.append(breakdownTable(file, key, b.get()).text());
    t.append("  ").append(key.equals("owner") ? "owner when the deal was created; " : "")
        .append("win rate: won / (won + lost); won of all: won / deals.\n");
  }

  // ---------------------------------------------------------------- CSV

  /**
   * Writes the report's tables as CSV files into a directory, creating it if missing:
   * {@code funnel.csv} (one row per open stage and one for won), {@code pipeline.csv} (the open
   * pipeline per stage), {@code flow.csv} (time in stage and flow, one row per open stage and
   * one for all), {@code attention.csv} (every deal that needs attention, not only the first
   * {@value #ATTENTION_SHOWN}), and {@code by_owner.csv} / {@code by_lead_source.csv} when some
   * deal has an owner / a lead source. Each file is UTF-8 RFC 4180 with a header row and raw
   * values: counts as integers, amounts as exact decimals with a {@code currency} column where
   * a row has amounts, shares as fractions to four places ({@code 0.4000}), durations in days to
   * two places; an empty field means none (no amount, no deal left the stage).
   *
   * @param dir the directory
   * @return the files written, in the order above
   * @throws IOException if the directory cannot be created or a file cannot be written
   */
  public List<Path> writeCsv(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Table> tables = new ArrayList<>(List.of(funnelTable(), pipelineTable(true), flowTable(true),
        attentionTable(Integer.MAX_VALUE, true)));
    byOwner.ifPresent(b -> tables.add(breakdownTable("by_owner", "owner", b)));
    byLeadSource.ifPresent(b -> tables.add(breakdownTable("by_lead_source", "lead source", b)));
    List<Path> written = new ArrayList<>();
    for (Table t : tables) {
      written.add(t.csv(dir));
    }
    return written;
  }

  // ---------------------------------------------------------------- HTML

  /**
   * {@return a self-contained HTML page: charts as embedded PNG images, plain CSS; no forecast
   * section}
   */
  public String html() {
    return html(Optional.empty());
  }

  /**
   * The page with a forecast section after the pipeline by stage: the won-amount distribution,
   * the backtest and the reliability chart (see {@link ForecastSection}).
   *
   * @param forecast the forecast section
   * @return a self-contained HTML page: charts as embedded PNG images, plain CSS
   * @throws NullPointerException if forecast is null
   */
  public String html(ForecastSection forecast) {
    return html(Optional.of(Objects.requireNonNull(forecast, "forecast is null")));
  }

  private String html(Optional<ForecastSection> forecast) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // charts are drawn off screen
    }
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc("Pipeline report: " + definition.name())).append("</title>\n<style>\n")
        .append("body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2em auto;"
            + " padding: 0 1em; color: #222; line-height: 1.45; }\n")
        .append("h1, h2 { font-weight: 600; } h2 { margin-top: 2em; border-bottom: 1px solid"
            + " #ddd; padding-bottom: .2em; }\n")
        .append("table { border-collapse: collapse; margin: 1em 0; }\n")
        .append("th, td { border: 1px solid #ddd; padding: .3em .6em; text-align: right; }\n")
        .append("th:first-child, td:first-child { text-align: left; }\n")
        .append("td:first-child { white-space: nowrap; }\n")
        .append("th { background: #f4f4f4; }\n img { max-width: 100%; }\n")
        .append(".leak { background: #fff4e5; border-left: 4px solid #e67e22; padding: .5em"
            + " 1em; }\n.muted { color: #666; }\n")
        .append(".none { background: #f4f4f4; border-left: 4px solid #bbb; padding: .5em"
            + " 1em; color: #444; }\n")
        .append(".note { background: #eef4fb; border-left: 4px solid #2F6DB5; padding: .5em"
            + " 1em; }\n.lead { font-size: 1.1em; }\n")
        .append(".caption { margin-top: -.5em; color: #444; font-size: .95em; }\n")
        .append(".kinds { display: flex; gap: .8em; margin: 1em 0; flex-wrap: wrap; }\n")
        .append(".kind { border: 1px solid #ddd; border-top: 4px solid #2F6DB5; padding: .4em"
            + " .9em; min-width: 9em; }\n.kind b { display: block; font-size: 1.6em; }\n")
        .append(".kind.escalation { border-top-color: #C0392B; } .kind.delay-contact {"
            + " border-top-color: #E07B39; } .kind.snooze-ended { border-top-color: #9B59B6; }"
            + " .kind.cadence-touch { border-top-color: #16A085; }\n")
        .append("table.agenda th, table.agenda td { text-align: left; vertical-align: top;"
            + " }\ntable.agenda { width: 100%; }\ntable.agenda td.deal { white-space: nowrap; }\n")
        .append("table.agenda .what { width: 12em; } table.agenda .key { font-size: .85em;"
            + " color: #555; overflow-wrap: anywhere; }\n")
        .append("table.agenda .offer { font-size: .85em; color: #8a4b12; overflow-wrap:"
            + " anywhere; }\n")
        .append("table.agenda td.when { white-space: nowrap; }\n")
        .append("table.agenda td.why { color: #333; font-size: .95em; }\n")
        .append(".tag { display: inline-block; padding: 0 .4em; border-radius: 3px; font-size:"
            + " .85em; color: #fff; background: #2F6DB5; white-space: nowrap; }\n")
        .append(".tag.escalation { background: #C0392B; } .tag.delay-contact { background:"
            + " #E07B39; } .tag.snooze-ended { background: #9B59B6; } .tag.cadence-touch {"
            + " background: #16A085; }\n")
        .append("h3 { margin-bottom: .2em; }\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(definition.name())).append("</h1>\n<p class=\"muted\">As of ")
        .append(esc(Figures.end(asOf))).append(": ")
        .append(esc(Figures.count(summary.deals(), "deal"))).append(", ")
        .append(esc(Figures.count(summary.won()))).append(" won, ")
        .append(esc(Figures.count(summary.lost()))).append(" lost, win rate ")
        .append(esc(Figures.cell(Table.Kind.PERCENT, summary.winRate())))
        .append(" (of the closed deals), ").append(esc(Figures.count(summary.open())))
        .append(" open, ").append(esc(Figures.count(summary.dormant()))).append(" gone dark. ")
        .append(esc(amountsLine())).append("</p>\n");
    h.append("<p class=\"muted\">Sections: <a href=\"#funnel\">funnel</a>, <a href=\"#pipeline\">"
        + "pipeline</a>, ")
        .append(forecast.isPresent() ? "<a href=\"#forecast\">forecast</a>, " : "")
        .append("<a href=\"#attention\">deals that need attention</a>, ")
        .append(agenda.isPresent() ? "<a href=\"#agenda\">agenda</a>, " : "")
        .append("<a href=\"#owner\">"
        + "by owner</a>, <a href=\"#source\">by lead source</a>, <a href=\"#dwell\">dwell time</a>,"
        + " <a href=\"#leaks\">leaks</a>, <a href=\"#waterfall\">movements</a>.</p>\n");

    h.append("<h2 id=\"funnel\">Funnel</h2>\n<p>The funnel is a numbers game: of all deals, how"
        + " many passed each stage (entered it or skipped past it to a later one), how many"
        + " reached it (entered it) and how many dropped out there. Of all ")
        .append(esc(Figures.count(funnel.cohortSize()))).append(" deals ")
        .append(esc(Figures.count(funnel.won()))).append(" were won (")
        .append(esc(Figures.cell(Table.Kind.PERCENT, funnel.overallConversion())))
        .append(funnel.wonAmount().map(m -> ", " + esc(Figures.money(m))).orElse(""))
        .append("); the win rate above counts only the closed deals.")
        .append(funnel.firstSeenClosed() == 0 ? "" : " " + esc(Figures.count(
            funnel.firstSeenClosed(), "deal")) + " first seen won or lost (the data starts after"
            + " they closed) passed no stage and are not in the funnel.")
        .append("</p>\n");
    DefaultCategoryDataset passed = new DefaultCategoryDataset();
    for (FunnelReport.Row s : funnel.stages()) {
      passed.addValue(s.passed(), "passed (entered or skipped past)", s.name());
      passed.addValue(s.droppedOut(), "dropped out", s.name());
    }
    passed.addValue(funnel.won(), "passed (entered or skipped past)", "Won");
    image(h, "Funnel", ChartFactory.createBarChart("Funnel", "stage", "deals", passed));
    funnelTable().html(h);
    h.append("<p class=\"muted\">Lost, went dark and stuck count each deal once, at the last"
        + " open stage it was in, so these columns and the won deals add up to every deal. Along"
        + " a row they need not add up to reached: a deal that moved back and dropped out at an"
        + " earlier stage counts in this row's reached and in the earlier stage's drop-off.</p>\n");

    h.append("<h2 id=\"pipeline\">Pipeline by stage</h2>\n<p>The pipeline knows where each open"
        + " deal is and what it is worth, weighted by the stage's probability: ")
        .append(esc(pipelineLine())).append(".</p>\n");
    if (snapshot.count() == 0) {
      none(h, "No open deals as of " + Figures.end(asOf) + ": nothing to chart.");
    } else {
      DefaultCategoryDataset counts = new DefaultCategoryDataset();
      for (SnapshotReport.Row s : snapshot.stages()) {
        counts.addValue(s.count(), "open deals", s.name());
      }
      image(h, "Open deals by stage",
          ChartFactory.createBarChart("Open deals by stage", "stage", "deals", counts));
      if (snapshot.total().isEmpty()) {
        none(h, "No amounts in this file: the pipeline's value cannot be shown, only its deal"
            + " counts.");
      } else {
        DefaultCategoryDataset value = new DefaultCategoryDataset();
        for (SnapshotReport.Row s : snapshot.stages()) {
          value.addValue(s.total().map(Money::amount).orElse(null), "amount", s.name());
          value.addValue(s.weighted().map(Money::amount).orElse(null), "weighted amount",
              s.name());
        }
        image(h, "Amount by stage", ChartFactory.createBarChart("Amount by stage", "stage",
            currency().orElseThrow(), value));
      }
    }
    pipelineTable(false).html(h);
    forecast.ifPresent(f -> f.html(h));

    h.append("<h2 id=\"attention\">Deals that need attention</h2>\n<p>")
        .append(esc(attentionLine())).append("</p>\n");
    if (!attention.isEmpty()) {
      attentionTable(ATTENTION_SHOWN, false).html(h);
      String more = moreLine();
      if (!more.isEmpty()) {
        h.append("<p class=\"muted\">").append(esc(more)).append("</p>\n");
      }
    }
    agenda.ifPresent(a -> agendaHtml(h, a));
    breakdownHtml(h, "owner", "owner", "by_owner", byOwner, "no deal has an owner in this file");
    breakdownHtml(h, "source", "lead source", "by_lead_source", byLeadSource,
        "no deal has a lead source in this file");

    h.append("<h2 id=\"dwell\">Dwell time per stage</h2>\n<p>Days in each stage, all visits"
        + " counted: the median over every deal that reached it (those still in it up to the as-of"
        + " instant), and the mean and 90th percentile of the deals that have left it. A stage's"
        + " win rate is the share won of the deals ever in it that are now won or lost.</p>\n");
    DefaultCategoryDataset dwell = new DefaultCategoryDataset();
    boolean anyDwell = false;
    for (int i = 0; i < stats.stages().size(); i++) {
      FlowReport.Row s = stats.stages().get(i);
      MetricsSummary.StageRow r = summary.stages().get(i);
      anyDwell |= r.medianDays().isPresent() || s.dwellMean().isPresent();
      dwell.addValue(r.medianDays().orElse(null), "median", s.name());
      dwell.addValue(s.dwellMean().map(Metrics::days).orElse(null), "mean (left)", s.name());
      dwell.addValue(s.dwellP90().map(Metrics::days).orElse(null), "p90 (left)", s.name());
    }
    if (anyDwell) {
      image(h, "Dwell time per stage",
          ChartFactory.createBarChart("Dwell time per stage", "stage", "days", dwell));
    } else {
      none(h, "No deal has spent time in an open stage yet: nothing to chart.");
    }
    Table dwellTable = new Table("dwell", List.of(Table.text("stage", "stage"),
        Table.count("reached", "reached"), Table.days("median days", "median_days"),
        Table.days("mean (left)", "mean_days_left"), Table.days("p90 (left)", "p90_days_left"),
        Table.percent("win rate", "win_rate")));
    for (int i = 0; i < stats.stages().size(); i++) {
      FlowReport.Row s = stats.stages().get(i);
      MetricsSummary.StageRow r = summary.stages().get(i);
      dwellTable.row(s.name(), r.reached(), r.medianDays(), s.dwellMean(), s.dwellP90(),
          s.winRate());
    }
    dwellTable.html(h);

    h.append("<h2 id=\"leaks\">Leak finder</h2>\n");
    if (leaks.leaks().isEmpty()) {
      h.append("<p>").append(esc(leaks.summary())).append("</p>\n");
    }
    for (LeakReport.Leak l : leaks.leaks()) {
      h.append("<p class=\"leak\">").append(esc(l.message())).append("</p>\n");
    }
    leakTable().html(h);

    h.append("<h2 id=\"waterfall\">Movement waterfall</h2>\n");
    if (movements.value().isEmpty()) {
      none(h, "No amounts in this file: there is no pipeline value to follow.");
    } else {
      MovementReport.Waterfall w = movements.value().get();
      h.append("<p>How the open pipeline value changed ").append(esc(period())).append(", in ")
          .append(w.currency().getCurrencyCode()).append(".</p>\n");
      if (nothingMoved(w)) {
        none(h, "Nothing changed the open value in the period: it stayed at "
            + Figures.money(Money.of(w.end().amount(), w.currency())) + ".");
      } else {
        DefaultCategoryDataset steps = new DefaultCategoryDataset();
        List<MoneyDelta> values = steps(w);
        for (int i = 0; i < STEPS.length; i++) {
          steps.addValue(values.get(i).amount(), "value", STEPS[i]);
        }
        image(h, "Movement waterfall", ChartFactory.createWaterfallChart("Open pipeline value",
            "step", w.currency().getCurrencyCode(), steps, PlotOrientation.VERTICAL, false,
            false, false));
        waterfallTable(w).html(h);
      }
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /**
   * The agenda: counts per kind, a table per owner (the owners with the most due first) and each
   * owner's most pressing items, at most {@value #AGENDA_SHOWN_PER_OWNER}.
   */
  private void agendaHtml(StringBuilder h, AgendaSection section) {
    Agenda a = section.agenda();
    List<AutomationRule> rules = Agenda.rules(definition);
    h.append("<h2 id=\"agenda\">Agenda: what is due</h2>\n");
    if (rules.isEmpty()) {
      none(h, "The pipeline has no automation rules and no stage has an idle threshold, so"
          + " nothing falls due: give it rules in a definition file (see the README).");
      return;
    }
    List<AgendaItem> items = a.items();
    Map<AgendaItem.Kind, Long> counts = new java.util.EnumMap<>(AgendaItem.Kind.class);
    for (AgendaItem.Kind k : AgendaItem.Kind.values()) {
      counts.put(k, 0L);
    }
    items.forEach(i -> counts.merge(i.kind(), 1L, Long::sum));
    h.append("<p>What the pipeline's automation rules have due as of ")
        .append(esc(Figures.end(asOf))).append(": ")
        .append(esc(items.isEmpty() ? "nothing" : Figures.count(items.size(), "item")))
        .append(". Escalations first (get a yes or no), then contacts with the customer while a"
            + " stage takes long, the next planned touches of cadences, snoozes that ended, idle"
            + " deals; the longest due first. Each"
            + " item goes once the deal is touched or moves (a delay contact once the customer"
            + " was contacted). Calendar of the rules: ")
        .append(esc(definition.calendar().toString())).append(".</p>\n");
    h.append("<div class=\"kinds\">");
    for (AgendaItem.Kind k : AgendaItem.Kind.values()) {
      h.append("<div class=\"kind ").append(k.spelling()).append("\"><b>")
          .append(esc(Figures.count(counts.get(k)))).append("</b>")
          .append(esc(heading(k))).append("</div>");
    }
    h.append("</div>\n");
    if (!section.touchesRecorded()) {
      h.append("<p class=\"note\">The data records no touches (a CRM exports them apart from"
          + " the deals; give them with --activities FILE), so idle clocks run from each deal's"
          + " last stage change: a deal touched since then may still be listed.</p>\n");
    }
    h.append("<p class=\"muted\">Not the same list as the deals that need attention above:"
        + " that one measures idle time against each stage's idle threshold in calendar days;"
        + " this one applies the automation rules (")
        .append(esc(Figures.count(rules.size(), "rule")))
        .append(", listed at the end of this section) with their own spans, business days,"
        + " touches and snoozes.</p>\n");
    if (items.isEmpty()) {
      none(h, "Nothing is due as of " + Figures.end(asOf) + ".");
    } else {
      Map<String, List<AgendaItem>> byOwner = new LinkedHashMap<>();
      for (AgendaItem i : items) {
        byOwner.computeIfAbsent(i.owner().orElse(""), o -> new ArrayList<>()).add(i);
      }
      List<Map.Entry<String, List<AgendaItem>>> owners = new ArrayList<>(byOwner.entrySet());
      owners.sort(Comparator.<Map.Entry<String, List<AgendaItem>>>comparingInt(
          e -> -e.getValue().size()).thenComparing(e -> e.getKey().isEmpty())
          .thenComparing(Map.Entry::getKey));
      h.append("<table>\n<tr><th>owner</th>");
      for (AgendaItem.Kind k : AgendaItem.Kind.values()) {
        h.append("<th>").append(esc(columnLabel(k))).append("</th>");
      }
      h.append("<th>all</th><th>longest due (days)</th></tr>\n");
      for (Map.Entry<String, List<AgendaItem>> e : owners) {
        h.append("<tr><td><a href=\"#agenda-").append(anchor(e.getKey())).append("\">")
            .append(esc(ownerName(e.getKey()))).append("</a></td>");
        for (AgendaItem.Kind k : AgendaItem.Kind.values()) {
          long n = e.getValue().stream().filter(i -> i.kind() == k).count();
          h.append("<td>").append(n == 0 ? "" : esc(Figures.count(n))).append("</td>");
        }
        Instant oldest = e.getValue().stream().map(AgendaItem::dueSince)
            .min(Comparator.naturalOrder()).orElseThrow();
        h.append("<td>").append(esc(Figures.count(e.getValue().size()))).append("</td><td>")
            .append(esc(Figures.days(Duration.between(oldest, asOf)))).append("</td></tr>\n");
      }
      h.append("</table>\n");
      boolean messages = items.stream().anyMatch(i -> i.messageKey().isPresent());
      for (Map.Entry<String, List<AgendaItem>> e : owners) {
        List<AgendaItem> mine = e.getValue();
        h.append("<h3 id=\"agenda-").append(anchor(e.getKey())).append("\">")
            .append(esc(ownerName(e.getKey()))).append(": ")
            .append(esc(mine.stream().collect(java.util.stream.Collectors.groupingBy(
                AgendaItem::kind, () -> new java.util.EnumMap<>(AgendaItem.Kind.class),
                java.util.stream.Collectors.counting())).entrySet().stream()
                .map(c -> c.getKey().count(c.getValue()))
                .collect(java.util.stream.Collectors.joining(", "))))
            .append("</h3>\n");
        h.append("<table class=\"agenda\">\n<tr><th class=\"what\">what")
            .append(messages ? " (message, offer)" : "").append("</th><th>deal</th><th>stage</th>"
            + "<th>due since</th><th>why</th></tr>\n");
        for (AgendaItem i : mine.subList(0, Math.min(AGENDA_SHOWN_PER_OWNER, mine.size()))) {
          long days = Duration.between(i.dueSince(), asOf).toDays();
          h.append("<tr><td class=\"what\"><span class=\"tag ").append(i.kind().spelling())
              .append("\">").append(esc(i.kind().words())).append("</span>")
              .append(i.messageKey().map(m -> "<br><span class=\"key\">" + esc(m) + "</span>")
                  .orElse(""))
              .append(i.offer().map(o -> "<br><span class=\"offer\">offer " + esc(o)
                  + "</span>").orElse(""))
              .append("</td><td class=\"deal\">")
              .append(esc(i.deal().value())).append("</td><td>")
              .append(esc(definition.stage(i.stage()).map(st -> st.name())
                  .orElse(i.stage().value()))).append("</td><td class=\"when\">")
              .append(esc(definition.calendar().date(i.dueSince()).toString()))
              .append("<br><span class=\"muted\">")
              .append(esc(days == 0 ? "today" : Figures.count(days, "day") + " ago"))
              .append("</span></td>");
          h.append("<td class=\"why\">").append(esc(i.reason())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (mine.size() > AGENDA_SHOWN_PER_OWNER) {
          int more = mine.size() - AGENDA_SHOWN_PER_OWNER;
          h.append("<p class=\"muted\">... and ").append(esc(Figures.count(more, "more item")))
              .append(" of ").append(esc(ownerName(e.getKey())))
              .append(e.getKey().isEmpty() ? "" : " (pipeline agenda --owner "
                  + esc(e.getKey()) + " lists them all)").append(".</p>\n");
        }
      }
    }
    h.append("<p class=\"muted\">Rules: ");
    for (int r = 0; r < rules.size(); r++) {
      AutomationRule rule = rules.get(r);
      h.append(r == 0 ? "" : "; ")
          .append(esc(definition.stage(rule.stage()).map(st -> st.name())
              .orElse(rule.stage().value()))).append(": ").append(esc(rule.description()));
    }
    h.append(".</p>\n");
  }

  private static String heading(AgendaItem.Kind kind) {
    switch (kind) {
      case ESCALATION:
        return "escalations: get a yes or no";
      case DELAY_CONTACT:
        return "contacts with the customer";
      case CADENCE_TOUCH:
        return "cadence touches: the next planned touch";
      case SNOOZE_ENDED:
        return "snoozes that ended";
      default:
        return "idle deals";
    }
  }

  private static String columnLabel(AgendaItem.Kind kind) {
    switch (kind) {
      case ESCALATION:
        return "escalations";
      case DELAY_CONTACT:
        return "customer contacts";
      case CADENCE_TOUCH:
        return "cadence touches";
      case SNOOZE_ENDED:
        return "ended snoozes";
      default:
        return "idle";
    }
  }

  private static String ownerName(String owner) {
    return owner.isEmpty() ? "No owner" : owner;
  }

  /** An id for an owner's heading: letters, digits, - and _ kept, anything else as its code. */
  private static String anchor(String owner) {
    StringBuilder sb = new StringBuilder();
    owner.codePoints().forEach(c -> {
      if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
        sb.appendCodePoint(c);
      } else {
        sb.append('.').append(Integer.toHexString(c));
      }
    });
    return sb.length() == 0 ? ".none" : sb.toString(); // no owner id encodes to ".none"
  }

  private void breakdownHtml(StringBuilder h, String id, String key, String file,
      Optional<FunnelBreakdown> b, String none) {
    h.append("<h2 id=\"").append(id).append("\">Funnel by ").append(esc(key)).append("</h2>\n");
    if (b.isEmpty()) {
      none(h, "No breakdown by " + key + ": " + none + ".");
      return;
    }
    h.append("<p>Per ").append(esc(key))
        .append(key.equals("owner") ? " (when the deal was created)" : "")
        .append(": how many deals reached each stage, how many were won and lost; the win rate"
            + " is won / (won + lost), \"won of all\" is won / deals.</p>\n");
    breakdownTable(file, key, b.get()).html(h);
  }

  private static void none(StringBuilder h, String text) {
    h.append("<p class=\"none\">").append(esc(text)).append("</p>\n");
  }

  /** The colours of the charts' series, in order. */
  static final java.awt.Color[] PALETTE = {
      new java.awt.Color(0x2F6DB5), new java.awt.Color(0xE07B39), new java.awt.Color(0x4E9A5B),
      new java.awt.Color(0x9B59B6)};

  /** One calm look for every chart: white plot, light grid, flat bars, a small palette. */
  static void style(JFreeChart chart) {
    chart.setBackgroundPaint(java.awt.Color.WHITE);
    chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 15));
    if (chart.getLegend() != null) {
      chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    if (chart.getPlot() instanceof org.jfree.chart.plot.XYPlot xy) {
      xy.setBackgroundPaint(java.awt.Color.WHITE);
      xy.setOutlineVisible(false);
      xy.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
      xy.setDomainGridlinePaint(new java.awt.Color(0xEEEEEE));
      return;
    }
    if (!(chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot)) {
      return;
    }
    org.jfree.chart.plot.CategoryPlot plot = (org.jfree.chart.plot.CategoryPlot) chart.getPlot();
    plot.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
    if ("deals".equals(plot.getRangeAxis().getLabel())) { // no "0.5 deals" on the axis
      plot.getRangeAxis().setStandardTickUnits(
          org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
    }
    if (plot.getRenderer() instanceof org.jfree.chart.renderer.category.BarRenderer) {
      org.jfree.chart.renderer.category.BarRenderer bars =
          (org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer();
      bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
      bars.setShadowVisible(false);
      bars.setItemMargin(0.05);
      for (int i = 0; i < PALETTE.length; i++) {
        bars.setSeriesPaint(i, PALETTE[i]);
      }
    }
    if (plot.getRenderer() instanceof org.jfree.chart.renderer.category.WaterfallBarRenderer) {
      org.jfree.chart.renderer.category.WaterfallBarRenderer w =
          (org.jfree.chart.renderer.category.WaterfallBarRenderer) plot.getRenderer();
      w.setFirstBarPaint(PALETTE[0]);
      w.setLastBarPaint(PALETTE[0]);
      w.setPositiveBarPaint(PALETTE[2]);
      w.setNegativeBarPaint(new java.awt.Color(0xC0392B));
    }
  }

  /** Appends a chart in the report's style as an embedded PNG, 880 by 360 pixels. */
  static void image(StringBuilder h, String alt, JFreeChart chart) {
    image(h, alt, chart, 880, 360);
  }

  /** Appends a chart in the report's style as an embedded PNG of the given size in pixels. */
  static void image(StringBuilder h, String alt, JFreeChart chart, int width, int height) {
    style(chart);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    h.append("<p><img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"></p>\n");
  }

  private static String esc(String s) {
    return HTML.escape(s);
  }
}

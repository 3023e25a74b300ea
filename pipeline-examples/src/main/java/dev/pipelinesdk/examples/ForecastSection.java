package dev.pipelinesdk.examples;

import com.google.common.html.HtmlEscapers;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.MoneyDelta;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.forecast.backtest.Backtest;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.forecast.scenario.Sensitivity;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.UncertaintySource;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jspecify.annotations.Nullable;

/**
 * The forecast section of the HTML report ({@link PipelineReport#html(ForecastSection)}): what
 * the deals open at the as-of instant are expected to win within the horizon, drawn from plain
 * inputs that the caller computes (a model's {@link Forecast}, its won-amount {@link
 * AmountDistribution}, an optional target, a {@link Backtest.Result}). It shows:
 * <ul>
 *   <li>the distribution of the amount won as a histogram, with P10, P50 and P90 marked and the
 *       target as a line, the chance of reaching it in the caption; a table of those figures and
 *       one of the forecast per stage;
 *   <li>the backtest: at each past cutoff, the expected amount and the P10-P90 range against what
 *       was actually won, with a table and the overall miss (WAPE), bias and coverage;
 *   <li>the reliability chart: per decile of the predicted chance, the share actually won, against
 *       the diagonal, with the deal counts;
 *   <li>the self-calibration: the correction, how much of the P10-P90 range is model error,
 *       the errors at each past date it rests on, or that it fell back to its priors;
 *   <li>"where to invest": the sensitivity ranking of the open stages as a bar chart and a table,
 *       with the leak finder's verdict.
 * </ul>
 * A short text above each chart says what it shows and what the interval includes ({@link
 * AmountDistribution#includes()}), in words a sales manager reads. Where there is nothing to draw
 * (no open deal, no amounts, every outcome the same, no cutoff whose horizon is over) the page
 * says so in a sentence instead of a chart. Figures follow {@link PipelineReport}'s rules.
 *
 * @param definition the pipeline definition, for the stage names
 * @param forecast the model's forecast of the deals open at the as-of instant
 * @param assumptions what the model assumes, in its own words ({@code
 *     ForecastModel.assumptions()})
 * @param distribution the distribution of the amount won by the open deals; empty when no open
 *     deal has an amount
 * @param target the target, in the distribution's currency; empty without one
 * @param backtest the backtest at past cutoffs whose horizon is over; empty when there is none
 * @param amounts whether some deal of the data has an amount; without, the backtest's money
 *     figures (all zero, in a currency the computation needed) are not shown
 * @param cutoffsWanted how many cutoffs the backtest asks for (the report's rule: the last six
 *     month ends); the page says so when it has fewer
 * @param zone the zone whose days the cutoffs end, for their dates
 * @param calibration the self-calibration the forecast, the distribution and the backtest were
 *     made with; empty for the model as it is
 * @param outcomesOnly the distribution of deal outcomes alone, to split the P10-P90 width into
 *     what deal outcomes and what model error give; empty without calibration or amounts
 * @param sensitivity the "where to invest" ranking of the open stages; empty without amounts
 */
public record ForecastSection(PipelineDefinition definition, Forecast forecast,
    String assumptions, Optional<AmountDistribution> distribution, Optional<Money> target,
    Optional<Backtest.Result> backtest, boolean amounts, int cutoffsWanted, ZoneId zone,
    Optional<Calibration> calibration, Optional<AmountDistribution> outcomesOnly,
    Optional<Sensitivity> sensitivity) {

  /** How many quantiles of the distribution the histogram is drawn from, evenly spaced. */
  static final int LEVELS = 1_000;

  /** How many bars the histogram has. */
  static final int BINS = 40;

  private static final Color TARGET = new Color(0xC0392B);
  private static final Color QUANTILE = new Color(0x555555);
  private static final Color BAND = new Color(0x2F6DB5, false);

  /**
   * Checks the inputs.
   *
   * @param definition the pipeline definition
   * @param forecast the forecast
   * @param assumptions the model's assumptions in words
   * @param distribution the distribution of the amount won; empty without amounts
   * @param target the target; empty without one
   * @param backtest the backtest; empty without a cutoff
   * @param amounts whether some deal of the data has an amount
   * @param cutoffsWanted how many cutoffs the rule asks for, at least 1
   * @param zone the zone of the cutoffs' dates
   * @param calibration the self-calibration, if made
   * @param outcomesOnly the distribution of deal outcomes alone, with calibration and amounts
   * @param sensitivity the ranking of the open stages, with amounts
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the target is in another currency than the distribution,
   *     or cutoffsWanted is below 1
   */
  public ForecastSection {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(forecast, "forecast is null");
    Objects.requireNonNull(assumptions, "assumptions is null");
    Objects.requireNonNull(distribution, "distribution is null");
    Objects.requireNonNull(target, "target is null");
    Objects.requireNonNull(backtest, "backtest is null");
    Objects.requireNonNull(zone, "zone is null");
    Objects.requireNonNull(calibration, "calibration is null");
    Objects.requireNonNull(outcomesOnly, "outcomesOnly is null");
    Objects.requireNonNull(sensitivity, "sensitivity is null");
    if (target.isPresent() && distribution.isPresent()
        && !target.get().currency().equals(distribution.get().currency())) {
      throw new IllegalArgumentException("target " + target.get() + " is not in "
          + distribution.get().currency().getCurrencyCode() + ", the deals' currency");
    }
    if (cutoffsWanted < 1) {
      throw new IllegalArgumentException("cutoffsWanted must be at least 1, not "
          + cutoffsWanted);
    }
  }

  private long horizonDays() {
    return forecast.horizon().toDays();
  }

  private String days() {
    return Figures.count(horizonDays(), "day");
  }

  // ---------------------------------------------------------------- the page

  /** Appends the section: its title, the three parts, and the places for work in progress. */
  void html(StringBuilder h) {
    Instant asOf = forecast.asOf();
    h.append("<h2 id=\"forecast\">Forecast: the next ").append(esc(days())).append("</h2>\n");
    h.append("<p>What the deals open at ").append(esc(Figures.end(asOf)))
        .append(" are expected to win by ").append(esc(Figures.end(asOf.plus(forecast.horizon()))))
        .append(", ").append(esc(days())).append(" later, by the ").append(esc(forecast.model()))
        .append(" model. Deals that are not in the pipeline yet are not counted.</p>\n")
        .append("<p class=\"muted\">The model, in its own words: ").append(esc(assumptions))
        .append(".</p>\n");
    distributionHtml(h);
    calibrationHtml(h);
    backtestHtml(h);
    reliabilityHtml(h);
    sensitivityHtml(h);
  }

  // ---------------------------------------------------------------- the distribution

  private void distributionHtml(StringBuilder h) {
    h.append("<h3>How much the open deals may win</h3>\n");
    long withoutAmount = forecast.deals().stream().filter(d -> d.amount().isEmpty()).count();
    if (forecast.deals().isEmpty()) {
      none(h, "No deal is open at " + Figures.end(forecast.asOf()) + ": there is nothing to"
          + " forecast" + target.map(t -> ", and nothing to reach the target of "
              + Figures.money(t) + " with").orElse("") + ". The backtest below still shows how"
          + " the forecast did in the past.");
      return;
    }
    String wins = String.format(Locale.ROOT, "%.1f", forecast.expectedWins());
    if (distribution.isEmpty()) {
      none(h, "No open deal has an amount: the forecast can count deals (" + wins + " of the "
          + Figures.count(forecast.deals().size(), "open deal") + " expected to be won within "
          + days() + "), not money"
          + target.map(t -> ", so there is no chance of reaching the target of "
              + Figures.money(t) + " to show").orElse("") + ".");
      stageTable(false).html(h);
      return;
    }
    AmountDistribution d = distribution.get();
    Money expected = forecast.expectedAmount().orElseThrow(); // some open deal has an amount
    h.append("<p class=\"lead\">Expected won: <b>").append(esc(Figures.money(expected)))
        .append("</b> (about ").append(esc(wins)).append(" deals) of ")
        .append(esc(forecast.openAmount().map(Figures::money).orElseThrow())).append(" open in ")
        .append(esc(Figures.count(forecast.deals().size(), "deal"))).append(". In 8 of 10"
            + " simulated outcomes the amount won lies between <b>")
        .append(esc(Figures.money(d.p10()))).append("</b> (P10) and <b>")
        .append(esc(Figures.money(d.p90()))).append("</b> (P90); the median (P50) is ")
        .append(esc(Figures.money(d.p50()))).append('.');
    target.ifPresent(t -> h.append(" The chance of reaching the target of ")
        .append(esc(Figures.money(t))).append(" is <b>").append(esc(chance(d, t)))
        .append("</b>").append(esc(allOrNone(d, t))).append('.'));
    h.append("</p>\n");
    if (withoutAmount > 0) {
      h.append("<p class=\"muted\">").append(esc(Figures.count(withoutAmount, "open deal")))
          .append(withoutAmount == 1 ? " has" : " have").append(" no amount: counted in the deals,"
              + " not in the amounts.</p>\n");
    }
    h.append("<p class=\"note\">").append(esc(includesText(d))).append("</p>\n");
    Money lo = d.quantile(0.5 / LEVELS);
    Money hi = d.quantile(1.0);
    if (lo.equals(hi)) {
      none(h, "Every simulated outcome wins " + Figures.money(lo) + " (each open deal's chance"
          + " is 0 or 100%): there is no spread to chart.");
    } else {
      h.append("<p>Each bar is the share of the ")
          .append(esc(d.simulation().map(s -> Figures.count(s.trials()) + " simulated outcomes"
              + " (seed " + s.seed() + ")").orElse("outcomes")))
          .append(" whose won amount falls in its range. The grey lines mark P10, P50 and P90")
          .append(target.isPresent() ? "; the red line is the target" : "").append(".</p>\n");
      PipelineReport.image(h, "Distribution of the amount won", histogram(d));
      target.ifPresent(t -> h.append("<p class=\"caption\">P(won amount &ge; ")
          .append(esc(Figures.money(t))).append(") = ").append(esc(chance(d, t)))
          .append(": the share of the simulated outcomes that reach the target.</p>\n"));
    }
    figuresTable(d, expected).html(h);
    h.append("<p>Where the expected amount comes from, by the stage the deals are in now:</p>\n");
    stageTable(true).html(h);
  }

  /** The chance of reaching a target, as a percentage. */
  private static String chance(AmountDistribution d, Money t) {
    return Figures.percent(d.probabilityAtLeast(t));
  }

  /** " (no simulated outcome reaches it)", " (every ...)" or nothing. */
  private static String allOrNone(AmountDistribution d, Money t) {
    double p = d.probabilityAtLeast(t);
    return p == 0 ? " (no simulated outcome reaches it)"
        : p == 1 ? " (every simulated outcome reaches it)" : "";
  }

  /** What the P10-P90 range includes and leaves out, from the distribution's own list. */
  private String includesText(AmountDistribution d) {
    Set<UncertaintySource> in = d.includes();
    List<String> includes = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    includes.add("the luck of each deal: won or not, with the model's chance taken as exact");
    if (in.contains(UncertaintySource.SHARED_LOGIT_SHIFT)) {
      includes.add("an error of the model shared by all deals, which moves them together (such"
          + " as a budget freeze)");
    } else {
      leftOut.add("that the chances are themselves estimates and deals move together (a budget"
          + " freeze hits many at once)");
    }
    if (in.contains(UncertaintySource.DEAL_LOGIT_NOISE)) {
      includes.add("each deal's own error in its chance");
    }
    if (!calibrated()) {
      leftOut.add("a correction of the forecast by its own record on your past deals");
    }
    StringBuilder s = new StringBuilder("The range includes ").append(String.join("; ",
        includes)).append('.');
    if (!leftOut.isEmpty()) {
      s.append(" Not included yet: ").append(String.join("; and ", leftOut))
          .append(". So the real range is wider than shown: read P10-P90 as the least"
              + " uncertainty there is, not the most.");
    }
    s.append(" It says how much is won within the ").append(days()).append(", not when.");
    return s.toString();
  }

  private JFreeChart histogram(AmountDistribution d) {
    double[] values = new double[LEVELS];
    for (int k = 0; k < LEVELS; k++) {
      values[k] = d.quantile((k + 0.5) / LEVELS).amount().doubleValue();
    }
    double lo = values[0];
    double hi = values[LEVELS - 1];
    HistogramDataset data = new HistogramDataset();
    data.setType(HistogramType.RELATIVE_FREQUENCY);
    data.addSeries("share of outcomes", values, BINS, lo, hi);
    NumberAxis amount = moneyAxis(d.currency().getCurrencyCode() + " won within " + days());
    NumberAxis share = new NumberAxis("share of outcomes");
    share.setNumberFormatOverride(new DecimalFormat("0.#%", DecimalFormatSymbols.getInstance(
        Locale.ROOT)));
    XYBarRenderer bars = new XYBarRenderer(0.05);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(0x8FB3DE));
    XYPlot plot = new XYPlot(data, amount, share, bars);
    double from = lo;
    double to = hi;
    if (target.isPresent()) {
      from = Math.min(from, target.get().amount().doubleValue());
      to = Math.max(to, target.get().amount().doubleValue());
    }
    double pad = (to - from) * 0.04;
    amount.setRange(Math.max(0, from - pad), to + pad);
    // P10's label left of its line, P50's and P90's right of theirs, on rows of their own
    double[] levels = {0.1, 0.5, 0.9};
    for (int i = 0; i < levels.length; i++) {
      Money q = d.quantile(levels[i]);
      plot.addDomainMarker(marker(q.amount().doubleValue(), "P" + Math.round(levels[i] * 100)
          + " " + Figures.amount(q.amount()), QUANTILE, new float[] {4f, 3f}, i, i > 0));
    }
    if (target.isPresent()) {
      double t = target.get().amount().doubleValue();
      plot.addDomainMarker(marker(t, "target " + Figures.amount(target.get().amount()), TARGET,
          null, levels.length, t < from + (to - from) * 0.75));
    }
    JFreeChart chart = new JFreeChart("Amount won within " + days(), JFreeChart.DEFAULT_TITLE_FONT,
        plot, false);
    return chart;
  }

  private static ValueMarker marker(double at, String label, Color color, float @Nullable [] dash,
      int row, boolean right) {
    ValueMarker m = new ValueMarker(at);
    m.setPaint(color);
    m.setStroke(dash == null ? new BasicStroke(2f) : new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 10f, dash, 0f));
    m.setLabel(label);
    m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    m.setLabelPaint(color);
    m.setLabelBackgroundColor(new Color(255, 255, 255, 210));
    m.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(right ? TextAnchor.TOP_LEFT : TextAnchor.TOP_RIGHT);
    m.setLabelOffset(new RectangleInsets(4 + 16 * row, 4, 2, 4));
    return m;
  }

  /** {@return the figures of the distribution, one per row, with what each means} */
  private Table figuresTable(AmountDistribution d, Money expected) {
    Table t = new Table("forecast", List.of(Table.text("figure: what it means", "figure"),
        Table.money(d.currency().getCurrencyCode(), "amount")));
    t.row("open pipeline: the amount of the " + Figures.count(forecast.deals().size(),
        "open deal") + ", whatever their chance", forecast.openAmount());
    t.row("expected: each deal's amount times its chance, added up (the average over many"
        + " outcomes)", expected);
    t.row("P10: 9 in 10 outcomes win at least this", d.p10());
    t.row("P50, the median: half the outcomes win more, half less", d.p50());
    t.row("P90: 9 in 10 outcomes win at most this", d.p90());
    target.ifPresent(x -> t.row("target: reached in " + chance(d, x) + " of the simulated outcomes", x));
    return t;
  }

  /** {@return the forecast per stage the open deals are in, in funnel order} */
  private Table stageTable(boolean money) {
    Map<StageId, List<DealForecast>> byStage = new LinkedHashMap<>();
    definition.stages().forEach(s -> byStage.put(s.id(), new ArrayList<>()));
    forecast.deals().forEach(d -> byStage.computeIfAbsent(d.stage(), k -> new ArrayList<>())
        .add(d));
    String currency = distribution.map(d -> " (" + d.currency().getCurrencyCode() + ")")
        .orElse("");
    List<Table.Column> cols = new ArrayList<>(List.of(Table.text("stage now", "stage"),
        Table.count("open deals", "open_deals")));
    if (money) {
      cols.add(Table.money("amount" + currency, "amount"));
      cols.add(Table.money("expected" + currency, "expected"));
    }
    cols.add(Table.percent("average chance within " + days(), "average_probability"));
    Table t = new Table("forecast_by_stage", cols);
    byStage.forEach((stage, deals) -> {
      if (deals.isEmpty()) {
        return;
      }
      Forecast part = new Forecast(forecast.model(), forecast.asOf(), forecast.horizon(), deals);
      List<Object> cells = new ArrayList<>(List.of(definition.stage(stage).map(Stage::name)
          .orElse(stage.value()), (long) deals.size()));
      if (money) {
        cells.add(part.openAmount());
        cells.add(part.expectedAmount());
      }
      cells.add(part.expectedWins() / deals.size());
      t.row(cells.toArray());
    });
    return t;
  }

  // ---------------------------------------------------------------- the backtest

  private void backtestHtml(StringBuilder h) {
    h.append("<h3>Backtest: the forecast against what happened</h3>\n");
    if (backtest.isEmpty() || backtest.get().cutoffs().isEmpty()) {
      none(h, "No backtest yet: no month end before " + Figures.end(forecast.asOf())
          + " has its " + days() + " over within the data, so there is no past forecast whose"
          + " outcome is known. It takes " + days() + " of history after a month end.");
      return;
    }
    Backtest.Result r = backtest.get();
    int n = r.cutoffs().size();
    h.append("<p>").append(n == 1 ? "At the last month end"
            : "At each of the last " + esc(Figures.count(n, "month end")))
        .append(" whose ").append(esc(days())).append(" are over, the forecast was made again"
            + " with only what was known that day, and set against what the deals open that day"
            + " actually won in the ").append(esc(days())).append(" after it.")
        .append(n < cutoffsWanted ? " The report looks at the last " + cutoffsWanted
            + "; the data holds only " + Figures.count(n, "such month end") + "." : "")
        .append(" The line is the expected amount, the band the P10-P90 range (the same kind of"
            + " range as above), the dots what was won: if the ranges were right, about 8 in 10"
            + " dots would fall inside the band.</p>\n");
    if (!amounts) {
      none(h, "No amounts in this file: the forecast's amounts cannot be set against what was"
          + " won. The chances are checked below.");
      return;
    }
    if (r.cutoffs().stream().allMatch(c -> c.p90().signum() == 0 && c.actual().signum() == 0
        && c.expected().signum() == 0)) {
      none(h, "At these month ends the forecast, its range and what was won are all zero (the"
          + " deals open then had no amount or no chance, and none was won within " + days()
          + "): there is nothing to chart.");
    } else {
      PipelineReport.image(h, "Backtest", backtestChart(r));
    }
    backtestTable(r).html(h);
    if (r.cutoffs().stream().anyMatch(c -> c.absolutePercentageError().isEmpty())) {
      h.append("<p class=\"muted\">miss: the gap between expected and won, as a share of what"
          + " was won; - where nothing was won, as a miss cannot be a share of nothing.</p>\n");
    }
    h.append("<p>").append(esc(backtestSummary(r))).append("</p>\n");
  }

  private String backtestSummary(Backtest.Result r) {
    int scored = r.scoredCutoffs();
    if (scored == 0) {
      return "No month end could be scored: the outcome of none of them is known yet.";
    }
    StringBuilder s = new StringBuilder("Over ").append(Figures.count(scored, "month end"))
        .append(": ");
    if (r.wape().isPresent()) {
      double bias = r.bias().orElseThrow(); // present whenever WAPE is
      s.append("the forecast missed by ").append(Figures.percent(r.wape().getAsDouble()))
          .append(" of what was won (WAPE: the misses added up, over the amounts won added up),"
              + " and was ")
          .append(bias == 0 ? "right on balance"
              : Figures.percent(Math.abs(bias)) + " too " + (bias > 0 ? "high" : "low")
                  + " on balance (bias)")
          .append("; ");
    } else {
      s.append("nothing was won within ").append(days()).append(" after any of them, so the"
          + " misses cannot be put as a share of what was won; ");
    }
    long inside = r.cutoffs().stream().filter(c -> c.scored() && c.covered()).count();
    s.append("what was won fell inside P10-P90 at ").append(Figures.count(inside)).append(" of ")
        .append(Figures.count(scored)).append(" (if the ranges were right, about 8 in 10 would")
        .append(calibrated() ? "" : "; they include deal outcomes only, so expect fewer")
        .append(").");
    return s.toString();
  }

  /** {@return the day a cutoff ends, in the report's zone: 2026-03-31 for 2026-04-01T00:00} */
  private String day(Instant cutoff) {
    ZonedDateTime t = cutoff.atZone(zone);
    return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().minusDays(1).toString()
        : cutoff.toString();
  }

  private JFreeChart backtestChart(Backtest.Result r) {
    DefaultCategoryDataset lines = new DefaultCategoryDataset();
    List<String> labels = new ArrayList<>();
    Number[][] low = new Number[1][r.cutoffs().size()];
    Number[][] high = new Number[1][r.cutoffs().size()];
    for (int i = 0; i < r.cutoffs().size(); i++) {
      Backtest.Cutoff c = r.cutoffs().get(i);
      String label = day(c.cutoff());
      labels.add(label);
      lines.addValue(c.expected(), "expected", label);
      lines.addValue(c.actual(), "won", label);
      low[0][i] = c.p10();
      high[0][i] = c.p90();
    }
    DefaultIntervalCategoryDataset band = new DefaultIntervalCategoryDataset(
        new Comparable<?>[] {"P10 to P90"}, labels.toArray(new Comparable<?>[0]), low, high);
    LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
    line.setSeriesPaint(0, PipelineReport.PALETTE[0]);
    line.setSeriesPaint(1, PipelineReport.PALETTE[1]);
    line.setSeriesLinesVisible(1, false);
    line.setSeriesStroke(0, new BasicStroke(2f));
    line.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
    CategoryAxis months = new CategoryAxis("month end");
    months.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    CategoryPlot plot = new CategoryPlot(lines, months,
        moneyAxis(r.currency().getCurrencyCode() + " won within " + days()), line);
    IntervalBarRenderer bars = new IntervalBarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(BAND.getRed(), BAND.getGreen(), BAND.getBlue(), 60));
    bars.setMaximumBarWidth(0.12);
    plot.setDataset(1, band);
    plot.setRenderer(1, bars);
    plot.setOrientation(PlotOrientation.VERTICAL);
    return new JFreeChart("Forecast and P10-P90 range against what was won",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  private Table backtestTable(Backtest.Result r) {
    String c = " (" + r.currency().getCurrencyCode() + ")";
    Table t = new Table("backtest", List.of(Table.text("month end", "cutoff"),
        Table.count("open deals", "open_deals"), Table.money("expected" + c, "expected"),
        Table.money("P10" + c, "p10"), Table.money("P90" + c, "p90"),
        Table.money("won" + c, "actual"), Table.percent("miss (of won)", "ape"),
        Table.text("inside P10-P90", "covered")));
    for (Backtest.Cutoff x : r.cutoffs()) {
      t.row(day(x.cutoff()), (long) x.openDeals(), x.expected(), x.p10(), x.p90(), x.actual(),
          x.absolutePercentageError(), !x.scored() ? "not scored: not over yet"
              : x.covered() ? "yes" : "no");
    }
    return t;
  }

  // ---------------------------------------------------------------- reliability

  private void reliabilityHtml(StringBuilder h) {
    h.append("<h3>Are the chances right?</h3>\n");
    List<Backtest.ReliabilityBin> bins = backtest.map(Backtest.Result::reliability)
        .orElse(List.of()).stream().filter(b -> b.deals() > 0).toList();
    if (bins.isEmpty()) {
      none(h, "Nothing to check yet: the backtest has no deal forecast whose outcome is known.");
      return;
    }
    Backtest.Result r = backtest.orElseThrow();
    long forecasts = bins.stream().mapToLong(Backtest.ReliabilityBin::deals).sum();
    h.append("<p>When the model gives a deal a 30% chance, are 30% of such deals won? The ")
        .append(esc(Figures.count(forecasts, "deal forecast")))
        .append(" of the backtest (every deal open at each month end) are grouped by the chance"
            + " the model gave them (0-10%, 10-20%, ...). Each dot is at the average chance given"
            + " (across) and the share of those deals won within ").append(esc(days()))
        .append(" (up); the number by it is how many deal forecasts it holds, and a dot of few"
            + " deals says little. On the dashed diagonal the chances were right; below it the"
            + " model was too hopeful, above it too cautious.</p>\n");
    PipelineReport.image(h, "Reliability", reliabilityChart(bins), 620, 480);
    Table t = new Table("reliability", List.of(Table.text("chance given", "decile"),
        Table.count("deal forecasts", "deals"),
        Table.percent("average chance given", "predicted"),
        Table.percent("share won", "observed")));
    for (Backtest.ReliabilityBin b : r.reliability()) {
      t.row(Math.round(b.from() * 100) + "-" + Math.round(b.to() * 100) + "%", b.deals(),
          b.predicted(), b.observed());
    }
    t.html(h);
    r.brier().ifPresent(b -> h.append("<p class=\"muted\">Brier score ")
        .append(String.format(Locale.ROOT, "%.3f", b)).append(" (the mean squared gap between"
            + " the chance given and what happened, 1 for won and 0 for not: 0 is perfect, always"
            + " saying 50% scores 0.250).</p>\n"));
  }

  private JFreeChart reliabilityChart(List<Backtest.ReliabilityBin> bins) {
    XYSeries dots = new XYSeries("deciles of the chance given", false, true);
    XYSeries diagonal = new XYSeries("right on", false, true);
    diagonal.add(0.0, 0.0);
    diagonal.add(1.0, 1.0);
    XYSeriesCollection data = new XYSeriesCollection();
    for (Backtest.ReliabilityBin b : bins) {
      dots.add(b.predicted().orElseThrow(), b.observed().orElseThrow()); // deals > 0
    }
    data.addSeries(dots);
    data.addSeries(diagonal);
    NumberAxis given = new NumberAxis("chance given (average of the decile)");
    NumberAxis won = new NumberAxis("share won within " + days());
    for (NumberAxis a : new NumberAxis[] {given, won}) {
      a.setRange(0, 1.02);
      a.setTickUnit(new NumberTickUnit(0.1));
      a.setNumberFormatOverride(percentFormat());
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    r.setSeriesPaint(0, PipelineReport.PALETTE[0]);
    r.setSeriesLinesVisible(0, false); // the deciles are apart: no line joins them
    r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
    r.setSeriesStroke(0, new BasicStroke(1.5f));
    r.setSeriesPaint(1, new Color(0x999999));
    r.setSeriesShapesVisible(1, false);
    r.setSeriesStroke(1, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {5f, 4f}, 0f));
    XYPlot plot = new XYPlot(data, given, won, r);
    for (Backtest.ReliabilityBin b : bins) {
      XYTextAnnotation n = new XYTextAnnotation(Figures.count(b.deals()),
          b.predicted().orElseThrow(), b.observed().orElseThrow());
      n.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      n.setPaint(new Color(0x444444));
      n.setTextAnchor(b.observed().orElseThrow() > 0.9 ? TextAnchor.TOP_LEFT
          : TextAnchor.BOTTOM_LEFT);
      n.setX(b.predicted().orElseThrow() + 0.012);
      plot.addAnnotation(n);
    }
    return new JFreeChart("Chance given against share won", JFreeChart.DEFAULT_TITLE_FONT, plot,
        true);
  }

  // ---------------------------------------------------------------- hooks for work in progress

  /**
   * Whether the forecast is self-calibrated.
   *
   * True when the forecast and distribution of this section were corrected by a calibration on
   * enough past origins (not its fallback to the priors); the texts above (what the range
   * includes, what coverage to expect) follow it.
   */
  private boolean calibrated() {
    return calibration.isPresent() && !calibration.get().fallback();
  }

  /**
   * The calibration figures, after the distribution: the bias correction, how much of the
   * interval's width is model error, how many past origins they rest on, or the prior it fell
   * back to, and the errors at each origin.
   */
  private void calibrationHtml(StringBuilder h) {
    h.append("<h3>How the forecast checked itself on your past</h3>\n");
    if (calibration.isEmpty()) {
      h.append("<p class=\"muted\">Not calibrated (--no-calibration): the model as it is, and a"
          + " range of deal outcomes only.</p>\n");
      return;
    }
    Calibration c = calibration.get();
    if (c.fallback()) {
      h.append("<p>").append(esc("Before forecasting, the model forecast again at past dates"
          + " whose " + days() + " are over, to see how far off it was. Only "
          + Figures.count(c.origins().size(), "such date") + " could be used, fewer than the "
          + c.settings().minimumOrigins() + " needed, so no correction is made; the range"
          + " includes a model error of the stated prior size instead.")).append("</p>\n");
    } else {
      double factor = Math.exp(c.shift());
      h.append("<p>").append(esc(String.format(java.util.Locale.ROOT, "Before forecasting, the"
          + " model forecast again at %d past dates %d days apart whose %s are over, and compared"
          + " with what was then won. It was %s on average, so every deal's odds are multiplied"
          + " by %.2f (give or take %.0f%%), and the range includes how much that error moved"
          + " from one period to the next.", c.origins().size(), c.settings().step().toDays(),
          days(), c.shift() >= 0 ? "too low" : "too high", factor,
          100 * (Math.exp(c.shiftStandardError()) - 1)))).append("</p>\n");
    }
    if (distribution.isPresent() && outcomesOnly.isPresent()) {
      AmountDistribution d = distribution.get();
      Money width = Money.of(d.p90().amount().subtract(d.p10().amount()), d.currency());
      Money luck = Money.of(outcomesOnly.get().p90().amount().subtract(outcomesOnly.get().p10()
          .amount()).min(width.amount()), d.currency());
      h.append("<p>").append(esc("Of the P10-P90 range of " + Figures.money(width) + ", "
          + Figures.money(luck) + " is the luck of single deals and the rest, "
          + Figures.money(Money.of(width.amount().subtract(luck.amount()), d.currency()))
          + ", is the model's own error.")).append("</p>\n");
    }
    if (!c.origins().isEmpty()) {
      String unit = c.weighedByAmount() ? "amount" : "deals";
      Table t = new Table("calibration", List.of(Table.text("past date", "origin"),
          Table.count("open deals", "deals"), Table.text("expected (" + unit + ")", "expected"),
          Table.text("won (" + unit + ")", "actual"), Table.text("odds off by", "factor")));
      for (Calibration.Origin o : c.origins()) {
        t.row(Figures.end(o.origin()), (long) o.deals(), Figures.count(Math.round(o.expected())),
            Figures.count(Math.round(o.actual())), String.format(java.util.Locale.ROOT, "x%.2f",
                Math.exp(o.shift())));
      }
      t.html(h);
    }
  }

  /**
   * The sensitivity ranking, last in the section: the stages ranked by how much the expected won
   * amount and the chance of the target move per point of conversion and per day of dwell saved,
   * with the leak finder's verdict, as a bar chart and a table.
   */
  private void sensitivityHtml(StringBuilder h) {
    h.append("<h3>Where to invest</h3>\n");
    if (sensitivity.isEmpty() || sensitivity.get().rows().isEmpty()) {
      none(h, "Without open deals that have an amount there is nothing to rank the stages by.");
      return;
    }
    Sensitivity s = sensitivity.get();
    h.append("<p>").append(esc("What one more point of conversion at a stage (the share of its"
        + " deals that move on), or one day less spent in it, would add to the amount expected"
        + " within " + days() + ", with the same simulated outcomes as above so that only the"
        + " change counts. A point acts on the open deals at that stage and before it; a day"
        + " saved only brings in wins that would otherwise come just after the " + days() + "."
        + " A stage the leak finder flags is marked.")).append("</p>\n");
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Sensitivity.Row r : s.rows()) {
      String label = r.name() + (r.leak() ? " (leak)" : "");
      r.perConversionPoint().ifPresent(e -> data.addValue(e.expected().amount().doubleValue(),
          "+1 point of conversion", label));
      data.addValue(r.perDaySaved().expected().amount().doubleValue(), "1 day less", label);
    }
    JFreeChart chart = ChartFactory.createBarChart("Expected amount added, per stage", "stage",
        s.baseDistribution().currency().getCurrencyCode(), data, PlotOrientation.HORIZONTAL,
        true, false, false);
    PipelineReport.image(h, "Where to invest", chart);
    String code = s.baseDistribution().currency().getCurrencyCode();
    boolean withTarget = s.target().isPresent();
    List<Table.Column> columns = new ArrayList<>(List.of(Table.count("rank", "rank"),
        Table.text("stage", "stage"), Table.text("conversion now", "conversion"),
        Table.count("open deals up to it", "deals"),
        Table.text("+1 point: expected (" + code + ")", "point_expected")));
    if (withTarget) {
      columns.add(Table.text("+1 point: chance of target", "point_target"));
    }
    columns.add(Table.text("1 day less: expected (" + code + ")", "day_expected"));
    if (withTarget) {
      columns.add(Table.text("1 day less: chance of target", "day_target"));
    }
    columns.add(Table.text("leak finder", "leak"));
    Table t = new Table("sensitivity", columns);
    long rank = 0;
    for (Sensitivity.Row r : s.rows()) {
      List<Object> cells = new ArrayList<>();
      cells.add(++rank);
      cells.add(r.name());
      cells.add(Figures.percent(r.conversion().share().orElse(0)) + " of "
          + Figures.count(r.conversion().ended()));
      cells.add(r.openDeals());
      cells.add(r.perConversionPoint().map(e -> signed(e.expected())).orElse("-"));
      if (withTarget) {
        cells.add(r.perConversionPoint().map(e -> points(e.probabilityOfTarget())).orElse("-"));
      }
      cells.add(signed(r.perDaySaved().expected()));
      if (withTarget) {
        cells.add(points(r.perDaySaved().probabilityOfTarget()));
      }
      cells.add(!r.leakJudged() ? "too few deals to judge" : r.leak() ? "leak" : "no leak");
      t.row(cells.toArray());
    }
    t.html(h);
  }

  private static String signed(MoneyDelta d) {
    return (d.signum() < 0 ? "-" : "+") + Figures.amount(d.amount().abs());
  }

  private static String points(java.util.OptionalDouble delta) {
    return delta.isPresent() ? String.format(java.util.Locale.ROOT, "%+.1f points",
        100 * delta.getAsDouble()) : "-";
  }

  // ---------------------------------------------------------------- helpers

  private static NumberAxis moneyAxis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(
        Locale.ROOT)));
    return a;
  }

  private static NumberFormat percentFormat() {
    return new DecimalFormat("0%", DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

  private static void none(StringBuilder h, String text) {
    h.append("<p class=\"none\">").append(esc(text)).append("</p>\n");
  }

  private static String esc(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }
}

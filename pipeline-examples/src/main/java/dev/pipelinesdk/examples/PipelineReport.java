package dev.pipelinesdk.examples;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.metrics.FunnelReport;
import dev.pipelinesdk.core.metrics.LeakReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.MovementReport;
import dev.pipelinesdk.core.metrics.SnapshotReport;
import dev.pipelinesdk.core.metrics.FlowReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The funnel-versus-pipeline report over deal histories as of an instant: the funnel (volumes
 * and conversion), the pipeline (where the open deals are and what they are worth), time in
 * stage, the leaks, and how the open pipeline value changed over a recent period. Rendered as
 * plain text or as a self-contained HTML page whose charts JFreeChart draws into embedded PNGs.
 *
 * @param definition the pipeline definition
 * @param asOf the instant
 * @param summary the numbers of the {@code metrics --json} contract
 * @param funnel the funnel of every deal, as of the instant
 * @param snapshot the open pipeline at the instant
 * @param stats time in stage and flow
 * @param leaks the leak finder's findings
 * @param movements what moved in the period before the instant
 */
public record PipelineReport(PipelineDefinition definition, Instant asOf, MetricsSummary summary,
    FunnelReport funnel, SnapshotReport snapshot, FlowReport stats, LeakReport leaks,
    MovementReport movements) {

  private static final Escaper HTML = HtmlEscapers.htmlEscaper();

  /**
   * Computes the report.
   *
   * @param definition the pipeline definition
   * @param histories the histories
   * @param asOf the instant; events after it are ignored
   * @param since the start of the movement period (its end is the instant)
   * @return the report
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
    return new PipelineReport(definition, asOf,
        MetricsSummary.compute(definition, cut, asOf),
        Metrics.compute(Metrics.funnel(definition).asOf(asOf).build(), cut),
        Metrics.compute(Metrics.snapshot(definition, asOf).build(), cut),
        Metrics.compute(Metrics.flow(definition, asOf), cut),
        Metrics.compute(Metrics.leaks(definition).build(), cut),
        Metrics.compute(Metrics.movements(definition, since.isAfter(asOf) ? asOf : since,
            asOf.plusNanos(1)), cut));
  }

  /**
   * The report as plain text: the contract numbers, the funnel, the pipeline, what moved in the
   * period, time in stage and flow, and the leaks. Where two numbers look alike but count
   * different deals (two win rates, two medians) or a table's rows do not add up, a short note
   * under the table says why.
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
    t.append("The numbers\n").append(summary.toTable())
        .append("  win rate: won / (won + lost), of the ").append(count(closed, "closed deal"))
        .append("; open and gone-dark deals do not count.\n")
        .append("  median days: each deal's time in the stage, all visits added up, over every"
            + " deal that reached it\n  (those still in it counted up to the as-of instant).\n");
    t.append("\nThe funnel: volumes and conversion\n").append(funnel.toTable())
        .append("  \"").append(funnel.won()).append(" won (")
        .append(percent(funnel.overallConversion())).append(")\" is of all ")
        .append(count(funnel.cohortSize(), "deal")).append("; the win rate above (")
        .append(percent(summary.winRate())).append(") is of the closed ones only.\n")
        .append("  to next, to won: shares of passed. lost, dark, stuck: each deal once, at the"
            + " last open stage\n  it was in, so down the columns lost + dark + stuck + won = ")
        .append(count(dropped, "deal")).append(" (every deal ever open).\n")
        .append("  Along a row they need not add up to reached: a deal that moved back and dropped"
            + " out at an\n  earlier stage counts in this row's reached and in the earlier"
            + " stage's lost, dark or stuck.\n");
    t.append("\nThe pipeline: where the open deals are now\n").append(snapshot.toTable());
    movements.value().ifPresent(w -> t.append("\nWhat moved in the last ")
        .append(count(java.time.Duration.between(movements.from(), asOf).toDays(), "day"))
        .append(": open pipeline value from ").append(movements.from()).append(" to ")
        .append(asOf).append('\n').append(w.toTable()));
    t.append("\nTime in stage and flow\n").append(stats.toTable())
        .append("  dwell: time in the stage of the deals that have left it, so its median (p50)"
            + " differs from\n  \"median days\" above, which also counts the deals still in"
            + " it.\n")
        .append("  win rate per stage: of the deals ever in that stage and now won or lost, the"
            + " share won;\n  \"all\" is the overall win rate above.\n");
    t.append("\nLeaks\n").append(leaks.toTable());
    return t.toString();
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** {@return a self-contained HTML page: charts as embedded PNG images, plain CSS} */
  public String html() {
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
        .append("th { background: #f4f4f4; }\n img { max-width: 100%; }\n")
        .append(".leak { background: #fff4e5; border-left: 4px solid #e67e22; padding: .5em"
            + " 1em; }\n.muted { color: #666; }\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(definition.name())).append("</h1>\n<p class=\"muted\">As of ")
        .append(esc(asOf.toString())).append(": ").append(summary.deals()).append(" deals, ")
        .append(summary.won()).append(" won, ").append(summary.lost()).append(" lost, win rate ")
        .append(esc(percent(summary.winRate()))).append(" (of the closed deals), ").append(summary.open())
        .append(" open, ").append(summary.dormant()).append(" gone dark.</p>\n");

    h.append("<h2 id=\"funnel\">Funnel</h2>\n<p>The funnel is a numbers game: of all deals, how"
        + " many passed each stage (entered it or skipped past it to a later one), how many"
        + " reached it (entered it) and how many dropped out there. Of all ")
        .append(funnel.cohortSize()).append(" deals ").append(funnel.won()).append(" were won (")
        .append(esc(percent(funnel.overallConversion()))).append("); the win rate above counts"
            + " only the closed deals.</p>\n");
    DefaultCategoryDataset passed = new DefaultCategoryDataset();
    for (FunnelReport.Row s : funnel.stages()) {
      passed.addValue(s.passed(), "passed (entered or skipped past)", s.name());
      passed.addValue(s.droppedOut(), "dropped out", s.name());
    }
    passed.addValue(funnel.won(), "passed (entered or skipped past)", "Won");
    image(h, "Funnel", ChartFactory.createBarChart("Funnel", "stage", "deals", passed));
    table(h, List.of("stage", "passed (entered or skipped past)", "reached (entered)", "to next",
        "lost", "went dark", "stuck", "back-moves"), funnel.stages().stream()
            .map(s -> List.<Object>of(s.name(), s.passed(), s.reached(),
                percent(s.conversionToNext()), s.lost(), s.wentDark(), s.stuck(),
                s.backMovesOut())).toList());
    h.append("<p class=\"muted\">Lost, went dark and stuck count each deal once, at the last"
        + " open stage it was in, so these columns and the won deals add up to every deal. Along"
        + " a row they need not add up to reached: a deal that moved back and dropped out at an"
        + " earlier stage counts in this row's reached and in the earlier stage's drop-off.</p>\n");

    h.append("<h2 id=\"pipeline\">Pipeline by stage</h2>\n<p>The pipeline knows where each open"
        + " deal is and what it is worth, weighted by the stage's probability: ")
        .append(snapshot.count()).append(" open deals, ")
        .append(esc(snapshot.total().map(Object::toString).orElse("no amounts")))
        .append(", weighted ").append(esc(snapshot.weighted().map(Object::toString).orElse("-")))
        .append(".</p>\n");
    DefaultCategoryDataset counts = new DefaultCategoryDataset();
    DefaultCategoryDataset weighted = new DefaultCategoryDataset();
    for (SnapshotReport.Row s : snapshot.stages()) {
      counts.addValue(s.count(), "open deals", s.name());
      weighted.addValue(s.weighted().map(m -> m.amount()).orElse(BigDecimal.ZERO),
          "weighted amount", s.name());
      weighted.addValue(s.total().map(m -> m.amount()).orElse(BigDecimal.ZERO), "amount",
          s.name());
    }
    image(h, "Open deals by stage",
        ChartFactory.createBarChart("Open deals by stage", "stage", "deals", counts));
    image(h, "Weighted amount by stage", ChartFactory.createBarChart("Amount by stage", "stage",
        snapshot.total().map(m -> m.currency().getCurrencyCode()).orElse("no amounts"),
        weighted));
    table(h, List.of("stage", "deals", "amount", "weighted", "idle"), snapshot.stages().stream()
        .map(s -> List.<Object>of(s.name(), s.count(), money(s.total()), money(s.weighted()),
            s.idle())).toList());

    h.append("<h2 id=\"dwell\">Dwell time per stage</h2>\n<p>Days in each stage, all visits"
        + " counted: the median over every deal that reached it (those still in it up to the as-of"
        + " instant), and the mean and 90th percentile of the deals that have left it. A stage's"
        + " win rate is the share won of the deals ever in it that are now won or lost.</p>\n");
    DefaultCategoryDataset dwell = new DefaultCategoryDataset();
    for (int i = 0; i < stats.stages().size(); i++) {
      FlowReport.Row s = stats.stages().get(i);
      MetricsSummary.StageRow r = summary.stages().get(i);
      dwell.addValue(r.medianDays().map(BigDecimal::doubleValue).orElse(0.0), "median", s.name());
      dwell.addValue(s.dwellMean().map(Metrics::days).orElse(0.0), "mean (left)", s.name());
      dwell.addValue(s.dwellP90().map(Metrics::days).orElse(0.0), "p90 (left)", s.name());
    }
    image(h, "Dwell time per stage",
        ChartFactory.createBarChart("Dwell time per stage", "stage", "days", dwell));
    List<List<Object>> dwellRows = new ArrayList<>();
    for (int i = 0; i < stats.stages().size(); i++) {
      FlowReport.Row s = stats.stages().get(i);
      MetricsSummary.StageRow r = summary.stages().get(i);
      dwellRows.add(List.of(s.name(), r.reached(), r.medianDays()
          .map(d -> d.setScale(1, java.math.RoundingMode.HALF_EVEN).toPlainString()).orElse("-"),
          days(s.dwellMean()), days(s.dwellP90()), percent(s.winRate())));
    }
    table(h, List.of("stage", "reached", "median days", "mean (left)", "p90 (left)", "win rate"),
        dwellRows);

    h.append("<h2 id=\"leaks\">Leak finder</h2>\n");
    if (leaks.leaks().isEmpty()) {
      h.append("<p>").append(esc(leaks.summary())).append("</p>\n");
    }
    for (LeakReport.Leak l : leaks.leaks()) {
      h.append("<p class=\"leak\">").append(esc(l.message())).append("</p>\n");
    }
    table(h, List.of("stage", "reached (entered)", "lost", "went dark", "drop-off", "leak"),
        leaks.stages().stream().map(s -> List.<Object>of(s.name(), s.reached(), s.lost(),
            s.wentDark(), percent(s.rate()), s.leak() ? "LEAK" : s.judged() ? "" : "too few"))
            .toList());

    h.append("<h2 id=\"waterfall\">Movement waterfall</h2>\n");
    if (movements.value().isEmpty()) {
      h.append("<p>No deal has an amount: there is no pipeline value to follow.</p>\n");
      h.append("</body>\n</html>\n");
      return h.toString();
    }
    MovementReport.Waterfall w = movements.value().get();
    h.append("<p>How the open pipeline value changed from ")
        .append(esc(movements.from().toString())).append(" to ")
        .append(esc(asOf.toString())).append(", in ").append(w.currency().getCurrencyCode())
        .append(".</p>\n");
    String[] steps = {"start", "new", "revived", "won", "lost", "went dark", "increased",
        "decreased", "end"};
    BigDecimal[] values = java.util.stream.Stream.of(w.start(), w.newDeals(), w.revived(),
        w.won(), w.lost(), w.wentDark(), w.increased(), w.decreased(), w.end())
        .map(dev.pipelinesdk.core.MoneyDelta::amount).toArray(BigDecimal[]::new);
    DefaultCategoryDataset steps2 = new DefaultCategoryDataset();
    for (int i = 0; i < steps.length; i++) {
      steps2.addValue(values[i], "value", steps[i]);
    }
    image(h, "Movement waterfall", ChartFactory.createWaterfallChart("Open pipeline value",
        "step", w.currency().getCurrencyCode(), steps2, PlotOrientation.VERTICAL, false, false,
        false));
    List<List<Object>> wrows = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      wrows.add(List.of(steps[i], values[i].toPlainString()));
    }
    table(h, List.of("step", w.currency().getCurrencyCode()), wrows);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static final java.awt.Color[] PALETTE = {
      new java.awt.Color(0x2F6DB5), new java.awt.Color(0xE07B39), new java.awt.Color(0x4E9A5B),
      new java.awt.Color(0x9B59B6)};

  /** One calm look for every chart: white plot, light grid, flat bars, a small palette. */
  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(java.awt.Color.WHITE);
    chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 15));
    if (chart.getLegend() != null) {
      chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    if (!(chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot)) {
      return;
    }
    org.jfree.chart.plot.CategoryPlot plot = (org.jfree.chart.plot.CategoryPlot) chart.getPlot();
    plot.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
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

  private static void image(StringBuilder h, String alt, JFreeChart chart) {
    style(chart);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, 880, 360);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    h.append("<p><img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"></p>\n");
  }

  private static void table(StringBuilder h, List<String> header, List<List<Object>> rows) {
    h.append("<table>\n<tr>");
    header.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    h.append("</tr>\n");
    for (List<Object> row : rows) {
      h.append("<tr>");
      row.forEach(c -> h.append("<td>").append(esc(String.valueOf(c))).append("</td>"));
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static String esc(String s) {
    return HTML.escape(s);
  }

  private static String percent(java.util.OptionalDouble share) {
    return share.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share.getAsDouble());
  }

  private static String days(java.util.Optional<java.time.Duration> d) {
    return d.map(x -> String.format(Locale.ROOT, "%.1f", Metrics.days(x))).orElse("-");
  }

  private static String money(java.util.Optional<dev.pipelinesdk.core.Money> m) {
    return m.map(x -> x.amount().toPlainString()).orElse("-");
  }
}

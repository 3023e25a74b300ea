package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The leak finder behind {@link Metrics#leaks}: two funnels in one pass and the judgement. */
final class LeakMetric {
  private LeakMetric() {}

  static String defaultHint(Stage stage, int position, int count) {
    String text = (stage.id().value() + " " + stage.name()).toLowerCase(Locale.ROOT);
    if (text.contains("prospect")) {
      return "targeting: check the ideal customer profile and where prospects come from";
    }
    if (text.contains("qualif")) {
      return "lead quality: check the lead sources and the scoring threshold";
    }
    if (text.contains("consider") || text.contains("demo") || text.contains("evaluat")) {
      return "differentiation or innovation: the offer may not stand out against the alternatives";
    }
    if (text.contains("decision") || text.contains("proposal") || text.contains("negotiat")
        || text.contains("purchase")) {
      return "pricing or the buyer persona: check the price and whether the decision maker is"
          + " involved";
    }
    if (position == 0) {
      return "lead quality: check the lead sources and the scoring threshold";
    }
    if (position == count - 1) {
      return "pricing or the buyer persona: check the price and whether the decision maker is"
          + " involved";
    }
    return "differentiation or innovation: the offer may not stand out against the alternatives";
  }

  /** Two funnels in one pass: the cohort and the baseline. */
  static final class Finder extends BuiltInMetric<FunnelMetric.Acc[], LeakReport> {
    private final FunnelMetric.Spec current;
    private final Optional<FunnelMetric.Spec> baseline;
    private final double ratioToOthers;
    private final double ratioToBaseline;
    private final double minimumGap;
    private final long minimumDeals;
    private final List<String> hints;

    Finder(FunnelMetric.Spec current, Optional<FunnelMetric.Spec> baseline,
        double ratioToOthers, double ratioToBaseline, double minimumGap, long minimumDeals,
        List<String> hints) {
      super(current.stages());
      this.current = current;
      this.baseline = baseline;
      this.ratioToOthers = ratioToOthers;
      this.ratioToBaseline = ratioToBaseline;
      this.minimumGap = minimumGap;
      this.minimumDeals = minimumDeals;
      this.hints = List.copyOf(hints);
    }

    /** {@return the pipeline, the cohort and the baseline, as the report names them} */
    @Override
    public String toString() {
      return "leaks of " + definition().id() + ", " + current.description()
          + baseline.map(b -> " against " + b.description()).orElse("");
    }

    @Override
    FunnelMetric.Acc[] newState() {
      int n = current.stages().openSize();
      return new FunnelMetric.Acc[] {new FunnelMetric.Acc(n), new FunnelMetric.Acc(n)};
    }

    @Override
    void add(FunnelMetric.Acc[] acc, DealHistory history) {
      var created = history.created().deal();
      if (current.inCohort(created)) {
        FunnelMetric.addDeal(current, acc[0], history, created);
      }
      if (baseline.isPresent() && baseline.get().inCohort(created)) {
        FunnelMetric.addDeal(baseline.get(), acc[1], history, created);
      }
    }

    @Override
    FunnelMetric.Acc[] merge(FunnelMetric.Acc[] l, FunnelMetric.Acc[] r) {
      l[0].merge(r[0]);
      l[1].merge(r[1]);
      return l;
    }

    @Override
    LeakReport result(FunnelMetric.Acc[] acc) {
      FunnelReport now = FunnelMetric.report(current, acc[0], current.description());
      Optional<FunnelReport> base = baseline.map(b -> FunnelMetric.report(b, acc[1],
          b.description()));
      List<FunnelReport.Row> stages = now.stages();
      List<LeakReport.Row> rows = new ArrayList<>();
      List<LeakReport.Leak> leaks = new ArrayList<>();
      for (int i = 0; i < stages.size(); i++) {
        FunnelReport.Row s = stages.get(i);
        boolean judged = s.reached() >= minimumDeals;
        List<Double> others = new ArrayList<>();
        for (int j = 0; j < stages.size(); j++) {
          if (j != i && stages.get(j).reached() >= minimumDeals) {
            others.add(stages.get(j).dropOffRate().getAsDouble()); // reached >= 1
          }
        }
        OptionalDouble median = others.isEmpty() ? OptionalDouble.empty()
            : OptionalDouble.of(Quantiles.quantile(
                others.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.5));
        OptionalDouble baseRate = OptionalDouble.empty();
        if (base.isPresent()) {
          FunnelReport.Row b = base.get().stages().get(i);
          if (b.reached() >= minimumDeals) {
            baseRate = b.dropOffRate();
          }
        }
        OptionalDouble rateIf = s.dropOffRate();
        double rate = rateIf.orElse(0);
        boolean vsStages = judged && median.isPresent()
            && rate >= ratioToOthers * median.getAsDouble()
            && rate - median.getAsDouble() >= minimumGap;
        boolean vsBaseline = judged && baseRate.isPresent()
            && rate >= ratioToBaseline * baseRate.getAsDouble()
            && rate - baseRate.getAsDouble() >= minimumGap;
        rows.add(new LeakReport.Row(s.stage(), s.name(), s.reached(), s.lost(),
            s.wentDark(), rateIf, median, baseRate, judged, vsStages || vsBaseline));
        if (vsStages || vsBaseline) {
          leaks.add(new LeakReport.Leak(s.stage(), s.name(), s.reached(), s.lost(), s.wentDark(), rate,
              vsStages ? median : OptionalDouble.empty(),
              vsBaseline ? baseRate : OptionalDouble.empty(), hints.get(i)));
        }
      }
      leaks.sort((a, b) -> Double.compare(b.rate(), a.rate()));
      return new LeakReport(now.pipeline(), now.cohort(), base.map(FunnelReport::cohort), rows,
          leaks);
    }
  }
}

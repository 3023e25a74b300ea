package dev.pipelinesdk.forecast.scenario;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The entry point of what-if scenarios: {@link #apply} forecasts the open pipeline as a {@link
 * Scenario} changes it, with any {@link ForecastModel}, and returns the base and the changed
 * forecast side by side ({@link WhatIf}); {@link WhatIf#compare} gives both distributions on the
 * same random numbers. Stateless; safe to call from any thread (as safe as the model).
 *
 * <p><b>How each change is applied.</b> Where a change is a fact about deals, it is made a fact:
 * an edit of the histories at the as-of instant, through the engine, after which the model
 * forecasts as usual and so sees the change the way it sees real data.
 *
 * <ul>
 *   <li>{@link Change.AddDeal}: a history created at the as-of instant in the stage ({@code
 *       Pipeline.importDeal}); it also takes part in the model's fit, as one more visit that has
 *       just begun (censored at once: a negligible weight).
 *   <li>{@link Change.ShiftCloseDates}, {@link Change.MoveCloseDate}: a {@code CloseDateChanged}
 *       event at the as-of instant appended to the deal's history ({@code Pipeline.importFact});
 *       a model that does not read close dates forecasts the same.
 *   <li>{@link Change.DropDeal}: the deal's forecast is left out. Its history stays in the fit:
 *       what happened to it so far did happen, and dropping it from the pipeline now does not
 *       change what the past says about other deals. So dropping removes exactly its own
 *       contribution.
 * </ul>
 *
 * <p>Changes of how the process works have no such fact, so they act on the model's
 * probabilities, in a way that holds for any model:
 *
 * <ul>
 *   <li>{@link Change.Conversion} of stage S by d points: with {@code c} S's observed conversion
 *       at the as-of instant ({@link StageConversion}), every open deal at S or at an earlier open
 *       stage (funnel order) has its probability multiplied by {@code (c + d) / c} and clamped to
 *       [0, 1]; deals past S, and deals in a dormant stage, are unchanged. This is exact for a
 *       forward-only absorbing chain (each visit ends by moving to the next stage or out for
 *       good): the probability of a win from stage j is the product of the conversions of j and
 *       every stage after it, so it moves in proportion to S's. It ignores skips past S (deals
 *       that skip S are credited as if they passed it), back-moves and revivals (a second visit
 *       to S converts better too, which the scaling counts once), a model's own smoothing of
 *       little data, and for time-aware models it assumes the extra conversions take as long as
 *       today's do (the win incidence scales, the timing does not change). Several changes of one
 *       stage add up; changes of several stages multiply.
 *   <li>{@link Change.Dwell} at S by k days: deals at S or earlier reach their outcome k days
 *       sooner (k saved) or later, so the model is run again on the same input with the horizon
 *       lengthened by the days saved (shortened by the days added), and those deals take that
 *       run's probabilities; the others keep theirs. Models that ignore the horizon (markov) show
 *       no change; the weighted pipeline changes only through close dates. Days of several stages
 *       add up for a deal before all of them.
 * </ul>
 *
 * <p>Order: the history edits in the order given, then the model, then dwell, then conversion
 * (on the probabilities after dwell), then the drops. Every change is checked before the model
 * runs; a bad one throws {@link IllegalArgumentException} naming the value: an unknown or not
 * open stage, a conversion outside [0, 1] after the change (or of a stage with no ended visit, or
 * with conversion 0, which cannot be scaled), an unknown or not open deal, a deal id already
 * used, an amount in another currency than the pipeline's.
 */
public final class Scenarios {
  /** The actor of the events a scenario makes. */
  static final String ACTOR = "what-if";

  private Scenarios() {}

  /**
   * Forecasts the open pipeline as the scenario changes it.
   *
   * @param model the model, run on the base input and on the changed one
   * @param input what is known at the as-of instant
   * @param scenario the changes
   * @return the base and the changed forecast, and the changes in words
   * @throws IllegalArgumentException naming the value if a change does not fit the input (see the
   *     class description), or if the model cannot forecast the input
   * @throws NullPointerException if an argument is null
   */
  public static WhatIf apply(ForecastModel model, ForecastInput input, Scenario scenario) {
    Objects.requireNonNull(scenario, "scenario is null");
    return new Engine(model, input).apply(scenario);
  }

  /**
   * Checks a scenario against an input without forecasting: what {@link #apply} checks before it
   * runs the model.
   *
   * @param input what is known at the as-of instant
   * @param scenario the changes
   * @throws IllegalArgumentException naming the value if a change does not fit the input (see the
   *     class description)
   * @throws NullPointerException if an argument is null
   */
  public static void check(ForecastInput input, Scenario scenario) {
    Objects.requireNonNull(scenario, "scenario is null");
    Engine.check(input, conversions(input), scenario);
  }

  /**
   * Every open stage's observed conversion at the as-of instant, from the input's histories.
   *
   * @param input what is known at the as-of instant
   * @return one value per open stage, in funnel order
   * @throws NullPointerException if input is null
   */
  public static Map<StageId, StageConversion> conversions(ForecastInput input) {
    Objects.requireNonNull(input, "input is null");
    return conversions(input.definition(), input.histories());
  }

  static Map<StageId, StageConversion> conversions(PipelineDefinition definition,
      List<DealHistory> histories) {
    List<Stage> open = definition.openStages();
    long[] ended = new long[open.size()];
    long[] forward = new long[open.size()];
    for (DealHistory h : histories) {
      for (DealEvent e : h.events()) {
        if (e instanceof DealEvent.StageChanged c) {
          Optional<Integer> from = definition.funnelIndex(c.from());
          if (from.isEmpty()) {
            continue; // a visit to a won, lost or dormant stage: not a conversion
          }
          ended[from.get()]++;
          if (isForward(definition, from.get(), c.to())) {
            forward[from.get()]++;
          }
        }
      }
    }
    Map<StageId, StageConversion> out = new LinkedHashMap<>();
    for (int i = 0; i < open.size(); i++) {
      out.put(open.get(i).id(), new StageConversion(open.get(i).id(), ended[i], forward[i]));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static boolean isForward(PipelineDefinition definition, int from, StageId to) {
    Optional<Integer> toIndex = definition.funnelIndex(to);
    if (toIndex.isPresent()) {
      return toIndex.get() > from;
    }
    return definition.requireStage(to).kind() == StageKind.WON;
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private static String points(double points) {
    String s = String.format(Locale.ROOT, "%+.2f", points);
    s = s.replaceAll("0+$", "").replaceAll("\\.$", ""); // +5.00 -> +5, +2.50 -> +2.5
    return s + (Math.abs(points) == 1 ? " point" : " points");
  }

  private static String openDeals(long n) {
    return "the " + n + (n == 1 ? " open deal" : " open deals");
  }

  private static String days(long days) {
    return days + (Math.abs(days) == 1 ? " day" : " days");
  }

  /**
   * Forecasts one input under scenarios: holds the base forecast and the forecasts over other
   * horizons, so a sensitivity analysis runs the model once per horizon, not once per stage.
   * Not thread-safe (one per call).
   */
  static final class Engine {
    final ForecastModel model;
    final ForecastInput input;
    final PipelineDefinition definition;
    final Map<StageId, StageConversion> conversions;
    private Forecast base;
    private final Map<Duration, Map<DealId, DealForecast>> baseByHorizon = new HashMap<>();

    Engine(ForecastModel model, ForecastInput input) {
      this.model = Objects.requireNonNull(model, "model is null");
      this.input = Objects.requireNonNull(input, "input is null");
      this.definition = input.definition();
      this.conversions = conversions(input);
    }

    Forecast base() {
      if (base == null) {
        base = model.forecast(input);
      }
      return base;
    }

    /** The changes, checked, then applied. */
    WhatIf apply(Scenario scenario) {
      Checked checked = check(input, conversions, scenario);
      Forecast baseForecast = base();
      // 1. the facts: histories edited at the as-of instant, through the engine
      ForecastInput edited = input;
      Map<Integer, String> words = new HashMap<>();
      if (checked.editsHistories) {
        edited = edit(scenario, words);
      }
      Forecast f0 = edited == input ? baseForecast : model.forecast(edited);
      // 2. dwell, 3. conversion, 4. drops
      Map<Duration, Map<DealId, DealForecast>> byHorizon = edited == input ? baseByHorizon
          : new HashMap<>();
      Map<StageId, Long> dwellCount = new HashMap<>();
      Map<StageId, Long> conversionCount = new HashMap<>();
      List<DealForecast> out = new ArrayList<>(f0.deals().size());
      for (DealForecast d : f0.deals()) {
        if (checked.dropped.contains(d.deal())) {
          continue;
        }
        Optional<Integer> at = definition.funnelIndex(d.stage());
        if (at.isEmpty()) {
          out.add(d);
          continue;
        }
        long saved = 0;
        for (Map.Entry<StageId, Long> e : checked.dwellDays.entrySet()) {
          if (definition.funnelIndex(e.getKey()).orElseThrow() >= at.get()) {
            saved -= e.getValue();
            dwellCount.merge(e.getKey(), 1L, Long::sum);
          }
        }
        double factor = 1;
        for (Map.Entry<StageId, Double> e : checked.factors.entrySet()) {
          if (definition.funnelIndex(e.getKey()).orElseThrow() >= at.get()) {
            factor *= e.getValue();
            conversionCount.merge(e.getKey(), 1L, Long::sum);
          }
        }
        if (saved == 0 && factor == 1) {
          out.add(d);
          continue;
        }
        double p = d.probability();
        List<String> how = new ArrayList<>(2);
        if (saved != 0) {
          Duration h = input.horizon().plusDays(saved);
          if (h.isNegative() || h.isZero()) {
            p = 0;
          } else {
            p = forecastAt(edited, h, byHorizon).get(d.deal()).probability();
          }
          how.add("forecast over the horizon " + (saved > 0 ? "+" : "") + days(saved));
        }
        if (factor != 1) {
          p = Math.min(1, Math.max(0, p * factor));
          how.add(String.format(Locale.ROOT, "x%.3f for conversion", factor));
        }
        out.add(new DealForecast(d.deal(), d.stage(), d.amount(), p,
            d.basis() + "; what-if: " + String.join(", ", how)));
      }
      Forecast changed = new Forecast(f0.model(), f0.asOf(), f0.horizon(), out);
      List<String> described = describe(scenario, checked, words, dwellCount, conversionCount);
      return new WhatIf(scenario, described, baseForecast, changed, checked.currency);
    }

    /** The model's forecast of an input over another horizon, by deal. */
    private Map<DealId, DealForecast> forecastAt(ForecastInput in, Duration horizon,
        Map<Duration, Map<DealId, DealForecast>> cache) {
      return cache.computeIfAbsent(horizon, h -> {
        Forecast f = model.forecast(ForecastInput.of(definition, in.histories(), in.asOf(), h));
        Map<DealId, DealForecast> byDeal = new HashMap<>();
        f.deals().forEach(d -> byDeal.put(d.deal(), d));
        return byDeal;
      });
    }

    /** What the checks found, for the application. */
    static final class Checked {
      final Set<DealId> dropped = new HashSet<>();
      final Map<StageId, Double> points = new LinkedHashMap<>();
      final Map<StageId, Double> factors = new LinkedHashMap<>();
      final Map<StageId, Long> dwellDays = new LinkedHashMap<>();
      Optional<Currency> currency = Optional.empty();
      boolean editsHistories;
    }

    static Checked check(ForecastInput input, Map<StageId, StageConversion> conversions,
        Scenario scenario) {
      PipelineDefinition definition = input.definition();
      Checked c = new Checked();
      c.currency = definition.currency();
      Set<DealId> known = new HashSet<>();
      input.histories().forEach(h -> known.add(h.dealId()));
      Set<DealId> open = new HashSet<>();
      for (DealHistory h : input.open()) {
        open.add(h.dealId());
        if (c.currency.isEmpty() && h.current().amount().isPresent()) {
          c.currency = Optional.of(h.current().amount().get().currency());
        }
      }
      for (Change change : scenario.changes()) {
        if (change instanceof Change.Conversion v) {
          requireOpenStage(definition, "conversion", v.stage());
          c.points.merge(v.stage(), v.points(), Double::sum);
        } else if (change instanceof Change.Dwell v) {
          requireOpenStage(definition, "dwell", v.stage());
          c.dwellDays.merge(v.stage(), v.days(), Long::sum);
        } else if (change instanceof Change.DropDeal v) {
          requireOpen("drop", v.deal(), open);
          if (!c.dropped.add(v.deal())) {
            throw new IllegalArgumentException("drop: deal '" + v.deal() + "' is dropped twice");
          }
        } else if (change instanceof Change.AddDeal v) {
          requireOpenStage(definition, "add", v.stage());
          if (!known.add(v.deal())) {
            throw new IllegalArgumentException("add: deal id '" + v.deal() + "' is already"
                + " used by a deal known at the as-of instant or added before");
          }
          Currency cur = v.amount().currency();
          if (c.currency.isPresent() && !c.currency.get().equals(cur)) {
            throw new IllegalArgumentException("add: amount " + v.amount() + " of deal '"
                + v.deal() + "' is not in " + c.currency.get().getCurrencyCode()
                + ", the pipeline's currency");
          }
          c.currency = Optional.of(cur);
          open.add(v.deal());
          c.editsHistories = true;
        } else if (change instanceof Change.ShiftCloseDates v) {
          c.editsHistories |= v.days() != 0;
        } else if (change instanceof Change.MoveCloseDate v) {
          requireOpen("close date", v.deal(), open);
          c.editsHistories = true;
        }
      }
      c.points.forEach((stage, d) -> {
        StageConversion sc = conversions.get(stage);
        String name = definition.requireStage(stage).name();
        if (d == 0) {
          return;
        }
        OptionalDouble share = sc.share();
        if (share.isEmpty()) {
          throw new IllegalArgumentException("conversion of " + name + " " + points(d)
              + ": no visit to it had ended by the as-of instant, so there is no conversion to"
              + " change");
        }
        double cs = share.getAsDouble();
        double after = cs + d / 100;
        if (cs == 0) {
          throw new IllegalArgumentException("conversion of " + name + " " + points(d)
              + ": its conversion is 0% (none of its " + sc.ended() + " ended visits moved"
              + " forward), which cannot be scaled");
        }
        if (after < -1e-12 || after > 1 + 1e-12) {
          throw new IllegalArgumentException("conversion of " + name + " " + points(d) + ": "
              + percent(cs) + " would become " + percent(after) + ", outside [0%, 100%]");
        }
        c.factors.put(stage, Math.min(1, Math.max(0, after)) / cs);
      });
      c.dwellDays.values().removeIf(v -> v == 0);
      return c;
    }

    private static void requireOpenStage(PipelineDefinition definition, String what,
        StageId stage) {
      if (definition.funnelIndex(stage).isEmpty()) {
        throw new IllegalArgumentException(what + ": '" + stage + "' is not an open stage of"
            + " pipeline '" + definition.id() + "'; open stages: "
            + definition.openStages().stream().map(s -> s.id().value()).toList());
      }
    }

    private static void requireOpen(String what, DealId deal, Set<DealId> open) {
      if (!open.contains(deal)) {
        throw new IllegalArgumentException(what + ": no deal '" + deal + "' is open at the as-of"
            + " instant");
      }
    }

    /** The history edits, in order; words.get(i) says what change i did. */
    private ForecastInput edit(Scenario scenario, Map<Integer, String> words) {
      Pipeline engine = Pipeline.of(definition, InstantSource.fixed(input.asOf()));
      Request request = Request.by(ACTOR).at(input.asOf());
      List<DealHistory> histories = new ArrayList<>(input.histories());
      Map<DealId, Integer> openAt = new LinkedHashMap<>();
      for (int i = 0; i < histories.size(); i++) {
        Deal d = histories.get(i).current();
        if (definition.requireStage(d.stage()).kind() == StageKind.OPEN
            || definition.requireStage(d.stage()).kind() == StageKind.DORMANT) {
          openAt.put(d.id(), i);
        }
      }
      List<Change> changes = scenario.changes();
      for (int k = 0; k < changes.size(); k++) {
        Change change = changes.get(k);
        if (change instanceof Change.AddDeal v) {
          NewDeal.Builder b = NewDeal.builder();
          b.id(v.deal()).title("what-if deal " + v.deal()).stage(v.stage()).amount(v.amount());
          v.owner().ifPresent(b::owner);
          v.closeDate().ifPresent(b::closeDate);
          DealHistory h = engine.importDeal(b.build(), request).historyOrThrow();
          openAt.put(v.deal(), histories.size());
          histories.add(h);
        } else if (change instanceof Change.ShiftCloseDates v && v.days() != 0) {
          long n = 0;
          for (int i : openAt.values()) {
            Optional<LocalDate> date = histories.get(i).current().closeDate();
            if (date.isPresent()) {
              histories.set(i, closeDate(engine, histories.get(i),
                  date.get().plusDays(v.days()), request));
              n++;
            }
          }
          words.put(k, "close dates " + days(Math.abs(v.days()))
              + (v.days() > 0 ? " later" : " earlier") + " for " + openDeals(n)
              + (n == 1 ? " that has one" : " that have one"));
        } else if (change instanceof Change.MoveCloseDate v) {
          int i = openAt.get(v.deal());
          Optional<LocalDate> was = histories.get(i).current().closeDate();
          histories.set(i, closeDate(engine, histories.get(i), v.closeDate(), request));
          words.put(k, "close date of " + v.deal() + " " + v.closeDate()
              + was.map(w -> " (was " + w + ")").orElse(" (had none)"));
        }
      }
      return ForecastInput.of(definition, histories, input.asOf(), input.horizon());
    }

    private static DealHistory closeDate(Pipeline engine, DealHistory h, LocalDate date,
        Request request) {
      if (h.current().closeDate().equals(Optional.of(date))) {
        return h; // no change: no event
      }
      Outcome o = engine.importFact(h, new Command.ChangeCloseDate(Optional.of(date)), request);
      return o.historyOrThrow();
    }

    private List<String> describe(Scenario scenario, Checked checked, Map<Integer, String> words,
        Map<StageId, Long> dwellCount, Map<StageId, Long> conversionCount) {
      List<String> out = new ArrayList<>();
      Map<StageId, Integer> changesOf = new HashMap<>();
      scenario.changes().forEach(ch -> {
        if (ch instanceof Change.Conversion v) {
          changesOf.merge(v.stage(), 1, Integer::sum);
        }
      });
      List<Change> changes = scenario.changes();
      for (int k = 0; k < changes.size(); k++) {
        Change change = changes.get(k);
        if (words.containsKey(k)) {
          out.add(words.get(k));
        } else if (change instanceof Change.Conversion v) {
          String name = definition.requireStage(v.stage()).name();
          StageConversion sc = conversions.get(v.stage());
          double total = checked.points.get(v.stage());
          String s = "conversion of " + name + " " + points(v.points());
          if (sc.share().isPresent() && total != 0) {
            double cs = sc.share().getAsDouble();
            s += " (" + percent(cs) + " of " + sc.ended() + " ended visits -> "
                + percent(cs + total / 100)
                + (changesOf.get(v.stage()) > 1 ? " with its other changes" : "") + "): "
                + openDeals(conversionCount.getOrDefault(v.stage(), 0L)) + " at or before it x"
                + String.format(Locale.ROOT, "%.3f", checked.factors.get(v.stage()));
          } else {
            s += ": no change";
          }
          out.add(s);
        } else if (change instanceof Change.Dwell v) {
          String name = definition.requireStage(v.stage()).name();
          long total = checked.dwellDays.getOrDefault(v.stage(), 0L);
          String s = days(Math.abs(v.days())) + (v.days() <= 0 ? " less" : " more") + " at "
              + name;
          if (total != 0) {
            long n = dwellCount.getOrDefault(v.stage(), 0L);
            s += ": " + openDeals(n) + " at or before it " + (n == 1 ? "reaches its" : "reach"
                + " their") + " outcome that much " + (v.days() < 0 ? "sooner" : "later");
          } else {
            s += ": no change";
          }
          out.add(s);
        } else if (change instanceof Change.DropDeal v) {
          DealForecast d = base().deals().stream().filter(x -> x.deal().equals(v.deal()))
              .findFirst().orElse(null);
          out.add("drop " + v.deal() + (d == null ? "" : " ("
              + definition.requireStage(d.stage()).name()
              + d.amount().map(a -> ", " + a).orElse(", no amount") + ", probability "
              + percent(d.probability()) + ")"));
        } else if (change instanceof Change.AddDeal v) {
          out.add("add " + v.deal() + " at " + definition.requireStage(v.stage()).name() + ", "
              + v.amount() + v.owner().map(o -> ", owner " + o).orElse("")
              + v.closeDate().map(d -> ", close date " + d).orElse("")
              + ", created at the as-of instant");
        } else if (change instanceof Change.ShiftCloseDates v) {
          out.add("close dates +0 days: no change");
        } else if (change instanceof Change.MoveCloseDate v) {
          out.add("close date of " + v.deal() + " " + v.closeDate() + ": no change");
        }
      }
      return out;
    }
  }

  /** Money's zero in a currency, for sums of forecasts without amounts. */
  static Money orZero(Optional<Money> m, Currency currency) {
    return m.orElse(Money.zero(currency));
  }
}

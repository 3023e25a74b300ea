package dev.pipelinesdk.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.MoneyDelta;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.Figures;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.scenario.Change;
import dev.pipelinesdk.forecast.scenario.Comparison;
import dev.pipelinesdk.forecast.scenario.Scenario;
import dev.pipelinesdk.forecast.scenario.Scenarios;
import dev.pipelinesdk.forecast.scenario.Sensitivity;
import dev.pipelinesdk.forecast.scenario.WhatIf;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code forecast --what-if SPEC ... --sensitivity}: a what-if scenario against the base, on the
 * same random numbers, and the "where to invest" ranking of the open stages.
 */
final class ScenarioOptions {
  @Option(names = "--what-if", paramLabel = "SPEC",
      description = {"A what-if change. Repeat it to make one scenario of several changes,"
          + " shown against the base on the same trials and seed. SPEC is one of:",
          "  conversion:STAGE=+D   conversion of STAGE +D points (-D: less)",
          "  dwell:STAGE=-K        K days less at STAGE (+K: more)",
          "  drop:DEAL             leave the open deal DEAL out",
          "  add:STAGE=AMOUNT      a deal created at the as-of time in STAGE;",
          "                        add ,owner=NAME ,close=DATE ,id=ID if wanted",
          "                        (ids what-if-1, what-if-2, ... by default)",
          "  close-dates:+K        open deals' close dates K days later (-K)",
          "  close-date:DEAL=DATE  the open deal DEAL's close date",
          "STAGE is a stage's id or name, in any case. The README's \"What if\" section says"
              + " how each change is applied."})
  List<String> whatIf;

  @Option(names = "--sensitivity",
      description = "Rank the open stages by what +1 point of conversion and 1 day less in the"
          + " stage add to the expected amount won (and to P(target) with --target), with the"
          + " leak finder's verdict.")
  boolean sensitivity;

  /** What the options asked for, computed; printed by the forecast command. */
  static final class Result {
    private final Optional<WhatIf> whatIf;
    private final List<String> specs;
    private final Optional<Comparison> comparison;
    private final Optional<Sensitivity> sensitivity;
    private final Optional<Money> target;
    private final long horizonDays;

    private Result(Optional<WhatIf> whatIf, List<String> specs, Optional<Comparison> comparison,
        Optional<Sensitivity> sensitivity, Optional<Money> target, long horizonDays) {
      this.whatIf = whatIf;
      this.specs = specs;
      this.comparison = comparison;
      this.sensitivity = sensitivity;
      this.target = target;
      this.horizonDays = horizonDays;
    }

    /** The text: the what-if against the base, then the ranking; nothing if neither was asked. */
    void print(PrintWriter out) {
      if (whatIf.isPresent()) {
        WhatIf w = whatIf.get();
        out.println();
        out.println("What if (" + (specs.size() == 1 ? "1 change" : specs.size() + " changes")
            + "; on the same trials and seed as the base, so the differences come");
        out.println("from the changes, not from sampling):");
        w.changes().forEach(c -> out.println("  " + c));
        Optional<Money> expected = w.forecast().expectedAmount();
        out.printf(Locale.ROOT, "  expected %s (%s against the base), %.1f deals%n",
            expected.map(Figures::money).orElse("- (no amounts)"),
            w.expectedDelta().map(ScenarioOptions::signed).orElse("-"),
            w.forecast().expectedWins());
        if (comparison.isPresent()) {
          Comparison c = comparison.get();
          AmountDistribution s = c.scenario();
          out.printf(Locale.ROOT, "  P10 %s (%s), P50 %s (%s), P90 %s (%s)%n",
              Figures.money(s.p10()), signed(c.quantileDelta(0.1)), Figures.money(s.p50()),
              signed(c.quantileDelta(0.5)), Figures.money(s.p90()), signed(c.quantileDelta(0.9)));
          target.ifPresent(t -> out.printf(Locale.ROOT, "  P(won amount >= %s) = %.1f%% (%s)%n",
              Figures.money(t), 100 * s.probabilityAtLeast(t),
              points(c.probabilityAtLeastDelta(t))));
          if (c.addedDeals() > 0) {
            out.println("  (the differences are against a base run that counts the added"
                + " deals with probability 0,");
            out.println("  so the trials line up; its P10/P50/P90 and P(target) can differ from"
                + " the base's above by");
            out.println("  the Monte Carlo error)");
          }
        }
      }
      if (sensitivity.isPresent()) {
        Sensitivity s = sensitivity.get();
        out.println();
        out.println("Where to invest: what +1 point of conversion and 1 day less in a stage add"
            + " to the amount");
        out.println("expected within " + horizonDays + " days"
            + target.map(t -> " and to P(won >= " + Figures.money(t) + ")").orElse("")
            + ", ranked by the gain per point:");
        boolean withTarget = target.isPresent();
        List<String[]> cells = new ArrayList<>();
        Map<Integer, String> groups = withTarget
            ? Map.of(4, "+1 point of conversion", 6, "1 day less in the stage")
            : Map.of(4, "+1 point", 5, "1 day saved");
        cells.add(withTarget
            ? new String[] {"rank", "stage", "conversion", "deals", "expected", "P(target)",
                "expected", "P(target)", "leak"}
            : new String[] {"rank", "stage", "conversion", "deals", "expected", "expected",
                "leak"});
        int rank = 1;
        for (Sensitivity.Row r : s.rows()) {
          List<String> row = new ArrayList<>(List.of(Integer.toString(rank++), r.name(),
              r.conversion().share().isPresent()
                  ? Figures.percent(r.conversion().share().getAsDouble()) + " of "
                      + Figures.count(r.conversion().ended())
                  : "- (none ended)",
              Figures.count(r.openDeals())));
          Optional<Sensitivity.Effect> point = r.perConversionPoint();
          row.add(point.map(e -> signed(e.expected())).orElse("-"));
          if (withTarget) {
            row.add(point.map(e -> points(e.probabilityOfTarget().orElseThrow())).orElse("-"));
          }
          row.add(signed(r.perDaySaved().expected()));
          if (withTarget) {
            row.add(points(r.perDaySaved().probabilityOfTarget().orElseThrow()));
          }
          row.add(r.leak() ? "LEAK" : r.leakJudged() ? "no" : "too few deals");
          cells.add(row.toArray(String[]::new));
        }
        printAligned(out, groups, cells);
        out.println("  conversion: the share of the stage's ended visits that moved forward."
            + " deals: the open");
        out.println("  deals at or before the stage, which both levers act on (deals gone dark:"
            + " neither). A day");
        out.println("  saved adds only the wins that would otherwise come just after the horizon,"
            + " so deals that");
        out.println("  close well inside it gain nothing. A point and a day are different units:"
            + " weigh each by");
        out.println("  what it costs to get.");
        if (target.isPresent()) {
          double p = s.baseDistribution().probabilityAtLeast(target.get());
          if (p >= 0.9995 || p < 0.0005) {
            out.printf(Locale.ROOT, "  P(won >= %s) is %.1f%% already, so no lever moves it;"
                + "%n  a target nearer the P50 (%s) shows which lever does.%n",
                Figures.money(target.get()), 100 * p,
                Figures.money(s.baseDistribution().p50()));
          }
        }
        if (!s.timeMatters()) {
          out.println("  This model's probabilities do not depend on the horizon, so a day"
              + " saved is worth");
          out.println("  nothing here.");
        }
      }
    }

    /**
     * Prints rows of cells in columns, two spaces apart: the stage, conversion and leak
     * left-aligned, the figures right-aligned. {@code groups} are titles over the columns they
     * start at, such as "+1 point of conversion" over its expected and P(target) columns.
     */
    private static void printAligned(PrintWriter out, Map<Integer, String> groups,
        List<String[]> rows) {
      int n = rows.get(0).length;
      int[] width = new int[n];
      for (String[] row : rows) {
        for (int i = 0; i < n; i++) {
          width[i] = Math.max(width[i], row[i].length());
        }
      }
      StringBuilder head = new StringBuilder();
      int column = 2;
      for (int i = 0; i < n; i++) {
        if (groups.containsKey(i)) {
          head.append(" ".repeat(Math.max(1, column - head.length()))).append(groups.get(i));
        }
        column += width[i] + 2;
      }
      out.println(head);
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder(" ");
        for (int i = 0; i < n; i++) {
          boolean text = i == 1 || i == 2 || i == n - 1;
          line.append(' ').append(String.format(Locale.ROOT, "%" + (text ? "-" : "")
              + width[i] + "s", row[i])).append(' ');
        }
        out.println(line.toString().stripTrailing());
      }
    }

    /** The JSON fields {@code whatIf} and {@code sensitivity}, each only when asked for. */
    void put(ObjectNode root) {
      if (whatIf.isPresent()) {
        WhatIf w = whatIf.get();
        ObjectNode o = root.putObject("whatIf");
        ArrayNode changes = o.putArray("changes");
        w.changes().forEach(changes::add);
        ArrayNode given = o.putArray("specs");
        specs.forEach(given::add);
        o.put("expected", w.forecast().expectedAmount().map(Money::amount).orElse(null));
        o.put("expectedWins", w.forecast().expectedWins());
        o.put("deltaExpected", w.expectedDelta().map(MoneyDelta::amount).orElse(null));
        if (comparison.isPresent()) {
          Comparison c = comparison.get();
          o.put("p10", c.scenario().p10().amount());
          o.put("p50", c.scenario().p50().amount());
          o.put("p90", c.scenario().p90().amount());
          o.put("deltaP10", c.quantileDelta(0.1).amount());
          o.put("deltaP50", c.quantileDelta(0.5).amount());
          o.put("deltaP90", c.quantileDelta(0.9).amount());
          if (target.isPresent()) {
            o.put("probabilityOfTarget", c.scenario().probabilityAtLeast(target.get()));
            o.put("deltaProbabilityOfTarget", c.probabilityAtLeastDelta(target.get()));
          }
        }
      }
      if (sensitivity.isPresent()) {
        ArrayNode rows = root.putArray("sensitivity");
        for (Sensitivity.Row r : sensitivity.get().rows()) {
          ObjectNode o = rows.addObject();
          o.put("stage", r.stage().value());
          o.put("name", r.name());
          ForecastOptions.put(o, "conversion", r.conversion().share());
          o.put("endedVisits", r.conversion().ended());
          o.put("openDeals", r.openDeals());
          if (r.perConversionPoint().isPresent()) {
            effect(o.putObject("perConversionPoint"), r.perConversionPoint().get());
          } else {
            o.putNull("perConversionPoint");
          }
          effect(o.putObject("perDaySaved"), r.perDaySaved());
          o.put("leak", r.leak());
          o.put("leakJudged", r.leakJudged());
        }
      }
    }

    private static void effect(ObjectNode o, Sensitivity.Effect e) {
      o.put("expected", e.expected().amount());
      ForecastOptions.put(o, "probabilityOfTarget", e.probabilityOfTarget());
    }
  }

  /**
   * Runs what was asked.
   *
   * @param model the model
   * @param input the input at the as-of instant
   * @param simulation the base's Monte Carlo settings, used for every run
   * @param target the target, if given
   * @param currency the open deals' currency, if they have amounts
   * @param horizonDays the horizon, for the text
   * @return the result, empty parts where nothing was asked
   * @throws BadInputException naming the SPEC if a change is malformed or does not fit the data
   */
  Result run(ForecastModel model, ForecastInput input, Simulation simulation,
      Optional<Money> target, Optional<Currency> currency, long horizonDays)
      throws BadInputException {
    List<String> specs = whatIf == null ? List.of() : List.copyOf(whatIf);
    Optional<WhatIf> w = Optional.empty();
    Optional<Comparison> comparison = Optional.empty();
    if (!specs.isEmpty()) {
      PipelineDefinition d = input.definition();
      Currency cur = currency.or(d::currency).orElse(Currency.getInstance("EUR"));
      List<Change> changes = new ArrayList<>();
      int added = 0;
      for (String spec : specs) {
        Change c = parse(spec, d, cur, added + 1);
        if (c instanceof Change.AddDeal) {
          added++;
        }
        try {
          Scenarios.check(input, Scenario.of(c));
        } catch (IllegalArgumentException e) {
          throw new BadInputException(bad(spec, e.getMessage()));
        }
        changes.add(c);
      }
      try {
        WhatIf result = Scenarios.apply(model, input, new Scenario(changes));
        w = Optional.of(result);
        if (result.currency().isPresent()) {
          comparison = Optional.of(result.compare(simulation));
        }
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--what-if " + String.join(" ", specs) + ": "
            + e.getMessage());
      }
    }
    Optional<Sensitivity> s = Optional.empty();
    if (sensitivity) {
      try {
        s = Optional.of(Sensitivity.of(model, input, simulation, target));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--sensitivity: " + e.getMessage());
      }
    }
    return new Result(w, specs, comparison, s, target, horizonDays);
  }

  private static String bad(String spec, String problem) {
    return "--what-if '" + spec + "': " + problem;
  }

  /** One SPEC as a change; {@code n} numbers an added deal without an id. */
  static Change parse(String spec, PipelineDefinition d, Currency currency, int n)
      throws BadInputException {
    int colon = spec.indexOf(':');
    if (colon < 0) {
      throw new BadInputException(bad(spec, "expected KIND:..., such as conversion:Decision=+5;"
          + " kinds: conversion, dwell, drop, add, close-dates, close-date"));
    }
    String kind = spec.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String rest = spec.substring(colon + 1).trim();
    switch (kind) {
      case "conversion": {
        String[] kv = keyValue(spec, rest, "conversion:STAGE=+D");
        double points = number(spec, kv[1], "percentage points");
        if (!(points >= -100 && points <= 100)) {
          throw new BadInputException(bad(spec, "a conversion changes by -100 to +100"
              + " percentage points, not " + kv[1]));
        }
        return new Change.Conversion(stage(spec, kv[0], d), points);
      }
      case "dwell": {
        String[] kv = keyValue(spec, rest, "dwell:STAGE=-K");
        return new Change.Dwell(stage(spec, kv[0], d), days(spec, kv[1]));
      }
      case "drop":
        return new Change.DropDeal(dealId(spec, rest));
      case "add": {
        String[] parts = rest.split(",", -1);
        String[] kv = keyValue(spec, parts[0], "add:STAGE=AMOUNT");
        StageId stage = stage(spec, kv[0], d);
        Money amount = amount(spec, kv[1], currency);
        Optional<String> owner = Optional.empty();
        Optional<LocalDate> close = Optional.empty();
        DealId id = null;
        for (int i = 1; i < parts.length; i++) {
          String[] option = keyValue(spec, parts[i], "add:STAGE=AMOUNT,owner=NAME,close=DATE,"
              + "id=ID");
          switch (option[0].toLowerCase(Locale.ROOT)) {
            case "owner" -> owner = Optional.of(owner(spec, option[1]));
            case "close" -> close = Optional.of(date(spec, option[1]));
            case "id" -> id = dealId(spec, option[1]);
            default -> throw new BadInputException(bad(spec, "unknown option '" + option[0]
                + "' of add; options: owner, close, id"));
          }
        }
        return new Change.AddDeal(id != null ? id : DealId.of("what-if-" + n), stage, amount,
            owner, close);
      }
      case "close-dates":
        return new Change.ShiftCloseDates(days(spec, rest));
      case "close-date": {
        String[] kv = keyValue(spec, rest, "close-date:DEAL=DATE");
        return new Change.MoveCloseDate(dealId(spec, kv[0]), date(spec, kv[1]));
      }
      default:
        throw new BadInputException(bad(spec, "unknown kind '" + kind + "'; kinds: conversion,"
            + " dwell, drop, add, close-dates, close-date"));
    }
  }

  private static String[] keyValue(String spec, String text, String form)
      throws BadInputException {
    int eq = text.indexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new BadInputException(bad(spec, "expected " + form));
    }
    return new String[] {text.substring(0, eq).trim(), text.substring(eq + 1).trim()};
  }

  private static StageId stage(String spec, String text, PipelineDefinition d)
      throws BadInputException {
    List<Stage> open = d.openStages();
    for (Stage s : open) {
      if (s.id().value().equals(text) || s.name().equals(text)) {
        return s.id();
      }
    }
    for (Stage s : open) {
      if (s.id().value().equalsIgnoreCase(text) || s.name().equalsIgnoreCase(text)) {
        return s.id();
      }
    }
    throw new BadInputException(bad(spec, "no open stage '" + text + "'; open stages: "
        + String.join(", ", open.stream().map(Stage::name).toList())));
  }

  private static double number(String spec, String text, String what)
      throws BadInputException {
    try {
      return new BigDecimal(text).doubleValue();
    } catch (NumberFormatException e) {
      throw new BadInputException(bad(spec, "'" + text + "' is not a number of " + what));
    }
  }

  private static long days(String spec, String text) throws BadInputException {
    long days;
    try {
      days = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw new BadInputException(bad(spec, "'" + text + "' is not a whole number of days"));
    }
    if (Math.abs(days) > Change.MAX_DAYS) {
      throw new BadInputException(bad(spec, "days must be from -" + Change.MAX_DAYS + " to "
          + Change.MAX_DAYS + ", not " + text));
    }
    return days;
  }

  private static Money amount(String spec, String text, Currency currency)
      throws BadInputException {
    BigDecimal a;
    try {
      a = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new BadInputException(bad(spec, "'" + text + "' is not an amount (a plain decimal"
          + " such as 12000)"));
    }
    if (a.signum() < 0) {
      throw new BadInputException(bad(spec, "the amount must not be negative, not " + text));
    }
    try {
      return Money.of(a, currency);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(bad(spec, e.getMessage()));
    }
  }

  private static DealId dealId(String spec, String text) throws BadInputException {
    try {
      return DealId.of(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(bad(spec, e.getMessage()));
    }
  }

  private static String owner(String spec, String text) throws BadInputException {
    if (text.isBlank()) {
      throw new BadInputException(bad(spec, "the owner is blank"));
    }
    return text;
  }

  private static LocalDate date(String spec, String text) throws BadInputException {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadInputException(bad(spec, "'" + text + "' is not a date (YYYY-MM-DD)"));
    }
  }

  /** A signed amount in whole units: {@code +EUR 1,234}, {@code -EUR 56}. */
  static String signed(MoneyDelta d) {
    return (d.signum() < 0 ? "-" : "+") + d.currency().getCurrencyCode() + " "
        + Figures.amount(d.amount().abs());
  }

  /** A signed change of a probability in percentage points: {@code +1.2 pts}. */
  static String points(double delta) {
    return String.format(Locale.ROOT, "%+.1f pts", 100 * delta);
  }
}

package dev.pipelinesdk.core.internal.builtin;

import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.GuardFactory;
import dev.pipelinesdk.core.scoring.LeadScorers;
import dev.pipelinesdk.core.scoring.PointsScorer;
import dev.pipelinesdk.core.scoring.Qualification;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The guards of {@link Qualification} as {@link GuardFactory} services. */
public final class QualificationGuardFactories {
  private QualificationGuardFactories() {}

  private static void known(String guard, Map<String, String> p, Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(p.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("guard '" + guard + "' does not take parameter(s) "
          + unknown + "; it takes " + new TreeSet<>(allowed));
    }
  }

  /** {@code marketing-qualified}: parameters {@code min} and optionally {@code scorer}. */
  public static final class MarketingQualified implements GuardFactory {
    /** The guard's name: {@value}. */
    public static final String NAME = "marketing-qualified";

    /** Creates the provider. */
    public MarketingQualified() {}

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "the lead score by 'scorer' (default " + PointsScorer.NAME + ") at the move's instant"
          + " is at least 'min'";
    }

    @Override
    public Guard create(Map<String, String> p) {
      known(NAME, p, Set.of("min", "scorer"));
      String min = p.get("min");
      if (min == null || min.isBlank()) {
        throw new IllegalArgumentException("guard '" + NAME + "' needs parameter 'min'; got " + p);
      }
      double minimum;
      try {
        minimum = Double.parseDouble(min.strip());
        if (!Double.isFinite(minimum)) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("guard '" + NAME + "': parameter 'min' is not a finite"
            + " number: '" + min + "'", e);
      }
      String scorer = p.getOrDefault("scorer", PointsScorer.NAME).strip();
      return Qualification.marketingQualified(LeadScorers.named(scorer), minimum);
    }
  }

  /** {@code sales-qualified}: optionally parameter {@code answers}. */
  public static final class SalesQualified implements GuardFactory {
    /** The guard's name: {@value}. */
    public static final String NAME = "sales-qualified";

    /** Creates the provider. */
    public SalesQualified() {}

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "the deal has every qualifying answer in 'answers' (default "
          + String.join(",", Qualification.ARTICLE) + ")";
    }

    @Override
    public Guard create(Map<String, String> p) {
      known(NAME, p, Set.of("answers"));
      String answers = p.get("answers");
      if (answers == null) {
        return Qualification.salesQualified();
      }
      List<String> names = Arrays.stream(answers.split(",")).map(String::strip)
          .filter(s -> !s.isEmpty()).collect(Collectors.toList());
      if (names.isEmpty()) {
        throw new IllegalArgumentException("guard '" + NAME + "': parameter 'answers' names no"
            + " answer: '" + answers + "'");
      }
      return Qualification.salesQualified(names);
    }
  }
}

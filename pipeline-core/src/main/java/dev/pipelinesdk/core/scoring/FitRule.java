package dev.pipelinesdk.core.scoring;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.internal.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A fit rule of a {@link PointsScorer}: points when one of the deal's attributes, as it stood at
 * the scoring instant, matches (industry, company size band, role). No decay: fit is what the
 * lead is, not what it did. Immutable; equal by its parts.
 */
public final class FitRule {
  private enum Kind { IS, IN, BETWEEN }

  private final String name;
  private final String attribute;
  private final Kind kind;
  private final @Nullable AttributeValue value;
  private final List<String> texts; // lower-case, for IN
  private final double min;
  private final double max;
  private final double points;

  private FitRule(String name, String attribute, Kind kind, @Nullable AttributeValue value,
      List<String> texts, double min, double max, double points) {
    this.name = Checks.text("fit rule name", Objects.requireNonNull(name, "rule name is null"));
    if (name.isBlank()) {
      throw new IllegalArgumentException("a fit rule needs a name");
    }
    this.attribute = Checks.id("attribute name",
        Objects.requireNonNull(attribute, "attribute is null"));
    this.kind = kind;
    this.value = value;
    this.texts = List.copyOf(texts);
    this.min = min;
    this.max = max;
    this.points = PointsScorer.finite("points of fit rule '" + name + "'", points);
  }

  /**
   * Points when the attribute equals a value exactly (a flag, a number ignoring trailing zeros,
   * a date, a text with its case).
   *
   * @param name the rule's name, such as {@code "decision maker"}
   * @param attribute the attribute name
   * @param value the value that earns the points
   * @param points the points, finite (may be negative)
   * @return the rule
   * @throws IllegalArgumentException naming the value if a name is invalid or points are not
   *     finite
   */
  public static FitRule attributeIs(String name, String attribute, AttributeValue value,
      double points) {
    Objects.requireNonNull(value, "value is null");
    return new FitRule(name, attribute, Kind.IS, value, List.of(), 0, 0, points);
  }

  /**
   * Points when a text attribute is one of the given texts, ignoring case (industry in software,
   * SaaS; role in CTO, CFO).
   *
   * @param name the rule's name, such as {@code "industry fit"}
   * @param attribute the attribute name
   * @param points the points, finite (may be negative)
   * @param values the texts that earn the points, at least one
   * @return the rule
   * @throws IllegalArgumentException naming the value if a name is invalid, no text is given or
   *     points are not finite
   */
  public static FitRule attributeIn(String name, String attribute, double points,
      String... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("fit rule '" + name + "' needs at least one value");
    }
    List<String> lower = Arrays.stream(values)
        .map(v -> Objects.requireNonNull(v, "value is null").strip().toLowerCase(Locale.ROOT))
        .distinct().collect(Collectors.toList());
    return new FitRule(name, attribute, Kind.IN, null, lower, 0, 0, points);
  }

  /**
   * Points when a number attribute lies in {@code [min, max)} (a company-size band: {@code 50}
   * to {@code 1000} employees). Bands that share a bound do not overlap.
   *
   * @param name the rule's name, such as {@code "mid-market"}
   * @param attribute the attribute name
   * @param min the lowest matching number, inclusive; may be {@code -Infinity}
   * @param max the first number above the band, exclusive; may be {@code Infinity}
   * @param points the points, finite (may be negative)
   * @return the rule
   * @throws IllegalArgumentException naming the values if a bound is NaN, {@code min >= max}, a
   *     name is invalid or points are not finite
   */
  public static FitRule numberBetween(String name, String attribute, double min, double max,
      double points) {
    if (Double.isNaN(min) || Double.isNaN(max) || !(min < max)) {
      throw new IllegalArgumentException("fit rule '" + name + "' needs min < max, got [" + min
          + ", " + max + ")");
    }
    return new FitRule(name, attribute, Kind.BETWEEN, null, List.of(), min, max, points);
  }

  /** {@return the rule's name} */
  public String name() {
    return name;
  }

  /** {@return the attribute the rule reads} */
  public String attribute() {
    return attribute;
  }

  /** {@return the points a match earns} */
  public double points() {
    return points;
  }

  /** The points this rule gives a deal with these attributes, with the reason. */
  LeadScore.Contribution apply(Map<String, AttributeValue> attributes) {
    Optional<AttributeValue> v = Optional.ofNullable(attributes.get(attribute));
    String condition = condition();
    if (v.isEmpty()) {
      return new LeadScore.Contribution(name, PointsScorer.round(0), "no " + attribute
          + " (needs " + condition + ")");
    }
    boolean match = matches(v.get());
    return new LeadScore.Contribution(name, PointsScorer.round(match ? points : 0),
        attribute + " is " + v.get() + (match ? ", " : ", not ") + condition);
  }

  private boolean matches(AttributeValue v) {
    switch (kind) {
      case IS:
        return v.equals(value);
      case IN:
        return v instanceof AttributeValue.Text
            && texts.contains(((AttributeValue.Text) v).value().strip().toLowerCase(Locale.ROOT));
      default:
        if (!(v instanceof AttributeValue.Number)) {
          return false;
        }
        double d = ((AttributeValue.Number) v).value().doubleValue();
        return d >= min && d < max;
    }
  }

  private String condition() {
    switch (kind) {
      case IS:
        return "equal to " + value;
      case IN:
        return "one of " + texts;
      default:
        if (max == Double.POSITIVE_INFINITY) {
          return "at least " + num(min);
        }
        if (min == Double.NEGATIVE_INFINITY) {
          return "below " + num(max);
        }
        return "in [" + num(min) + ", " + num(max) + ")";
    }
  }

  private static String num(double d) {
    return LeadScore.plain(java.math.BigDecimal.valueOf(d));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof FitRule)) {
      return false;
    }
    FitRule r = (FitRule) o;
    return name.equals(r.name) && attribute.equals(r.attribute) && kind == r.kind
        && Objects.equals(value, r.value) && texts.equals(r.texts)
        && Double.compare(min, r.min) == 0 && Double.compare(max, r.max) == 0
        && Double.compare(points, r.points) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, attribute, kind, value, texts, min, max, points);
  }

  @Override
  public String toString() {
    return name + ": " + attribute + " " + condition() + " -> " + num(points);
  }
}

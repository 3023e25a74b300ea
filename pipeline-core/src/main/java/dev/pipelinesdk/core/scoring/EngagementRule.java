package dev.pipelinesdk.core.scoring;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An engagement rule of a {@link PointsScorer}: points per counted occurrence in the deal's
 * history (a touch of a given channel, direction or result, such as a reply or a booked meeting;
 * or an attribute event, such as a content download or an attended event), each decaying with
 * its age: {@code points x 0.5^(age / halfLife)}, the age measured from the occurrence to the
 * scoring instant. The decayed points of all occurrences are summed, then limited to the cap (if
 * any), then rounded half-even to two decimals. Immutable; each {@code with...} method returns a
 * new rule.
 *
 * <pre>{@code
 * EngagementRule replies = EngagementRule.touches("replies", 5, Duration.ofDays(30))
 *     .withResults(Touch.Result.REPLIED).withCap(20);
 * EngagementRule downloads = EngagementRule.attributeEvents("content downloads",
 *     "content_download", 4, Duration.ofDays(30));
 * }</pre>
 */
public final class EngagementRule {
  private final String name;
  private final @Nullable String attribute; // null: counts touches
  private final Set<Touch.Channel> channels; // empty: any
  private final Set<Touch.Direction> directions;
  private final Set<Touch.Result> results;
  private final double points;
  private final Duration halfLife;
  private final OptionalDouble cap;

  private EngagementRule(String name, @Nullable String attribute, Set<Touch.Channel> channels,
      Set<Touch.Direction> directions, Set<Touch.Result> results, double points,
      Duration halfLife, OptionalDouble cap) {
    this.name = name;
    this.attribute = attribute;
    this.channels = channels;
    this.directions = directions;
    this.results = results;
    this.points = points;
    this.halfLife = halfLife;
    this.cap = cap;
  }

  /**
   * Points for every touch recorded (narrow it with {@link #withChannels}, {@link
   * #withDirections} and {@link #withResults}).
   *
   * @param name the rule's name, such as {@code "replies"}
   * @param points the points per touch before decay, finite (may be negative, such as for a
   *     decline)
   * @param halfLife after how long an occurrence counts half, positive
   * @return the rule
   * @throws IllegalArgumentException naming the value if the name is blank, the points are not
   *     finite or the half-life is not positive
   */
  public static EngagementRule touches(String name, double points, Duration halfLife) {
    return new EngagementRule(checkName(name), null, Set.of(), Set.of(), Set.of(),
        PointsScorer.finite("points of engagement rule '" + name + "'", points),
        checkHalfLife(name, halfLife), OptionalDouble.empty());
  }

  /**
   * Points for every event that sets an attribute to a value (a text that is not blank, a
   * number, a date, a flag set to {@code true}): each download recorded as {@code
   * content_download = "pricing-guide"}, each event attended as {@code event_attended}. Removing
   * the attribute or setting it to {@code false} or blank text does not count.
   *
   * @param name the rule's name, such as {@code "content downloads"}
   * @param attribute the attribute whose events count
   * @param points the points per event before decay, finite (may be negative)
   * @param halfLife after how long an occurrence counts half, positive
   * @return the rule
   * @throws IllegalArgumentException naming the value if a name is invalid, the points are not
   *     finite or the half-life is not positive
   */
  public static EngagementRule attributeEvents(String name, String attribute, double points,
      Duration halfLife) {
    return new EngagementRule(checkName(name), Checks.id("attribute name",
        Objects.requireNonNull(attribute, "attribute is null")), Set.of(), Set.of(), Set.of(),
        PointsScorer.finite("points of engagement rule '" + name + "'", points),
        checkHalfLife(name, halfLife), OptionalDouble.empty());
  }

  private static String checkName(String name) {
    Checks.text("engagement rule name", name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("an engagement rule needs a name");
    }
    return name;
  }

  private static Duration checkHalfLife(String name, Duration halfLife) {
    Objects.requireNonNull(halfLife, "half-life is null");
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("engagement rule '" + name
          + "' needs a positive half-life, not " + halfLife);
    }
    return halfLife;
  }

  /**
   * Counts only touches on these channels.
   *
   * @param channels the channels, at least one
   * @return the new rule
   * @throws IllegalStateException if this rule counts attribute events
   */
  public EngagementRule withChannels(Touch.Channel... channels) {
    return new EngagementRule(name, touchesOnly(), set(Touch.Channel.class, channels), directions,
        results, points, halfLife, cap);
  }

  /**
   * Counts only touches in these directions.
   *
   * @param directions the directions, at least one
   * @return the new rule
   * @throws IllegalStateException if this rule counts attribute events
   */
  public EngagementRule withDirections(Touch.Direction... directions) {
    return new EngagementRule(name, touchesOnly(), channels,
        set(Touch.Direction.class, directions), results, points, halfLife, cap);
  }

  /**
   * Counts only touches with these results (such as {@link Touch.Result#REPLIED}, or {@link
   * Touch.Result#NEXT_STEP_AGREED} for a booked meeting).
   *
   * @param results the results, at least one
   * @return the new rule
   * @throws IllegalStateException if this rule counts attribute events
   */
  public EngagementRule withResults(Touch.Result... results) {
    return new EngagementRule(name, touchesOnly(), channels, directions,
        set(Touch.Result.class, results), points, halfLife, cap);
  }

  /**
   * Limits the rule's total (after decay) to at most {@code cap} points either way.
   *
   * @param cap the most points the rule gives (or takes, for negative points), positive and
   *     finite
   * @return the new rule
   * @throws IllegalArgumentException naming the value if it is not positive and finite
   */
  public EngagementRule withCap(double cap) {
    if (!Double.isFinite(cap) || cap <= 0) {
      throw new IllegalArgumentException("cap of engagement rule '" + name
          + "' must be positive and finite, not " + cap);
    }
    return new EngagementRule(name, attribute, channels, directions, results, points, halfLife,
        OptionalDouble.of(cap));
  }

  private @Nullable String touchesOnly() {
    if (attribute != null) {
      throw new IllegalStateException("engagement rule '" + name + "' counts events of attribute '"
          + attribute + "', not touches");
    }
    return null;
  }

  @SafeVarargs
  private <E extends Enum<E>> Set<E> set(Class<E> type, E... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("engagement rule '" + name + "' needs at least one "
          + type.getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }
    EnumSet<E> s = EnumSet.noneOf(type);
    for (E v : values) {
      s.add(Objects.requireNonNull(v, "value is null"));
    }
    return Set.copyOf(s);
  }

  /** {@return the rule's name} */
  public String name() {
    return name;
  }

  /** {@return the points per occurrence before decay} */
  public double points() {
    return points;
  }

  /** {@return after how long an occurrence counts half} */
  public Duration halfLife() {
    return halfLife;
  }

  /** {@return the most points the rule gives either way, if capped} */
  public OptionalDouble cap() {
    return cap;
  }

  /**
   * The decay factor of one occurrence: {@code 0.5^(age / halfLife)}.
   *
   * @param age the occurrence's age at the scoring instant, not negative
   * @return the factor, in (0, 1]
   */
  double decay(Duration age) {
    return Math.pow(0.5, seconds(age) / seconds(halfLife));
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  /** Whether the event is an occurrence this rule counts. */
  boolean counts(DealEvent e) {
    if (attribute == null) {
      if (!(e instanceof DealEvent.TouchRecorded)) {
        return false;
      }
      Touch t = ((DealEvent.TouchRecorded) e).touch();
      return (channels.isEmpty() || channels.contains(t.channel()))
          && (directions.isEmpty() || directions.contains(t.direction()))
          && (results.isEmpty() || results.contains(t.result()));
    }
    if (!(e instanceof DealEvent.AttributeChanged)) {
      return false;
    }
    DealEvent.AttributeChanged a = (DealEvent.AttributeChanged) e;
    return a.name().equals(attribute) && a.value().filter(EngagementRule::given).isPresent();
  }

  private static boolean given(AttributeValue v) {
    if (v instanceof AttributeValue.Flag) {
      return ((AttributeValue.Flag) v).value();
    }
    return !(v instanceof AttributeValue.Text) || !((AttributeValue.Text) v).value().isBlank();
  }

  /** The points of the given occurrences (events at or before {@code at}), with the reason. */
  LeadScore.Contribution apply(List<DealEvent> events, Instant at) {
    int count = 0;
    double sum = 0;
    @Nullable Instant latest = null;
    for (DealEvent e : events) {
      if (counts(e)) {
        count++;
        sum += points * decay(Duration.between(e.at(), at));
        latest = e.at();
      }
    }
    String what = what(count);
    if (count == 0) {
      return new LeadScore.Contribution(name, PointsScorer.round(0), "no " + what + " yet");
    }
    double total = sum;
    boolean capped = false;
    if (cap.isPresent() && Math.abs(total) > cap.getAsDouble()) {
      total = Math.copySign(cap.getAsDouble(), total);
      capped = true;
    }
    List<String> parts = new ArrayList<>();
    parts.add(count + " " + what + " x " + num(points) + ", latest " + age(Duration.between(
        Objects.requireNonNull(latest), at)) + " ago");
    parts.add("decayed to " + PointsScorer.round(sum).toPlainString() + " (half-life "
        + age(halfLife) + ")");
    if (capped) {
      parts.add("capped at " + num(cap.getAsDouble()));
    }
    return new LeadScore.Contribution(name, PointsScorer.round(total), String.join(", ", parts));
  }

  private String what(int count) {
    String noun = count == 1 ? "touch" : "touches";
    if (attribute != null) {
      return (count == 1 ? "event" : "events") + " of " + attribute;
    }
    List<String> filters = new ArrayList<>();
    describe(filters, directions);
    describe(filters, channels);
    describe(filters, results);
    return filters.isEmpty() ? noun : noun + " (" + String.join(", ", filters) + ")";
  }

  private static <E extends Enum<E>> void describe(List<String> into, Set<E> values) {
    if (!values.isEmpty()) {
      into.add(values.stream().sorted().map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
          .reduce((a, b) -> a + " or " + b).orElseThrow());
    }
  }

  private static String num(double d) {
    return LeadScore.plain(java.math.BigDecimal.valueOf(d));
  }

  private static String age(Duration d) {
    long days = d.toDays();
    if (d.equals(Duration.ofDays(days))) {
      return days == 1 ? "1 day" : days + " days";
    }
    long hours = d.toHours();
    if (d.equals(Duration.ofHours(hours))) {
      return hours == 1 ? "1 hour" : hours + " hours";
    }
    return PointsScorer.round(d.getSeconds() / 86400.0 + d.getNano() / 86400e9).toPlainString()
        + " days";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof EngagementRule)) {
      return false;
    }
    EngagementRule r = (EngagementRule) o;
    return name.equals(r.name) && Objects.equals(attribute, r.attribute)
        && channels.equals(r.channels) && directions.equals(r.directions)
        && results.equals(r.results) && Double.compare(points, r.points) == 0
        && halfLife.equals(r.halfLife) && cap.equals(r.cap);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, attribute, channels, directions, results, points, halfLife, cap);
  }

  @Override
  public String toString() {
    return name + ": " + what(2) + " -> " + num(points) + " each, half-life " + age(halfLife)
        + (cap.isPresent() ? ", cap " + num(cap.getAsDouble()) : "");
  }
}

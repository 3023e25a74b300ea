package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.LeadSource;
import java.util.Collections;
import java.util.Locale;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Funnels broken down by a key (lead source, channel, owner, an attribute), plus the total.
 * Immutable.
 *
 * @param byKey the funnel of each key, keys sorted
 * @param total the funnel of all keys together
 */
public record FunnelBreakdown(Map<String, FunnelReport> byKey, FunnelReport total) {

  /**
   * Creates the value.
   *
   * @param byKey the funnel of each key, keys sorted
   * @param total the funnel of all keys together
   * @throws NullPointerException if {@code total} is null
   */
  public FunnelBreakdown {
    byKey = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(byKey)));
    Objects.requireNonNull(total, "total is null");
  }

  /** {@return a breakdown key: the lead source temperature, "cold", "warm" or "unknown"} */
  public static Function<Deal, String> byTemperature() {
    return d -> d.leadSource().map(s -> s.temperature().name().toLowerCase(Locale.ROOT))
        .orElse("unknown");
  }

  /** {@return a breakdown key: the lead source, such as "warm:webinar", or "unknown"} */
  public static Function<Deal, String> byLeadSource() {
    return d -> d.leadSource().map(LeadSource::toString).orElse("unknown");
  }

  /** {@return a breakdown key: the owner at creation, or "unassigned"} */
  public static Function<Deal, String> byOwner() {
    return d -> d.owner().orElse("unassigned");
  }

  /**
   * A breakdown key: an attribute's value at creation.
   *
   * @param name the attribute name
   * @return the key function; deals without the attribute get "(none)"
   */
  public static Function<Deal, String> byAttribute(String name) {
    Objects.requireNonNull(name, "name is null");
    return d -> d.attribute(name).map(AttributeValue::toString).orElse("(none)");
  }

  /**
   * Returns the funnel of one key.
   *
   * @param key the key
   * @return the funnel
   * @throws IllegalArgumentException if no deal had the key
   */
  public FunnelReport get(String key) {
    FunnelReport r = byKey.get(key);
    if (r == null) {
      throw new IllegalArgumentException("no deal has key '" + key + "'; keys: " + byKey.keySet());
    }
    return r;
  }

  /** {@return one line per key: cohort size, deals that passed each stage, won, conversion} */
  public String toTable() {
    String[] header = new String[4 + total.stages().size()];
    header[0] = "key";
    header[1] = "deals";
    for (int i = 0; i < total.stages().size(); i++) {
      header[2 + i] = total.stages().get(i).name();
    }
    header[header.length - 2] = "won";
    header[header.length - 1] = "conversion";
    TextTable t = new TextTable("Funnel breakdown (" + total.cohort() + ")", header);
    for (Map.Entry<String, FunnelReport> e : byKey.entrySet()) {
      t.row(row(e.getKey(), e.getValue()));
    }
    t.row(row("total", total));
    return t.render();
  }

  private static Object[] row(String key, FunnelReport r) {
    Object[] row = new Object[4 + r.stages().size()];
    row[0] = key;
    row[1] = r.cohortSize();
    for (int i = 0; i < r.stages().size(); i++) {
      row[2 + i] = r.stages().get(i).passed();
    }
    row[row.length - 2] = r.won();
    row[row.length - 1] = TextTable.percent(r.overallConversion());
    return row;
  }

  @Override
  public String toString() {
    return "FunnelBreakdown" + byKey.keySet() + " of " + total;
  }
}

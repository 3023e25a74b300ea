package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.testkit.internal.Draw;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.quicktheories.core.Gen;

/**
 * The custom attributes generated deals may carry: a name and a value generator for each.
 * Immutable; each method returns a new schema.
 *
 * <pre>{@code
 * AttributeSchema schema = AttributeSchema.empty()
 *     .flag("proof_of_income")
 *     .number("loan_to_value", 0, 120)
 *     .text("region", "north", "south");
 * }</pre>
 */
public final class AttributeSchema {
  private final Map<String, Gen<AttributeValue>> attributes;

  private AttributeSchema(Map<String, Gen<AttributeValue>> attributes) {
    this.attributes = Collections.unmodifiableMap(attributes);
  }

  /** {@return a schema without attributes} */
  public static AttributeSchema empty() {
    return new AttributeSchema(new LinkedHashMap<>());
  }

  /**
   * The attributes the built-in guards and the {@code saas-b2b} template read: {@value
   * Deal#LEAD_SCORE} (number 0 to 100) and the flags {@code need}, {@code buying_process} and
   * {@code decision_maker}.
   *
   * @return the schema
   */
  public static AttributeSchema defaults() {
    return empty().number(Deal.LEAD_SCORE, 0, 100).flag("need").flag("buying_process")
        .flag("decision_maker");
  }

  /**
   * Adds (or replaces) an attribute with its own value generator.
   *
   * @param name the attribute name
   * @param values its values
   * @return the new schema
   */
  public AttributeSchema attribute(String name, Gen<AttributeValue> values) {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(values, "values is null");
    Map<String, Gen<AttributeValue>> copy = new LinkedHashMap<>(attributes);
    copy.put(name, values);
    return new AttributeSchema(copy);
  }

  /**
   * Adds a flag attribute (shrinks toward {@code false}).
   *
   * @param name the attribute name
   * @return the new schema
   */
  public AttributeSchema flag(String name) {
    return attribute(name, in -> AttributeValue.of(Draw.chance(in, 60)));
  }

  /**
   * Adds a whole-number attribute.
   *
   * @param name the attribute name
   * @param min the lowest value
   * @param max the highest value
   * @return the new schema
   */
  public AttributeSchema number(String name, long min, long max) {
    if (max < min) {
      throw new IllegalArgumentException("max " + max + " is below min " + min + " for " + name);
    }
    return attribute(name, in -> AttributeValue.of(BigDecimal.valueOf(Draw.between(in, min, max))));
  }

  /**
   * Adds a text attribute with the given values (shrinks toward the first).
   *
   * @param name the attribute name
   * @param values the possible values, not empty
   * @return the new schema
   */
  public AttributeSchema text(String name, String... values) {
    List<String> list = List.copyOf(Arrays.asList(values));
    if (list.isEmpty()) {
      throw new IllegalArgumentException("text attribute " + name + " needs at least one value");
    }
    return attribute(name, in -> AttributeValue.of(Draw.pick(in, list)));
  }

  /**
   * Adds a date attribute in 2020 to 2030 (shrinks toward 2020-01-01).
   *
   * @param name the attribute name
   * @return the new schema
   */
  public AttributeSchema date(String name) {
    LocalDate start = LocalDate.of(2020, 1, 1);
    return attribute(name, in -> AttributeValue.of(start.plusDays(Draw.between(in, 0, 3652))));
  }

  /**
   * Returns this schema with every attribute of another (the other's win on a name clash).
   *
   * @param other another schema
   * @return the union
   */
  public AttributeSchema and(AttributeSchema other) {
    Map<String, Gen<AttributeValue>> copy = new LinkedHashMap<>(attributes);
    copy.putAll(other.attributes);
    return new AttributeSchema(copy);
  }

  /** {@return the attribute names, in the order added} */
  public Set<String> names() {
    return attributes.keySet();
  }

  /**
   * The value generator of one attribute.
   *
   * @param name the attribute name
   * @return its generator
   * @throws IllegalArgumentException if the schema has no such attribute
   */
  public Gen<AttributeValue> values(String name) {
    Gen<AttributeValue> g = attributes.get(name);
    if (g == null) {
      throw new IllegalArgumentException("no attribute '" + name + "' in schema " + names());
    }
    return g;
  }

  /**
   * Maps of attributes: each attribute of the schema present or absent, with a generated value.
   * Shrinks toward the empty map.
   *
   * @return the generator
   */
  public Gen<Map<String, AttributeValue>> maps() {
    return in -> {
      Map<String, AttributeValue> map = new LinkedHashMap<>();
      for (Map.Entry<String, Gen<AttributeValue>> e : attributes.entrySet()) {
        if (Draw.chance(in, 50)) {
          map.put(e.getKey(), e.getValue().generate(in));
        }
      }
      return map;
    };
  }

  @Override
  public String toString() {
    return "AttributeSchema" + names();
  }
}

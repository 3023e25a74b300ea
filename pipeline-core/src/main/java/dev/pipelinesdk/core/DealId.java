package dev.pipelinesdk.core;

import dev.pipelinesdk.core.internal.Checks;

/**
 * Identifies a deal; unique within the store that keeps the deals.
 *
 * <p>Any non-blank text of at most 200 characters without surrounding whitespace and without
 * invisible characters: no control or format character (such as U+200B ZERO WIDTH SPACE), no
 * space other than U+0020 and no unpaired surrogate. Equality is by value and case-sensitive;
 * {@link #toString()} returns the value.
 *
 * @param value the identifier text
 */
public record DealId(String value) implements Comparable<DealId> {

  /**
   * Checks the id.
   *
   * @param value the identifier text
   * @throws IllegalArgumentException if {@code value} is not a valid id (see {@link StageId})
   * @throws NullPointerException if {@code value} is null
   */
  public DealId {
    Checks.id("deal id", value);
  }

  /**
   * Returns the id with the given text.
   *
   * @param value the identifier text
   * @return the id
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is not a valid id (see the class docs)
   */
  public static DealId of(String value) {
    return new DealId(value);
  }

  @Override
  public int compareTo(DealId other) {
    return value.compareTo(other.value);
  }

  /** Written out (as the record would): ids are compared on every engine call. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return this == o || o instanceof DealId && value.equals(((DealId) o).value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}

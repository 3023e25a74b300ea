package dev.pipelinesdk.testkit.gen;

/**
 * The size and shape of generated stage graphs: how many open stages, and whether deals may skip
 * stages, move back, go dormant (and be revived) and be reopened after a loss. Immutable; each
 * {@code with...} method returns a new shape.
 *
 * <p>Every generated graph has the open stages on a path to a {@code won} stage and a transition
 * from every open stage to a {@code lost} stage.
 */
public final class GraphShape {
  private final int minOpen;
  private final int maxOpen;
  private final boolean skips;
  private final boolean backMoves;
  private final boolean dormancy;
  private final boolean reopen;

  private GraphShape(int minOpen, int maxOpen, boolean skips, boolean backMoves, boolean dormancy,
      boolean reopen) {
    if (minOpen < 1 || maxOpen < minOpen) {
      throw new IllegalArgumentException("open stages must satisfy 1 <= min <= max, got min "
          + minOpen + " and max " + maxOpen);
    }
    this.minOpen = minOpen;
    this.maxOpen = maxOpen;
    this.skips = skips;
    this.backMoves = backMoves;
    this.dormancy = dormancy;
    this.reopen = reopen;
  }

  /** {@return 1 to 5 open stages in a line, then won or lost; no skips, back-moves, dormancy} */
  public static GraphShape linear() {
    return new GraphShape(1, 5, false, false, false, false);
  }

  /** {@return 1 to 6 open stages with skips, back-moves, dormancy and reopening all possible} */
  public static GraphShape any() {
    return new GraphShape(1, 6, true, true, true, true);
  }

  /**
   * Returns this shape with another number of open stages.
   *
   * @param min the fewest open stages, at least 1
   * @param max the most open stages, at least {@code min}
   * @return the new shape
   * @throws IllegalArgumentException if the bounds are out of order or below 1
   */
  public GraphShape withOpenStages(int min, int max) {
    return new GraphShape(min, max, skips, backMoves, dormancy, reopen);
  }

  /** {@return this shape where forward moves may skip stages} */
  public GraphShape withSkips() {
    return new GraphShape(minOpen, maxOpen, true, backMoves, dormancy, reopen);
  }

  /** {@return this shape with back-moves between open stages} */
  public GraphShape withBackMoves() {
    return new GraphShape(minOpen, maxOpen, skips, true, dormancy, reopen);
  }

  /** {@return this shape with a dormant ("gone dark") stage that deals can be revived from} */
  public GraphShape withDormancy() {
    return new GraphShape(minOpen, maxOpen, skips, backMoves, true, reopen);
  }

  /** {@return this shape where a lost deal can be reopened} */
  public GraphShape withReopen() {
    return new GraphShape(minOpen, maxOpen, skips, backMoves, dormancy, true);
  }

  /** {@return the fewest open stages} */
  public int minOpen() {
    return minOpen;
  }

  /** {@return the most open stages} */
  public int maxOpen() {
    return maxOpen;
  }

  /** {@return whether forward moves may skip stages} */
  public boolean skips() {
    return skips;
  }

  /** {@return whether back-moves may be declared} */
  public boolean backMoves() {
    return backMoves;
  }

  /** {@return whether a dormant stage may be declared} */
  public boolean dormancy() {
    return dormancy;
  }

  /** {@return whether reopening a lost deal may be declared} */
  public boolean reopen() {
    return reopen;
  }

  @Override
  public String toString() {
    return "GraphShape[open " + minOpen + ".." + maxOpen + (skips ? ", skips" : "")
        + (backMoves ? ", back-moves" : "") + (dormancy ? ", dormancy" : "")
        + (reopen ? ", reopen" : "") + "]";
  }
}

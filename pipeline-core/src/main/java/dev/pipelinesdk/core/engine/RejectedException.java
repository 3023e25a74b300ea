package dev.pipelinesdk.core.engine;

/**
 * Thrown by {@link Outcome#orElseThrow()} when the caller treats a rejection as unexpected. The
 * engine itself never throws this.
 */
public final class RejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Outcome.Rejected rejection;

  /**
   * Creates the exception.
   *
   * @param rejection the rejection
   * @throws NullPointerException if the rejection is null
   */
  public RejectedException(Outcome.Rejected rejection) {
    super(java.util.Objects.requireNonNull(rejection, "rejection is null").toString());
    this.rejection = rejection;
  }

  /** {@return the rejection, with every violation} */
  public Outcome.Rejected rejection() {
    return rejection;
  }
}

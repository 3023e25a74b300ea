package dev.pipelinesdk.core;

/**
 * What a transition does, derived from the kinds of its stages and the order in which the open
 * stages were declared (the funnel order).
 */
public enum TransitionKind {
  /** Open to a later open stage (possibly skipping stages). */
  ADVANCE,
  /** Open to an earlier open stage, such as Consideration back to Qualification. */
  BACKWARD,
  /** Into a won stage. */
  WIN,
  /** Into a lost stage. */
  LOSE,
  /** Into a dormant ("gone dark") stage. */
  DORMANCY,
  /** From a dormant stage back to an open stage. */
  REVIVAL,
  /** From a won or lost stage back to an open stage; must be declared as a reopen. */
  REOPEN
}

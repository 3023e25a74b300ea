package dev.pipelinesdk.testkit.gen;

/**
 * One deliberate defect of a generated stage graph ({@link BrokenDefinition}). Each adds exactly
 * one problem to what {@code PipelineDefinition.Builder.build()} reports. Problems of one stage
 * on its own (a probability outside [0, 1], a blank name) are not among them: a {@code Stage}
 * checks itself when it is built, before a definition builder sees it.
 */
public enum Breakage {
  /** The definition id has leading whitespace. */
  BAD_DEFINITION_ID,
  /** The definition's currency code is not an ISO 4217 code. */
  UNKNOWN_CURRENCY,
  /** A transition leads to a stage that does not exist. */
  DANGLING_TRANSITION,
  /** A transition leads from a stage to itself. */
  SELF_LOOP,
  /** A transition is declared twice. */
  DUPLICATE_TRANSITION,
  /** A plain transition leaves the won stage (only a declared reopen may leave a closed stage). */
  LEAVES_WON,
  /** A reopen leads from the lost stage to the won stage instead of an open stage. */
  REOPEN_TO_CLOSED,
  /** The definition has no won stage (never combined with other breakages). */
  NO_WON_STAGE,
  /** An extra open stage cannot reach a won or lost stage. */
  DEAD_END,
  /** An extra open stage cannot be reached from the entry stage. */
  UNREACHABLE_STAGE
}

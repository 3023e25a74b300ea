package dev.pipelinesdk.testkit.contract;

/**
 * A rule broke a property of its contract: an {@link AssertionError}, so test frameworks report
 * it as a failure. The message names the contract, the rule and the property, says why the
 * property does not hold, and shows the smallest counterexample found (after shrinking) as text,
 * with the seed to reproduce it.
 */
public final class ContractViolation extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** The contract's name; see {@link #contract()}. */
  private final String contract;

  /** The rule's name, as the rule reports it. */
  private final String rule;

  /** The name of the property that does not hold. */
  private final String property;

  /** Why the property does not hold, in words. */
  private final String reason;

  /** The smallest counterexample found, after shrinking, as readable text. */
  private final String counterexample;

  /** The seed that reproduces the failure. */
  private final long seed;

  /** How many examples ran until the first failure; see {@link #examples()}. */
  private final int examples;

  ContractViolation(String contract, String rule, String property, String reason,
      String counterexample, long seed, int examples, int shrinks, Throwable cause) {
    super(message(contract, rule, property, reason, counterexample, seed, examples, shrinks),
        cause);
    this.contract = contract;
    this.rule = rule;
    this.property = property;
    this.reason = reason;
    this.counterexample = counterexample;
    this.seed = seed;
    this.examples = examples;
  }

  private static String message(String contract, String rule, String property, String reason,
      String counterexample, long seed, int examples, int shrinks) {
    String nl = System.lineSeparator();
    return "'" + rule + "' breaks the " + contract + ": property '" + property
        + "' does not hold" + nl
        + "why: " + reason + nl
        + "found after " + examples + (examples == 1 ? " example" : " examples") + ", shrunk "
        + shrinks + (shrinks == 1 ? " time" : " times") + "; seed " + seed
        + " (reproduce with withSeed(" + seed + "L) or -DQT_SEED=" + seed + ")" + nl
        + "smallest counterexample:" + nl
        + counterexample.replaceAll("(?m)^", "  ");
  }

  /** {@return the contract's name} */
  public String contract() {
    return contract;
  }

  /** {@return the rule's name} */
  public String rule() {
    return rule;
  }

  /** {@return the name of the property that does not hold} */
  public String property() {
    return property;
  }

  /** {@return why the property does not hold for the counterexample} */
  public String reason() {
    return reason;
  }

  /** {@return the smallest counterexample found, as readable text} */
  public String counterexample() {
    return counterexample;
  }

  /** {@return the seed of the run; pass it to {@code withSeed} to reproduce the failure} */
  public long seed() {
    return seed;
  }

  /** {@return how many examples ran until the first failure} */
  public int examples() {
    return examples;
  }
}

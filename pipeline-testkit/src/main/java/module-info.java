/**
 * Pipeline SDK testkit: tools for property-testing code built on the SDK.
 *
 * <ul>
 *   <li>{@link dev.pipelinesdk.testkit.ManualClock}: a clock that moves only when told to.
 *   <li>{@code dev.pipelinesdk.testkit.gen}: QuickTheories generators of stage graphs (valid and
 *       deliberately broken), deals, histories, commands, requests, instants and guard contexts.
 *   <li>{@code dev.pipelinesdk.testkit.contract}: rule contracts (one call checks a user's guard
 *       against generated inputs), a stateful check of a definition with its guards, and a JUnit 5
 *       contract-test base class.
 * </ul>
 *
 * <p>QuickTheories 0.26 ships no module descriptor and no {@code Automatic-Module-Name}; its
 * automatic module name is derived from the jar name: {@code quicktheories}. Its types ({@code
 * Gen}) are part of this module's API, hence {@code requires transitive}.
 */
// Both lints name QuickTheories, which is only an automatic module (see above); there is no
// named module to require instead.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.pipelinesdk.testkit {
  requires transitive dev.pipelinesdk.core;
  requires transitive quicktheories;
  requires transitive org.junit.jupiter.api;
  requires static org.jspecify;

  exports dev.pipelinesdk.testkit;
  exports dev.pipelinesdk.testkit.gen;
  exports dev.pipelinesdk.testkit.contract;
}

/**
 * Rule contracts: one call checks a user's rule against generated inputs and reports a broken
 * property with its shrunk counterexample as readable text.
 *
 * <ul>
 *   <li>{@link dev.pipelinesdk.testkit.contract.RuleContract}: the generic mechanism, named
 *       properties over generated inputs, run with QuickTheories.
 *   <li>{@link dev.pipelinesdk.testkit.contract.GuardContracts}: the contract of a {@code Guard}
 *       (total, deterministic, independent of the wall clock, explains every denial, leaves its
 *       inputs alone, optionally monotone in declared attributes).
 *   <li>{@link dev.pipelinesdk.testkit.contract.AutomationRuleContracts}: the contract of an
 *       {@code AutomationRule} on a definition (total, due within the visit and by the instant,
 *       deterministic, independent of the wall clock, no look-ahead, stops on the declared events,
 *       optionally a cap per visit), for the built-in rules and your own alike.
 *   <li>{@link dev.pipelinesdk.testkit.contract.ScorerContracts}: the contract of a {@code
 *       LeadScorer} (total, deterministic, the parts sum to the score, blind to later events,
 *       only fading with time when nothing new happens).
 *   <li>{@link dev.pipelinesdk.testkit.contract.PipelineContracts}: a stateful check of a
 *       definition with its guards (random command sequences keep the engine's invariants).
 *   <li>{@link dev.pipelinesdk.testkit.contract.AbstractGuardContractTest}: a JUnit 5 base class,
 *       one test per property.
 * </ul>
 */
@NullMarked
package dev.pipelinesdk.testkit.contract;

import org.jspecify.annotations.NullMarked;

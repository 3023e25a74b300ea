/**
 * Follow-up automation: what is due on which deal, computed from the definition's rules, the
 * deals' histories and an instant. Core computes, it never sends: an {@link
 * dev.pipelinesdk.core.automation.AgendaItem} says what to do and when, the application does it
 * (and records it through the engine, which removes the item).
 *
 * <ul>
 *   <li>{@link dev.pipelinesdk.core.automation.BusinessCalendar}: weekend days, holidays and the
 *       zone dates are read in; {@link dev.pipelinesdk.core.automation.Span}: calendar time or
 *       business days.
 *   <li>Rules ({@link dev.pipelinesdk.core.automation.AutomationRule}), declared on the definition
 *       ({@code PipelineDefinition.Builder.rule}): {@link
 *       dev.pipelinesdk.core.automation.IdleRule} (a deal "rots" in a stage), {@link
 *       dev.pipelinesdk.core.automation.DecisionTimeout} (get a yes or no), {@link
 *       dev.pipelinesdk.core.automation.DelayContactRule} (contact the customer while a stage
 *       takes longer than it should), {@link dev.pipelinesdk.core.automation.Cadence} (planned
 *       touches, one after the other, until the customer replies).
 *   <li>{@link dev.pipelinesdk.core.automation.Agenda}: the ordered list of due items, a pure
 *       function of the definition, the histories and the instant.
 *   <li>{@link dev.pipelinesdk.core.automation.AgendaSimulator}: the agenda played forward day by
 *       day over a set of deals, a policy acting on the due items and scripted moves, through the
 *       engine (for examples, tests and tours).
 * </ul>
 *
 * <p>Every type here is immutable and thread-safe; nothing is null.
 */
@NullMarked
package dev.pipelinesdk.core.automation;

import org.jspecify.annotations.NullMarked;

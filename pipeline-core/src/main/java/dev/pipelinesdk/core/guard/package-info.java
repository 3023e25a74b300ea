/**
 * Transition guards: rules that must hold before a deal may move. A guard returns a {@link
 * dev.pipelinesdk.core.guard.Verdict} listing every reason it says no; it never throws for an
 * expected "no". Built-ins and combinators are in {@link dev.pipelinesdk.core.guard.Guards};
 * guards can be looked up by name through the {@link dev.pipelinesdk.core.guard.GuardFactory}
 * service.
 */
@NullMarked
package dev.pipelinesdk.core.guard;

import org.jspecify.annotations.NullMarked;

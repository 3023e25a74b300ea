/**
 * The providers core ships: the built-in guard factories and the {@code saas-b2b} and {@code
 * customer-success} templates. Not exported; found through {@link java.util.ServiceLoader}
 * ({@code provides} in {@code module-info.java} and {@code META-INF/services}).
 */
@NullMarked
package dev.pipelinesdk.core.internal.builtin;

import org.jspecify.annotations.NullMarked;

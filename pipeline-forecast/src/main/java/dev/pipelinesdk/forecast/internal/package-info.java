/**
 * Internals shared by this module's packages; not exported by {@code module-info.java}, so not
 * part of the API.
 */
@NullMarked
package dev.pipelinesdk.forecast.internal;

import org.jspecify.annotations.NullMarked;

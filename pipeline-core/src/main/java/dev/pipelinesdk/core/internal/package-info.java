/** Implementation details of the core module; not exported, not API. */
@NullMarked
package dev.pipelinesdk.core.internal;

import org.jspecify.annotations.NullMarked;

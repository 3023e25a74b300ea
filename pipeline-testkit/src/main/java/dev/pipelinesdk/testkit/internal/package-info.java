/** Implementation details of the testkit; not exported, not API. */
@NullMarked
package dev.pipelinesdk.testkit.internal;

import org.jspecify.annotations.NullMarked;

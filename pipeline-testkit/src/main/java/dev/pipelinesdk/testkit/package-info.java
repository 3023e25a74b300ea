/** Test tools for code built on the Pipeline SDK. */
@NullMarked
package dev.pipelinesdk.testkit;

import org.jspecify.annotations.NullMarked;

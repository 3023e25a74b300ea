/**
 * Ready-made pipeline definitions, found by name through the {@link
 * dev.pipelinesdk.core.template.PipelineTemplate} service: core ships {@code saas-b2b} (the
 * article's default B2B pipeline) and {@code customer-success} (the hand-over after a win);
 * vendors ship theirs (such as a mortgage pipeline) as a jar.
 */
@NullMarked
package dev.pipelinesdk.core.template;

import org.jspecify.annotations.NullMarked;

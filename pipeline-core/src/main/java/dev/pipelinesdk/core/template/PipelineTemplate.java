package dev.pipelinesdk.core.template;

import dev.pipelinesdk.core.PipelineDefinition;

/**
 * Service: a named, ready-made pipeline definition. Register implementations with {@code provides}
 * in {@code module-info.java} and in {@code
 * META-INF/services/dev.pipelinesdk.core.template.PipelineTemplate}; find them with {@link
 * PipelineTemplates}.
 */
public interface PipelineTemplate {

  /** {@return the name the template is found by, such as {@code "saas-b2b"}} */
  String name();

  /** {@return one line saying what the pipeline is for} */
  String description();

  /** {@return the definition; the same (equal) definition on every call} */
  PipelineDefinition definition();
}

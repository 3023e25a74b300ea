package dev.pipelinesdk.core.template;

import dev.pipelinesdk.core.PipelineDefinition;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds {@link PipelineTemplate} services by name. Core ships two:
 *
 * <ul>
 *   <li>{@code saas-b2b}, the article's default B2B pipeline. Open stages in funnel order: {@code
 *       prospecting} (5%), {@code qualification} (15%), {@code consideration} (40%, best case),
 *       {@code decision} (70%, commit); then {@code won} or {@code lost}. Prospecting ->
 *       Qualification needs a lead score of at least 50 (a marketing-qualified lead, attribute
 *       {@value dev.pipelinesdk.core.Deal#LEAD_SCORE}); Qualification -> Consideration needs the
 *       sales-qualified facts {@code need}, {@code buying_process} and {@code decision_maker};
 *       Consideration -> Decision needs an amount. Back-moves Consideration -> Qualification and
 *       Decision -> Consideration; lost and {@code dormant} ("gone dark", not lost) from every
 *       open stage; a dormant deal can be revived into qualification, consideration or decision,
 *       or given up as lost; a lost deal can be reopened into qualification. Idle thresholds 14,
 *       10, 14 and 7 days. Delivery is not a stage: a won deal is handed over to
 *       {@code customer-success}, so "won" stays terminal.
 *   <li>{@code customer-success}, delivery after the sale: {@code kickoff} -> {@code onboarding}
 *       -> {@code live} (won), or {@code churned} (lost) from any open stage; Onboarding -> Live
 *       needs the {@code go_live_signed_off} attribute.
 * </ul>
 */
public final class PipelineTemplates {
  private PipelineTemplates() {}

  /**
   * Loads every template visible to {@link ServiceLoader}.
   *
   * @return the templates by name, sorted
   * @throws IllegalStateException naming both providers if two templates share a name
   */
  public static Map<String, PipelineTemplate> load() {
    Map<String, PipelineTemplate> byName = new TreeMap<>();
    for (PipelineTemplate t
        : ServiceLoader.load(PipelineTemplate.class, PipelineTemplate.class.getClassLoader())) {
      PipelineTemplate before = byName.putIfAbsent(t.name(), t);
      if (before != null) {
        throw new IllegalStateException("two pipeline templates are named '" + t.name() + "': "
            + before.getClass().getName() + " and " + t.getClass().getName());
      }
    }
    return java.util.Collections.unmodifiableMap(byName);
  }

  /**
   * The definition of a template.
   *
   * @param name the template name, such as {@code "saas-b2b"}
   * @return the definition
   * @throws IllegalArgumentException if no template has that name; the message lists the known
   *     names
   */
  public static PipelineDefinition definition(String name) {
    Objects.requireNonNull(name, "template name is null");
    Map<String, PipelineTemplate> all = load();
    PipelineTemplate t = all.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no pipeline template named '" + name
          + "'; known templates: " + all.keySet());
    }
    return t.definition();
  }
}

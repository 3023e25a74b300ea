/**
 * Pipeline SDK core: stage graphs, deals and their event history, guards, the transition engine,
 * templates and diagrams.
 *
 * <p>Services: {@link dev.pipelinesdk.core.guard.GuardFactory} (guards by name), {@link
 * dev.pipelinesdk.core.template.PipelineTemplate} (ready-made definitions; core provides {@code
 * saas-b2b} and {@code customer-success}), {@link dev.pipelinesdk.core.engine.PipelineListener}
 * and {@link dev.pipelinesdk.core.forecast.ForecastModel} (forecast models by name), {@link
 * dev.pipelinesdk.core.scoring.LeadScorer} (lead scorers by name; core provides {@code points}).
 */
// "requires-automatic": Immutables' value-annotations jar has no module descriptor, only an
// Automatic-Module-Name. It is compile-time only (`requires static`), so no user ever resolves it.
@SuppressWarnings({"requires-automatic", "module"}) // module: the qualified export below names a module built after this one
module dev.pipelinesdk.core {
  // not transitive: no Guava type appears in a public signature (the graph types and immutable
  // collections are internal; the API returns java.util types)
  requires com.google.common;
  requires org.slf4j;
  requires static org.immutables.value.annotations;
  requires static java.compiler; // @javax.annotation.processing.Generated on Immutables output
  requires static com.google.errorprone.annotations; // annotations on Immutables output
  requires static transitive org.jspecify; // @NullMarked / @Nullable are on public signatures

  exports dev.pipelinesdk.core;
  exports dev.pipelinesdk.core.guard;
  exports dev.pipelinesdk.core.engine;
  exports dev.pipelinesdk.core.template;
  exports dev.pipelinesdk.core.diagram;
  exports dev.pipelinesdk.core.metrics;
  exports dev.pipelinesdk.core.forecast;
  exports dev.pipelinesdk.core.automation;
  // the compensated sum shared by core's distribution types and the forecast engine
  exports dev.pipelinesdk.core.internal to dev.pipelinesdk.forecast;
  exports dev.pipelinesdk.core.scoring;

  uses dev.pipelinesdk.core.guard.GuardFactory;
  uses dev.pipelinesdk.core.template.PipelineTemplate;
  uses dev.pipelinesdk.core.engine.PipelineListener;
  uses dev.pipelinesdk.core.forecast.ForecastModel;
  uses dev.pipelinesdk.core.scoring.LeadScorer;

  provides dev.pipelinesdk.core.guard.GuardFactory with
      dev.pipelinesdk.core.internal.builtin.BuiltInGuardFactories.RequiredAttributes,
      dev.pipelinesdk.core.internal.builtin.BuiltInGuardFactories.MinimumLeadScore,
      dev.pipelinesdk.core.internal.builtin.BuiltInGuardFactories.MinimumTouches,
      dev.pipelinesdk.core.internal.builtin.BuiltInGuardFactories.NoSkipping,
      dev.pipelinesdk.core.internal.builtin.BuiltInGuardFactories.NoBackwardMoves,
      dev.pipelinesdk.core.internal.builtin.BuiltInGuardFactories.AmountPresent,
      dev.pipelinesdk.core.internal.builtin.BuiltInGuardFactories.MinimumTimeInStage,
      dev.pipelinesdk.core.internal.builtin.BuiltInGuardFactories.ActorHasRole,
      dev.pipelinesdk.core.internal.builtin.BuiltInGuardFactories.OwnerIn,
      dev.pipelinesdk.core.internal.builtin.QualificationGuardFactories.MarketingQualified,
      dev.pipelinesdk.core.internal.builtin.QualificationGuardFactories.SalesQualified;
  provides dev.pipelinesdk.core.scoring.LeadScorer with
      dev.pipelinesdk.core.internal.builtin.DefaultPointsScorer;
  provides dev.pipelinesdk.core.template.PipelineTemplate with
      dev.pipelinesdk.core.internal.builtin.SaasB2bTemplate,
      dev.pipelinesdk.core.internal.builtin.CustomerSuccessTemplate;
}

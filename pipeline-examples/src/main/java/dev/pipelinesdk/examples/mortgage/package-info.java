/**
 * A vendor's mortgage pipeline, shipped as a vendor would ship it: {@link
 * dev.pipelinesdk.examples.mortgage.MortgageTemplate} (template {@code mortgage}, registered in
 * {@code META-INF/services/dev.pipelinesdk.core.template.PipelineTemplate}), the borrower-facing
 * messages of its delay contacts ({@link dev.pipelinesdk.examples.mortgage.MortgageMessages}, a
 * resource bundle in English and German) and custom guards checked with the testkit's contracts
 * ({@link dev.pipelinesdk.examples.mortgage.MortgageGuards}). Only the SDK's exported API is used.
 */
package dev.pipelinesdk.examples.mortgage;

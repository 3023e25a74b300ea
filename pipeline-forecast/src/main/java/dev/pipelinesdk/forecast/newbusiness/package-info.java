/**
 * New business: what deals not in the pipeline yet, created within the horizon, are expected to
 * win by its end, estimated from the histories known at the as-of instant. The entry point is
 * {@link dev.pipelinesdk.forecast.newbusiness.NewBusiness}; its result, {@link
 * dev.pipelinesdk.forecast.newbusiness.NewBusinessForecast}, is reported apart from the open
 * pipeline's forecast and can be added to it trial by trial for the distribution of the total.
 */
@NullMarked
package dev.pipelinesdk.forecast.newbusiness;

import org.jspecify.annotations.NullMarked;

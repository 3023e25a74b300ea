package dev.pipelinesdk.spark;

import dev.pipelinesdk.spark.internal.PipelineOutcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import scala.Tuple2;

/**
 * What a run per pipeline gave ({@link SparkPipelines#forecasts}, {@link
 * SparkPipelines#backtests}): the result of each pipeline that could be run, and why each other
 * could not (a rejection is a value: one pipeline the model cannot forecast, such as one without
 * closed deals to learn from, does not fail the job). Lazy, as datasets are: each action runs the
 * pipelines again unless the run is {@linkplain #persist() persisted}, so persist it when you ask
 * for both the results and the problems.
 *
 * @param <T> the result type of one pipeline
 */
public final class PipelineRun<T> {
  private final Dataset<PipelineOutcome> outcomes;
  private final Class<T> type;

  PipelineRun(Dataset<PipelineOutcome> outcomes, Class<T> type) {
    this.outcomes = outcomes;
    this.type = type;
  }

  /** {@return each pipeline key with its result, for the pipelines that could be run} */
  public Dataset<Tuple2<String, T>> results() {
    Class<T> t = type;
    return outcomes.flatMap((FlatMapFunction<PipelineOutcome, Tuple2<String, T>>) o -> o.result()
        .map(r -> List.of(new Tuple2<>(o.pipeline(), t.cast(r))).iterator())
        .orElseGet(() -> List.<Tuple2<String, T>>of().iterator()),
        Encoders.tuple(Encoders.STRING(), PipelineEncoders.of(type)));
  }

  /**
   * Says why each pipeline that could not be run could not (runs a job).
   *
   * @return per pipeline key, the problem in words (the model's or the input's own message),
   *     sorted by key; empty when every pipeline was run
   */
  public Map<String, String> problems() {
    Map<String, String> out = new TreeMap<>();
    for (Tuple2<String, String> t : outcomes
        .filter((FilterFunction<PipelineOutcome>) o -> o.problem().isPresent())
        .map((MapFunction<PipelineOutcome, Tuple2<String, String>>) o -> new Tuple2<>(
            o.pipeline(), o.problem().orElseThrow()),
            Encoders.tuple(Encoders.STRING(), Encoders.STRING()))
        .collectAsList()) {
      out.put(t._1(), t._2());
    }
    return out;
  }

  /**
   * Keeps the outcomes (Spark's default storage level) so that the results and the problems are
   * computed once.
   *
   * @return this run
   */
  public PipelineRun<T> persist() {
    outcomes.persist();
    return this;
  }
}

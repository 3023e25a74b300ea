package dev.pipelinesdk.benchmarks.forecast;

import dev.pipelinesdk.benchmarks.metrics.Histories;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.forecast.model.CompetingRisksModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Fitting the default forecast model: one operation is {@link CompetingRisksModel#fit} over every
 * history of {@link ForecastData#histories} ({@code -p deals=N}; 10,000, 100,000 and 1,000,000 by
 * default), as of {@link Histories#AS_OF}: every stage visit extracted from the histories, then
 * one Aalen-Johansen estimate per open stage. Generating the histories is not timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ForecastFitBenchmark {

  /** The histories; generated once per fork, not timed. */
  @State(Scope.Benchmark)
  public static class Data {
    /** Number of histories (deals). */
    @Param({"10000", "100000", "1000000"})
    public int deals;

    List<DealHistory> histories;
    PipelineDefinition definition;
    CompetingRisksModel model;

    /** Generates the histories. */
    @Setup(Level.Trial)
    public void generate() {
      histories = ForecastData.histories(deals);
      definition = ForecastData.definition();
      model = new CompetingRisksModel();
    }
  }

  /**
   * Fits the competing-risks model: the estimate of every open stage.
   *
   * @param d the histories
   * @return the estimates
   */
  @Benchmark
  public static Map<StageId, CompetingRisksModel.Incidence> fit(Data d) {
    return d.model.fit(d.definition, d.histories, Histories.AS_OF);
  }
}

package dev.pipelinesdk.benchmarks.agenda;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import java.util.Arrays;
import java.util.List;
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
 * The agenda over many open deals: one operation is the whole agenda of {@link
 * AgendaData#generate} ({@code -p deals=N}; 10,000 and 100,000 by default) as of {@link
 * AgendaData#AS_OF}, on {@link AgendaData#definition()} (11 rules on 4 stages).
 *
 * <ul>
 *   <li>{@link #agenda}: {@code Agenda.of(definition, histories, asOf)}, the library's one pass;
 *   <li>{@link #userLoop}: the same items the way a user would compose them from the public API
 *       ({@link UserLoop}: per deal {@code RuleContext.of} and every rule of its stage);
 *   <li>{@link #reviewLoop}: a floor, the review rules alone over primitive arrays ({@link
 *       ReviewLoop}).
 * </ul>
 *
 * <p>Before timing, {@link Data#generate} checks that the user loop gives exactly the agenda's
 * items and that the floor counts exactly the agenda's review items (and the same due instants);
 * {@code AgendaBenchmarkTest} does the same at 2,000 deals in {@code mvn verify}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AgendaBenchmark {

  /** The histories; generated once per fork, not timed. */
  @State(Scope.Benchmark)
  public static class Data {
    /** Number of open deals. */
    @Param({"10000", "100000"})
    public int deals;

    AgendaData.Dataset data;
    PipelineDefinition definition;
    List<DealHistory> histories;
    long asOf;

    /**
     * Generates the histories and checks that every contender gives the same answer.
     *
     * @throws IllegalStateException if they differ
     */
    @Setup(Level.Trial)
    public void generate() {
      data = AgendaData.generate(deals);
      definition = AgendaData.definition();
      histories = data.histories();
      asOf = AgendaData.AS_OF.getEpochSecond();
      check(this);
    }
  }

  /**
   * Checks the contenders against each other.
   *
   * @param d the data
   * @return the agenda
   * @throws IllegalStateException if the user loop's items or the floor's count differ from the
   *     agenda's
   */
  public static Agenda check(Data d) {
    Agenda agenda = agenda(d);
    List<AgendaItem> user = userLoop(d);
    if (!user.equals(agenda.items())) {
      throw new IllegalStateException("the user loop gives " + user.size() + " items, the"
          + " agenda " + agenda.items().size() + ", or others");
    }
    long[] floor = reviewLoop(d);
    long count = 0;
    long sum = 0;
    for (AgendaItem i : agenda.items()) {
      if (i.rule().startsWith("review:")) {
        count++;
        sum += i.dueSince().getEpochSecond();
      }
    }
    if (floor[0] != count || floor[1] != sum) {
      throw new IllegalStateException("the review loop gives " + Arrays.toString(floor)
          + ", the agenda's review items " + count + " due at " + sum);
    }
    return agenda;
  }

  /**
   * The library: {@code Agenda.of}.
   *
   * @param d the data
   * @return the agenda
   */
  @Benchmark
  public static Agenda agenda(Data d) {
    return Agenda.of(d.definition, d.histories, AgendaData.AS_OF);
  }

  /**
   * The baseline: per deal {@code RuleContext.of} and each rule of its stage.
   *
   * @param d the data
   * @return the items
   */
  @Benchmark
  public static List<AgendaItem> userLoop(Data d) {
    return UserLoop.items(d.definition, d.histories, AgendaData.AS_OF);
  }

  /**
   * The floor: the review rules alone over primitive arrays.
   *
   * @param d the data
   * @return {count, checksum}
   */
  @Benchmark
  public static long[] reviewLoop(Data d) {
    return ReviewLoop.due(d.data, d.asOf);
  }
}

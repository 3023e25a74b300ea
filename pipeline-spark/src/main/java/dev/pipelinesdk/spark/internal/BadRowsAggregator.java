package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.spark.BadRow;
import dev.pipelinesdk.spark.BadRows;
import dev.pipelinesdk.spark.PipelineEncoders;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * Bad rows per pipeline: a count per kind of problem and the examples that sort first by
 * message (so the same whatever the partitioning), at most a given number.
 */
public final class BadRowsAggregator extends Aggregator<BadRow, BadRowsAggregator.Buffer, BadRows> {
  private static final long serialVersionUID = 1L;
  /** Examples are {message, problem} pairs (a bad row is not Serializable), by message. */
  private static final Comparator<String[]> ORDER = Comparator.<String[], String>comparing(
      e -> e[0]).thenComparing(e -> e[1]);
  private final int examples;

  /**
   * Creates the aggregator.
   *
   * @param examples how many examples to keep
   */
  public BadRowsAggregator(int examples) {
    this.examples = examples;
  }

  /** The buffer: the pipeline, the counts and the first examples. */
  public static final class Buffer implements Serializable {
    private static final long serialVersionUID = 1L;
    String pipeline = "";
    long rows;
    final TreeMap<String, Long> byProblem = new TreeMap<>();
    final ArrayList<String[]> examples = new ArrayList<>();

    Buffer() {}
  }

  @Override
  public Buffer zero() {
    return new Buffer();
  }

  @Override
  public Buffer reduce(Buffer b, BadRow row) {
    b.pipeline = row.pipeline();
    b.rows++;
    b.byProblem.merge(row.problem(), 1L, Long::sum);
    b.examples.add(new String[] {row.message(), row.problem()});
    trim(b);
    return b;
  }

  @Override
  public Buffer merge(Buffer a, Buffer b) {
    if (a.pipeline.isEmpty()) {
      a.pipeline = b.pipeline;
    }
    a.rows += b.rows;
    b.byProblem.forEach((k, v) -> a.byProblem.merge(k, v, Long::sum));
    a.examples.addAll(b.examples);
    trim(a);
    return a;
  }

  private void trim(Buffer b) {
    if (b.examples.size() > 2 * examples + 16) {
      b.examples.sort(ORDER);
      b.examples.subList(examples, b.examples.size()).clear();
    }
  }

  @Override
  public BadRows finish(Buffer b) {
    List<String[]> first = new ArrayList<>(b.examples);
    first.sort(ORDER);
    List<BadRow> kept = new ArrayList<>();
    for (String[] e : first.subList(0, Math.min(examples, first.size()))) {
      kept.add(new BadRow(b.pipeline, e[1], e[0]));
    }
    return new BadRows(b.pipeline, b.rows, b.byProblem, kept);
  }

  @Override
  public Encoder<Buffer> bufferEncoder() {
    return Encoders.javaSerialization(Buffer.class);
  }

  @Override
  public Encoder<BadRows> outputEncoder() {
    return PipelineEncoders.of(BadRows.class);
  }
}

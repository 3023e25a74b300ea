package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.spark.internal.WireCodec;
import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders;
import org.apache.spark.sql.catalyst.encoders.Codec;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction0;

/**
 * Spark encoders for core's values: {@link DealHistory}, {@link PipelineHistory} and the metrics'
 * reports ({@code FunnelReport}, {@code SnapshotReport}, ...), so they can be the elements of a
 * {@code Dataset} and the results of an aggregation.
 *
 * <p>Why not {@code Encoders.kryo}: core's values are records, and the Kryo 4 that Spark ships
 * cannot write records (it asks the JDK for field offsets, which the JDK refuses for records:
 * "can't get field offset on a record class"); {@code Encoders.javaSerialization} needs {@code
 * Serializable} values, which core's are not. These encoders write each value as one binary
 * column in a wire form of our own: records by their components (read back through their
 * canonical constructors, which check them again), a deal by its fields, a history as its events
 * (read back through {@link DealHistory#of}, which replays and checks them). A value read back
 * equals the value written. Built on Spark's {@code TransformingEncoder} (the mechanism behind
 * its own Kryo encoder), which is Spark 4's internal API: this class is the one place to change
 * when Spark changes it.
 */
public final class PipelineEncoders {
  private PipelineEncoders() {}

  /** {@return the encoder of deal histories} */
  public static Encoder<DealHistory> histories() {
    return of(DealHistory.class);
  }

  /** {@return the encoder of histories with their pipeline key} */
  public static Encoder<PipelineHistory> pipelineHistories() {
    return of(PipelineHistory.class);
  }

  /**
   * Returns the encoder of a core value type: a record made of core values (a report such as
   * {@code FunnelReport}, an event), {@code Deal} or {@link DealHistory}.
   *
   * @param type the class of the values
   * @param <T> the value type
   * @return the encoder; a value it cannot write (a type outside core's values) fails the task
   *     with a message naming its class
   */
  public static <T> Encoder<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type is null");
    return new AgnosticEncoders.TransformingEncoder<T, byte[]>(ClassTag$.MODULE$.apply(type),
        AgnosticEncoders.BinaryEncoder$.MODULE$, new Provider<>(type), false);
  }

  /** The codec provider Spark calls on each executor. */
  private static final class Provider<T> extends AbstractFunction0<Codec<? super T, byte[]>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;

    Provider(Class<T> type) {
      this.type = type;
    }

    @Override
    public Codec<? super T, byte[]> apply() {
      return new WireCodec<>(type);
    }
  }
}

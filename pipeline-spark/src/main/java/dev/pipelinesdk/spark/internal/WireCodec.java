package dev.pipelinesdk.spark.internal;

import org.apache.spark.sql.catalyst.encoders.Codec;

/**
 * Spark's {@link Codec} over {@link ValueCodec}: a value of type {@code T} to its bytes and back.
 * Each thread uses its own {@code ValueCodec}.
 *
 * @param <T> the value type
 */
public final class WireCodec<T> implements Codec<T, byte[]> {
  private static final long serialVersionUID = 1L;
  private final Class<T> type;
  private transient ThreadLocal<ValueCodec> codec;

  /**
   * Creates the codec.
   *
   * @param type the class of the values
   */
  public WireCodec(Class<T> type) {
    this.type = type;
  }

  private ValueCodec codec() {
    if (codec == null) {
      codec = ThreadLocal.withInitial(ValueCodec::new);
    }
    return codec.get();
  }

  @Override
  public byte[] encode(T value) {
    return codec().write(value);
  }

  @Override
  public T decode(byte[] bytes) {
    return type.cast(codec().read(bytes));
  }
}

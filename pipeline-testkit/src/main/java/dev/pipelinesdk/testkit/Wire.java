package dev.pipelinesdk.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a distributed engine does to a value it ships between workers (a metric's accumulator in
 * a Spark aggregation buffer, a broadcast, a Flink state snapshot): Java serialization out and
 * back. For tests of your own metrics and values that must travel:
 *
 * <pre>{@code
 * Metric.Accumulator<R> merged = metric.newAccumulator();
 * merged.merge(Wire.roundTrip(partAccumulator)); // received, as on another worker
 * assertThat(merged.result()).isEqualTo(Metrics.compute(metric, histories));
 * }</pre>
 */
public final class Wire {
  private Wire() {}

  /**
   * A value written with Java serialization and read back.
   *
   * @param value the value, {@link Serializable} (and everything it holds)
   * @param <T> its type
   * @return the copy read back
   * @throws IllegalArgumentException naming the class that is not serializable if the value
   *     (or something it holds) cannot be written
   * @throws IllegalStateException if the bytes cannot be read back (a broken {@code
   *     readObject}, a class missing when reading)
   */
  @SuppressWarnings("unchecked")
  public static <T extends Serializable> T roundTrip(T value) {
    Objects.requireNonNull(value, "value is null");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(value.getClass().getName() + " cannot travel: it holds"
          + " a " + e.getMessage() + ", which is not Serializable", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + ": " + e,
          e);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(
        bytes.toByteArray()))) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read back " + value.getClass().getName() + ": "
          + e, e);
    }
  }
}

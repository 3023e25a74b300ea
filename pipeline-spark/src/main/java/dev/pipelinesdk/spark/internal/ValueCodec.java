package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.spark.PipelineHistory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The wire form of core's values: histories, events, deals and the metrics' reports, as bytes.
 * Core's values are immutable records (and {@link Deal}, {@link DealHistory}), none of them
 * {@code Serializable}; Spark's Kryo 4 cannot write records at all (it needs field offsets, which
 * the JDK refuses for records: {@code EncodersTest} shows it). So this writes a value graph
 * itself: records by their components (read back through their canonical constructors, which
 * check them again), a deal through {@link Deal#builder()}, a history as its events (read back
 * through {@link DealHistory#of}, which replays and checks them), and the JDK values they hold.
 * A value of the SDK that is none of these but {@link Serializable} (the forecast module's {@code
 * Calibration} and Monte Carlo {@code TrialBlocks}, which are made to travel) is written by Java
 * serialization.
 *
 * <p>A value read back equals the value written. Class names are written once per value and
 * referred to by number after that. One instance per thread: not thread-safe (it remembers the
 * record constructors it has looked up).
 */
public final class ValueCodec {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int BOOLEAN = 2;
  private static final int INT = 3;
  private static final int LONG = 4;
  private static final int DOUBLE = 5;
  private static final int DECIMAL = 6;
  private static final int INSTANT = 7;
  private static final int DATE = 8;
  private static final int DURATION = 9;
  private static final int CURRENCY = 10;
  private static final int ENUM = 11;
  private static final int OPTIONAL = 12;
  private static final int OPTIONAL_DOUBLE = 13;
  private static final int LIST = 14;
  private static final int MAP = 15;
  private static final int SET = 16;
  private static final int RECORD = 17;
  private static final int DEAL = 18;
  private static final int HISTORY = 19;
  private static final int DEAL_ID = 20;
  private static final int STAGE_ID = 21;
  private static final int SERIALIZABLE = 22;
  /** A {@code PipelineHistory}: its key first, so {@link #pipelineOf} reads it alone. */
  private static final int PIPELINE_HISTORY = 23;
  /** The package prefix of the SDK's Serializable values (JDK values have their own tags). */
  private static final String SDK = "dev.pipelinesdk.";

  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
      ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.BIG_ENDIAN);

  // What this codec has looked up (it is used by one thread: see WireCodec). Measured (Flight
  // Recorder, the Spark benchmark's histories at 100k deals): reading and writing over
  // DataInput/OutputStream on the synchronized ByteArray streams, a record's components looked up
  // on every write and a class found by name on every read were most of the codec's time.
  private final Map<Class<?>, Constructor<?>> constructors = new HashMap<>();
  private final Map<Class<?>, Method[]> accessors = new HashMap<>();
  private final Map<String, Class<?>> loaded = new HashMap<>();

  /** Creates a codec. */
  public ValueCodec() {}

  /**
   * Writes a value.
   *
   * @param value the value: a record of core values, a deal, a history or a JDK value they hold
   * @return its bytes
   * @throws IllegalArgumentException naming the class of a value this codec cannot write
   */
  public byte[] write(Object value) {
    Out out = new Out();
    try {
      new Writer(out).value(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Reads a value written by {@link #write}.
   *
   * @param bytes the bytes
   * @return the value, equal to the one written
   * @throws IllegalArgumentException if the bytes are not a value this codec wrote
   */
  public Object read(byte[] bytes) {
    try {
      return new Reader(new In(bytes)).value();
    } catch (IOException e) {
      throw new IllegalArgumentException("not a value written by ValueCodec: " + e, e);
    }
  }

  /**
   * The pipeline key of a {@code PipelineHistory} in its wire form, read without the history (a
   * history read is a replay of its events).
   *
   * @param bytes the bytes of a {@code PipelineHistory}
   * @return its pipeline key
   * @throws IllegalArgumentException if the bytes are not a {@code PipelineHistory} this codec
   *     wrote
   */
  public static String pipelineOf(byte[] bytes) {
    In in = new In(bytes);
    try {
      if (in.readByte() != PIPELINE_HISTORY) {
        throw new IllegalArgumentException("not a PipelineHistory written by ValueCodec");
      }
      return in.readString(in.readInt());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a value written by ValueCodec: " + e, e);
    }
  }

  private final class Writer {
    private final Out out;
    private final Map<Class<?>, Integer> classes = new HashMap<>();

    Writer(Out out) {
      this.out = out;
    }

    void value(Object v) throws IOException {
      if (v == null) {
        out.writeByte(NULL);
      } else if (v instanceof String s) {
        out.writeByte(STRING);
        string(s);
      } else if (v instanceof DealId id) {
        out.writeByte(DEAL_ID);
        string(id.value());
      } else if (v instanceof StageId id) {
        out.writeByte(STAGE_ID);
        string(id.value());
      } else if (v instanceof Boolean b) {
        out.writeByte(BOOLEAN);
        out.writeBoolean(b);
      } else if (v instanceof Integer i) {
        out.writeByte(INT);
        out.writeInt(i);
      } else if (v instanceof Long l) {
        out.writeByte(LONG);
        out.writeLong(l);
      } else if (v instanceof Double d) {
        out.writeByte(DOUBLE);
        out.writeDouble(d);
      } else if (v instanceof BigDecimal d) {
        out.writeByte(DECIMAL);
        out.writeInt(d.scale());
        byte[] unscaled = d.unscaledValue().toByteArray();
        out.writeInt(unscaled.length);
        out.write(unscaled);
      } else if (v instanceof Instant t) {
        out.writeByte(INSTANT);
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
      } else if (v instanceof LocalDate d) {
        out.writeByte(DATE);
        out.writeLong(d.toEpochDay());
      } else if (v instanceof Duration d) {
        out.writeByte(DURATION);
        out.writeLong(d.getSeconds());
        out.writeInt(d.getNano());
      } else if (v instanceof Currency c) {
        out.writeByte(CURRENCY);
        string(c.getCurrencyCode());
      } else if (v instanceof Enum<?> e) {
        out.writeByte(ENUM);
        type(e.getDeclaringClass());
        string(e.name());
      } else if (v instanceof Optional<?> o) {
        out.writeByte(OPTIONAL);
        value(o.orElse(null));
      } else if (v instanceof OptionalDouble o) {
        out.writeByte(OPTIONAL_DOUBLE);
        out.writeBoolean(o.isPresent());
        if (o.isPresent()) {
          out.writeDouble(o.getAsDouble());
        }
      } else if (v instanceof List<?> list) {
        out.writeByte(LIST);
        out.writeInt(list.size());
        for (Object o : list) {
          value(o);
        }
      } else if (v instanceof Set<?> set) {
        out.writeByte(SET);
        out.writeInt(set.size());
        for (Object o : set) {
          value(o);
        }
      } else if (v instanceof Map<?, ?> map) {
        out.writeByte(MAP);
        out.writeInt(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
          value(e.getKey());
          value(e.getValue());
        }
      } else if (v instanceof PipelineHistory p) {
        out.writeByte(PIPELINE_HISTORY);
        string(p.pipeline());
        value(p.history());
      } else if (v instanceof DealHistory h) {
        out.writeByte(HISTORY);
        value(h.events());
      } else if (v instanceof Deal d) {
        out.writeByte(DEAL);
        deal(d);
      } else if (v instanceof Record r) {
        out.writeByte(RECORD);
        type(r.getClass());
        for (Method accessor : accessors.computeIfAbsent(r.getClass(), ValueCodec::accessors)) {
          value(component(r, accessor));
        }
      } else if (v instanceof Serializable && v.getClass().getName().startsWith(SDK)) {
        out.writeByte(SERIALIZABLE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
          o.writeObject(v);
        }
        out.writeInt(bytes.size());
        out.write(bytes.toByteArray());
      } else {
        throw new IllegalArgumentException("cannot write a " + v.getClass().getName()
            + ": the wire form holds core's records, deals, histories, the JDK values in them"
            + " and the SDK's Serializable values");
      }
    }

    private void deal(Deal d) throws IOException {
      value(d.id());
      value(d.title());
      value(d.account());
      value(d.amount());
      value(d.stage());
      value(d.createdAt());
      value(d.stageEnteredAt());
      value(d.updatedAt());
      value(d.owner());
      value(d.leadSource());
      value(d.attributes());
      value(d.closeDate());
      value(d.manualProbability());
      out.writeInt(d.touchCount());
      value(d.lastTouchAt());
      value(d.lostReason());
    }

    private static Object component(Record r, Method accessor) {
      try {
        return accessor.invoke(r);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalArgumentException("cannot read component " + accessor.getName() + " of "
            + r.getClass().getName() + ": " + e, e);
      }
    }

    private void type(Class<?> c) throws IOException {
      Integer known = classes.get(c);
      if (known != null) {
        out.writeInt(known);
      } else {
        out.writeInt(-1);
        string(c.getName());
        classes.put(c, classes.size());
      }
    }

    private void string(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private final class Reader {
    private final In in;
    private final List<Class<?>> classes = new ArrayList<>();

    Reader(In in) {
      this.in = in;
    }

    Object value() throws IOException {
      int tag = in.readByte();
      switch (tag) {
        case NULL:
          return null;
        case STRING:
          return string();
        case DEAL_ID:
          return DealId.of(string());
        case STAGE_ID:
          return StageId.of(string());
        case BOOLEAN:
          return in.readBoolean();
        case INT:
          return in.readInt();
        case LONG:
          return in.readLong();
        case DOUBLE:
          return in.readDouble();
        case DECIMAL: {
          int scale = in.readInt();
          byte[] unscaled = new byte[in.readInt()];
          in.readFully(unscaled);
          return new BigDecimal(new BigInteger(unscaled), scale);
        }
        case INSTANT:
          return Instant.ofEpochSecond(in.readLong(), in.readInt());
        case DATE:
          return LocalDate.ofEpochDay(in.readLong());
        case DURATION:
          return Duration.ofSeconds(in.readLong(), in.readInt());
        case CURRENCY:
          return Currency.getInstance(string());
        case ENUM:
          return enumValue(type(), string());
        case OPTIONAL:
          return Optional.ofNullable(value());
        case OPTIONAL_DOUBLE:
          return in.readBoolean() ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty();
        case LIST: {
          int n = in.readInt();
          List<Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(value());
          }
          return Collections.unmodifiableList(list);
        }
        case SET: {
          int n = in.readInt();
          Set<Object> set = new LinkedHashSet<>();
          for (int i = 0; i < n; i++) {
            set.add(value());
          }
          return Collections.unmodifiableSet(set);
        }
        case MAP: {
          int n = in.readInt();
          Map<Object, Object> map = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            map.put(value(), value());
          }
          return Collections.unmodifiableMap(map);
        }
        case PIPELINE_HISTORY: {
          String pipeline = string();
          return new PipelineHistory(pipeline, (DealHistory) value());
        }
        case HISTORY: {
          @SuppressWarnings("unchecked")
          List<DealEvent> events = (List<DealEvent>) value();
          return DealHistory.of(events);
        }
        case DEAL:
          return deal();
        case RECORD:
          return record(type());
        case SERIALIZABLE:
          return serialized();
        default:
          throw new IOException("unknown tag " + tag);
      }
    }

    @SuppressWarnings("unchecked")
    private Deal deal() throws IOException {
      Deal.Builder b = Deal.builder()
          .id((DealId) value())
          .title((String) value())
          .account((Optional<String>) value())
          .amount((Optional<dev.pipelinesdk.core.Money>) value())
          .stage((StageId) value())
          .createdAt((Instant) value())
          .stageEnteredAt((Instant) value())
          .updatedAt((Instant) value())
          .owner((Optional<String>) value())
          .leadSource((Optional<dev.pipelinesdk.core.LeadSource>) value())
          .attributes((Map<String, dev.pipelinesdk.core.AttributeValue>) value())
          .closeDate((Optional<LocalDate>) value())
          .manualProbability((OptionalDouble) value());
      b.touchCount(in.readInt());
      b.lastTouchAt((Optional<Instant>) value());
      b.lostReason((Optional<String>) value());
      return b.build();
    }

    private Object record(Class<?> type) throws IOException {
      Constructor<?> canonical = constructors.computeIfAbsent(type, ValueCodec::canonical);
      Object[] args = new Object[canonical.getParameterCount()];
      Class<?>[] types = canonical.getParameterTypes();
      for (int i = 0; i < args.length; i++) {
        args[i] = value();
        if (types[i].isPrimitive() && args[i] == null) {
          throw new IOException("null for primitive component " + i + " of " + type.getName());
        }
      }
      try {
        return canonical.newInstance(args);
      } catch (InstantiationException | IllegalAccessException e) {
        throw new IOException("cannot make a " + type.getName() + ": " + e, e);
      } catch (InvocationTargetException e) {
        throw new IOException("a " + type.getName() + " read back refuses its values: "
            + e.getCause(), e.getCause());
      }
    }

    private Object enumValue(Class<?> type, String name) throws IOException {
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(name)) {
          return constant;
        }
      }
      throw new IOException("no constant " + name + " in " + type.getName());
    }

    private Object serialized() throws IOException {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(b)) {
        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc)
            throws IOException, ClassNotFoundException {
          try {
            return Class.forName(desc.getName(), false, ValueCodec.class.getClassLoader());
          } catch (ClassNotFoundException e) {
            return super.resolveClass(desc);
          }
        }
      }) {
        return o.readObject();
      } catch (ClassNotFoundException e) {
        throw new IOException("unknown class " + e.getMessage(), e);
      }
    }

    private Class<?> type() throws IOException {
      int known = in.readInt();
      if (known >= 0) {
        return classes.get(known);
      }
      String name = string();
      Class<?> c = loaded.get(name);
      if (c == null) {
        try {
          c = Class.forName(name, false, ValueCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new IOException("unknown class " + name, e);
        }
        loaded.put(name, c);
      }
      classes.add(c);
      return c;
    }

    private String string() throws IOException {
      return in.readString(in.readInt());
    }
  }

  private static Method[] accessors(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    Method[] out = new Method[components.length];
    for (int i = 0; i < components.length; i++) {
      out[i] = components[i].getAccessor();
    }
    return out;
  }

  /** A growing byte array written big-endian, as {@code DataOutputStream} writes, unsynchronized. */
  private static final class Out {
    private byte[] buf = new byte[256];
    private int size;

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void writeByte(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    void writeBoolean(boolean b) {
      writeByte(b ? 1 : 0);
    }

    void writeInt(int v) {
      ensure(4);
      INTS.set(buf, size, v);
      size += 4;
    }

    void writeLong(long v) {
      ensure(8);
      LONGS.set(buf, size, v);
      size += 8;
    }

    void writeDouble(double v) {
      writeLong(Double.doubleToLongBits(v));
    }

    void write(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }
  }

  /** Reads what {@link Out} wrote; a read past the end is an {@link IOException}. */
  private static final class In {
    private final byte[] buf;
    private int pos;

    In(byte[] buf) {
      this.buf = buf;
    }

    private int take(int n) throws IOException {
      if (n < 0 || pos + n > buf.length) {
        throw new IOException("truncated: " + n + " bytes wanted at " + pos + " of "
            + buf.length);
      }
      int at = pos;
      pos += n;
      return at;
    }

    byte readByte() throws IOException {
      return buf[take(1)];
    }

    boolean readBoolean() throws IOException {
      return readByte() != 0;
    }

    int readInt() throws IOException {
      return (int) INTS.get(buf, take(4));
    }

    long readLong() throws IOException {
      return (long) LONGS.get(buf, take(8));
    }

    double readDouble() throws IOException {
      return Double.longBitsToDouble(readLong());
    }

    void readFully(byte[] b) throws IOException {
      System.arraycopy(buf, take(b.length), b, 0, b.length);
    }

    String readString(int n) throws IOException {
      return new String(buf, take(n), n, StandardCharsets.UTF_8);
    }
  }

  private static Constructor<?> canonical(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      return type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
    }
  }
}

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
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
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
 * <p>A value read back equals the value written. The SDK's classes a history is made of are
 * written by number, others by name once per value and by number after that; a string, deal id
 * or stage id seen before in the same value is written by number too (read back as the same
 * instance: they are immutable). A value is read by the same build of this module that wrote it
 * (the class numbers are its own). One instance per thread: not thread-safe (it remembers the
 * classes it has found by name).
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
  /** A string, deal id or stage id written before in the same value: its number follows. */
  private static final int SEEN = 24;
  /** A decimal whose unscaled value fits in a long (every amount but huge ones). */
  private static final int SMALL_DECIMAL = 25;
  /** The package prefix of the SDK's Serializable values (JDK values have their own tags). */
  private static final String SDK = "dev.pipelinesdk.";

  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
      ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.BIG_ENDIAN);

  /**
   * The SDK's classes a history is made of, by number: every record, enum and sealed type
   * reachable from the events and the deal's values through record components, sealed
   * subtypes and the type arguments of components ({@code Optional<Money>}), in the order of
   * their names. The writer and the reader are the same build, so the numbers agree; a class
   * not here is written by name once per value. Measured (the Spark benchmark's histories at
   * 100k deals, one thread): the class names, 40 bytes each and found by name on every read,
   * and a deal id or stage id parsed and checked again in every event were half of writing and
   * reading a history.
   */
  private static final List<Class<?>> KNOWN = known(DealEvent.class, Deal.class,
      DealHistory.class);
  private static final Map<Class<?>, Integer> KNOWN_NUMBERS = numbers(KNOWN);

  /** Which tag a class is written with (-1: none), found once per class, not per value. */
  private static final ClassValue<Integer> KIND = new ClassValue<>() {
    @Override
    protected Integer computeValue(Class<?> c) {
      return kind(c);
    }
  };

  /**
   * A record class's canonical constructor and accessors as method handles, looked up once per
   * class (reflective calls were a tenth of writing and reading a history).
   */
  private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
    @Override
    protected RecordShape computeValue(Class<?> c) {
      return RecordShape.of(c);
    }
  };

  // What this codec has looked up (it is used by one thread: see WireCodec). Measured (Flight
  // Recorder, the Spark benchmark's histories at 100k deals): reading and writing over
  // DataInput/OutputStream on the synchronized ByteArray streams and a class found by name on
  // every read were most of the codec's time.
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
      return in.readString(in.readVarInt());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a value written by ValueCodec: " + e, e);
    }
  }

  private final class Writer {
    private final Out out;
    private final Map<Class<?>, Integer> classes = new HashMap<>();
    /** The strings and ids written so far, by number (the reader numbers them alike). */
    private final Map<Object, Integer> seen = new HashMap<>();

    Writer(Out out) {
      this.out = out;
    }

    void value(Object v) throws IOException {
      if (v == null) {
        out.writeByte(NULL);
        return;
      }
      int kind = KIND.get(v.getClass());
      switch (kind) {
        case STRING, DEAL_ID, STAGE_ID -> {
          Integer before = seen.putIfAbsent(v, seen.size());
          if (before != null) {
            out.writeByte(SEEN);
            out.writeVarInt(before);
            return;
          }
          out.writeByte(kind);
          string(kind == STRING ? (String) v
              : kind == DEAL_ID ? ((DealId) v).value() : ((StageId) v).value());
        }
        case BOOLEAN -> {
          out.writeByte(BOOLEAN);
          out.writeBoolean((Boolean) v);
        }
        case INT -> {
          out.writeByte(INT);
          out.writeInt((Integer) v);
        }
        case LONG -> {
          out.writeByte(LONG);
          out.writeLong((Long) v);
        }
        case DOUBLE -> {
          out.writeByte(DOUBLE);
          out.writeDouble((Double) v);
        }
        case DECIMAL -> {
          BigDecimal d = (BigDecimal) v;
          BigInteger unscaled = d.unscaledValue();
          if (unscaled.bitLength() < 64) {
            out.writeByte(SMALL_DECIMAL);
            out.writeInt(d.scale());
            out.writeLong(unscaled.longValue());
          } else {
            out.writeByte(DECIMAL);
            out.writeInt(d.scale());
            byte[] bytes = unscaled.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
          }
        }
        case INSTANT -> {
          Instant t = (Instant) v;
          out.writeByte(INSTANT);
          out.writeLong(t.getEpochSecond());
          out.writeInt(t.getNano());
        }
        case DATE -> {
          out.writeByte(DATE);
          out.writeLong(((LocalDate) v).toEpochDay());
        }
        case DURATION -> {
          Duration d = (Duration) v;
          out.writeByte(DURATION);
          out.writeLong(d.getSeconds());
          out.writeInt(d.getNano());
        }
        case CURRENCY -> {
          out.writeByte(CURRENCY);
          string(((Currency) v).getCurrencyCode());
        }
        case ENUM -> {
          Enum<?> e = (Enum<?>) v;
          out.writeByte(ENUM);
          type(e.getDeclaringClass());
          string(e.name());
        }
        case OPTIONAL -> {
          out.writeByte(OPTIONAL);
          value(((Optional<?>) v).orElse(null));
        }
        case OPTIONAL_DOUBLE -> {
          OptionalDouble o = (OptionalDouble) v;
          out.writeByte(OPTIONAL_DOUBLE);
          out.writeBoolean(o.isPresent());
          if (o.isPresent()) {
            out.writeDouble(o.getAsDouble());
          }
        }
        case LIST, SET -> {
          java.util.Collection<?> c = (java.util.Collection<?>) v;
          out.writeByte(kind);
          out.writeVarInt(c.size());
          for (Object o : c) {
            value(o);
          }
        }
        case MAP -> {
          Map<?, ?> map = (Map<?, ?>) v;
          out.writeByte(MAP);
          out.writeVarInt(map.size());
          for (Map.Entry<?, ?> e : map.entrySet()) {
            value(e.getKey());
            value(e.getValue());
          }
        }
        case PIPELINE_HISTORY -> {
          PipelineHistory p = (PipelineHistory) v;
          out.writeByte(PIPELINE_HISTORY);
          string(p.pipeline());
          value(p.history());
        }
        case HISTORY -> {
          out.writeByte(HISTORY);
          value(((DealHistory) v).events());
        }
        case DEAL -> {
          out.writeByte(DEAL);
          deal((Deal) v);
        }
        case RECORD -> {
          out.writeByte(RECORD);
          type(v.getClass());
          RecordShape shape = SHAPES.get(v.getClass());
          for (int i = 0; i < shape.accessors.length; i++) {
            value(shape.component(v, i));
          }
        }
        case SERIALIZABLE -> {
          out.writeByte(SERIALIZABLE);
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
          try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(v);
          }
          out.writeInt(bytes.size());
          out.write(bytes.toByteArray());
        }
        default -> throw new IllegalArgumentException("cannot write a " + v.getClass().getName()
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

    /** A class: 2n + 1 for the n-th known class, 2n + 2 for this value's n-th named one, 0 and
     * its name for a new one. */
    private void type(Class<?> c) throws IOException {
      Integer known = KNOWN_NUMBERS.get(c);
      if (known != null) {
        out.writeVarInt(2 * known + 1);
        return;
      }
      Integer named = classes.get(c);
      if (named != null) {
        out.writeVarInt(2 * named + 2);
      } else {
        out.writeVarInt(0);
        string(c.getName());
        classes.put(c, classes.size());
      }
    }

    private void string(String s) throws IOException {
      out.writeString(s);
    }
  }

  private final class Reader {
    private final In in;
    private final List<Class<?>> classes = new ArrayList<>();
    /** The strings and ids read so far, numbered as the writer numbered them. */
    private final List<Object> seen = new ArrayList<>();

    Reader(In in) {
      this.in = in;
    }

    Object value() throws IOException {
      int tag = in.readByte();
      switch (tag) {
        case NULL:
          return null;
        case STRING:
          return saw(string());
        case DEAL_ID:
          return saw(DealId.of(string()));
        case STAGE_ID:
          return saw(StageId.of(string()));
        case SEEN: {
          int n = in.readVarInt();
          if (n >= seen.size()) {
            throw new IOException("no value " + n + " seen before, " + seen.size() + " were");
          }
          return seen.get(n);
        }
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
        case SMALL_DECIMAL: {
          int scale = in.readInt();
          return BigDecimal.valueOf(in.readLong(), scale);
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
          int n = in.readVarInt();
          List<Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(value());
          }
          return Collections.unmodifiableList(list);
        }
        case SET: {
          int n = in.readVarInt();
          Set<Object> set = new LinkedHashSet<>();
          for (int i = 0; i < n; i++) {
            set.add(value());
          }
          return Collections.unmodifiableSet(set);
        }
        case MAP: {
          int n = in.readVarInt();
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

    private Object saw(Object v) {
      seen.add(v);
      return v;
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
      if (!type.isRecord()) {
        throw new IOException(type.getName() + " is not a record");
      }
      RecordShape shape = SHAPES.get(type);
      Object[] args = new Object[shape.types.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = value();
        if (shape.types[i].isPrimitive() && args[i] == null) {
          throw new IOException("null for primitive component " + i + " of " + type.getName());
        }
      }
      return shape.make(args);
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
      int code = in.readVarInt();
      if (code % 2 == 1) {
        int n = (code - 1) / 2;
        if (n >= KNOWN.size()) {
          throw new IOException("no known class " + n + ", " + KNOWN.size() + " are known");
        }
        return KNOWN.get(n);
      }
      if (code > 0) {
        int n = (code - 2) / 2;
        if (n >= classes.size()) {
          throw new IOException("no class " + n + " named before, " + classes.size() + " were");
        }
        return classes.get(n);
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
      return in.readString(in.readVarInt());
    }
  }

  /** The tag a value of class {@code c} is written with, or -1 if none. */
  private static int kind(Class<?> c) {
    if (c == String.class) {
      return STRING;
    } else if (c == DealId.class) {
      return DEAL_ID;
    } else if (c == StageId.class) {
      return STAGE_ID;
    } else if (c == Boolean.class) {
      return BOOLEAN;
    } else if (c == Integer.class) {
      return INT;
    } else if (c == Long.class) {
      return LONG;
    } else if (c == Double.class) {
      return DOUBLE;
    } else if (BigDecimal.class.isAssignableFrom(c)) {
      return DECIMAL;
    } else if (c == Instant.class) {
      return INSTANT;
    } else if (c == LocalDate.class) {
      return DATE;
    } else if (c == Duration.class) {
      return DURATION;
    } else if (c == Currency.class) {
      return CURRENCY;
    } else if (Enum.class.isAssignableFrom(c)) {
      return ENUM;
    } else if (c == Optional.class) {
      return OPTIONAL;
    } else if (c == OptionalDouble.class) {
      return OPTIONAL_DOUBLE;
    } else if (List.class.isAssignableFrom(c)) {
      return LIST;
    } else if (Set.class.isAssignableFrom(c)) {
      return SET;
    } else if (Map.class.isAssignableFrom(c)) {
      return MAP;
    } else if (c == PipelineHistory.class) {
      return PIPELINE_HISTORY;
    } else if (DealHistory.class.isAssignableFrom(c)) {
      return HISTORY;
    } else if (Deal.class.isAssignableFrom(c)) {
      return DEAL;
    } else if (c.isRecord()) {
      return RECORD;
    } else if (Serializable.class.isAssignableFrom(c) && c.getName().startsWith(SDK)) {
      return SERIALIZABLE;
    }
    return -1;
  }

  /** The closure of the roots over record components, sealed subtypes and type arguments. */
  private static List<Class<?>> known(Class<?>... roots) {
    Set<Class<?>> found = new LinkedHashSet<>();
    List<java.lang.reflect.Type> todo = new ArrayList<>(Arrays.asList(roots));
    while (!todo.isEmpty()) {
      java.lang.reflect.Type t = todo.remove(todo.size() - 1);
      if (t instanceof java.lang.reflect.ParameterizedType p) {
        todo.add(p.getRawType());
        todo.addAll(Arrays.asList(p.getActualTypeArguments()));
      } else if (t instanceof Class<?> c && c.getName().startsWith(SDK) && found.add(c)) {
        if (c.isRecord()) {
          for (RecordComponent rc : c.getRecordComponents()) {
            todo.add(rc.getGenericType());
          }
        }
        if (c.isSealed()) {
          todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
        }
        if (c == Deal.class) { // not a record: the values its builder takes
          for (Method m : Deal.class.getMethods()) {
            if (m.getParameterCount() == 0 && m.getDeclaringClass() == Deal.class) {
              todo.add(m.getGenericReturnType());
            }
          }
        }
      }
    }
    List<Class<?>> sorted = new ArrayList<>(found);
    sorted.sort(java.util.Comparator.comparing(Class::getName));
    return List.copyOf(sorted);
  }

  private static Map<Class<?>, Integer> numbers(List<Class<?>> classes) {
    Map<Class<?>, Integer> n = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      n.put(classes.get(i), i);
    }
    return Map.copyOf(n);
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

    /** A non-negative int in 7-bit groups, low first: one byte below 128. */
    void writeVarInt(int v) {
      ensure(5);
      while ((v & ~0x7F) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    /** Its UTF-8 length and bytes; a Latin-1 string of ASCII characters copied as it is. */
    void writeString(String s) {
      int n = s.length();
      ensure(5 + n);
      int start = size;
      writeVarInt(n);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) { // not ASCII: the encoder's bytes instead
          size = start;
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          writeVarInt(b.length);
          write(b);
          return;
        }
        buf[size++] = (byte) c;
      }
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

    int readVarInt() throws IOException {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        byte b = readByte();
        v |= (b & 0x7F) << shift;
        if (b >= 0) {
          if (v < 0) {
            throw new IOException("a negative length or number: " + v);
          }
          return v;
        }
      }
      throw new IOException("a number longer than 5 bytes");
    }

    void readFully(byte[] b) throws IOException {
      System.arraycopy(buf, take(b.length), b, 0, b.length);
    }

    String readString(int n) throws IOException {
      return new String(buf, take(n), n, StandardCharsets.UTF_8);
    }
  }

  /** A record class's components: their types, accessors and canonical constructor. */
  private static final class RecordShape {
    final Class<?> type;
    final Class<?>[] types;
    final MethodHandle[] accessors;
    /** {@code (Object[]) -> Object}: the canonical constructor over spread arguments. */
    final MethodHandle constructor;

    private RecordShape(Class<?> type, Class<?>[] types, MethodHandle[] accessors,
        MethodHandle constructor) {
      this.type = type;
      this.types = types;
      this.accessors = accessors;
      this.constructor = constructor;
    }

    static RecordShape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      MethodHandle[] accessors = new MethodHandle[components.length];
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      try {
        for (int i = 0; i < components.length; i++) {
          types[i] = components[i].getType();
          accessors[i] = lookup.unreflect(components[i].getAccessor())
              .asType(MethodType.methodType(Object.class, Object.class));
        }
        MethodHandle constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types))
            .asType(MethodType.genericMethodType(types.length))
            .asSpreader(Object[].class, types.length);
        return new RecordShape(type, types, accessors, constructor);
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
      } catch (IllegalAccessException e) {
        throw new IllegalArgumentException("cannot reach the components of " + type.getName()
            + " (a record this codec writes must be public, in an exported package): " + e, e);
      }
    }

    Object component(Object record, int i) {
      try {
        return (Object) accessors[i].invokeExact(record);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalArgumentException("cannot read component " + i + " of "
            + type.getName() + ": " + e, e);
      }
    }

    Object make(Object[] args) throws IOException {
      try {
        return (Object) constructor.invokeExact(args);
      } catch (Error e) {
        throw e;
      } catch (Throwable e) {
        // the record's own checks refuse what was read: a value this codec did not write
        throw new IOException("a " + type.getName() + " read back refuses its values: " + e, e);
      }
    }
  }
}

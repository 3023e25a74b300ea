package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.HistoryImport;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.spark.BadRow;
import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.PipelineHistory;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * One deal's stage-history rows into its history: each row parsed from its Spark columns (typed
 * or text), the rows ordered by {@code at}, ties by the sequence, then folded by core's {@link
 * HistoryImport}, the fold the command line's reader uses too (so the same rows give the same
 * history and the same refusals). Bad rows are collected (or fail the task with {@code
 * failOnBadRows}); {@code SparkHistoriesTest} reads the same file both ways and compares.
 */
public final class DealRows
    implements FlatMapGroupsFunction<String, Row, Tuple2<byte[], byte[]>> {
  private static final long serialVersionUID = 1L;
  static final String UNKNOWN_STAGE = "unknown stage";
  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
  private static final Pattern PLAIN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter(Locale.ROOT);

  private final Broadcast<Definitions> definitions;
  private final RowLayout layout;
  /**
   * The reader of each key, made once per task (this function is deserialized per task) rather
   * than once per deal: {@code Pipeline.of} was 2.4% of reading histories (Flight Recorder, the
   * Spark benchmark at 100k deals), a stage looked up in the definition's list 1%.
   */
  private transient @Nullable Map<String, PipelineReader> readers;
  /** This task's codec (one thread runs a task). */
  private transient @Nullable ValueCodec codec;

  /**
   * Creates the function.
   *
   * @param definitions the broadcast definitions
   * @param layout where the columns are
   */
  public DealRows(Broadcast<Definitions> definitions, RowLayout layout) {
    this.definitions = definitions;
    this.layout = layout;
  }

  /**
   * The rows grouped by deal: by pipeline key and {@code deal_id}, each stripped of white space
   * ({@link DealRows#key}). When the pipeline key column is text ({@code deal_id} always is), the
   * key is computed from those two columns alone; a {@code groupByKey} with a function would
   * convert every row into a Java {@code Row} for its key, and again for its group. A pipeline
   * key of another type (a number) takes the function.
   *
   * @param rows the rows
   * @param layout where their columns are
   * @return the rows grouped by deal
   */
  public static KeyValueGroupedDataset<String, Row> byDeal(Dataset<Row> rows,
      RowLayout layout) {
    StructField pipeline = rows.schema().fields()[layout.pipeline];
    StructField deal = rows.schema().fields()[layout.deal];
    if (!pipeline.dataType().equals(DataTypes.StringType)
        || !deal.dataType().equals(DataTypes.StringType)) {
      return rows.groupByKey(DealRows.key(layout), Encoders.STRING());
    }
    UserDefinedFunction key = functions.udf((UDF2<String, String, String>) DealRows::key,
        DataTypes.StringType);
    return rows.groupBy(key.apply(rows.col(quoted(pipeline.name())),
        rows.col(quoted(deal.name()))).as(DEAL_KEY))
        .as(Encoders.STRING(), Encoders.row(rows.schema()));
  }

  /** A column name as {@code Dataset.col} reads it literally (a dot is not a field access). */
  private static String quoted(String name) {
    return '`' + name.replace("`", "``") + '`';
  }

  /** The column {@link #byDeal} groups by. */
  private static final String DEAL_KEY = "__deal_key";

  /**
   * {@return the grouping key of a row: its pipeline key and deal id}
   *
   * @param layout where the columns are
   */
  public static MapFunction<Row, String> key(RowLayout layout) {
    int p = layout.pipeline;
    int d = layout.deal;
    return row -> text(row, p) + '\u0000' + text(row, d);
  }

  /**
   * {@return the grouping key of a row whose pipeline key and deal id are text: the same as
   * {@link #key(RowLayout)} gives}
   *
   * @param pipeline the pipeline key, or null
   * @param deal the deal id, or null
   */
  public static String key(@Nullable String pipeline, @Nullable String deal) {
    return (pipeline == null ? "" : pipeline.strip()) + '\u0000'
        + (deal == null ? "" : deal.strip());
  }

  private static String text(Row row, int i) {
    Object v = row.isNullAt(i) ? null : row.get(i);
    return v == null ? "" : v.toString().strip();
  }

  @Override
  public Iterator<Tuple2<byte[], byte[]>> call(String key, Iterator<Row> rows) {
    String pipelineKey = key.substring(0, key.indexOf('\u0000'));
    Fold fold = new Fold(pipelineKey);
    List<Parsed> parsed = new ArrayList<>();
    List<Row> all = new ArrayList<>();
    rows.forEachRemaining(all::add);
    PipelineReader reader = null;
    if (pipelineKey.isEmpty()) {
      for (Row r : all) {
        fold.bad(r, "empty pipeline", "empty " + name(layout.pipeline, r));
      }
    } else if (!definitions.value().keys().contains(pipelineKey)) {
      for (Row r : all) {
        fold.bad(r, "unknown pipeline", "no definition for pipeline '" + pipelineKey
            + "' in column " + name(layout.pipeline, r) + "; known: " + definitions.value().keys());
      }
    } else if (!refusedForItsId(fold, key.substring(key.indexOf('\u0000') + 1), all)) {
      reader = reader(pipelineKey, definitions.value().definition(pipelineKey));
      for (Row r : all) {
        Parsed p = fold.parse(r, reader);
        if (p != null) {
          parsed.add(p);
        }
      }
      if (!parsed.isEmpty()) {
        // stable: ties by the sequence, so the input order where the sequence is the reader's own
        parsed.sort(Comparator.comparing((Parsed p) -> p.at).thenComparingLong(p -> p.sequence));
      }
    }
    Optional<DealHistory> history = Optional.empty();
    if (reader != null && !parsed.isEmpty()) {
      history = Optional.ofNullable(fold.history(reader.fold, parsed));
    }
    if (codec == null) {
      codec = new ValueCodec();
    }
    // written here in the wire forms of PipelineHistory and DealBadRows, so that the histories
    // are a column of the result, read by no one until they are used (HistoryRead)
    byte[] historyBytes = history.map(h -> codec.write(new PipelineHistory(pipelineKey, h)))
        .orElse(null);
    byte[] badBytes = fold.bad.isEmpty() ? null : codec.write(new DealBadRows(fold.bad));
    return List.of(new Tuple2<>(historyBytes, badBytes)).iterator();
  }

  /**
   * Refuses every row of a deal whose id (the same in each of its rows: they are grouped by it)
   * is empty or not a deal id, the first thing a row's reading checks; checked once per deal
   * instead of once per row.
   *
   * @return whether the rows were refused
   */
  private boolean refusedForItsId(Fold fold, String deal, List<Row> rows) {
    String kind;
    String what;
    if (deal.isEmpty()) {
      kind = "empty deal_id";
      what = "empty ";
    } else {
      try {
        DealId.of(deal);
        return false;
      } catch (IllegalArgumentException e) {
        kind = "invalid deal id";
        what = e.getMessage() + " in column ";
      }
    }
    for (Row r : rows) {
      fold.bad(r, kind, what + name(layout.deal, r));
    }
    return true;
  }

  private PipelineReader reader(String key, PipelineDefinition definition) {
    if (readers == null) {
      readers = new HashMap<>();
    }
    return readers.computeIfAbsent(key, k -> new PipelineReader(definition, layout));
  }

  /** What reading one pipeline's rows needs: its import fold and its stages by id. */
  private static final class PipelineReader {
    final PipelineDefinition definition;
    final HistoryImport fold;
    final Map<String, StageId> stages = new HashMap<>();

    PipelineReader(PipelineDefinition definition, RowLayout layout) {
      this.definition = definition;
      HistoryImport f = HistoryImport.into(Pipeline.of(definition, () -> {
        throw new IllegalStateException("an import reads no clock");
      }), Currency.getInstance(layout.defaultCurrency));
      this.fold = layout.amount >= 0 ? f.withAmountColumn("amount") : f;
      for (Stage stage : definition.stages()) {
        stages.put(stage.id().value(), stage.id());
      }
    }
  }

  private static String name(int index, Row row) {
    return row.schema().fields()[index].name();
  }

  /** One parsed row. */
  private static final class Parsed {
    Row row;
    String deal;
    Instant at;
    long sequence;
    StageId stage;
    @Nullable BigDecimal amount;
    @Nullable Currency currency;
    String owner = "";
    String source = "";
    @Nullable Instant createdAt;
    @Nullable LocalDate closeDate;
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
  }

  /** A bad row found while reading a deal: thrown inside the fold, never out of it. */
  private static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String kind;

    Problem(String kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }
  }

  /** The state of reading one deal. */
  private final class Fold {
    final String pipeline;
    final List<BadRow> bad = new ArrayList<>();

    Fold(String pipeline) {
      this.pipeline = pipeline;
    }

    String where(Row row) {
      return "pipeline '" + pipeline + "', deal '" + text(row, layout.deal) + "', row at '"
          + text(row, layout.at) + "' in stage '" + text(row, layout.stage) + "': ";
    }

    void bad(Row row, String kind, String what) {
      String message = where(row) + what;
      if (layout.failOnBadRows) {
        throw new IllegalArgumentException(kind + ": " + message);
      }
      bad.add(new BadRow(pipeline, kind, message));
    }

    @Nullable Parsed parse(Row row, PipelineReader reader) {
      try {
        return parsed(row, reader);
      } catch (Problem p) {
        bad(row, p.kind, p.getMessage());
        return null;
      }
    }

    /** A row's columns; its deal id is the group's, checked already ({@link #dealProblem}). */
    private Parsed parsed(Row row, PipelineReader reader) {
      Parsed p = new Parsed();
      p.row = row;
      p.deal = text(row, layout.deal);
      String stageText = text(row, layout.stage);
      if (stageText.isEmpty()) {
        throw new Problem("empty stage", "empty " + name(layout.stage, row));
      }
      p.stage = reader.stages.get(stageText);
      if (p.stage == null) {
        PipelineDefinition definition = reader.definition;
        String known = definition.stages().stream().map(st -> st.id().value()).sorted()
            .collect(Collectors.joining(", "));
        throw new Problem(UNKNOWN_STAGE, "unknown stage '" + stageText + "' in column "
            + name(layout.stage, row) + "; known stages of pipeline '" + definition.id() + "': "
            + known);
      }
      p.at = instant(row, layout.at);
      p.sequence = row.get(layout.sequence) instanceof Number n ? n.longValue() : 0;
      if (layout.closeDate >= 0 && present(row, layout.closeDate)) {
        p.closeDate = instant(row, layout.closeDate).atZone(ZoneOffset.UTC).toLocalDate();
      }
      if (layout.createdAt >= 0 && present(row, layout.createdAt)) {
        p.createdAt = instant(row, layout.createdAt);
      }
      if (layout.amount >= 0 && present(row, layout.amount)) {
        p.amount = amount(row, layout.amount);
      }
      if (layout.currency >= 0 && present(row, layout.currency)) {
        String code = text(row, layout.currency);
        try {
          p.currency = Money.currency(code);
        } catch (IllegalArgumentException e) {
          throw new Problem("unknown currency", "unknown currency code '" + code + "' in column "
              + name(layout.currency, row));
        }
      }
      if (layout.owner >= 0) {
        p.owner = text(row, layout.owner);
      }
      if (layout.source >= 0) {
        p.source = text(row, layout.source);
      }
      for (int i = 0; i < layout.attributeIndexes.length; i++) {
        int c = layout.attributeIndexes[i];
        if (present(row, c)) {
          p.attributes.put(layout.attributeNames[i], attribute(row, c));
        }
      }
      return p;
    }

    private boolean present(Row row, int i) {
      return !row.isNullAt(i) && !(row.get(i) instanceof String str && str.strip().isEmpty());
    }

    /** An instant from a timestamp, date or ISO text column, within the reader's range. */
    private Instant instant(Row row, int i) {
      if (!present(row, i)) {
        throw new Problem("bad date", "bad date '' in column " + name(i, row)
            + ": expected an ISO date or date-time");
      }
      Object v = row.get(i);
      Instant at;
      if (v instanceof Timestamp t) {
        at = t.toInstant();
      } else if (v instanceof Instant t) {
        at = t;
      } else if (v instanceof LocalDateTime t) {
        at = t.toInstant(ZoneOffset.UTC);
      } else if (v instanceof java.sql.Date d) {
        at = d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
      } else if (v instanceof LocalDate d) {
        at = d.atStartOfDay(ZoneOffset.UTC).toInstant();
      } else {
        String text = v.toString().strip();
        at = iso(text);
        if (at == null) {
          throw new Problem("bad date", "bad date '" + text + "' in column " + name(i, row)
              + ": expected an ISO date (2017-03-01) or date-time (2017-03-01T10:15:00Z,"
              + " 2017-03-01T10:15:00+01:00)");
        }
      }
      if (at.isBefore(EARLIEST) || !at.isBefore(END)) {
        throw new Problem("date out of range", "date '" + v + "' in column " + name(i, row)
            + " is outside the dates this reader takes, 1900-01-01 to 2100-01-01 (exclusive)");
      }
      return at;
    }

    private @Nullable Instant iso(String text) {
      if (text.length() == 10) {
        try {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
          return null;
        }
      }
      String t = text.endsWith(" UTC") ? text.substring(0, text.length() - 4) : text;
      try {
        TemporalAccessor parsed = DATE_TIME.parse(t);
        LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed),
            java.time.LocalTime.from(parsed));
        return parsed.isSupported(ChronoField.OFFSET_SECONDS)
            ? local.toInstant(ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)))
            : local.toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        return null;
      }
    }

    private BigDecimal amount(Row row, int i) {
      Object v = row.get(i);
      BigDecimal value;
      String text = null; // the amount as the row has it, when it is text
      if (v instanceof BigDecimal b) {
        value = b;
      } else if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
          throw new Problem("non-numeric amount", "amount is not a number: " + v + " in column "
              + name(i, row));
        }
        value = BigDecimal.valueOf(d);
      } else if (v instanceof Number n) {
        value = BigDecimal.valueOf(n.longValue());
      } else {
        text = v.toString().strip();
        if (!PLAIN.matcher(text).matches()) {
          throw new Problem("non-numeric amount", "amount is not a plain decimal number: '"
              + text + "' in column " + name(i, row));
        }
        value = new BigDecimal(text);
      }
      if (value.signum() < 0) {
        throw new Problem("negative amount", "negative amount '" + shown(value, text)
            + "' in column " + name(i, row));
      }
      if (value.precision() - value.scale() > Money.MAX_INTEGER_DIGITS
          || value.scale() > Money.MAX_FRACTION_DIGITS) {
        throw new Problem("amount too large", "amount '" + shown(value, text) + "' in column "
            + name(i, row) + " has more than " + Money.MAX_INTEGER_DIGITS
            + " digits before the point or " + Money.MAX_FRACTION_DIGITS + " after it");
      }
      return value;
    }

    /** An amount in a message: as the row wrote it if text, else in plain digits. */
    private static String shown(BigDecimal value, @Nullable String text) {
      return text != null ? text : value.toPlainString();
    }

    private AttributeValue attribute(Row row, int i) {
      Object v = row.get(i);
      try {
        if (v instanceof Boolean b) {
          return new AttributeValue.Flag(b);
        } else if (v instanceof BigDecimal b) {
          return AttributeValue.of(b);
        } else if (v instanceof Number n) {
          return AttributeValue.of(new BigDecimal(n.toString()));
        } else if (v instanceof java.sql.Date d) {
          return new AttributeValue.Date(d.toLocalDate());
        } else if (v instanceof LocalDate d) {
          return new AttributeValue.Date(d);
        }
        return AttributeValue.parse(v.toString().strip());
      } catch (IllegalArgumentException e) {
        throw new Problem("invalid attribute", "invalid value '" + v + "' in column "
            + name(i, row) + ": " + e.getMessage());
      }
    }

    /** Builds the history through core's fold, as the command line does; null if no row is left. */
    @Nullable DealHistory history(HistoryImport fold, List<Parsed> rows) {
      List<HistoryImport.Row> in = new ArrayList<>(rows.size());
      for (Parsed p : rows) {
        in.add(new HistoryImport.Row(p.deal, p.at, p.stage, Optional.ofNullable(p.amount),
            Optional.ofNullable(p.currency), Optional.of(p.owner).filter(o -> !o.isEmpty()),
            Optional.of(p.source).filter(o -> !o.isEmpty()), Optional.ofNullable(p.createdAt),
            Optional.ofNullable(p.closeDate), p.attributes));
      }
      return fold.history(in, problem -> bad(rows.get(problem.row()).row, problem.kind(),
          problem.message())).history().orElse(null);
    }
  }
}

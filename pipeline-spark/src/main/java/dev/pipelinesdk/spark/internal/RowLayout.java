package dev.pipelinesdk.spark.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where the stage-history columns are in a row, found on the driver from the schema: the
 * required ones, the optional ones (-1 when absent), the attribute columns (every other column
 * but the pipeline key and the sequence), and whether each has a type this reader takes.
 */
public final class RowLayout implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The columns with a meaning of their own, as the command line's reader has them. */
  public static final List<String> COLUMNS = List.of("deal_id", "at", "stage", "amount",
      "currency", "owner", "source", "created_at", "close_date");
  /** The required columns. */
  public static final List<String> REQUIRED = List.of("deal_id", "at", "stage");

  final int pipeline;
  final int sequence;
  final int[] index = new int[COLUMNS.size()];
  // the index of each column of COLUMNS (-1: absent), read for every row
  final int deal;
  final int at;
  final int stage;
  final int amount;
  final int currency;
  final int owner;
  final int source;
  final int createdAt;
  final int closeDate;
  final String[] attributeNames;
  final int[] attributeIndexes;
  final String defaultCurrency;
  final boolean failOnBadRows;

  /**
   * Finds the columns.
   *
   * @param schema the rows' schema
   * @param pipelineColumn the pipeline key column
   * @param sequenceColumn the sequence column, if any (the reader's own when none is given)
   * @param currency the currency code of amounts without one
   * @param failOnBadRows fail at the first bad row
   * @throws IllegalArgumentException naming the column and the schema if a required column is
   *     missing or a column has a type this reader does not take
   */
  public RowLayout(StructType schema, String pipelineColumn, String sequenceColumn,
      String currency, boolean failOnBadRows) {
    List<String> names = Arrays.asList(schema.fieldNames());
    this.pipeline = require(schema, names, pipelineColumn, "the pipeline key column");
    this.sequence = require(schema, names, sequenceColumn, "the sequence column");
    DataType seqType = schema.fields()[sequence].dataType();
    if (!(seqType == DataTypes.LongType || seqType == DataTypes.IntegerType
        || seqType == DataTypes.ShortType || seqType == DataTypes.ByteType)) {
      throw new IllegalArgumentException("sequence column '" + sequenceColumn + "' is "
          + seqType.simpleString() + "; it must hold whole numbers (long, int)");
    }
    for (int i = 0; i < COLUMNS.size(); i++) {
      String c = COLUMNS.get(i);
      index[i] = names.indexOf(c);
      if (index[i] < 0 && REQUIRED.contains(c)) {
        throw new IllegalArgumentException("missing required column '" + c + "'; the rows have: "
            + String.join(", ", names));
      }
      if (index[i] >= 0) {
        checkType(schema.fields()[index[i]], c);
      }
    }
    List<String> attrNames = new ArrayList<>();
    List<Integer> attrIndexes = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (i != pipeline && i != sequence && !COLUMNS.contains(n)) {
        attrNames.add(n);
        attrIndexes.add(i);
      }
    }
    this.attributeNames = attrNames.toArray(String[]::new);
    this.attributeIndexes = attrIndexes.stream().mapToInt(Integer::intValue).toArray();
    this.deal = index[0];
    this.at = index[1];
    this.stage = index[2];
    this.amount = index[3];
    this.currency = index[4];
    this.owner = index[5];
    this.source = index[6];
    this.createdAt = index[7];
    this.closeDate = index[8];
    this.defaultCurrency = currency;
    this.failOnBadRows = failOnBadRows;
  }

  private static int require(StructType schema, List<String> names, String column, String what) {
    int i = names.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("missing " + what + " '" + column + "'; the rows have: "
          + String.join(", ", names));
    }
    return i;
  }

  private static void checkType(StructField field, String ours) {
    DataType t = field.dataType();
    boolean ok = switch (ours) {
      case "at", "created_at", "close_date" -> t == DataTypes.StringType
          || t == DataTypes.TimestampType || t == DataTypes.TimestampNTZType
          || t == DataTypes.DateType;
      case "amount" -> t == DataTypes.StringType || t instanceof DecimalType
          || t == DataTypes.LongType || t == DataTypes.IntegerType || t == DataTypes.ShortType
          || t == DataTypes.ByteType || t == DataTypes.DoubleType || t == DataTypes.FloatType;
      default -> t == DataTypes.StringType;
    };
    if (!ok) {
      throw new IllegalArgumentException("column '" + field.name() + "' is "
          + t.simpleString() + ", which this reader does not take for " + ours + "; "
          + accepted(ours));
    }
  }

  private static String accepted(String ours) {
    return switch (ours) {
      case "at", "created_at", "close_date" -> "it takes timestamp, timestamp_ntz (read as UTC),"
          + " date (the start of the day, UTC) or string (an ISO date or date-time)";
      case "amount" -> "it takes decimal, whole numbers, double or string (a plain decimal)";
      default -> "it takes string";
    };
  }

  /** {@return the attribute column names} */
  public List<String> attributes() {
    return Arrays.asList(attributeNames);
  }
}

package dev.pipelinesdk.spark.example;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generated stage-history rows of many tenants on the {@code saas-b2b} stages, in the command
 * line's stage-history columns plus a {@code tenant} column: what a CRM vendor's data lake holds.
 * Each deal's rows are made from (seed, tenant, deal) alone, on the executors, so the same
 * arguments give the same rows whatever the partitioning. Rows are at distinct instants (whole
 * seconds, 1 hour to 21 days apart): the deal is created in {@code prospecting} with its amount,
 * owner and source, then each step either revises the amount, staying in the stage (a row with
 * the same stage and the new amount, as an opportunity history records it; 38% of steps), or
 * advances one stage, is lost, moves back one stage (from consideration or decision) or waits,
 * until won, lost or past {@link #END}. About 5.1 rows per deal (10M deals: about 51M rows).
 */
public final class TenantRows {
  /** The earliest creation instant. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  /** No row is later. */
  public static final Instant END = Instant.parse("2026-10-01T00:00:00Z");
  static final String[] OPEN = {"prospecting", "qualification", "consideration", "decision"};
  private static final double[] ADVANCE = {0.55, 0.45, 0.45, 0.5};
  private static final double[] LOSE = {0.2, 0.2, 0.2, 0.25};
  private static final String[] SOURCES = {"web", "referral", "event", "cold-call"};
  /** The chance that a step revises the deal's amount, staying in its stage. */
  private static final double REVISE = 0.38;

  private TenantRows() {}

  /** {@return the rows' schema: typed columns, as a Parquet file holds them} */
  public static StructType schema() {
    return new StructType().add("tenant", DataTypes.StringType)
        .add("deal_id", DataTypes.StringType).add("at", DataTypes.TimestampType)
        .add("stage", DataTypes.StringType).add("amount", DataTypes.createDecimalType(12, 2))
        .add("currency", DataTypes.StringType).add("owner", DataTypes.StringType)
        .add("source", DataTypes.StringType);
  }

  /** {@return the key of tenant {@code i}, such as {@code t0007}} */
  static String tenant(long i) {
    return String.format("t%04d", i);
  }

  /**
   * The rows of {@code tenants} tenants with {@code dealsPerTenant} deals each.
   *
   * @param spark the session
   * @param tenants how many tenants
   * @param dealsPerTenant deals per tenant
   * @param seed the seed
   * @param partitions how many partitions to make them in
   * @return the rows, lazy
   */
  public static Dataset<Row> generate(SparkSession spark, int tenants, long dealsPerTenant,
      long seed, int partitions) {
    long deals = tenants * dealsPerTenant;
    return spark.range(0, deals, 1, partitions).as(Encoders.LONG())
        .flatMap((FlatMapFunction<Long, Row>) n -> deal(seed, n / dealsPerTenant,
            n % dealsPerTenant), Encoders.row(schema()));
  }

  /** The rows of one deal. */
  static Iterator<Row> deal(long seed, long tenant, long deal) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L
        + tenant * 0xBF58476D1CE4E5B9L + deal);
    String tenantKey = tenant(tenant);
    String id = "d" + deal;
    List<Row> rows = new ArrayList<>(4);
    long at = START.getEpochSecond() + random.nextLong(270L * 86_400);
    BigDecimal amount = BigDecimal.valueOf(500L * (1 + random.nextInt(200)), 0).setScale(2);
    rows.add(RowFactory.create(tenantKey, id, Timestamp.from(Instant.ofEpochSecond(at)),
        OPEN[0], amount, "EUR", "owner" + random.nextInt(8),
        SOURCES[random.nextInt(SOURCES.length)]));
    int stage = 0;
    for (int step = 0; step < 30; step++) {
      at += 3_600 + random.nextLong(21L * 86_400);
      if (at > END.getEpochSecond()) {
        break;
      }
      double u = random.nextDouble();
      String next;
      if (u < REVISE) {
        // the deal stays; its amount is revised, as an opportunity history records it
        amount = amount.multiply(BigDecimal.valueOf(80 + random.nextInt(41)))
            .movePointLeft(2).setScale(0, RoundingMode.HALF_EVEN).setScale(2); // whole units
        rows.add(RowFactory.create(tenantKey, id, Timestamp.from(Instant.ofEpochSecond(at)),
            OPEN[stage], amount, "EUR", null, null));
        continue;
      }
      u = random.nextDouble();
      if (u < ADVANCE[stage]) {
        stage++;
        next = stage == OPEN.length ? "won" : OPEN[stage];
      } else if (u < ADVANCE[stage] + LOSE[stage]) {
        next = "lost";
      } else if (stage >= 2 && u < ADVANCE[stage] + LOSE[stage] + 0.1) {
        stage--;
        next = OPEN[stage];
      } else {
        continue; // waits
      }
      rows.add(RowFactory.create(tenantKey, id, Timestamp.from(Instant.ofEpochSecond(at)), next,
          null, null, null, null));
      if (next.equals("won") || next.equals("lost")) {
        break;
      }
    }
    return rows.iterator();
  }
}

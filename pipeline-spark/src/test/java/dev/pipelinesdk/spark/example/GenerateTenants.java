package dev.pipelinesdk.spark.example;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a Parquet directory of generated stage histories for many tenants ({@link TenantRows}),
 * the input of {@link TenantJob}.
 *
 * <pre>
 * GenerateTenants OUT [TENANTS [DEALS_PER_TENANT [SEED]]]     (defaults: 20 tenants, 500 deals, 1)
 * </pre>
 */
public final class GenerateTenants {
  private GenerateTenants() {}

  /**
   * Writes the rows.
   *
   * @param args the output directory, then optionally tenants, deals per tenant and seed
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: GenerateTenants OUT [TENANTS [DEALS_PER_TENANT"
          + " [SEED]]]");
    }
    int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long deals = args.length > 2 ? Long.parseLong(args[2]) : 500;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    SparkSession.Builder builder = SparkSession.builder().appName("generate tenants")
        .config("spark.sql.session.timeZone", "UTC");
    if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      TenantRows.generate(spark, tenants, deals, seed, 4).write().mode(SaveMode.Overwrite)
          .parquet(args[0]);
      System.out.printf("%d tenants x %d deals written to %s%n", tenants, deals, args[0]);
    } finally {
      spark.stop();
    }
  }
}

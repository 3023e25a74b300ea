package dev.pipelinesdk.benchmarks.metrics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB in-process ({@code org.duckdb:duckdb_jdbc}), in memory: one table {@code events(deal
 * INTEGER, stage TINYINT, ts BIGINT)} with the same stage entries as the primitive arrays, loaded
 * through DuckDB's {@link DuckDBAppender} (its fast bulk path), and the three answers in two SQL
 * queries. DuckDB runs with its default settings (threads = the machine's cores).
 */
public final class DuckDb implements AutoCloseable {
  /**
   * Reach per stage, and the conversions over the funnel stages, in SQL; {@code %s} is the
   * funnel as {@code (pos, stage)} rows, such as {@code (1, 0), (2, 1), ...}.
   */
  static final String REACH = """
      WITH reach AS (
        SELECT stage, count(DISTINCT deal) AS deals FROM events GROUP BY stage),
      funnel AS (
        SELECT f.pos, coalesce(r.deals, 0) AS deals
        FROM (VALUES %s) f(pos, stage)
        LEFT JOIN reach r ON r.stage = f.stage)
      SELECT pos, deals,
        CAST(lead(deals) OVER (ORDER BY pos) AS DOUBLE) / CAST(nullif(deals, 0) AS DOUBLE)
          AS conversion
      FROM funnel ORDER BY pos""";

  /** Seconds in stage: each entry lasts until the deal's next entry, or until as-of. */
  static final String SECONDS = """
      SELECT stage, sum(until - ts) AS seconds FROM (
        SELECT stage, ts, coalesce(lead(ts) OVER (PARTITION BY deal ORDER BY ts), ?) AS until
        FROM events)
      GROUP BY stage ORDER BY stage""";

  private final Connection connection;
  private final PreparedStatement reach;
  private final PreparedStatement seconds;
  private final int[] funnel;
  private final int stages;

  private DuckDb(Connection connection, int[] funnel, int stages, long asOf) throws SQLException {
    this.connection = connection;
    this.funnel = funnel;
    this.stages = stages;
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < funnel.length; i++) {
      rows.append(i == 0 ? "" : ", ").append('(').append(i + 1).append(", ").append(funnel[i])
          .append(')');
    }
    this.reach = connection.prepareStatement(String.format(REACH, rows));
    this.seconds = connection.prepareStatement(SECONDS);
    seconds.setLong(1, asOf);
  }

  /**
   * Opens an in-memory database and loads the entries.
   *
   * @param data the data set
   * @param funnel the funnel stages' positions
   * @param stages the number of stages
   * @return the loaded database
   * @throws SQLException if DuckDB fails
   */
  public static DuckDb load(Histories.Dataset data, int[] funnel, int stages)
      throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE events(deal INTEGER NOT NULL, stage TINYINT NOT NULL,"
            + " ts BIGINT NOT NULL)");
      }
      int[] deal = data.deal();
      byte[] stage = data.stage();
      long[] at = data.at();
      try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "events")) {
        for (int i = 0; i < deal.length; i++) {
          a.beginRow().append(deal[i]).append(stage[i]).append(at[i]).endRow();
        }
      }
      return new DuckDb(c, funnel, stages, data.asOf());
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Runs the two queries.
   *
   * @return the answers
   * @throws SQLException if DuckDB fails
   */
  public Answers query() throws SQLException {
    long[] r = new long[funnel.length];
    double[] conversion = new double[funnel.length - 1];
    try (ResultSet rs = reach.executeQuery()) {
      while (rs.next()) {
        int pos = rs.getInt(1) - 1;
        r[pos] = rs.getLong(2);
        double c = rs.getDouble(3);
        if (pos < conversion.length) {
          conversion[pos] = rs.wasNull() ? Double.NaN : c;
        }
      }
    }
    long[] s = new long[stages];
    try (ResultSet rs = seconds.executeQuery()) {
      while (rs.next()) {
        s[rs.getInt(1)] = rs.getLong(2);
      }
    }
    return new Answers(r, conversion, s);
  }

  /**
   * The engine's version, from {@code SELECT version()} in a new in-memory database.
   *
   * @return such as {@code v1.4.0}
   * @throws SQLException if DuckDB fails
   */
  public static String engineVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public void close() throws SQLException {
    reach.close();
    seconds.close();
    connection.close();
  }
}

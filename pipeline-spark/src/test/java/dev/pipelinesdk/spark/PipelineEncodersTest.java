package dev.pipelinesdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.SnapshotReport;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import dev.pipelinesdk.spark.internal.ValueCodec;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Core's values as dataset elements: why not Kryo, and that ours read back equal. */
class PipelineEncodersTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void sparksKryoCannotWriteCoresRecords() {
    List<DealHistory> histories = TestHistories.acme().subList(0, 3);
    // Spark's Kryo 4 needs field offsets, which the JDK refuses for records (Money is one)
    assertThatThrownBy(() -> spark.createDataset(histories, Encoders.kryo(DealHistory.class))
        .collectAsList())
        .hasRootCauseInstanceOf(UnsupportedOperationException.class)
        .rootCause().hasMessageContaining("can't get field offset on a record class");
  }

  @Test
  void historiesReadBackEqualThroughAShuffle() {
    List<DealHistory> histories = TestHistories.acme();
    Dataset<DealHistory> ds = spark.createDataset(histories, PipelineEncoders.histories())
        .repartition(3);
    assertThat(ds.collectAsList()).containsExactlyInAnyOrderElementsOf(histories);
  }

  @Test
  void historiesAndReportsReadBackEqual() {
    ValueCodec codec = new ValueCodec();
    for (DealHistory h : TestHistories.all().stream().map(PipelineHistory::history).toList()) {
      assertThat(codec.read(codec.write(h))).isEqualTo(h);
    }
    SnapshotReport snapshot = Metrics.compute(Metrics.snapshot(TestHistories.SAAS,
        TestHistories.END).build(), TestHistories.acme());
    assertThat(snapshot.openDeals()).isNotEmpty();
    assertThat(codec.read(codec.write(snapshot))).isEqualTo(snapshot);
    TimeInStageReport time = Metrics.compute(Metrics.timeInStage(TestHistories.SAAS,
        TestHistories.END), TestHistories.acme());
    assertThat(codec.read(codec.write(time))).isEqualTo(time);
  }

  @Test
  void theSdksSerializableValuesTravelByJavaSerialization() {
    ValueCodec codec = new ValueCodec();
    TrialBlocks run = Distributions.trialBlocks(OpenDeals.builder(Money.currency("EUR"))
        .add(0.3, Money.of("100", "EUR")).add(0.8, Money.of("250.50", "EUR")).build(),
        Simulation.of(5000, 3));
    TrialBlocks back = (TrialBlocks) codec.read(codec.write(run));
    assertThat(back).isNotSameAs(run);
    assertThat(back.draw(1)).isEqualTo(run.draw(1));
    assertThat(codec.read(codec.write(run.draw(0)))).isEqualTo(run.draw(0));
  }

  @Test
  void truncatedBytesAreRefusedNotMisread() {
    ValueCodec codec = new ValueCodec();
    byte[] bytes = codec.write(TestHistories.acme().get(0));
    assertThatThrownBy(() -> codec.read(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a value written by ValueCodec: java.io.IOException:"
            + " truncated: ");
  }

  @Test
  void aValueOutsideCoresIsNamed() {
    assertThatThrownBy(() -> new ValueCodec().write(new StringBuilder("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot write a java.lang.StringBuilder");
  }
}

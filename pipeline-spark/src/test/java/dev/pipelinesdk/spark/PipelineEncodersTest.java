package dev.pipelinesdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.HistoryImport;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.ForecastModels;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.backtest.Backtest;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.SnapshotReport;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import dev.pipelinesdk.spark.internal.ValueCodec;
import dev.pipelinesdk.spark.internal.WireCodec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  /** What a backtest's cutoff task sends to be combined: a record holding a calibration. */
  @Test
  void aBacktestCutoffAndItsTargetedSummaryReadBackEqual() {
    ValueCodec codec = new ValueCodec();
    List<DealHistory> acme = TestHistories.acme().stream()
        .sorted(java.util.Comparator.comparing(h -> h.dealId().value())).toList();
    Backtest.CutoffForecast f = Backtest.forecastCalibratedAt(
        ForecastModels.named("competing-risks"), Calibration.Settings.defaults(),
        TestHistories.SAAS, acme, Instant.parse("2026-04-01T00:00:00Z"), Duration.ofDays(30),
        Simulation.of(500, 2), acme.get(0).current().amount().orElseThrow().currency());
    assertThat(f.calibration()).isPresent();
    assertThat(f.won()).isNotEmpty();
    assertThat(codec.read(codec.write(f))).isEqualTo(f);
    AmountDistribution d = Distributions.monteCarlo(f.openDeals(), f.simulation());
    AmountSummary summary = AmountSummary.of(d, Optional.of(d.p50()));
    assertThat(summary.target().orElseThrow().probability()).isGreaterThanOrEqualTo(0.5);
    assertThat(codec.read(codec.write(summary))).isEqualTo(summary);
  }

  /**
   * What the compact wire form does besides the plain one: a history whose strings are not
   * ASCII, an amount too large for a long, text repeated across events (written once, read back
   * as one instance) and a report, whose classes are written by name.
   */
  @Test
  void aHistoryOfUnusualValuesReadsBackEqualAndRepeatsAreShared() {
    StageId prospecting = StageId.of("prospecting");
    Instant at = TestHistories.START;
    BigDecimal huge = new BigDecimal("123456789012345678901234.50");
    DealHistory history = HistoryImport.into(Pipeline.of(TestHistories.SAAS,
        () -> at), Money.currency("EUR")).history(List.of(
            HistoryImport.Row.of("d-ü", at, prospecting).withAmount(new BigDecimal("10.00"))
                .withOwner("Jürgen Müller").withSource("Messe Köln")
                .withAttribute("region", AttributeValue.parse("Île-de-France")),
            HistoryImport.Row.of("d-ü", at.plusSeconds(60), StageId.of("qualification"))
                .withAmount(huge),
            HistoryImport.Row.of("d-ü", at.plusSeconds(120), prospecting)),
        problem -> {
          throw new AssertionError(problem.message());
        }).history().orElseThrow();
    ValueCodec codec = new ValueCodec();
    DealHistory back = (DealHistory) codec.read(codec.write(history));
    assertThat(back).isEqualTo(history);
    assertThat(back.current().amount().orElseThrow().amount()).isEqualByComparingTo(huge);
    assertThat(back.current().owner()).contains("Jürgen Müller");
    assertThat(back.events()).hasSizeGreaterThan(2);
    assertThat(back.events().get(back.events().size() - 1).dealId())
        .isSameAs(back.events().get(0).dealId());
    TimeInStageReport time = Metrics.compute(Metrics.timeInStage(TestHistories.SAAS,
        at.plusSeconds(600)), List.of(history));
    assertThat(codec.read(codec.write(time))).isEqualTo(time);
  }

  @Test
  void aReferenceToNothingSeenIsRefused() {
    ValueCodec codec = new ValueCodec();
    // a list of one value (tag 14, length 1) that refers to string 5 (tag 24), none seen before
    assertThatThrownBy(() -> codec.read(new byte[] {14, 1, 24, 5}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no value 5 seen before, 0 were");
  }

  /** Two aggregators in one pass decode each row's bytes; the second is given the first's value. */
  @Test
  void bytesDecodedAgainGiveTheSameValueAndAChangedArrayIsReadAfresh() {
    WireCodec<DealHistory> codec = new WireCodec<>(DealHistory.class);
    DealHistory a = TestHistories.acme().get(0);
    DealHistory b = TestHistories.acme().get(1);
    byte[] bytes = codec.encode(a);
    DealHistory first = codec.decode(bytes.clone());
    assertThat(first).isEqualTo(a);
    assertThat(codec.decode(bytes.clone())).isSameAs(first);
    assertThat(codec.decode(codec.encode(b))).isEqualTo(b);
    assertThat(codec.decode(bytes)).isEqualTo(a).isNotSameAs(first);
    bytes[0] = 99; // the same array, changed: not the value it held before
    assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown tag 99");
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

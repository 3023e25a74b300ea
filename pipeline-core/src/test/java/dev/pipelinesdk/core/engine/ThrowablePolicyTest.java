package dev.pipelinesdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Verdict;
import dev.pipelinesdk.core.guard.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One policy for throwables from guards and listeners: everything but the JVM's fatal errors is
 * contained. Before, an AssertionError, a StackOverflowError or a sneaky checked exception from a
 * guard escaped move(), and from a listener lost the accepted outcome and skipped later listeners.
 */
class ThrowablePolicyTest {
  private static final Request ANA = Request.by("ana");

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  private static int recurse(int n) {
    return recurse(n + 1) + 1;
  }

  /** Throws the throwable a supplier makes; "stack overflow" overflows for real. */
  private static void fail(String kind, Supplier<Throwable> make) {
    if (kind.equals("stack overflow")) {
      recurse(0);
    }
    ThrowablePolicyTest.<RuntimeException>sneakyThrow(make.get());
  }

  static Stream<Arguments> contained() {
    return Stream.of(
        Arguments.of("runtime exception", (Supplier<Throwable>) () -> new IllegalStateException(
            "bug"), IllegalStateException.class),
        Arguments.of("assertion error", (Supplier<Throwable>) () -> new AssertionError("bug"),
            AssertionError.class),
        Arguments.of("stack overflow", (Supplier<Throwable>) StackOverflowError::new,
            StackOverflowError.class),
        Arguments.of("sneaky checked exception", (Supplier<Throwable>) () -> new IOException(
            "disk"), IOException.class),
        Arguments.of("interruption", (Supplier<Throwable>) () -> new InterruptedException(
            "stop"), InterruptedException.class));
  }

  static Stream<Arguments> fatal() {
    return Stream.of(
        Arguments.of((Supplier<Throwable>) () -> new OutOfMemoryError("test: not really")),
        Arguments.of((Supplier<Throwable>) () -> new InternalError("test")),
        Arguments.of((Supplier<Throwable>) () -> new UnknownError("test")),
        Arguments.of((Supplier<Throwable>) ThreadDeath::new));
  }

  private static Pipeline guarded(Guard guard) {
    return Pipeline.of(PipelineDefinition.builder("p").stage(Stage.open("a", "A", 0.1))
        .stage(Stage.open("b", "B", 0.5)).stage(Stage.won("won", "Won")).transition("a", "b", guard)
        .transition("b", "won").build(),
        ManualClock.at("2026-03-02T09:00:00Z"));
  }

  private static Deal deal(Pipeline p) {
    return p.create(NewDeal.builder().id("D-1").title("T").build(), ANA).deal();
  }

  @ParameterizedTest(name = "a guard throwing a {0} becomes a guard_error violation")
  @MethodSource("contained")
  void aGuardsThrowableBecomesAViolation(String kind, Supplier<Throwable> make,
      Class<? extends Throwable> type) {
    Pipeline p = guarded(Guard.named("flaky", c -> {
      fail(kind, make);
      return Verdict.pass();
    }));
    Deal deal = deal(p);
    Outcome outcome = p.move(deal, "b", ANA);
    assertThat(outcome.isAccepted()).isFalse();
    assertThat(outcome.deal()).isSameAs(deal);
    assertThat(outcome.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(Violation.GUARD_ERROR);
      assertThat(v.message()).startsWith("guard 'flaky' threw " + type.getName());
      assertThat(v.subjects()).containsExactly(type.getName());
    });
    assertThat(Thread.currentThread().isInterrupted())
        .as("the interrupt flag is restored exactly for an interruption")
        .isEqualTo(type == InterruptedException.class);
  }

  @ParameterizedTest(name = "a guard throwing {0} propagates")
  @MethodSource("fatal")
  void aGuardsFatalErrorPropagates(Supplier<Throwable> make) {
    Throwable fatal = make.get();
    Pipeline p = guarded(Guard.named("fatal", c -> {
      ThrowablePolicyTest.<RuntimeException>sneakyThrow(fatal);
      return Verdict.pass();
    }));
    Deal deal = deal(p);
    assertThatThrownBy(() -> p.move(deal, "b", ANA)).isSameAs(fatal);
  }

  @Test
  void aGuardWhoseNameThrowsIsNamedByItsClass() {
    Guard g = new Guard() {
      @Override
      public Verdict check(dev.pipelinesdk.core.guard.GuardContext context) {
        throw new AssertionError("check");
      }

      @Override
      public String name() {
        throw new AssertionError("name");
      }
    };
    Pipeline p = guarded(g);
    Outcome outcome = p.move(deal(p), "b", ANA);
    assertThat(outcome.violations()).singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("guard '" + g.getClass().getName()));
  }

  @ParameterizedTest(name = "a listener throwing a {0} is logged; the change stands")
  @MethodSource("contained")
  void aListenersThrowableIsLoggedAndTheNextListenerRuns(String kind, Supplier<Throwable> make,
      Class<? extends Throwable> type) {
    List<Outcome.Accepted> later = new ArrayList<>();
    Pipeline p = Pipeline.builder(PipelineDefinition.builder("p").stage(Stage.open("a", "A", 0.1))
            .stage(Stage.open("b", "B", 0.5)).stage(Stage.won("won", "Won")).transition("a", "b")
            .transition("b", "won").build())
        .clock(ManualClock.at("2026-03-02T09:00:00Z"))
        .listener(new PipelineListener() {
          @Override
          public void onAccepted(Outcome.Accepted outcome, Request request) {
            fail(kind, make);
          }

          @Override
          public String toString() {
            return "FlakyListener";
          }
        })
        .listener((outcome, request) -> later.add(outcome))
        .build();
    Outcome moved;
    String log;
    try (LogCapture capture = LogCapture.start()) {
      Deal deal = deal(p);
      moved = p.move(deal, "b", ANA);
      log = capture.text();
    }
    assertThat(moved.isAccepted()).isTrue();
    assertThat(moved.deal().stage().value()).isEqualTo("b");
    assertThat(later).hasSize(2);
    assertThat(later.get(1)).isSameAs(moved);
    assertThat(log).contains("WARN dev.pipelinesdk.core.engine.Pipeline - pipeline listener "
        + "FlakyListener failed for deal 'D-1' with " + type.getName());
    assertThat(log.split("pipeline listener FlakyListener failed", -1)).hasSize(3);
    assertThat(Thread.currentThread().isInterrupted()).isEqualTo(
        type == InterruptedException.class);
  }

  @ParameterizedTest(name = "a listener throwing {0} propagates")
  @MethodSource("fatal")
  void aListenersFatalErrorPropagates(Supplier<Throwable> make) {
    Throwable fatal = make.get();
    Pipeline p = Pipeline.builder(PipelineDefinition.builder("p").stage(Stage.open("a", "A", 0.1))
            .stage(Stage.won("won", "Won")).transition("a", "won").build())
        .clock(ManualClock.at("2026-03-02T09:00:00Z"))
        .listener((o, r) -> ThrowablePolicyTest.<RuntimeException>sneakyThrow(fatal))
        .build();
    assertThatThrownBy(() -> deal(p)).isSameAs(fatal);
  }
}

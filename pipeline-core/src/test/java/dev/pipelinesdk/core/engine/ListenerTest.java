package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.Touch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listeners: in order, after accepted changes only; a throwing one undoes nothing. */
class ListenerTest {
  private final ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
  private final List<String> calls = new ArrayList<>();
  private final List<Outcome.Accepted> seenByFirst = new ArrayList<>();
  private Pipeline pipeline;

  private PipelineListener recording(String name) {
    return (outcome, request) -> {
      for (DealEvent e : outcome.events()) {
        calls.add(name + ":" + e.getClass().getSimpleName() + ":" + request.actor());
      }
    };
  }

  // the throwing listener's warnings (with stack traces) go here, not into the build log
  private LogCapture log;

  @AfterEach
  void tearDown() {
    log.close();
  }

  @BeforeEach
  void setUp() {
    log = LogCapture.start();
    pipeline = Pipeline.builder(PipelineTemplates.definition("saas-b2b")).clock(clock)
        .listener((outcome, request) -> seenByFirst.add(outcome))
        .listener(recording("a"))
        .listener((outcome, request) -> {
          calls.add("boom");
          throw new IllegalStateException("listener bug");
        })
        .listener(recording("b"))
        .build();
  }

  private Deal create() {
    return pipeline.create(NewDeal.builder().id("D-1").title("Acme")
        .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(80)).build(), Request.by("ana")).deal();
  }

  @Test
  void listenersRunInOrderAfterEveryAcceptedChangeEvenWhenOneThrows() {
    Deal deal = create();
    clock.advance(Duration.ofHours(1));
    Outcome moved = pipeline.move(deal, "qualification", Request.by("ben"));
    assertThat(moved.isAccepted()).isTrue();
    assertThat(moved.deal().stage().value()).as("the throwing listener undid nothing")
        .isEqualTo("qualification");
    Outcome touched = pipeline.recordTouch(moved.deal(),
        Touch.outbound(Touch.Channel.CALL, Touch.Result.REPLIED), Request.system());

    assertThat(calls).containsExactly(
        "a:Created:ana", "boom", "b:Created:ana",
        "a:Moved:ben", "boom", "b:Moved:ben",
        "a:TouchRecorded:system", "boom", "b:TouchRecorded:system");
    // Listeners see the final outcome: the very value the caller gets back.
    assertThat(seenByFirst).hasSize(3);
    assertThat(seenByFirst.get(1)).isSameAs(moved);
    assertThat(seenByFirst.get(2)).isSameAs(touched);
    assertThat(log.text().split("java.lang.IllegalStateException: listener bug", -1))
        .as("each failure logged once, with its exception").hasSize(4 + 3);
    assertThat(log.text()).contains("WARN dev.pipelinesdk.core.engine.Pipeline - pipeline "
        + "listener ").contains("failed for deal 'D-1' with java.lang.IllegalStateException: "
        + "listener bug; the change stands");
  }

  @Test
  void noNotificationOnRejectionOrNoOp() {
    Deal deal = create();
    calls.clear();
    seenByFirst.clear();
    Outcome rejected = pipeline.move(deal, "decision", Request.by("ana"));
    assertThat(rejected.isAccepted()).isFalse();
    Outcome sameScore = pipeline.setAttribute(deal, Deal.LEAD_SCORE, AttributeValue.of(80.0),
        Request.by("ana"));
    assertThat(sameScore.isAccepted()).isTrue();
    assertThat(sameScore.events()).isEmpty();
    assertThat(sameScore.deal()).isSameAs(deal);
    Outcome noAttribute = pipeline.removeAttribute(deal, "missing", Request.by("ana"));
    assertThat(noAttribute.events()).isEmpty();
    Outcome behind = pipeline.recordTouch(deal,
        Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED),
        Request.by("ana").at(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(behind.isAccepted()).isFalse();
    assertThat(calls).isEmpty();
    assertThat(seenByFirst).isEmpty();
  }

  @Test
  void anExplicitInstantReachesTheListeners() {
    assertThat(pipeline.listeners()).hasSize(4);
    Deal deal = pipeline.create(NewDeal.builder().id("D-2").title("Other").build(),
        Request.by("ana").at(Instant.parse("2027-01-01T00:00:00Z"))).deal();
    assertThat(deal.createdAt()).hasToString("2027-01-01T00:00:00Z");
    assertThat(calls).containsExactly("a:Created:ana", "boom", "b:Created:ana");
  }
}

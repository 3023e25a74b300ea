package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.core.guard.Verdict;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GuardContractsTest {
  private static final long SEED = 42L;

  static Stream<Guard> builtInGuards() {
    return Stream.of(
        Guards.requiredAttributes("need", "buying_process", "decision_maker"),
        Guards.minimumLeadScore(50),
        Guards.minimumNumber("lead_score", 20.5, "score_low"),
        Guards.minimumTouches(3),
        Guards.noSkipping(),
        Guards.noBackwardMoves(),
        Guards.ownerIn("ana", "ben"),
        Guards.actorHasRole("manager", "admin"),
        Guards.minimumTimeInStage(Duration.ofDays(3)),
        Guards.amountPresent(),
        Guards.predicate("has account", "deal needs an account", c -> c.deal().account()
            .isPresent()),
        Guards.allOf(Guards.amountPresent(), Guards.minimumTouches(1)),
        Guards.anyOf(Guards.ownerIn("ana"), Guards.actorHasRole("admin")),
        Guards.not(Guards.noSkipping()));
  }

  @ParameterizedTest
  @MethodSource("builtInGuards")
  void everyBuiltInGuardKeepsTheContractOnGeneratedDefinitions(Guard guard) {
    GuardContracts.forGuard(guard).withSeed(SEED).withExamples(100).verify();
  }

  @ParameterizedTest
  @MethodSource("builtInGuards")
  void everyBuiltInGuardKeepsTheContractOnTheSaasTemplate(Guard guard) {
    GuardContracts.forGuard(guard).on(PipelineTemplates.definition("saas-b2b")).withSeed(SEED)
        .withExamples(100).verify();
  }

  @Test
  void requiredAttributesIsMonotoneInWhatItRequires() {
    GuardContracts.forGuard(Guards.requiredAttributes("proof_of_income", "need"))
        .monotoneIn("proof_of_income").monotoneIn("need").withSeed(SEED).verify();
    GuardContracts.forGuard(Guards.minimumLeadScore(50))
        .monotoneIn(Deal.LEAD_SCORE, dev.pipelinesdk.core.AttributeValue.of(100))
        .withSeed(SEED).verify();
  }

  @Test
  void aNegatedRequirementIsNotMonotone() {
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () ->
        GuardContracts.forGuard(Guards.not(Guards.requiredAttributes("blacklisted")))
            .monotoneIn("blacklisted").withSeed(SEED).verify());
    assertThat(v).isNotNull();
    assertThat(v.property()).isEqualTo("monotone in blacklisted");
    assertThat(v.reason()).contains("blacklisted absent").contains("negation_failed");
  }

  /** Throws once the deal has two touches: a bug the contract must find and shrink. */
  static final Guard THROWS_ON_TWO_TOUCHES = Guard.named("touchy", c -> {
    if (c.deal().touchCount() >= 2) {
      throw new IllegalStateException("cannot handle " + c.deal().touchCount() + " touches");
    }
    return Verdict.pass();
  });

  @Test
  void aThrowingGuardFailsTotalityWithASmallCounterexample() {
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () ->
        GuardContracts.forGuard(THROWS_ON_TWO_TOUCHES).withSeed(SEED)
            .verify(GuardContracts.TOTAL));
    assertThat(v).isNotNull();
    assertThat(v.getMessage())
        .contains("'touchy' breaks the guard contract: property 'total' does not hold")
        .contains("IllegalStateException: cannot handle 2 touches")
        .contains("smallest counterexample:")
        .contains("seed 42");
    // Shrunk to the boundary: exactly two touches, no attributes.
    assertThat(v.counterexample()).contains("touches: 2").contains("attributes: {}");
  }

  @Test
  void declaredExceptionsAreAllowed() {
    GuardContracts.forGuard(THROWS_ON_TWO_TOUCHES).mayThrow(IllegalStateException.class)
        .withSeed(SEED).verify(GuardContracts.TOTAL);
  }

  @Test
  void aNonDeterministicGuardFails() {
    AtomicInteger calls = new AtomicInteger();
    Guard flaky = Guard.named("flaky", c -> calls.incrementAndGet() % 2 == 0 ? Verdict.pass()
        : Verdict.fail("coin_flip", "the coin said no for deal " + c.deal().id()));
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () ->
        GuardContracts.forGuard(flaky).withSeed(SEED).verify(GuardContracts.DETERMINISTIC));
    assertThat(v).isNotNull();
    assertThat(v.reason()).contains("evaluated twice on the same context");
    assertThat(historySize(v.counterexample())).isLessThanOrEqualTo(1);
  }

  @Test
  void aGuardReadingTheWallClockFails() {
    // The verdict embeds the wall clock the contract waits on, so every re-evaluation differs:
    // the property must catch it on the first context, whatever the machine's load. (A guard
    // keyed on the parity of System.nanoTime() made this test flaky: the contract waits for
    // currentTimeMillis to tick, which need not flip a nanoTime-derived parity.)
    Guard clocky = Guard.named("clocky", c -> Verdict.fail("stale",
        "no activity as of " + Instant.ofEpochMilli(System.currentTimeMillis())));
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () ->
        GuardContracts.forGuard(clocky).withSeed(SEED).verify(GuardContracts.WALL_CLOCK));
    assertThat(v).isNotNull();
    assertThat(v.reason()).contains("GuardContext.at()");
  }

  @Test
  void aDenialWithoutAUsableReasonFails() {
    Guard mute = Guard.named("mute", c -> c.deal().amount().isPresent() ? Verdict.pass()
        : new Verdict(List.of(Violation.of("denied", "denied"))));
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () ->
        GuardContracts.forGuard(mute).withSeed(SEED).verify(GuardContracts.EXPLAINS));
    assertThat(v).isNotNull();
    assertThat(v.reason()).contains("denied without a usable reason");
    assertThat(v.counterexample()).contains("amount: -");
  }

  @Test
  void aGuardReturningNullFailsTotality() {
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () ->
        GuardContracts.forGuard(c -> null).withSeed(SEED).verify());
    assertThat(v).isNotNull();
    assertThat(v.property()).isEqualTo(GuardContracts.TOTAL);
    assertThat(v.getSuppressed()).extracting(t -> ((ContractViolation) t).property())
        .contains(GuardContracts.EXPLAINS);
  }

  @Test
  void unknownPropertiesAreRefusedByName() {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () ->
        GuardContracts.forGuard(Guards.amountPresent()).verify("fast"));
    assertThat(e).hasMessageContaining("'fast'").hasMessageContaining(GuardContracts.TOTAL);
  }

  @Test
  void extraAttributesReachTheGuard() {
    AtomicInteger seen = new AtomicInteger();
    Guard peek = Guard.named("peek", c -> {
      if (c.deal().attribute("region").isPresent()) {
        seen.incrementAndGet();
      }
      return Verdict.pass();
    });
    GuardContracts.forGuard(peek).withAttributes(AttributeSchema.empty().text("region", "north"))
        .withSeed(SEED).verify(GuardContracts.TOTAL);
    assertThat(seen.get()).isPositive();
  }

  private static int historySize(String counterexample) {
    Matcher m = Pattern.compile("history of \\S+, (\\d+) events?").matcher(counterexample);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}

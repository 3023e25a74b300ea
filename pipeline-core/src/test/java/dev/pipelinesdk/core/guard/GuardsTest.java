package dev.pipelinesdk.core.guard;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.TransitionKind;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GuardsTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final StageId QUALIFICATION = StageId.of("qualification");
  private static final StageId CONSIDERATION = StageId.of("consideration");
  /** qualification -> consideration, named "sales-qualified". */
  private static final Transition SALES_QUALIFIED =
      SAAS.transition(QUALIFICATION, CONSIDERATION).orElseThrow();

  private static Deal.Builder deal() {
    return Deal.builder().id(DealId.of("D-1")).title("Acme").stage(QUALIFICATION).createdAt(T0);
  }

  private static GuardContext context(Deal deal) {
    return context(deal, SALES_QUALIFIED, Request.by("ana"), T0.plus(Duration.ofDays(1)));
  }

  private static GuardContext context(Deal deal, Transition t, Request request, Instant at) {
    return new GuardContext(SAAS, deal, t, request, at, Optional.empty());
  }

  private static Verdict check(Guard guard, Deal deal) {
    return Guards.evaluate(guard, context(deal));
  }

  private static Guard failing(String name, String code) {
    return Guard.named(name, c -> Verdict.fail(code, name + " says no", name + "-subject"));
  }

  private static final Guard PASS = Guard.named("always", c -> Verdict.pass());

  @Nested
  class Combinators {
    @Test
    void allOfKeepsEveryReasonAttributedToItsGuard() {
      Guard all = Guards.allOf(failing("g1", "c1"), PASS, failing("g2", "c2"),
          failing("g3", "c3"));
      assertThat(all.name()).isEqualTo("all of [g1, always, g2, g3]");
      Verdict v = check(all, deal().build());
      assertThat(v.passed()).isFalse();
      assertThat(v.violations()).extracting(Violation::guard, Violation::code,
          Violation::message, Violation::subjects).containsExactly(
              org.assertj.core.groups.Tuple.tuple("g1", "c1", "g1 says no", List.of("g1-subject")),
              org.assertj.core.groups.Tuple.tuple("g2", "c2", "g2 says no", List.of("g2-subject")),
              org.assertj.core.groups.Tuple.tuple("g3", "c3", "g3 says no", List.of("g3-subject")));
      assertThat(check(Guards.allOf(PASS, PASS), deal().build()).passed()).isTrue();
      assertThat(check(Guards.allOf(), deal().build()).passed()).isTrue();
    }

    @Test
    void anyOfReportsEveryReasonWhenAllFailAndPassesWhenOnePasses() {
      Guard any = Guards.anyOf(failing("g1", "c1"), failing("g2", "c2"), failing("g3", "c3"));
      assertThat(any.name()).isEqualTo("any of [g1, g2, g3]");
      assertThat(check(any, deal().build()).violations())
          .extracting(Violation::guard, Violation::code)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("g1", "c1"),
              org.assertj.core.groups.Tuple.tuple("g2", "c2"),
              org.assertj.core.groups.Tuple.tuple("g3", "c3"));
      assertThat(check(Guards.anyOf(failing("g1", "c1"), PASS), deal().build()).passed())
          .isTrue();
      assertThatThrownBy(Guards::anyOf).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("anyOf needs at least one guard");
    }

    @Test
    void unattributedViolationsOfACombinatorGoToTheCombinator() {
      Guard raw = c -> Verdict.fail("raw", "no name");
      Verdict v = check(Guards.allOf(Guard.named("inner", raw)), deal().build());
      assertThat(v.violations()).extracting(Violation::guard).containsExactly("inner");
      Verdict outer = check(Guard.named("outer", raw), deal().build());
      assertThat(outer.violations()).extracting(Violation::guard).containsExactly("outer");
    }

    @Test
    void notFailsWhenTheGuardPassesAndPassesWhenItFails() {
      Verdict v = check(Guards.not(PASS), deal().build());
      assertThat(v.violations()).singleElement().satisfies(x -> {
        assertThat(x.guard()).isEqualTo("not always");
        assertThat(x.code()).isEqualTo(Violation.NEGATION_FAILED);
        assertThat(x.message()).isEqualTo("'always' must not hold");
      });
      assertThat(check(Guards.not(failing("g1", "c1")), deal().build()).passed()).isTrue();
      Verdict custom = check(Guards.not(PASS, "custom", "must not"), deal().build());
      assertThat(custom.violations()).extracting(Violation::code, Violation::message)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("custom", "must not"));
    }

    @Test
    void notOfAThrowingGuardStaysAnError() {
      Guard boom = Guard.named("boom", c -> {
        throw new IllegalStateException("kaput");
      });
      Verdict v = check(Guards.not(boom), deal().build());
      assertThat(v.violations()).singleElement().satisfies(x -> {
        assertThat(x.guard()).isEqualTo("boom");
        assertThat(x.code()).isEqualTo(Violation.GUARD_ERROR);
      });
    }

    @Test
    void combinatorsRejectNullGuards() {
      assertThatThrownBy(() -> Guards.allOf(PASS, null)).isInstanceOf(NullPointerException.class)
          .hasMessage("guard 1 is null");
      assertThatThrownBy(() -> Guards.anyOf((Guard) null))
          .isInstanceOf(NullPointerException.class).hasMessage("guard 0 is null");
    }
  }

  @Nested
  class Errors {
    private final Guard boom = Guard.named("boom", c -> {
      throw new IllegalStateException("kaput");
    });

    @Test
    void aThrowingGuardBecomesAGuardError() {
      Verdict v = check(boom, deal().build());
      assertThat(v.violations()).containsExactly(new Violation("boom", Violation.GUARD_ERROR,
          "guard 'boom' threw java.lang.IllegalStateException: kaput",
          List.of("java.lang.IllegalStateException")));
    }

    @Test
    void aGuardReturningNullBecomesAGuardError() {
      Verdict v = check(Guard.named("lazy", c -> null), deal().build());
      assertThat(v.violations()).containsExactly(new Violation("lazy", Violation.GUARD_ERROR,
          "guard 'lazy' returned null instead of a verdict", List.of()));
    }

    @Test
    void theEngineRejectsAndChangesNothingWhenAGuardThrows() {
      PipelineDefinition d = PipelineDefinition.builder("boom")
          .stage(Stage.open("a", "A", 0.1)).stage(Stage.open("b", "B", 0.5)).stage(Stage.won("won", "Won"))
          .transition("a", "b", "a to b", boom, Guards.requiredAttributes("x"))
          .path("b", "won").build();
      ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z");
      Pipeline pipeline = Pipeline.of(d, clock);
      Deal deal = pipeline.create(NewDeal.builder().id("D-9").title("T").build(),
          Request.by("ana")).deal();
      clock.advance(Duration.ofHours(1));
      Outcome outcome = pipeline.move(deal, "b", Request.by("ana"));
      assertThat(outcome.isAccepted()).isFalse();
      assertThat(outcome.deal()).isSameAs(deal);
      assertThat(outcome.events()).isEmpty();
      // The throwing guard does not hide the other guard's reason.
      assertThat(outcome.violations()).extracting(Violation::guard, Violation::code)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("boom", Violation.GUARD_ERROR),
              org.assertj.core.groups.Tuple.tuple("required attributes [x]",
                  Violation.MISSING_ATTRIBUTES));
      assertThat(outcome.violations().get(0).message())
          .isEqualTo("guard 'boom' threw java.lang.IllegalStateException: kaput");
    }

    @Test
    void aGuardWhoseNameThrowsIsNamedByItsClass() {
      Guard weird = new Guard() {
        @Override
        public Verdict check(GuardContext context) {
          return Verdict.fail("c", "m");
        }

        @Override
        public String name() {
          throw new UnsupportedOperationException();
        }
      };
      assertThat(check(weird, deal().build()).violations()).extracting(Violation::guard)
          .containsExactly(weird.getClass().getName());
    }
  }

  @Nested
  class BuiltIns {
    @Test
    void requiredAttributes() {
      Guard g = Guards.requiredAttributes("need", "budget", "note");
      assertThat(g.name()).isEqualTo("required attributes [need, budget, note]");
      Verdict v = check(g, deal().putAttribute("need", AttributeValue.of(false))
          .putAttribute("note", AttributeValue.of("  ")).build());
      assertThat(v.violations()).containsExactly(new Violation(g.name(),
          Violation.MISSING_ATTRIBUTES, "deal 'D-1' needs need, budget, note before "
              + "sales-qualified (qualification -> consideration)",
          List.of("need", "budget", "note")));
      Verdict partly = check(g, deal().putAttribute("need", AttributeValue.of(true))
          .putAttribute("note", AttributeValue.of("call back")).build());
      assertThat(partly.violations()).singleElement()
          .extracting(Violation::subjects).isEqualTo(List.of("budget"));
      assertThat(check(g, deal().putAttribute("need", AttributeValue.of(true))
          .putAttribute("budget", AttributeValue.of(0))
          .putAttribute("note", AttributeValue.of("x")).build()).passed()).isTrue();
    }

    @Test
    void minimumLeadScore() {
      Guard g = Guards.minimumLeadScore(50);
      assertThat(g.name()).isEqualTo("lead_score >= 50");
      assertThat(check(g, deal().build()).violations()).containsExactly(new Violation(g.name(),
          Violation.LEAD_SCORE_TOO_LOW, "deal 'D-1' has no number lead_score; needs at least 50",
          List.of("missing")));
      assertThat(check(g, deal().putAttribute(Deal.LEAD_SCORE, AttributeValue.of("high"))
          .build()).violations()).singleElement().satisfies(x -> {
            assertThat(x.message()).isEqualTo(
                "deal 'D-1' has no number lead_score (found high); needs at least 50");
            assertThat(x.subjects()).containsExactly("missing");
          });
      assertThat(check(g, deal().putAttribute(Deal.LEAD_SCORE, AttributeValue.of(49.5))
          .build()).violations()).containsExactly(new Violation(g.name(),
              Violation.LEAD_SCORE_TOO_LOW, "deal 'D-1' has lead_score 49.5; needs at least 50",
              List.of("49.5")));
      assertThat(check(g, deal().putAttribute(Deal.LEAD_SCORE, AttributeValue.of(50)).build())
          .passed()).isTrue();
      assertThat(check(Guards.minimumLeadScore(62.5), deal()
          .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(62.5)).build()).passed()).isTrue();
    }

    @Test
    void minimumNumberDecidesExactlyNextToTheMinimumAndFarFromIt() {
      // the guard decides by double when the value is clear of the minimum, exactly near it
      org.quicktheories.QuickTheory.qt().withExamples(3000).forAll(
          org.quicktheories.generators.SourceDSL.doubles().between(-1e6, 1e6),
          org.quicktheories.generators.SourceDSL.integers().between(-40, 40),
          // at most 18 decimals: the bound of AttributeValue.Number
          org.quicktheories.generators.SourceDSL.integers().between(0, 18))
          .checkAssert((minimum, steps, digits) -> {
            java.math.BigDecimal min = java.math.BigDecimal.valueOf(minimum);
            java.math.BigDecimal value = min.add(java.math.BigDecimal.valueOf(steps, digits));
            Guard g = Guards.minimumNumber("score", minimum, "too_low");
            boolean passed = check(g, deal().putAttribute("score", AttributeValue.of(value))
                .build()).passed();
            assertThat(passed).as("%s >= %s", value.toPlainString(), min.toPlainString())
                .isEqualTo(value.compareTo(min) >= 0);
          });
    }

    @Test
    void minimumTouches() {
      Guard g = Guards.minimumTouches(2);
      assertThat(g.name()).isEqualTo("touches >= 2");
      Deal one = deal().touchCount(1).lastTouchAt(T0).build();
      assertThat(check(g, one).violations()).containsExactly(new Violation(g.name(),
          Violation.TOO_FEW_TOUCHES, "deal 'D-1' has 1 touches; needs at least 2", List.of("1")));
      assertThat(check(g, deal().touchCount(2).lastTouchAt(T0).build()).passed()).isTrue();
      assertThat(check(Guards.minimumTouches(0), deal().build()).passed()).isTrue();
    }

    @Test
    void noSkipping() {
      Guard g = Guards.noSkipping();
      Transition jump = new Transition(StageId.of("prospecting"), StageId.of("decision"), "jump",
          TransitionKind.ADVANCE, List.of());
      Deal prospect = deal().stage(StageId.of("prospecting")).build();
      Verdict v = Guards.evaluate(g, context(prospect, jump, Request.by("ana"), T0));
      assertThat(v.violations()).containsExactly(new Violation("no skipping",
          Violation.SKIPS_STAGES,
          "moving deal 'D-1' from prospecting to decision skips qualification, consideration",
          List.of("qualification", "consideration")));
      assertThat(check(g, deal().build()).passed()).as("next stage").isTrue();
      Transition toLost = SAAS.transition(StageId.of("prospecting"), StageId.of("lost"))
          .orElseThrow();
      assertThat(Guards.evaluate(g, context(prospect, toLost, Request.by("ana"), T0)).passed())
          .as("closing is not skipping").isTrue();
    }

    @Test
    void noBackwardMoves() {
      Guard g = Guards.noBackwardMoves();
      Transition back = SAAS.transition(CONSIDERATION, QUALIFICATION).orElseThrow();
      Deal considered = deal().stage(CONSIDERATION).build();
      assertThat(Guards.evaluate(g, context(considered, back, Request.by("ana"), T0))
          .violations()).containsExactly(new Violation("no backward moves",
              Violation.BACKWARD_MOVE,
              "moving deal 'D-1' from consideration back to qualification is not allowed",
              List.of("qualification")));
      assertThat(check(g, deal().build()).passed()).isTrue();
    }

    @Test
    void ownerIn() {
      // Many owners, so the message would show a different order on some JVM runs if the
      // guard printed its Set as is.
      Guard g = Guards.ownerIn("ben", "ana");
      assertThat(g.name()).isEqualTo("owner in [ana, ben]");
      assertThat(check(g, deal().owner("ana").build()).passed()).isTrue();
      assertThat(check(g, deal().owner("carla").build()).violations()).singleElement()
          .satisfies(x -> {
            assertThat(x.code()).isEqualTo(Violation.OWNER_NOT_ALLOWED);
            assertThat(x.subjects()).containsExactly("carla");
            assertThat(x.message()).isEqualTo("deal 'D-1' is owned by carla; only [ana, ben] may "
                + "take sales-qualified (qualification -> consideration)");
          });
      assertThat(check(g, deal().build()).violations()).singleElement().satisfies(x -> {
        assertThat(x.subjects()).containsExactly("");
        assertThat(x.message()).isEqualTo("deal 'D-1' is owned by nobody; only [ana, ben] may "
            + "take sales-qualified (qualification -> consideration)");
      });
    }

    @Test
    void actorHasRole() {
      Guard g = Guards.actorHasRole("manager", "director");
      assertThat(g.name()).isEqualTo("actor has role [manager, director]");
      Deal d = deal().build();
      Instant at = T0;
      assertThat(Guards.evaluate(g, context(d, SALES_QUALIFIED, Request.by("ana"), at))
          .violations()).containsExactly(new Violation(g.name(), Violation.ROLE_REQUIRED,
              "ana needs role manager or director for sales-qualified "
                  + "(qualification -> consideration)", List.of("manager", "director")));
      assertThat(Guards.evaluate(g, context(d, SALES_QUALIFIED,
          Request.by("ana").withRoles("rep", "director"), at)).passed()).isTrue();
    }

    @Test
    void minimumTimeInStage() {
      Guard g = Guards.minimumTimeInStage(Duration.ofDays(3));
      assertThat(g.name()).isEqualTo("time in stage >= PT72H");
      Deal d = deal().build(); // entered qualification at T0
      assertThat(Guards.evaluate(g, context(d, SALES_QUALIFIED, Request.by("ana"),
          T0.plus(Duration.ofDays(1)))).violations()).containsExactly(new Violation(g.name(),
              Violation.TOO_EARLY,
              "deal 'D-1' has been in qualification for PT24H; needs PT72H", List.of("PT48H")));
      assertThat(Guards.evaluate(g, context(d, SALES_QUALIFIED, Request.by("ana"),
          T0.plus(Duration.ofDays(3)))).passed()).isTrue();
      assertThatThrownBy(() -> Guards.minimumTimeInStage(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("minimum time in stage must not be negative: PT-1S");
    }

    @Test
    void amountPresent() {
      Guard g = Guards.amountPresent();
      Violation missing = new Violation("amount present", Violation.AMOUNT_MISSING,
          "deal 'D-1' needs an amount before sales-qualified (qualification -> consideration)",
          List.of());
      assertThat(check(g, deal().build()).violations()).containsExactly(missing);
      assertThat(check(g, deal().amount(Money.of("0", "EUR")).build()).violations())
          .containsExactly(missing);
      assertThat(check(g, deal().amount(Money.of("0.01", "EUR")).build()).passed()).isTrue();
    }

    @Test
    void predicate() {
      Guard fixed = Guards.predicate("has account", "needs an account",
          c -> c.deal().account().isPresent());
      assertThat(check(fixed, deal().build()).violations()).containsExactly(new Violation(
          "has account", Violation.PREDICATE_FAILED, "needs an account", List.of()));
      assertThat(check(fixed, deal().account("Acme Inc").build()).passed()).isTrue();
      Guard custom = Guards.predicate("weekday", "weekend", c -> "no moves on " + c.at(),
          c -> false);
      assertThat(check(custom, deal().build()).violations()).containsExactly(new Violation(
          "weekday", "weekend", "no moves on 2026-03-03T09:00:00Z", List.of()));
    }
  }

  @Nested
  class Factories {
    private final Deal qualified = deal().touchCount(3).lastTouchAt(T0).owner("ana")
        .amount(Money.of("10", "EUR")).putAttribute(Deal.LEAD_SCORE, AttributeValue.of(70))
        .putAttribute("need", AttributeValue.of(true)).build();
    private final Deal bare = deal().build();

    private void passesAndFails(String name, Map<String, String> params, String expectedName,
        String failCode) {
      Guard g = GuardFactories.create(name, params);
      assertThat(g.name()).isEqualTo(expectedName);
      assertThat(check(g, qualified).passed()).as(name + " passes").isTrue();
      assertThat(check(g, bare).violations()).as(name + " fails").extracting(Violation::code)
          .containsExactly(failCode);
    }

    @Test
    void aFactoryMadeGuardRemembersItsRecipeAndComparesByIt() {
      Guard a = GuardFactories.create("minimum-lead-score", Map.of("min", "50"));
      Guard b = GuardFactories.create("minimum-lead-score", Map.of("min", "50"));
      assertThat(a).isEqualTo(b).hasSameHashCodeAs(b)
          .isNotEqualTo(GuardFactories.create("minimum-lead-score", Map.of("min", "60")));
      assertThat(a.name()).isEqualTo("lead_score >= 50");
      assertThat(a.toString()).isEqualTo(Guards.minimumLeadScore(50).toString());
      assertThat(GuardFactories.recipe(a)).contains(
          new GuardRecipe("minimum-lead-score", Map.of("min", "50")));
      assertThat(GuardFactories.recipe(Guards.minimumLeadScore(50))).isEmpty();
      assertThat(check(a, qualified).passed()).isTrue();
      assertThat(check(a, bare).violations()).extracting(Violation::code)
          .containsExactly(Violation.LEAD_SCORE_TOO_LOW);
    }

    @Test
    void everyBuiltInFactoryMakesItsGuard() {
      assertThat(GuardFactories.load().keySet()).containsExactlyInAnyOrder("actor-has-role",
          "amount-present", "marketing-qualified", "minimum-lead-score", "minimum-time-in-stage",
          "minimum-touches", "no-backward-moves", "no-skipping", "owner-in", "required-attributes",
          "sales-qualified");
      passesAndFails("owner-in", Map.of("owners", "ben, ana"), "owner in [ana, ben]",
          Violation.OWNER_NOT_ALLOWED);
      passesAndFails("required-attributes", Map.of("names", " need , ,lead_score"),
          "required attributes [need, lead_score]", Violation.MISSING_ATTRIBUTES);
      passesAndFails("minimum-lead-score", Map.of("min", "60"), "lead_score >= 60",
          Violation.LEAD_SCORE_TOO_LOW);
      passesAndFails("minimum-touches", Map.of("min", "3"), "touches >= 3",
          Violation.TOO_FEW_TOUCHES);
      passesAndFails("amount-present", Map.of(), "amount present", Violation.AMOUNT_MISSING);
      // context(Deal) is one day after entering the stage: P2D fails, PT12H passes.
      Guard twoDays = GuardFactories.create("minimum-time-in-stage", Map.of("duration", "P2D"));
      assertThat(twoDays.name()).isEqualTo("time in stage >= PT48H");
      assertThat(check(twoDays, qualified).violations()).extracting(Violation::code,
          Violation::subjects).containsExactly(
              org.assertj.core.groups.Tuple.tuple(Violation.TOO_EARLY, List.of("PT24H")));
      assertThat(check(GuardFactories.create("minimum-time-in-stage",
          Map.of("duration", "PT12H")), bare).passed()).isTrue();
      Guard role = GuardFactories.create("actor-has-role", Map.of("roles", "manager,director"));
      assertThat(role.name()).isEqualTo("actor has role [manager, director]");
      assertThat(Guards.evaluate(role, context(bare, SALES_QUALIFIED,
          Request.by("ana").withRoles("manager"), T0)).passed()).isTrue();
      assertThat(check(role, bare).violations()).extracting(Violation::code)
          .containsExactly(Violation.ROLE_REQUIRED);
      Guard noSkip = GuardFactories.create("no-skipping", Map.of());
      assertThat(noSkip.name()).isEqualTo("no skipping");
      Guard noBack = GuardFactories.create("no-backward-moves", Map.of());
      assertThat(noBack.name()).isEqualTo("no backward moves");
      Transition back = SAAS.transition(CONSIDERATION, QUALIFICATION).orElseThrow();
      assertThat(Guards.evaluate(noBack, context(deal().stage(CONSIDERATION).build(), back,
          Request.by("ana"), T0)).violations()).extracting(Violation::code)
          .containsExactly(Violation.BACKWARD_MOVE);
    }

    @Test
    void unknownNameListsTheKnownNames() {
      assertThatThrownBy(() -> GuardFactories.create("owner", Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no guard named 'owner'; known guards: [actor-has-role, amount-present,"
              + " marketing-qualified, minimum-lead-score, minimum-time-in-stage, minimum-touches,"
              + " no-backward-moves, no-skipping, owner-in, required-attributes, sales-qualified]");
    }

    @Test
    void badParametersAreNamed() {
      assertThatThrownBy(() -> GuardFactories.create("minimum-lead-score", Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("guard 'minimum-lead-score' needs parameter 'min'; got {}");
      assertThatThrownBy(() -> GuardFactories.create("minimum-lead-score", Map.of("min", "NaN")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("guard 'minimum-lead-score': parameter 'min' is not a finite number: 'NaN'");
      assertThatThrownBy(() -> GuardFactories.create("minimum-touches", Map.of("min", "2.5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("guard 'minimum-touches': parameter 'min' must be a non-negative whole "
              + "number, not 2.5");
      assertThatThrownBy(() -> GuardFactories.create("minimum-time-in-stage",
          Map.of("duration", "3 days"))).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("guard 'minimum-time-in-stage': parameter 'duration' is not an ISO-8601 "
              + "duration: '3 days'");
    }
  }
}

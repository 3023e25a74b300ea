package dev.pipelinesdk.core.internal.builtin;

import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.GuardFactory;
import dev.pipelinesdk.core.guard.Guards;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;

/**
 * The built-in guards of {@link Guards} as {@link GuardFactory} services. Each nested class is a
 * provider; list parameters are comma-separated.
 */
public final class BuiltInGuardFactories {
  private BuiltInGuardFactories() {}

  private abstract static class Base implements GuardFactory {
    private final String name;
    private final String description;

    Base(String name, String description) {
      this.name = name;
      this.description = description;
    }

    @Override
    public final String name() {
      return name;
    }

    @Override
    public final String description() {
      return description;
    }

    final String param(Map<String, String> p, String key) {
      String v = p.get(key);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("guard '" + name + "' needs parameter '" + key
            + "'; got " + p);
      }
      return v.strip();
    }

    final String[] list(Map<String, String> p, String key) {
      return Arrays.stream(param(p, key).split(",")).map(String::strip)
          .filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    final double number(Map<String, String> p, String key) {
      String v = param(p, key);
      try {
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("guard '" + name + "': parameter '" + key
            + "' is not a finite number: '" + v + "'", e);
      }
    }
  }

  /** {@code required-attributes}: parameter {@code names}. */
  public static final class RequiredAttributes extends Base {
    /** Creates the provider. */
    public RequiredAttributes() {
      super("required-attributes", "deal has every attribute in 'names'");
    }

    @Override
    public Guard create(Map<String, String> p) {
      return Guards.requiredAttributes(list(p, "names"));
    }
  }

  /** {@code minimum-lead-score}: parameter {@code min}. */
  public static final class MinimumLeadScore extends Base {
    /** Creates the provider. */
    public MinimumLeadScore() {
      super("minimum-lead-score", "lead_score attribute is at least 'min'");
    }

    @Override
    public Guard create(Map<String, String> p) {
      return Guards.minimumLeadScore(number(p, "min"));
    }
  }

  /** {@code minimum-touches}: parameter {@code min}. */
  public static final class MinimumTouches extends Base {
    /** Creates the provider. */
    public MinimumTouches() {
      super("minimum-touches", "deal has at least 'min' touches");
    }

    @Override
    public Guard create(Map<String, String> p) {
      double min = number(p, "min");
      if (min != Math.rint(min) || min < 0 || min > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("guard 'minimum-touches': parameter 'min' must be a "
            + "non-negative whole number, not " + p.get("min"));
      }
      return Guards.minimumTouches((int) min);
    }
  }

  /** {@code no-skipping}: no parameters. */
  public static final class NoSkipping extends Base {
    /** Creates the provider. */
    public NoSkipping() {
      super("no-skipping", "moves between open stages do not skip a stage");
    }

    @Override
    public Guard create(Map<String, String> p) {
      return Guards.noSkipping();
    }
  }

  /** {@code no-backward-moves}: no parameters. */
  public static final class NoBackwardMoves extends Base {
    /** Creates the provider. */
    public NoBackwardMoves() {
      super("no-backward-moves", "moves between open stages do not go backward");
    }

    @Override
    public Guard create(Map<String, String> p) {
      return Guards.noBackwardMoves();
    }
  }

  /** {@code amount-present}: no parameters. */
  public static final class AmountPresent extends Base {
    /** Creates the provider. */
    public AmountPresent() {
      super("amount-present", "deal has a non-zero amount");
    }

    @Override
    public Guard create(Map<String, String> p) {
      return Guards.amountPresent();
    }
  }

  /** {@code minimum-time-in-stage}: parameter {@code duration} (ISO-8601, such as P3D). */
  public static final class MinimumTimeInStage extends Base {
    /** Creates the provider. */
    public MinimumTimeInStage() {
      super("minimum-time-in-stage", "deal has been in its stage at least 'duration' (ISO-8601)");
    }

    @Override
    public Guard create(Map<String, String> p) {
      String v = param(p, "duration");
      try {
        return Guards.minimumTimeInStage(Duration.parse(v));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("guard 'minimum-time-in-stage': parameter 'duration' "
            + "is not an ISO-8601 duration: '" + v + "'", e);
      }
    }
  }

  /** {@code actor-has-role}: parameter {@code roles}. */
  public static final class ActorHasRole extends Base {
    /** Creates the provider. */
    public ActorHasRole() {
      super("actor-has-role", "the requesting actor has one of 'roles'");
    }

    @Override
    public Guard create(Map<String, String> p) {
      return Guards.actorHasRole(list(p, "roles"));
    }
  }

  /** {@code owner-in}: parameter {@code owners}. */
  public static final class OwnerIn extends Base {
    /** Creates the provider. */
    public OwnerIn() {
      super("owner-in", "the deal's owner is one of 'owners'");
    }

    @Override
    public Guard create(Map<String, String> p) {
      return Guards.ownerIn(list(p, "owners"));
    }
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Random histories on the {@link Driver#free() free} pipeline, from a seed: moves forward, back
 * and over stages, wins, losses, dormancy, revivals, reopens, touches, amount and probability
 * changes. Deals are created over days 0..60 and live up to ~90 days.
 */
final class RandomHistories {
  static final PipelineDefinition FREE = Driver.free();
  private static final String[] OPEN = {"a", "b", "c", "d"};
  private static final LeadSource[] SOURCES = {LeadSource.cold("call"), LeadSource.cold("social"),
      LeadSource.warm("webinar"), LeadSource.warm("referral")};

  private RandomHistories() {}

  static List<DealHistory> generate(long seed, int count) {
    return generate(seed, count, false);
  }

  /**
   * As {@link #generate(long, int)}; with {@code nanos}, every change after the creation also
   * moves the clock by a random number of nanoseconds, so instants are not whole seconds.
   */
  static List<DealHistory> generate(long seed, int count, boolean nanos) {
    Random random = new Random(seed);
    Driver x = new Driver(FREE);
    List<DealHistory> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Optional<Money> amount = random.nextInt(5) == 0 ? Optional.empty()
          : Optional.of(Money.of(Integer.toString(100 * (1 + random.nextInt(100))), "EUR"));
      DealHistory h = x.create(random.nextInt(60 * 24) / 24.0, "R" + i, amount,
          Optional.of(SOURCES[random.nextInt(SOURCES.length)]));
      int steps = random.nextInt(12);
      for (int s = 0; s < steps; s++) {
        x.clock.advance(Duration.ofHours(random.nextInt(24 * 6)));
        if (nanos) {
          x.clock.advance(Duration.ofNanos(random.nextInt(1_000_000_000)));
        }
        Outcome o = x.pipeline.execute(h, command(random), dev.pipelinesdk.core.engine.Request
            .by("bot"));
        h = o.appendTo(h); // rejected commands (no such transition) change nothing
      }
      out.add(h);
    }
    return out;
  }

  private static Command command(Random random) {
    switch (random.nextInt(10)) {
      case 0:
      case 1:
      case 2:
        return new Command.MoveTo(StageId.of(OPEN[random.nextInt(OPEN.length)]));
      case 3:
        return new Command.Win();
      case 4:
        return new Command.Lose("random");
      case 5:
        return new Command.GoDormant();
      case 6:
        return new Command.RecordTouch(Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED));
      case 7:
        return new Command.ChangeAmount(
            Optional.of(Money.of(Integer.toString(50 * random.nextInt(300)), "EUR")));
      case 8:
        return new Command.OverrideProbability(OptionalDouble.of(random.nextInt(11) / 10.0));
      default:
        return new Command.MoveTo(StageId.of(OPEN[random.nextInt(OPEN.length)]));
    }
  }
}

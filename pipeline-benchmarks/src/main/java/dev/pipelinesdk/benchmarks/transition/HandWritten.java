package dev.pipelinesdk.benchmarks.transition;

import org.openjdk.jmh.infra.Blackhole;

/**
 * The hand-written baseline: an immutable record and a switch. No events, no reasons, no
 * validation: the practical upper bound for "a new value per move".
 */
public final class HandWritten implements Contender {
  private int created;

  /**
   * A deal as a record.
   *
   * @param id the deal number
   * @param stage the stage
   * @param score the score the guard reads
   */
  public record Deal(int id, DealStage stage, int score) {
    /**
     * Moves the deal.
     *
     * @param to the target stage
     * @return the moved deal, or this deal if the move is not allowed
     */
    public Deal move(DealStage to) {
      boolean allowed;
      switch (stage) {
        case PROSPECTING:
          allowed = to == DealStage.QUALIFICATION || to == DealStage.LOST;
          break;
        case QUALIFICATION:
          allowed = to == DealStage.CONSIDERATION ? score >= MINIMUM_SCORE : to == DealStage.LOST;
          break;
        case CONSIDERATION:
          allowed = to == DealStage.DECISION || to == DealStage.LOST;
          break;
        case DECISION:
          allowed = to == DealStage.WON || to == DealStage.LOST;
          break;
        default:
          allowed = false;
      }
      return allowed ? new Deal(id, to, score) : this;
    }
  }

  @Override
  public String name() {
    return "hand-written";
  }

  /**
   * The timed operation as the JIT may optimise it (intermediate deals may never be allocated).
   *
   * @param id the deal number
   * @param score the score
   * @return the won deal
   */
  public static Deal drive(int id, int score) {
    Deal d = new Deal(id, DealStage.PROSPECTING, score)
        .move(DealStage.QUALIFICATION)
        .move(DealStage.CONSIDERATION)
        .move(DealStage.DECISION)
        .move(DealStage.WON);
    Contender.requireWon("hand-written", d.stage());
    return d;
  }

  /**
   * The timed operation with every intermediate deal kept alive (handed to the blackhole, as a
   * caller keeps each returned value), a realistic floor for a library that returns values.
   *
   * @param id the deal number
   * @param score the score
   * @param bh where every intermediate deal goes
   * @return the won deal
   */
  public static Deal driveKeptAlive(int id, int score, Blackhole bh) {
    Deal d = new Deal(id, DealStage.PROSPECTING, score);
    bh.consume(d);
    d = d.move(DealStage.QUALIFICATION);
    bh.consume(d);
    d = d.move(DealStage.CONSIDERATION);
    bh.consume(d);
    d = d.move(DealStage.DECISION);
    bh.consume(d);
    d = d.move(DealStage.WON);
    Contender.requireWon("hand-written kept alive", d.stage());
    return d;
  }

  @Override
  public DealStage driveToWon(int score) {
    return drive(created++, score).stage();
  }

  @Override
  public Session start(int score) {
    Deal deal = new Deal(created++, DealStage.PROSPECTING, score);
    return new Session() {
      private Deal current = deal;

      @Override
      public DealStage stage() {
        return current.stage();
      }

      @Override
      public boolean fire(DealTrigger trigger) {
        Deal next = current.move(trigger.target());
        boolean moved = next != current;
        current = next;
        return moved;
      }
    };
  }
}

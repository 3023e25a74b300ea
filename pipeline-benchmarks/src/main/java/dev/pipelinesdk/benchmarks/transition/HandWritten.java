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

  /**
   * What a change records: the deal, when, who, from where to where.
   *
   * @param dealId the deal number
   * @param at when, in epoch milliseconds
   * @param actor who
   * @param from the stage left
   * @param to the stage entered
   */
  public record Event(int dealId, long at, String actor, DealStage from, DealStage to) {}

  /**
   * What a library call returns: the deal before, the deal after and the events.
   *
   * @param previous the deal before
   * @param deal the deal after
   * @param event the event recorded
   */
  public record Result(Deal previous, Deal deal, Event event) {
    /** {@return the recorded events, as a list (the shape a caller appends to its history)} */
    public java.util.List<Event> events() {
      return java.util.List.of(event);
    }
  }

  /**
   * One step of {@link #driveWithEvents}: the move, its event and the result.
   *
   * @param d the deal
   * @param to the target
   * @param at the instant
   * @param actor who
   * @return the result, or null if the move is not allowed
   */
  static Result step(Deal d, DealStage to, long at, String actor) {
    Deal next = d.move(to);
    return next == d ? null : new Result(d, next, new Event(d.id(), at, actor, d.stage(), to));
  }

  /**
   * The timed operation returning what a recording library returns per step (the new deal, an
   * event, a result holding both, its event list), every one kept alive.
   *
   * @param id the deal number
   * @param score the score
   * @param at the instant
   * @param bh where every result and its events go
   * @return the won deal
   */
  public static Deal driveWithEvents(int id, int score, long at, Blackhole bh) {
    Deal d = new Deal(id, DealStage.PROSPECTING, score);
    Result r = new Result(null, d, new Event(id, at, "bench", null, DealStage.PROSPECTING));
    bh.consume(r);
    bh.consume(r.events());
    for (DealStage to : PATH) {
      r = step(r.deal(), to, at, "bench");
      bh.consume(r);
      bh.consume(r.events());
    }
    Contender.requireWon("hand-written with events", r.deal().stage());
    return r.deal();
  }

  private static final DealStage[] PATH = {DealStage.QUALIFICATION, DealStage.CONSIDERATION,
      DealStage.DECISION, DealStage.WON};

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

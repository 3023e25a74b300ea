package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.Touch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one place that says how a deal's events drive the cadences of its stage (see {@link
 * Cadence} for the rules): one pass over the current visit, all of the stage's cadences at once,
 * because whether one may start depends on the others.
 */
final class CadenceEnrolments {
  private CadenceEnrolments() {}

  /** A running or ended enrolment while the visit is replayed. */
  private static final class Run {
    final Cadence cadence;
    final Instant enrolledAt;
    final boolean manual;
    int done;
    @Nullable Instant lastDone;
    @Nullable Instant nextDue;
    CadenceEnrolment.@Nullable End end;

    Run(Cadence cadence, Instant enrolledAt, boolean manual, BusinessCalendar calendar) {
      this.cadence = cadence;
      this.enrolledAt = enrolledAt;
      this.manual = manual;
      this.nextDue = cadence.steps().get(0).delay().from(enrolledAt, calendar);
    }

    boolean active() {
      return end == null;
    }

    void touch(DealEvent.TouchRecorded e, BusinessCalendar calendar) {
      Touch t = e.touch();
      Optional<Cadence.StopOn> stop = cadence.stopFor(t);
      if (stop.isPresent()) {
        end(stop.get() == Cadence.StopOn.REPLY ? CadenceEnrolment.Reason.REPLIED
            : CadenceEnrolment.Reason.MEETING_BOOKED, e.at(), words(t));
        return;
      }
      if (t.direction() != Touch.Direction.OUTBOUND || e.at().isBefore(nextDue)) {
        return; // a step is done by an outbound touch at or after it fell due
      }
      done++;
      lastDone = e.at();
      List<Cadence.Step> steps = cadence.steps();
      if (done == steps.size()) {
        end(CadenceEnrolment.Reason.FINISHED, e.at(), "step " + done + " of " + done + " done by "
            + words(t));
      } else {
        nextDue = steps.get(done).delay().from(e.at(), calendar);
      }
    }

    void end(CadenceEnrolment.Reason reason, Instant at, String detail) {
      end = new CadenceEnrolment.End(reason, at, detail);
      nextDue = null;
    }

    CadenceEnrolment enrolment() {
      return new CadenceEnrolment(cadence.id(), enrolledAt, manual, done,
          Optional.ofNullable(lastDone), Optional.ofNullable(nextDue), Optional.ofNullable(end));
    }
  }

  /** {@code an inbound email, replied}. */
  static String words(Touch t) {
    return (t.direction() == Touch.Direction.INBOUND ? "an inbound " : "an outbound ")
        + t.channel().name().toLowerCase(java.util.Locale.ROOT) + ", "
        + t.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /**
   * The enrolments of the deal's current visit in the cadences of its stage, in the order they
   * started.
   */
  static List<CadenceEnrolment> of(RuleContext c) {
    List<Cadence> cadences = new ArrayList<>(2);
    for (AutomationRule r : c.definition().automationRules()) {
      if (r instanceof Cadence && r.stage().equals(c.stage().id())) {
        cadences.add((Cadence) r);
      }
    }
    if (cadences.isEmpty()) {
      return List.of();
    }
    BusinessCalendar calendar = c.calendar();
    List<DealEvent> visit = c.visit();
    List<Run> runs = new ArrayList<>(2);
    Instant entered = visit.get(0).at();
    for (Cadence k : cadences) {
      if (!k.manualOnly()) {
        start(runs, k, entered, false, calendar); // the first declared wins
      }
    }
    for (int i = 1; i < visit.size(); i++) {
      DealEvent e = visit.get(i);
      if (e instanceof DealEvent.TouchRecorded) {
        for (Run r : runs) {
          if (r.active()) {
            r.touch((DealEvent.TouchRecorded) e, calendar);
          }
        }
      } else if (e instanceof DealEvent.CadenceEnrolled) {
        Cadence k = find(cadences, ((DealEvent.CadenceEnrolled) e).cadence());
        if (k != null) {
          start(runs, k, e.at(), true, calendar);
        }
      } else if (e instanceof DealEvent.CadenceStopped) {
        DealEvent.CadenceStopped s = (DealEvent.CadenceStopped) e;
        Run r = active(runs, s.cadence());
        if (r != null) {
          r.end(CadenceEnrolment.Reason.STOPPED, e.at(), s.reason());
        }
      }
    }
    List<CadenceEnrolment> out = new ArrayList<>(runs.size());
    for (Run r : runs) {
      out.add(r.enrolment());
    }
    return List.copyOf(out);
  }

  /**
   * Starts an enrolment unless the cadence is running, or it is exclusive and an exclusive one is
   * running (the one enrolled first wins).
   */
  private static void start(List<Run> runs, Cadence k, Instant at, boolean manual,
      BusinessCalendar calendar) {
    for (Run r : runs) {
      if (r.active() && k.blockedBy(r.cadence)) {
        return;
      }
    }
    runs.add(new Run(k, at, manual, calendar));
  }

  private static @Nullable Cadence find(List<Cadence> cadences, String id) {
    for (Cadence k : cadences) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    return null; // a cadence of another stage, or one the definition no longer has
  }

  private static @Nullable Run active(List<Run> runs, String id) {
    for (Run r : runs) {
      if (r.active() && r.cadence.id().equals(id)) {
        return r;
      }
    }
    return null;
  }
}

package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import java.util.List;

/**
 * The hand-computed example on the saas-b2b pipeline (days after 2026-01-01):
 *
 * <pre>
 * D1 warm:webinar  1000  p d0, q d1, c d2, back to q d4, c d6, decision d8, won d10
 * D2 cold:call     2000  p d0, q d1, lost d3, reopened to q d20, c d22 (open)
 * D3 warm:referral 3000  p d1, q d2, dormant d5, revived to decision d9, won d12
 * D4 cold:call      500  p d2, lost d3
 * D5 warm:webinar  1500  p d3, q d4, c d5, dormant d7
 * D6 warm:webinar   800  p d40 (February), q d41 (open)
 * </pre>
 */
final class Examples {
  private Examples() {}

  static List<DealHistory> saas() {
    Driver x = Driver.saas();
    DealHistory d1 = x.create(0, "D1", "1000", LeadSource.warm("webinar"));
    d1 = x.move(d1, 1, "qualification");
    d1 = x.move(d1, 2, "consideration");
    d1 = x.move(d1, 4, "qualification");
    d1 = x.move(d1, 6, "consideration");
    d1 = x.move(d1, 8, "decision");
    d1 = x.win(d1, 10);

    DealHistory d2 = x.create(0, "D2", "2000", LeadSource.cold("call"));
    d2 = x.move(d2, 1, "qualification");
    d2 = x.lose(d2, 3);
    d2 = x.move(d2, 20, "qualification");
    d2 = x.move(d2, 22, "consideration");

    DealHistory d3 = x.create(1, "D3", "3000", LeadSource.warm("referral"));
    d3 = x.move(d3, 2, "qualification");
    d3 = x.dark(d3, 5);
    d3 = x.move(d3, 9, "decision");
    d3 = x.win(d3, 12);

    DealHistory d4 = x.create(2, "D4", "500", LeadSource.cold("call"));
    d4 = x.lose(d4, 3);

    DealHistory d5 = x.create(3, "D5", "1500", LeadSource.warm("webinar"));
    d5 = x.move(d5, 4, "qualification");
    d5 = x.move(d5, 5, "consideration");
    d5 = x.dark(d5, 7);

    DealHistory d6 = x.create(40, "D6", "800", LeadSource.warm("webinar"));
    d6 = x.move(d6, 41, "qualification");
    return List.of(d1, d2, d3, d4, d5, d6);
  }
}

package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Which retractions each accumulator refuses, from the README's rule (no call in the band, more
 * than the total, the last observation with anything but the remaining total), and that a refusal
 * changes nothing: random histories of adds and arbitrary retractions against counters.
 */
class RetractionRuleOracleProperties {

  @Property(tries = 200)
  void serviceLevelRetractionRule(@ForAll Random r) {
    long s = r.nextInt(3) * 1000;
    long t = s + r.nextInt(3) * 1000;
    long n = t + r.nextInt(3) * 1000;
    ServiceLevelPolicy p =
        ServiceLevelPolicy.of(Duration.ofMillis(t), Duration.ofMillis(s), Duration.ofMillis(n));
    ServiceLevelAccumulator acc = ServiceLevelAccumulator.create(p);
    long an = 0, at = 0, anN = 0, wait = 0, ab = 0, abt = 0, abs = 0;
    for (int i = r.nextInt(80); i > 0; i--) {
      long w = KpiBruteForceOracleProperties.near(r, s, t, n) % 7000;
      boolean answered = r.nextBoolean();
      ServiceLevelResult before = acc.result();
      if (r.nextInt(3) == 0) {
        if (answered) {
          acc.answeredMillis(w);
          an++;
          wait += w;
          if (w <= t) at++;
          if (w <= n) anN++;
        } else {
          acc.abandonedMillis(w);
          ab++;
          if (w <= t) abt++;
          if (w <= s) abs++;
        }
      } else if (answered) {
        long band = w <= t ? at : w <= n ? anN - at : an - anN;
        boolean ok = band > 0 && w <= wait && (an > 1 || w == wait);
        if (ok) {
          acc.retractAnsweredMillis(w);
          an--;
          wait -= w;
          if (w <= t) at--;
          if (w <= n) anN--;
        } else {
          long ww = w;
          assertThrows(
              IllegalArgumentException.class,
              () -> acc.retractAnsweredMillis(ww),
              "retract answered " + w + " from " + before);
          assertEquals(before, acc.result());
        }
      } else {
        long band = w <= s ? abs : w <= t ? abt - abs : ab - abt;
        boolean ok = band > 0;
        if (ok) {
          acc.retractAbandoned(Duration.ofMillis(w).plusNanos(r.nextInt(1_000_000)));
          ab--;
          if (w <= t) abt--;
          if (w <= s) abs--;
        } else {
          long ww = w;
          assertThrows(
              IllegalArgumentException.class,
              () -> acc.retractAbandonedMillis(ww),
              "retract abandoned " + w + " from " + before);
          assertEquals(before, acc.result());
        }
      }
      assertEquals(new ServiceLevelResult(p, an, at, anN, wait, ab, abt, abs), acc.result());
      assertEquals(acc.result(), ServiceLevelAccumulator.fromBytes(acc.toBytes()).result());
    }
    ServiceLevelResult r0 = acc.result();
    acc.merge(acc);
    assertEquals(
        new ServiceLevelResult(p, 2 * an, 2 * at, 2 * anN, 2 * wait, 2 * ab, 2 * abt, 2 * abs),
        acc.result(),
        "" + r0);
  }

  @Property(tries = 200)
  void durationAndHandleTimeRetractionRule(@ForAll Random r) {
    DurationAccumulator d = DurationAccumulator.create();
    HandleTimeAccumulator h = HandleTimeAccumulator.create();
    long count = 0, total = 0;
    long hc = 0, ht = 0, hh = 0, hw = 0;
    for (int i = r.nextInt(60); i > 0; i--) {
      long x = r.nextInt(6);
      long y = r.nextInt(6);
      long z = r.nextInt(6);
      if (r.nextInt(3) == 0) {
        d.addMillis(x);
        count++;
        total += x;
        h.addMillis(x, y, z);
        hc++;
        ht += x;
        hh += y;
        hw += z;
      } else {
        boolean ok = count > 0 && x <= total && (count > 1 || x == total);
        DurationResult before = d.result();
        if (ok) {
          d.retractMillis(x);
          count--;
          total -= x;
        } else {
          assertThrows(
              IllegalArgumentException.class,
              () -> d.retractMillis(x),
              "retract " + x + " from " + before);
          assertEquals(before, d.result());
        }
        boolean hok =
            hc > 0 && x <= ht && y <= hh && z <= hw && (hc > 1 || (x == ht && y == hh && z == hw));
        HandleTimeResult hb = h.result();
        if (hok) {
          h.retract(Duration.ofMillis(x), Duration.ofMillis(y), Duration.ofMillis(z));
          hc--;
          ht -= x;
          hh -= y;
          hw -= z;
        } else {
          assertThrows(
              IllegalArgumentException.class, () -> h.retractMillis(x, y, z), "retract from " + hb);
          assertEquals(hb, h.result());
        }
      }
      assertEquals(new DurationResult(count, total), d.result());
      assertEquals(new HandleTimeResult(hc, ht, hh, hw), h.result());
      // every state a retraction leaves reads back from its snapshot
      assertEquals(d.result(), DurationAccumulator.fromBytes(d.toBytes()).result());
      assertEquals(h.result(), HandleTimeAccumulator.fromJson(h.toJson()).result());
      assertEquals(count == 0, d.isEmpty());
      assertEquals(hc == 0, h.isEmpty());
    }
  }

  @Property(tries = 200)
  void ratingNpsOutcomeRetractionRule(@ForAll Random r) {
    RatingAccumulator ra = RatingAccumulator.create(RatingScale.of(0, 4, 3));
    NpsAccumulator nps = NpsAccumulator.create();
    OutcomeAccumulator out = OutcomeAccumulator.create();
    long[] rc = new long[5];
    long[] cat = new long[3];
    long[] oc = new long[2];
    for (int i = r.nextInt(60); i > 0; i--) {
      int v = r.nextInt(5);
      int sc = r.nextInt(11);
      int c = sc <= 6 ? 0 : sc <= 8 ? 1 : 2;
      int o = r.nextInt(2);
      if (r.nextInt(3) == 0) {
        ra.add(v);
        rc[v]++;
        nps.add(sc);
        cat[c]++;
        out.add(o == 1);
        oc[o]++;
      } else {
        if (rc[v] > 0) {
          ra.retract(v);
          rc[v]--;
        } else {
          assertThrows(IllegalArgumentException.class, () -> ra.retract(v));
        }
        if (cat[c] > 0) {
          nps.retract(sc);
          cat[c]--;
        } else {
          assertThrows(IllegalArgumentException.class, () -> nps.retract(sc));
        }
        if (oc[o] > 0) {
          out.retract(o == 1);
          oc[o]--;
        } else {
          assertThrows(IllegalArgumentException.class, () -> out.retract(o == 1));
        }
      }
      for (int k = 0; k < 5; k++) {
        assertEquals(rc[k], ra.result().distribution().get(k));
      }
      assertEquals(new NpsResult(cat[2], cat[1], cat[0]), nps.result());
      assertEquals(new OutcomeResult(oc[1], oc[0]), out.result());
      assertEquals(ra.result(), RatingAccumulator.fromJson(ra.toJson()).result());
      assertEquals(nps.result(), NpsAccumulator.fromBytes(nps.toBytes()).result());
      assertEquals(out.result(), OutcomeAccumulator.fromJson(out.toJson()).result());
    }
  }

  @Property(tries = 200)
  void agentTimeCostAndBacklogRetractionRule(@ForAll Random r) {
    AgentTimeAccumulator a = AgentTimeAccumulator.create();
    CostAccumulator c = CostAccumulator.create();
    BacklogAccumulator b = BacklogAccumulator.create();
    long handled = 0, handle = 0;
    long[] bk = new long[3];
    long cost = 0, contacts = 0, opened = 0, closed = 0;
    for (int i = r.nextInt(60); i > 0; i--) {
      long m = r.nextInt(5);
      int k = r.nextInt(3);
      AgentTimeAccumulator.Bucket bucket = AgentTimeAccumulator.Bucket.values()[k];
      switch (r.nextInt(8)) {
        case 0 -> {
          a.addContactMillis(m);
          handled++;
          handle += m;
        }
        case 1 -> {
          a.addTime(bucket, Duration.ofMillis(m).plusNanos(999_999));
          bk[k] += m;
        }
        case 2 -> {
          boolean ok = handled > 0 && m <= handle && (handled > 1 || m == handle);
          if (ok) {
            a.retractContact(Duration.ofMillis(m));
            handled--;
            handle -= m;
          } else assertThrows(IllegalArgumentException.class, () -> a.retractContactMillis(m));
        }
        case 3 -> {
          if (m <= bk[k]) {
            a.retractTimeMillis(bucket, m);
            bk[k] -= m;
          } else assertThrows(IllegalArgumentException.class, () -> a.retractTimeMillis(bucket, m));
        }
        case 4 -> {
          c.addCost(m);
          cost += m;
          c.addContacts(k);
          contacts += k;
        }
        case 5 -> {
          // the same rule as a duration: no cost without contacts left
          boolean ok =
              m <= cost && k <= contacts; // cost without contacts is a state addCost alone reaches
          if (ok) {
            c.retract(m, k);
            cost -= m;
            contacts -= k;
          } else
            assertThrows(
                IllegalArgumentException.class,
                () -> c.retract(m, k),
                "retract " + m + "," + k + " from " + c.result());
        }
        case 6 -> {
          if (r.nextBoolean()) {
            b.opened();
            opened++;
          } else {
            b.closed();
            closed++;
          }
        }
        default -> {
          if (r.nextBoolean()) {
            if (opened > 0) {
              b.retractOpened();
              opened--;
            } else assertThrows(IllegalArgumentException.class, b::retractOpened);
          } else {
            if (closed > 0) {
              b.retractClosed();
              closed--;
            } else assertThrows(IllegalArgumentException.class, b::retractClosed);
          }
        }
      }
      assertEquals(new AgentTimeResult(handled, handle, bk[0], bk[1], bk[2]), a.result());
      assertEquals(new CostResult(cost, contacts), c.result());
      assertEquals(opened - closed, b.result());
      assertEquals(a.result(), AgentTimeAccumulator.fromBytes(a.toBytes()).result());
      assertEquals(c.result(), CostAccumulator.fromJson(c.toJson()).result());
      assertEquals(b.result(), BacklogAccumulator.fromBytes(b.toBytes()).result());
    }
  }
}

package dev.servicekit.examples;

import dev.servicekit.integrations.flink.FlinkKpiWindows;
import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.kpi.GroupKey;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.PercentileResult;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;

/**
 * Windowed KPIs on Apache Flink: handle-time percentiles (DDSketch) per team, channel and hour,
 * computed by {@link FlinkKpiWindows} in keyed state and emitted once per window when the watermark
 * passes its end plus the allowed lateness. Runs on a local Flink environment (an embedded
 * MiniCluster) at parallelism 2; submitted to a cluster, the same job runs there unchanged.
 */
public final class FlinkKpiExample {

  private FlinkKpiExample() {}

  /**
   * A handled contact (public, with a canonical constructor: Flink serializes records as POJOs).
   *
   * @param team the agent's team
   * @param channel chat, email or phone
   * @param handledAt when it was handled (event time)
   * @param handleMillis handle time in milliseconds
   */
  public record Contact(String team, String channel, Instant handledAt, long handleMillis) {}

  /**
   * 2,000 contacts of one morning in Berlin, in arrival order (up to a minute out of order).
   *
   * @return the contacts
   */
  static List<Contact> contacts() {
    Random r = new Random(42);
    Instant start = Instant.parse("2026-03-02T07:00:00Z"); // 08:00 in Berlin
    List<Contact> out = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String team = "team-" + (char) ('a' + r.nextInt(3));
      String channel = r.nextBoolean() ? "chat" : "phone";
      long base = channel.equals("chat") ? 240_000 : 420_000;
      out.add(
          new Contact(
              team,
              channel,
              start.plusMillis(r.nextInt(4 * 3_600_000)),
              base / 2 + (long) (r.nextDouble() * r.nextDouble() * base * 2)));
    }
    out.sort(Comparator.comparing(Contact::handledAt));
    for (int i = 0; i + 1 < out.size(); i += 2) {
      if (r.nextInt(4) == 0
          && Duration.between(out.get(i).handledAt(), out.get(i + 1).handledAt()).toSeconds()
              < 60) {
        out.set(i, out.set(i + 1, out.get(i))); // a little disorder, within the bound below
      }
    }
    return out;
  }

  /**
   * Runs the job and prints each window's count, median and p90.
   *
   * @param args ignored
   * @throws Exception if the job fails
   */
  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    TypeInformation<Contact> type = TypeInformation.of(Contact.class);
    DataStream<Contact> contacts =
        env.fromData(type, contacts().toArray(Contact[]::new))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Contact>forBoundedOutOfOrderness(Duration.ofMinutes(1))
                    .withTimestampAssigner((c, ts) -> c.handledAt().toEpochMilli()));

    OutputTag<Contact> late = new OutputTag<>("late-contacts", type);
    SingleOutputStreamOperator<KpiWindow<PercentileAccumulator>> windows =
        FlinkKpiWindows.<Contact, PercentileAccumulator>builder(
                PercentileAccumulator.class,
                PercentileAccumulator::create,
                WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Europe/Berlin")))
            .name("handle-time")
            .groupBy(
                c -> GroupKey.of("team", c.team(), "channel", c.channel()).toString(),
                Contact::handledAt)
            .record((acc, c) -> acc.addMillis(c.handleMillis()))
            .allowedLateness(Duration.ofMinutes(10))
            .late(late)
            .aggregate(contacts);

    CloseableIterator<KpiWindow<PercentileAccumulator>> results = windows.collectAsync();
    CloseableIterator<Contact> lateContacts = windows.getSideOutput(late).collectAsync();
    env.execute("servicekit-flink-kpi-example");

    List<KpiWindow<PercentileAccumulator>> all = new ArrayList<>();
    results.forEachRemaining(all::add);
    all.sort(
        Comparator.comparing(KpiWindow<PercentileAccumulator>::start)
            .thenComparing(KpiWindow::group));
    for (KpiWindow<PercentileAccumulator> w : all) {
      PercentileResult p = w.accumulator().result();
      System.out.printf(
          Locale.ROOT,
          "%s %-28s n=%3d median=%6.1fs p90=%6.1fs%n",
          w.start(),
          w.group(),
          p.count(),
          p.medianMillis().orElseThrow() / 1000,
          p.p90Millis().orElseThrow() / 1000);
    }
    long lateCount = 0;
    while (lateContacts.hasNext()) {
      lateContacts.next();
      lateCount++;
    }
    System.out.println("windows: " + all.size() + ", late contacts: " + lateCount);
    results.close();
    lateContacts.close();
  }
}

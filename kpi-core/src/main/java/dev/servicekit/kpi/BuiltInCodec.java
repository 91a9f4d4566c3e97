package dev.servicekit.kpi;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** A codec made of an accumulator's own package-private state methods. */
record BuiltInCodec<A extends KpiAccumulator<A, ?>>(
    String kind,
    Class<A> type,
    BiConsumer<A, SnapshotCodec.Output> writer,
    Function<SnapshotCodec.Input, A> reader)
    implements SnapshotCodec<A> {

  @Override
  public void write(A accumulator, Output out) {
    writer.accept(accumulator, out);
  }

  @Override
  public A read(Input in) {
    return reader.apply(in);
  }

  @Override
  public String toString() {
    return "SnapshotCodec[" + kind + "]";
  }
}

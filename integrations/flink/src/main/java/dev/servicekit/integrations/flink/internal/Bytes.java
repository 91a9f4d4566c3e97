package dev.servicekit.integrations.flink.internal;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;

/** Length-prefixed byte arrays in serialized state. */
final class Bytes {

  /** The largest record accepted (64 MiB): a corrupted length fails fast instead of allocating. */
  static final int MAX = 64 << 20;

  private Bytes() {}

  static byte[] read(DataInputView source) throws IOException {
    int n = source.readInt();
    if (n < 0 || n > MAX) {
      throw new IOException("record length must be in [0, " + MAX + "], was " + n);
    }
    byte[] b = new byte[n];
    source.readFully(b);
    return b;
  }
}

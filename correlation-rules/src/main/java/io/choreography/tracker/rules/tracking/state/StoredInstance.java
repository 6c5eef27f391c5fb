package io.choreography.tracker.rules.tracking.state;

import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.rules.engine.InstanceState;
import io.choreography.tracker.rules.engine.InstanceStateCodec;
import io.choreography.tracker.rules.engine.InstanceView;
import java.nio.charset.StandardCharsets;

/**
 * The value of an instance store entry: the definition version the instance started with (one length byte and
 * ASCII), then the engine's {@link InstanceStateCodec} bytes.
 */
public final class StoredInstance {

  private StoredInstance() {}

  public static byte[] encode(String version, InstanceView state) {
    byte[] head = head(version);
    byte[] body = InstanceStateCodec.encode(state);
    byte[] out = new byte[head.length + body.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }

  public static String version(byte[] stored) {
    return version(stored, 0);
  }

  /**
   * Decodes with the loaded definition. Only the current version of each definition is loaded; the codec checks
   * the step count, so an instance whose definition changed shape cannot be decoded (IllegalArgumentException).
   */
  public static InstanceState decode(CompiledProcess process, byte[] stored) {
    return decode(process, stored, 0, stored.length);
  }

  /** The version and the decoded state. */
  public static TrackedInstance read(CompiledProcess process, byte[] stored) {
    return read(process, stored, 0, stored.length);
  }

  /** The version and the decoded state of the entry in {@code length} bytes of {@code bytes} from {@code offset}. */
  public static TrackedInstance read(CompiledProcess process, byte[] bytes, int offset, int length) {
    return new TrackedInstance(version(bytes, offset), decode(process, bytes, offset, length));
  }

  private static String version(byte[] bytes, int offset) {
    return new String(bytes, offset + 1, bytes[offset] & 0xFF, StandardCharsets.US_ASCII);
  }

  private static InstanceState decode(CompiledProcess process, byte[] bytes, int offset, int length) {
    int head = 1 + (bytes[offset] & 0xFF);
    return InstanceStateCodec.decode(process, bytes, offset + head, length - head);
  }

  /** The bytes an entry starts with before the engine's: the version's length and ASCII. */
  public static byte[] head(String version) {
    byte[] v = version.getBytes(StandardCharsets.US_ASCII);
    byte[] head = new byte[1 + v.length];
    head[0] = (byte) v.length;
    System.arraycopy(v, 0, head, 1, v.length);
    return head;
  }
}

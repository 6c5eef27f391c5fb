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
    byte[] v = version.getBytes(StandardCharsets.US_ASCII);
    byte[] body = InstanceStateCodec.encode(state);
    byte[] out = new byte[1 + v.length + body.length];
    out[0] = (byte) v.length;
    System.arraycopy(v, 0, out, 1, v.length);
    System.arraycopy(body, 0, out, 1 + v.length, body.length);
    return out;
  }

  public static String version(byte[] stored) {
    return new String(stored, 1, stored[0] & 0xFF, StandardCharsets.US_ASCII);
  }

  /**
   * Decodes with the loaded definition. Only the current version of each definition is loaded; the codec checks
   * the step count, so an instance whose definition changed shape cannot be decoded (IllegalArgumentException).
   */
  public static InstanceState decode(CompiledProcess process, byte[] stored) {
    int start = 1 + (stored[0] & 0xFF);
    return InstanceStateCodec.decode(process, stored, start, stored.length - start);
  }

  /** The version and the decoded state. */
  public static TrackedInstance read(CompiledProcess process, byte[] stored) {
    return new TrackedInstance(version(stored), decode(process, stored));
  }
}

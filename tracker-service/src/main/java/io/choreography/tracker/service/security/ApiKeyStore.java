package io.choreography.tracker.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The configured API keys, held only as SHA-256 hashes. A presented key is hashed and compared with every stored
 * hash in constant time, so neither the key nor its position leaks through timing.
 */
public final class ApiKeyStore {

  private record Entry(byte[] hash, Role role) {}

  private final List<Entry> entries = new ArrayList<>();
  private volatile String generatedKey;

  public ApiKeyStore(List<SecurityProperties.ApiKey> keys) {
    for (SecurityProperties.ApiKey k : keys) {
      byte[] hash = k.keyHash() != null && !k.keyHash().isEmpty() ? HexFormat.of().parseHex(k.keyHash())
          : sha256(k.key());
      entries.add(new Entry(hash, k.role()));
    }
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Adds the key generated for a local run; it is the only key kept in clear, to print the sign-in link. */
  void add(String key, Role role) {
    entries.add(new Entry(sha256(key), role));
    generatedKey = key;
  }

  /** The key generated for a local run, or null. */
  String generatedKey() {
    return generatedKey;
  }

  /** The role of the presented key, or empty when no configured key matches. */
  public Optional<Role> roleOf(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(presented);
    Role found = null;
    for (Entry e : entries) {
      // every entry is compared, also after a match: the time taken does not depend on which key matched
      if (MessageDigest.isEqual(hash, e.hash()) && (found == null || e.role() == Role.OPERATOR)) {
        found = e.role();
      }
    }
    return Optional.ofNullable(found);
  }

  public static String sha256Hex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

package io.choreography.tracker.service.api;

import io.choreography.tracker.model.InstanceStatus;
import java.util.Locale;

/** Checks of the parameters of the instance and process calls; a bad one is a 400 naming it. */
final class Parameters {

  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 500;
  private static final int MAX_LENGTH = 256;

  private Parameters() {}

  /** An optional text filter: null when absent or blank. */
  static String text(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_LENGTH) {
      throw ApiException.badRequest(name + " must be at most " + MAX_LENGTH + " characters, but has "
          + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw ApiException.badRequest(name + " must not contain control characters");
      }
    }
    return value;
  }

  static InstanceStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return InstanceStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("status must be one of RUNNING, STUCK, COMPLETED, FAILED, but was '"
          + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
    }
  }

  static int size(Integer value) {
    if (value == null) {
      return DEFAULT_SIZE;
    }
    if (value < 1 || value > MAX_SIZE) {
      throw ApiException.badRequest("size must be between 1 and " + MAX_SIZE + ", but was " + value);
    }
    return value;
  }
}

package io.choreography.tracker.model.intake;

import java.util.Objects;

/** An operator's incident command (its JSON), on its way to the task that owns the incident. */
public record ForwardedCommand(byte[] json) implements IntakeRecord {

  public ForwardedCommand {
    Objects.requireNonNull(json, "json");
  }
}

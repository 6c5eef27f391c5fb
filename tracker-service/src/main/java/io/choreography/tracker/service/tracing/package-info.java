/**
 * The tracker's own OpenTelemetry spans (docs/tracing.md): the SDK, configured from the standard {@code OTEL_*}
 * settings and exporting over OTLP, or a no-op when no endpoint is configured; a {@code process} span per consumed
 * business record, linked to the record's creation context; and, opt-in, process instances as traces.
 */
package io.choreography.tracker.service.tracing;

/**
 * Extraction: what the tracker reads from one Kafka record, exactly as a service wrote it, and which process
 * steps it matches (SPEC sections 2 and 3). Entry point: {@link io.choreography.tracker.rules.extract.RecordExtractor}.
 *
 * <p>Behaviour beyond the letter of the SPEC, chosen to do what a user would expect:
 *
 * <ul>
 *   <li>{@code header traceparent} falls back to {@code ce_traceparent} (where the CloudEvents distributed
 *       tracing extension carries the same W3C value) when the record has no valid {@code traceparent}.
 *       Surrounding whitespace is ignored; uppercase hex, version {@code ff}, an all-zero trace-id or parent-id
 *       make the value malformed.
 *   <li>A JSON string source that is empty yields no value, like an empty header.
 *   <li>A JSON object value carrying {@code specversion}, {@code id}, {@code source} and {@code type} is read
 *       as a structured-mode CloudEvent even without an {@code application/cloudevents+json} content type.
 *       JSON the CloudEvents SDK does not accept as an event (e.g. an unparsable {@code time}) is read as an
 *       ordinary JSON payload; a structured event whose JSON is broken is a text payload and not a CloudEvent.
 *       The {@code content-type} header name is matched case-insensitively.
 *   <li>In structured mode the event's attributes win over real {@code ce_*} headers of the same name.
 *   <li>Event times also accept a space instead of {@code T}, a trailing zone id ({@code [Europe/Paris]}) and
 *       fractional epoch milliseconds.
 *   <li>Numbers read by JSON Pointer are canonical: {@code 42.0}, {@code 4.20e1} and {@code 42} all yield
 *       {@code "42"}, so a trace id does not depend on how a service renders a number.
 *   <li>{@code where} compares types strictly: the number {@code 200} does not equal the string {@code "200"}.
 *       A pointer that is not a valid JSON Pointer never matches.
 *   <li>A process whose {@code eventType}, {@code eventTime} or {@code eventId} list is empty uses the defaults.
 * </ul>
 *
 * <p>The per-topic cache of candidate steps grows with the number of distinct topics read, which the
 * {@code tracker.topics} pattern bounds.
 */
package io.choreography.tracker.rules.extract;

package io.choreography.tracker.service.stream;

/** What one client asked for: a trace id, a process, both or neither (null = any). */
record StreamFilter(String traceId, String process) {

  boolean matches(StreamItem item) {
    return (traceId == null || traceId.equals(item.traceId()))
        && (process == null || item.processes().contains(process));
  }
}

package io.choreography.tracker.service.indexing;

/** The kinds of document the tracker writes; the name is the metrics tag. */
enum StateKind {
  EVENTS("events"),
  INSTANCES("instances"),
  INCIDENTS("incidents"),
  DRIFT("drift");

  final String tag;

  StateKind(String tag) {
    this.tag = tag;
  }
}

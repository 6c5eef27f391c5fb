package io.choreography.tracker.service.indexing;

/** The two kinds of document the state writer keeps; the name is the metrics tag. */
enum StateKind {
  INSTANCES("instances"),
  INCIDENTS("incidents");

  final String tag;

  StateKind(String tag) {
    this.tag = tag;
  }
}

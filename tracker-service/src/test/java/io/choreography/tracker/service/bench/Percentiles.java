package io.choreography.tracker.service.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of measured values. */
final class Percentiles {

  private final List<Double> sorted;

  Percentiles(List<Double> values) {
    this.sorted = new ArrayList<>(values);
    Collections.sort(sorted);
  }

  int count() {
    return sorted.size();
  }

  /** The value at percentile {@code p} (0-100]; NaN when nothing was measured. */
  double at(double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  double max() {
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
  }
}

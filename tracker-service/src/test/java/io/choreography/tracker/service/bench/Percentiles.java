package io.choreography.tracker.service.bench;

import java.util.Collection;
import java.util.List;

/** Nearest-rank percentiles of measured values. */
final class Percentiles {

  private final List<Double> sorted;

  Percentiles(Collection<? extends Number> values) {
    this.sorted = values.stream().map(Number::doubleValue).sorted().toList();
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

  double min() {
    return sorted.isEmpty() ? Double.NaN : sorted.get(0);
  }

  double max() {
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
  }
}

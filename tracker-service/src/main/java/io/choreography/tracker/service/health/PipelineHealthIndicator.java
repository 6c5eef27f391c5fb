package io.choreography.tracker.service.health;

import io.choreography.tracker.service.kafka.StageHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline}: every stage that moves records (the forwarder of the business topics, the Elasticsearch writers,
 * the tracking topology, the alert senders). DOWN when one stopped or does not move, OUT_OF_SERVICE while one retries
 * what it needs; each stage's state and reason in the details.
 */
@Component("pipeline")
public class PipelineHealthIndicator extends AbstractHealthIndicator {

  private final List<StageHealth.Stage> stages;

  public PipelineHealthIndicator(List<StageHealth.Stage> stages) {
    this.stages = stages;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    StageHealth.State worst = StageHealth.State.UP;
    Map<String, Object> details = new LinkedHashMap<>();
    for (StageHealth.Stage stage : stages) {
      StageHealth h = stage.health();
      if (h.state().compareTo(worst) > 0) {
        worst = h.state();
      }
      details.put(stage.stageName(), h.state() + ": " + h.detail());
    }
    switch (worst) {
      case UP -> builder.up();
      case OUT_OF_SERVICE -> builder.outOfService();
      case DOWN -> builder.down();
    }
    builder.withDetails(details);
  }

  /** 1 when every stage is UP, else 0: the same judgement, as a metric an alert rule can use. */
  public boolean allUp() {
    return stages.stream().allMatch(s -> s.health().state() == StageHealth.State.UP);
  }
}

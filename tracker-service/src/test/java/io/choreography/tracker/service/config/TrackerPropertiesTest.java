package io.choreography.tracker.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackerPropertiesTest {

  @Test
  void shouldExcludeTheTrackersOwnAndInternalTopicsByDefault() {
    // given
    var topics = java.util.regex.Pattern.compile(TrackerProperties.DEFAULT_TOPICS);

    // then
    assertThat(List.of("orders", "payments.v2", "shipping-events", "trackers"))
        .allMatch(t -> topics.matcher(t).matches());
    assertThat(List.of("tracker.incidents", "tracker.dead-letter", "tracker-tracking-events-repartition",
        "__consumer_offsets", "_schemas"))
        .noneMatch(t -> topics.matcher(t).matches());
  }

  @Test
  void shouldFailFastOnAnInvalidTopicsRegexNamingProperty() {
    assertThatThrownBy(() -> new TrackerProperties("orders(", null, TrackerProperties.Unmatched.INDEX, false, false,
        elasticsearch("tracker"), null, null, null))
        .hasMessageStartingWith("tracker.topics is not a valid regex: 'orders('");
  }

  @Test
  void shouldFailFastOnAnIndexPrefixElasticsearchWouldRefuse() {
    assertThatThrownBy(() -> elasticsearch("Tracker"))
        .hasMessageContaining("tracker.elasticsearch.index-prefix").hasMessageContaining("'Tracker'");
  }

  private static TrackerProperties.Elasticsearch elasticsearch(String prefix) {
    return new TrackerProperties.Elasticsearch(List.of("http://localhost:9200"), prefix, null, null,
        java.time.Duration.ofDays(30), java.time.Duration.ofDays(1));
  }
}

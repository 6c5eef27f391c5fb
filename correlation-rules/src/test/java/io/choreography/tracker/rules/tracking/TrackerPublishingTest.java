package io.choreography.tracker.rules.tracking;

import static io.choreography.tracker.rules.tracking.TrackerFixture.at;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.rules.engine.Definitions;
import org.junit.jupiter.api.Test;

/** An instance change is published only when what a user can see changed; the store records everything. */
class TrackerPublishingTest {

  private final TrackerFixture f = new TrackerFixture(Definitions.orderFulfillment(), ofHours(1));

  @Test
  void shouldPublishEveryStepReachedWithWhatTheInstanceDocumentNeeds() {
    // when
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("payment-received", "A", "a2", ofSeconds(40), ofSeconds(41));
    // then
    assertThat(f.instances("A")).hasSize(2);
    TrackerFixture.Published last = f.last("A");
    assertThat(last.key()).isEqualTo("order-fulfillment/A");
    assertThat(last.version()).isEqualTo(Definitions.orderFulfillment().version());
    assertThat(last.snapshot().steps().get("payment-received").eventId()).isEqualTo("a2");
    assertThat(last.snapshot().waitingFor()).extracting(w -> w.step()).contains("goods-fetched");
    assertThat(last.stepDurationsMs()).containsEntry("payment-received", 40_000L);
    assertThat(last.at()).isEqualTo(at(ofSeconds(41)));
    assertThat(f.created).isEqualTo(1);
    assertThat(f.events).isEqualTo(2);
  }

  @Test
  void shouldStoreButNotPublishARepeatedOptionalStep() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("status-updated", "A", "u1", ofSeconds(1), ofSeconds(1));
    int published = f.instances("A").size();
    // when
    f.event("status-updated", "A", "u2", ofSeconds(2), ofSeconds(2));
    f.event("status-updated", "A", "u2", ofSeconds(2), ofSeconds(3));
    // then: the second update was stored (its redelivery is a duplicate), but nothing a user sees changed
    assertThat(published).isEqualTo(2);
    assertThat(f.instances("A")).hasSize(2);
    assertThat(f.duplicates).isEqualTo(1);
    assertThat(f.incidents).isEmpty();
  }

  @Test
  void shouldPublishNothingForADuplicate() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("payment-received", "A", "a2", ofSeconds(1), ofSeconds(1));
    int published = f.instances.size();
    // when
    f.event("payment-received", "A", "a2", ofSeconds(1), ofSeconds(5));
    // then
    assertThat(f.instances).hasSize(published);
    assertThat(f.duplicates).isEqualTo(1);
    assertThat(f.events).isEqualTo(3);
  }

  @Test
  void shouldPublishACountedOccurrenceAsAnIncidentUpdateOnly() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.event("order-placed", "A", "a1-again", ZERO, ofMinutes(1));
    int published = f.instances("A").size();
    // when
    f.event("order-placed", "A", "a1-third", ZERO, ofMinutes(2));
    // then: the open incidents did not change, only the count
    assertThat(published).isEqualTo(2);
    assertThat(f.instances("A")).hasSize(2);
    assertThat(f.incidents(IncidentType.UNEXPECTED)).hasSize(2);
  }

  @Test
  void shouldNotPublishTheInstanceForAnEscalationAlone() {
    // given: STUCK and DEADLINE already raised
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    f.fire(ofDays(3));
    int published = f.instances("A").size();
    // when
    f.fire(ofDays(14));
    // then
    assertThat(f.escalations).hasSize(1);
    assertThat(f.instances("A")).hasSize(published);
  }

  @Test
  void shouldPublishAVerdictThatChangesTheInstanceAtTheVerdictTime() {
    // given
    f.event("order-placed", "A", "a1", ZERO, ZERO);
    // when
    f.fire(ofMinutes(5));
    f.fire(ofMinutes(6));
    // then
    assertThat(f.instances("A")).hasSize(2);
    assertThat(f.last("A").at()).isEqualTo(at(ofMinutes(5)));
    assertThat(f.last("A").openIncidents()).hasSize(1);
  }

  @Test
  void shouldSkipAMatchOfAStepTheDefinitionDoesNotHave() {
    // when
    f.event("no-such-step", "A", "a1", ZERO, ZERO);
    // then
    assertThat(f.skipped).isEqualTo(1);
    assertThat(f.instances).isEmpty();
    assertThat(f.stored("A")).isFalse();
  }
}

package io.choreography.tracker.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UncorrelatedIncidentsTest {

  @Test
  void shouldKeepOneUncorrelatedIncidentPerProcessAndStepWithTheCount() {
    // given
    CompiledProcess p = CompiledProcess.compile(Definitions.orderFulfillment());
    int payment = p.stepIndex("payment-received");
    long arrived = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
    // when
    IncidentChange first = UncorrelatedIncidents.counted(p, payment, 1, arrived);
    IncidentChange third = UncorrelatedIncidents.counted(p, payment, 3, arrived + 5);
    IncidentChange other = UncorrelatedIncidents.counted(p, p.stepIndex("order-placed"), 1, arrived);
    // then
    assertThat(first.kind()).isEqualTo(IncidentChange.Kind.OPENED);
    assertThat(first.incident().openedAt()).isEqualTo(Instant.ofEpochMilli(arrived));
    assertThat(third.kind()).isEqualTo(IncidentChange.Kind.UPDATED);
    assertThat(third.incident().id()).isEqualTo(first.incident().id());
    assertThat(third.incident().type()).isEqualTo(IncidentType.UNCORRELATED);
    assertThat(third.incident().traceId()).isNull();
    assertThat(third.incident().count()).isEqualTo(3);
    assertThat(third.incident().message())
        .isEqualTo("3 events matched payment-received (PaymentReceived on payments) but carried no trace id");
    assertThat(other.incident().id()).isNotEqualTo(first.incident().id());
  }
}

package io.choreography.tracker.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UncorrelatedEventCounterTest {

  @Test
  void shouldKeepOneUncorrelatedIncidentPerProcessAndStepCountingEvents() {
    // given
    CompiledProcess p = CompiledProcess.compile(Definitions.orderFulfillment());
    UncorrelatedEventCounter counter = new UncorrelatedEventCounter(new MutableClock(Instant.EPOCH));
    int payment = p.stepIndex("payment-received");
    // when
    IncidentChange first = counter.record(p, payment);
    counter.record(p, payment);
    IncidentChange third = counter.record(p, payment);
    IncidentChange other = counter.record(p, p.stepIndex("order-placed"));
    // then
    assertThat(first.kind()).isEqualTo(IncidentChange.Kind.OPENED);
    assertThat(third.kind()).isEqualTo(IncidentChange.Kind.UPDATED);
    assertThat(third.incident().id()).isEqualTo(first.incident().id());
    assertThat(third.incident().type()).isEqualTo(IncidentType.UNCORRELATED);
    assertThat(third.incident().traceId()).isNull();
    assertThat(third.incident().count()).isEqualTo(3);
    assertThat(third.incident().message())
        .isEqualTo("3 events matched payment-received (PaymentReceived on payments) but carried no trace id");
    assertThat(other.incident().id()).isNotEqualTo(first.incident().id());
    assertThat(counter.count("order-fulfillment", payment)).isEqualTo(3);
  }
}

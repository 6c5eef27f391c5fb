package io.choreography.tracker.service.tracking;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the tracker cannot publish is never dropped: the task fails, its transaction aborts, and the replaced
 * thread retries from the last commit. Says which topic and why, since the cause is usually configuration (a
 * missing topic, a record above the broker's limit).
 */
public final class FailOnProductionError implements ProductionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FailOnProductionError.class);

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      Exception exception) {
    LOG.error("could not publish a record of {} bytes to {}: {}; the transaction is aborted and retried",
        record.value() == null ? 0 : record.value().length, record.topic(), exception.toString());
    return Response.fail();
  }

  @Override
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    LOG.error("could not serialize a record for {}: {}", record.topic(), exception.toString());
    return Response.fail();
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}

package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.definition.Escalation;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Creates the topics the topology writes to when they do not exist yet (Kafka Streams does not create sink
 * topics): {@code tracker.instances}, {@code tracker.incidents}, {@code tracker.drift} and the escalation topics of the definitions.
 */
final class TrackingTopics {

  private TrackingTopics() {}

  static Set<String> outputs(TrackingProperties settings, ProcessDefinitions definitions) {
    Set<String> topics = new LinkedHashSet<>();
    topics.add(settings.instancesTopic());
    topics.add(settings.incidentsTopic());
    topics.add(settings.driftTopic());
    for (ProcessDefinition d : definitions.all()) {
      for (Escalation e : d.escalations()) {
        topics.add(e.topic());
      }
    }
    return topics;
  }

  static void ensure(Properties streamsConfig, Set<String> topics, int partitions) {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, streamsConfig.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    try (Admin client = Admin.create(admin)) {
      Set<String> existing = client.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String t : topics) {
        if (!existing.contains(t)) {
          missing.add(new NewTopic(t, java.util.Optional.of(partitions), java.util.Optional.empty()));
        }
      }
      if (!missing.isEmpty()) {
        client.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create the tracker's topics " + topics + ": " + e.getCause(), e);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not create the tracker's topics " + topics + ": " + e, e);
    }
  }
}

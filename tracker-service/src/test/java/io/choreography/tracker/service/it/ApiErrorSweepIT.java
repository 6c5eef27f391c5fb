package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.security.ApiKeyStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call of the API (SPEC section 5 and the README's extensions) with bad ids, overlong values, control
 * characters, bad enums, sizes and cursors, unknown paths, wrong methods and missing, wrong or too weak keys, each
 * asked for with several Accept headers: never a 500, always {@code {status, error, message}} JSON without Java
 * type names, and no stack trace in the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiErrorSweepIT {

  static final TestScope SCOPE = TestScope.create("error-sweep");
  static final String VIEWER_KEY = "viewer-key-0123456789abcdef";
  static final String OPERATOR_KEY = "operator-key-0123456789abcdef";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> ACCEPTS = Arrays.asList(null, "application/json", "text/html", "text/plain",
      "image/png", "*/*", "application/xml", "text/event-stream", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
  /** A Java type name such as java.lang.NumberFormatException or org.springframework.web.Foo. */
  static final Pattern JAVA_TYPE = Pattern.compile("\\b(java|javax|jakarta|org|io|reactor|tools)\\.[a-z]\\w*\\.");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    // the topics the definition tracks, so that the tracking topology has what to read and logs no error
    List<String> topics = new ArrayList<>(DemoEmitters.TOPICS.stream().map(SCOPE::topic).toList());
    topics.addAll(List.of(SCOPE.instancesTopic(), SCOPE.incidentsTopic()));
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 1, topics);
    SCOPE.register(registry, true);
    registry.add("tracker.security.api-keys[0].key", () -> VIEWER_KEY);
    registry.add("tracker.security.api-keys[0].role", () -> "viewer");
    registry.add("tracker.security.api-keys[1].key-hash", () -> ApiKeyStore.sha256Hex(OPERATOR_KEY));
    registry.add("tracker.security.api-keys[1].role", () -> "operator");
  }

  @LocalServerPort int port;

  /** One request: the key it carries (null for none) and the status it must get. */
  record Case(String method, String target, String key, int status) {

    @Override
    public String toString() {
      return method + " " + (target.length() > 90 ? target.substring(0, 90) + "..." : target)
          + (key == null ? " (no key)" : key.equals(VIEWER_KEY) ? " (viewer)" : key.equals(OPERATOR_KEY)
              ? " (operator)" : " (key " + key + ")");
    }
  }

  @Test
  void shouldAnswerEveryBadRequestWithAJsonErrorAndNeverA500() throws Exception {
    // given
    List<Case> cases = cases();
    List<String> failures = new ArrayList<>();
    int requests = 0;

    // when
    try (LogCapture log = new LogCapture()) {
      for (Case c : cases) {
        for (String accept : ACCEPTS) {
          Map<String, String> headers = new LinkedHashMap<>();
          if (accept != null) {
            headers.put("Accept", accept);
          }
          if (c.key() != null) {
            headers.put("X-API-Key", c.key());
          }
          RawHttp.Response r = RawHttp.exchange(port, c.method(), c.target(), headers);
          requests++;
          String problem = problem(c, r);
          if (problem != null) {
            failures.add(c + " Accept: " + accept + " -> " + r.status() + " " + r.contentType() + " "
                + abbreviated(r.body()) + ": " + problem);
          }
        }
      }
      Thread.sleep(500);

      // then
      System.out.println("error sweep: " + requests + " requests, " + cases.size() + " cases, " + failures.size()
          + " failures");
      assertThat(failures).as("requests answered wrongly").isEmpty();
      // the HTTP edge's log: the tracking topology's own start-up on the shared broker is not an API call
      assertThat(log.errorsAndStackTracesOutside("org.apache.kafka", "io.choreography.tracker.service.tracking"))
          .as("errors and stack traces logged").isEmpty();
    }
  }

  private static String problem(Case c, RawHttp.Response r) {
    if (r.status() >= 500) {
      return "a server error";
    }
    if (r.status() != c.status()) {
      return "expected " + c.status();
    }
    if (!r.contentType().startsWith("application/json")) {
      return "not JSON";
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (RuntimeException e) {
      return "body is not JSON";
    }
    List<String> fields = new ArrayList<>();
    body.propertyNames().forEach(fields::add);
    if (!fields.equals(List.of("status", "error", "message"))) {
      return "fields " + fields + " instead of [status, error, message]";
    }
    if (body.path("status").asInt() != r.status() || body.path("error").asString().isBlank()
        || body.path("message").asString().isBlank()) {
      return "status, error or message wrong";
    }
    if (JAVA_TYPE.matcher(r.body()).find() || r.body().contains("Exception") || r.body().contains("\tat ")) {
      return "names Java types";
    }
    return null;
  }

  private static List<Case> cases() {
    String v = VIEWER_KEY;
    String o = OPERATOR_KEY;
    String longId = "a".repeat(300);
    String longValue = "b".repeat(1000);
    List<Case> cases = new ArrayList<>(List.of(
        // unknown paths, inside and outside the API
        new Case("GET", "/nope", null, 404),
        new Case("GET", "/nope/deeper/still.png", null, 404),
        new Case("GET", "/api/nope", v, 404),
        new Case("GET", "/api/nope", null, 401),
        new Case("GET", "/api/processes/order-fulfillment/nope/deeper", v, 404),
        new Case("GET", "/api/instances/order-fulfillment", v, 404),
        new Case("GET", "/api/incidents/i-1", v, 404),
        new Case("GET", "/actuator/nope", v, 404),
        // wrong methods
        new Case("DELETE", "/api/processes", o, 405),
        new Case("DELETE", "/api/processes", v, 403),
        new Case("POST", "/api/processes", o, 405),
        new Case("PUT", "/api/processes/order-fulfillment", o, 405),
        new Case("POST", "/api/traces/t-1", o, 405),
        new Case("PATCH", "/api/instances", o, 405),
        new Case("GET", "/api/incidents/i-1/acknowledge", v, 405),
        new Case("PUT", "/api/incidents/i-1/resolve", o, 405),
        new Case("POST", "/api/ui/config", o, 405),
        new Case("POST", "/api/ui/config", v, 403),
        new Case("DELETE", "/api/stream", o, 405),
        // no key, a wrong key, a viewer's key on an operator's call
        new Case("GET", "/api/processes", null, 401),
        new Case("GET", "/api/processes", "not-a-key-at-all-000", 401),
        new Case("GET", "/api/instances", "", 401),
        new Case("GET", "/api/stream", null, 401),
        new Case("GET", "/api/ui/config", null, 401),
        new Case("GET", "/api/processes/order-fulfillment/throughput", null, 401),
        new Case("POST", "/api/incidents/i-1/acknowledge", null, 401),
        new Case("POST", "/api/incidents/i-1/acknowledge", "wrong-key-0123456789", 401),
        new Case("POST", "/api/incidents/i-1/acknowledge", v, 403),
        new Case("POST", "/api/incidents/i-1/resolve", v, 403),
        // processes
        new Case("GET", "/api/processes/no-such-process", v, 404),
        new Case("GET", "/api/processes/" + longId, v, 400),
        new Case("GET", "/api/processes/a%01b", v, 400),
        new Case("GET", "/api/processes/a%00b", v, 400),
        new Case("GET", "/api/processes/%ZZ", v, 400),
        // throughput
        new Case("GET", "/api/processes/no-such-process/throughput", v, 404),
        new Case("GET", "/api/processes/order-fulfillment/throughput?minutes=abc", v, 400),
        new Case("GET", "/api/processes/order-fulfillment/throughput?minutes=0", v, 400),
        new Case("GET", "/api/processes/order-fulfillment/throughput?minutes=1441", v, 400),
        new Case("GET", "/api/processes/order-fulfillment/throughput?minutes=99999999999999999999", v, 400),
        new Case("GET", "/api/processes/order-fulfillment/throughput?minutes=%01", v, 400),
        new Case("GET", "/api/processes/order-fulfillment/throughput?minutes=1.5", v, 400),
        new Case("GET", "/api/processes/" + longId + "/throughput", v, 400),
        // traces
        new Case("GET", "/api/traces/no-such-trace", v, 404),
        new Case("GET", "/api/traces/" + longId, v, 400),
        new Case("GET", "/api/traces/a%01b", v, 400),
        new Case("GET", "/api/traces/a%0Ab", v, 400),
        new Case("GET", "/api/traces/%20", v, 400),
        new Case("GET", "/api/traces/%ZZ", v, 400),
        new Case("GET", "/api/traces/a%2Fb", v, 404),
        new Case("GET", "/api/traces/a%5Cb", v, 404),
        new Case("GET", "/api/traces/a%3Bb", v, 404),
        new Case("GET", "/api/traces/a%25b", v, 404),
        // a lone encoded dot segment is refused by the firewall's normalisation check, which cannot be relaxed
        new Case("GET", "/api/traces/%2E%2E", v, 400),
        new Case("GET", "/api/traces/a%2E%2Eb", v, 404),
        // instances
        new Case("GET", "/api/instances?status=BOGUS", v, 400),
        new Case("GET", "/api/instances?status=%01", v, 400),
        new Case("GET", "/api/instances?size=0", v, 400),
        new Case("GET", "/api/instances?size=-1", v, 400),
        new Case("GET", "/api/instances?size=501", v, 400),
        new Case("GET", "/api/instances?size=abc", v, 400),
        new Case("GET", "/api/instances?size=99999999999", v, 400),
        new Case("GET", "/api/instances?cursor=!!!", v, 400),
        new Case("GET", "/api/instances?cursor=%ZZ", v, 400),
        new Case("GET", "/api/instances?cursor=" + cursor("[123456789012345678901234567890,\"x\"]"), v, 400),
        new Case("GET", "/api/instances?cursor=" + cursor("[1e300,\"x\"]"), v, 400),
        new Case("GET", "/api/instances?cursor=" + cursor("{\"a\":1}"), v, 400),
        new Case("GET", "/api/instances?cursor=" + "A".repeat(2100), v, 400),
        new Case("GET", "/api/instances?process=" + longValue, v, 400),
        new Case("GET", "/api/instances?step=a%01", v, 400),
        new Case("GET", "/api/instances?process=a%00b", v, 400),
        new Case("GET", "/api/instances/order-fulfillment/no-such-trace", v, 404),
        new Case("GET", "/api/instances/order-fulfillment/" + longId, v, 400),
        new Case("GET", "/api/instances/" + longId + "/t-1", v, 400),
        new Case("GET", "/api/instances/order-fulfillment/a%01b", v, 400),
        new Case("GET", "/api/instances/order-fulfillment/a%2Fb", v, 404),
        new Case("GET", "/api/instances/order-fulfillment/a%25b", v, 404),
        // incidents
        new Case("GET", "/api/incidents?status=BOGUS", v, 400),
        new Case("GET", "/api/incidents?type=BOGUS", v, 400),
        new Case("GET", "/api/incidents?type=STUCK,BOGUS", v, 400),
        new Case("GET", "/api/incidents?size=abc", v, 400),
        new Case("GET", "/api/incidents?size=100000", v, 400),
        new Case("GET", "/api/incidents?cursor=" + cursor("[\"a\",1]"), v, 400),
        new Case("GET", "/api/incidents?cursor=" + cursor("[-123456789012345678901234567890,\"x\"]"), v, 400),
        new Case("GET", "/api/incidents?process=" + longValue, v, 400),
        new Case("POST", "/api/incidents/no-such-incident/acknowledge", o, 404),
        new Case("POST", "/api/incidents/no-such-incident/resolve", o, 404),
        new Case("POST", "/api/incidents/" + longId + "/acknowledge", o, 400),
        new Case("POST", "/api/incidents/a%01b/resolve", o, 400),
        new Case("POST", "/api/incidents/a%2Fb/resolve", o, 404),
        // search
        new Case("GET", "/api/search", v, 400),
        new Case("GET", "/api/search?q=", v, 400),
        new Case("GET", "/api/search?q=%20", v, 400),
        new Case("GET", "/api/search?q=a%01b", v, 400),
        new Case("GET", "/api/search?q=" + "c".repeat(1025), v, 400),
        new Case("GET", "/api/search?q=%ZZ", v, 400),
        new Case("GET", "/api/search?q=x", null, 401),
        new Case("POST", "/api/search?q=x", o, 405),
        // the live stream
        new Case("GET", "/api/stream?process=Not%20A%20Process", v, 400),
        new Case("GET", "/api/stream?process=" + longValue, v, 400),
        new Case("GET", "/api/stream?traceId=a%01b", v, 400),
        new Case("GET", "/api/stream?traceId=" + longId, v, 400),
        new Case("GET", "/api/stream?traceId=%ZZ", v, 400)));
    return cases;
  }

  private static String cursor(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String abbreviated(String body) {
    String oneLine = body.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
  }
}

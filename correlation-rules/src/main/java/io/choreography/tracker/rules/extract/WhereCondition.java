package io.choreography.tracker.rules.extract;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One {@code where} entry of a step: the value at a JSON Pointer must equal a scalar. */
final class WhereCondition {

  private final JsonPointer pointer;
  private final Object expected;

  private WhereCondition(JsonPointer pointer, Object expected) {
    this.pointer = pointer;
    this.expected = expected;
  }

  static List<WhereCondition> of(Map<String, Object> where) {
    List<WhereCondition> conditions = new ArrayList<>(where.size());
    // A null value expects JSON null (`where: {/cancelledAt: null}`).
    for (Map.Entry<String, Object> e : where.entrySet()) {
      conditions.add(new WhereCondition(CompiledSource.pointer(e.getKey()), JsonScalars.expected(e.getValue())));
    }
    return List.copyOf(conditions);
  }

  boolean holds(RecordView view) {
    // An invalid pointer never holds: the step cannot match rather than matching everything.
    return pointer != null && JsonScalars.equalsExpected(view.at(pointer), expected);
  }
}

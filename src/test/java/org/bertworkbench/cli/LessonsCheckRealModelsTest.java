package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code lessons --check --json}: every step of every bundled lesson, English and Japanese, checked
 * live on Google's BERT-Base uncased and multilingual cased (two 400-700 MB checkpoints, so tagged
 * like the other long runs: {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench
 * -Dtest=LessonsCheckRealModelsTest}).
 */
@Tag("bench")
class LessonsCheckRealModelsTest {

  @Test
  void everyBundledCheckPassesOnTheRealModels() {
    long start = System.nanoTime();
    CliTest.Run r = CliTest.run("lessons", "--check", "--json", "--lang", "all");
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonArray checks = r.json().getAsJsonArray("checks");
    List<String> failed = new ArrayList<>();
    for (JsonElement e : checks) {
      JsonObject c = e.getAsJsonObject();
      if (!c.get("passed").getAsBoolean()) {
        failed.add(c.toString());
      }
    }
    System.err.printf("lessons --check: %d checks in %.1f s%n%s%n", checks.size(), seconds, r.out());
    assertEquals(List.of(), failed);
    assertEquals(46, checks.size(), "23 steps in each language");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"lesson\":\"embeddings\",\"step\":\"sum\""), r.out());
  }
}

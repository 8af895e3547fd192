package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code logit-lens} on BERT-Base: its JSON's shape, its last layer against {@code fill-mask}, its refusals. */
class LogitLensCommandTest {

  @Test
  void jsonHasEveryLayerOfEveryMaskAndItsLastLayerIsFillMask() {
    String text = "The [MASK] sat on the [MASK].";
    CliTest.Run r = CliTest.run("logit-lens", "--text", text, "--top-k", "3", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject j = r.json();
    assertEquals(List.of("model", "tokens", "masks"), List.copyOf(j.keySet()));
    assertEquals("bert-base-uncased", j.get("model").getAsString());
    assertEquals("[CLS]", j.getAsJsonArray("tokens").get(0).getAsString());
    JsonArray masks = j.getAsJsonArray("masks");
    assertEquals(2, masks.size());
    JsonArray fill = CliTest.run("fill-mask", "--text", text, "--top-k", "3", "--json").json().getAsJsonArray("masks");
    for (int m = 0; m < 2; m++) {
      JsonObject mask = masks.get(m).getAsJsonObject();
      assertEquals(List.of("position", "layers"), List.copyOf(mask.keySet()));
      assertEquals(fill.get(m).getAsJsonObject().get("position").getAsInt(), mask.get("position").getAsInt());
      JsonArray layers = mask.getAsJsonArray("layers");
      assertEquals(13, layers.size(), "the embeddings' output and 12 layers");
      for (int l = 0; l < 13; l++) {
        JsonObject layer = layers.get(l).getAsJsonObject();
        assertEquals(List.of("layer", "top", "final_token_probability", "final_token_rank"),
            List.copyOf(layer.keySet()));
        assertEquals(l, layer.get("layer").getAsInt());
        JsonArray top = layer.getAsJsonArray("top");
        assertEquals(3, top.size());
        assertEquals(List.of("token", "id", "probability"), List.copyOf(top.get(0).getAsJsonObject().keySet()));
        assertTrue(layer.get("final_token_rank").getAsInt() >= 1);
        double p = layer.get("final_token_probability").getAsDouble();
        assertTrue(p >= 0 && p <= 1, "a probability: " + p);
      }
      JsonArray last = layers.get(12).getAsJsonObject().getAsJsonArray("top");
      JsonArray predictions = fill.get(m).getAsJsonObject().getAsJsonArray("predictions");
      for (int i = 0; i < 3; i++) {
        JsonObject a = last.get(i).getAsJsonObject();
        JsonObject b = predictions.get(i).getAsJsonObject();
        assertEquals(b.get("id").getAsInt(), a.get("id").getAsInt());
        assertEquals(b.get("token").getAsString(), a.get("token").getAsString());
        assertEquals(b.get("score").getAsDouble(), a.get("probability").getAsDouble(), 0.0);
      }
      assertEquals(1, layers.get(12).getAsJsonObject().get("final_token_rank").getAsInt());
    }
  }

  @Test
  void withoutJsonOneLineALayer() {
    CliTest.Run r = CliTest.run("logit-lens", "--text", "Paris is the [MASK] of France.", "--top-k", "2");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(14, lines.size(), r.out());
    assertEquals("[MASK] at 4 (last layer's answer: capital):", lines.get(0));
    assertTrue(lines.get(1).trim().startsWith("embeddings"), lines.get(1));
    assertTrue(lines.get(13).trim().startsWith("layer 11   capital"), lines.get(13));
  }

  @Test
  void noMaskAndABadTopKAreOneLineErrors() {
    CliTest.Run none = CliTest.run("logit-lens", "--text", "Paris is the capital of France.", "--json");
    CliTest.assertCleanError(none);
    assertTrue(none.err().startsWith("error: there is no [MASK] in the text"), none.err());
    CliTest.assertCleanError(CliTest.run("logit-lens", "--text", "a [MASK]", "--top-k", "0"));
  }
}

package org.bertworkbench.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.SampleModel;
import org.bertworkbench.core.finetune.Batch;
import org.bertworkbench.core.finetune.EncodedInput;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.HeadConfig;
import org.bertworkbench.core.finetune.ModelInputs;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attributions on fine-tuned heads (a classifier, a tagger, a QA head on the bundled tiny BERT,
 * saved and opened again as a user's run would be): each against the PyTorch reference, occlusion
 * against logits recomputed from ids, and the refusals of targets the head does not have.
 */
class FinetunedAttributionTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = TaskKind.class, names = {"CLASSIFY", "TAG", "QA"})
  void everyHeadsTargetEqualsPyTorchAndOcclusionEqualsTheLogitsFromIds(TaskKind task) throws Exception {
    Path folder = save(task);
    try (FinetuneModel model = FinetuneModel.open(folder.toString(), Device.cpu())) {
      EncodedInput input = input(model);
      Target target = Explain.predictedTarget(model, input);
      assertEquals(switch (task) {
        case CLASSIFY -> Target.Kind.CLASS;
        case TAG -> Target.Kind.TAG;
        default -> Target.Kind.START;
      }, target.kind());
      try (Attributor a = Explain.attributor(model, input, target)) {
        Attribution ig = a.integratedGradients(200, Progress.NONE);
        assertTrue(Math.abs(ig.completeness().error()) < 0.05 * Math.abs(ig.completeness().difference()) + 1e-4,
            ig.completeness().toString());
        Attribution occlusion = a.occlusion(Progress.NONE);
        double f = probability(model, input.inputIds(), a.explained());
        assertEquals(f, a.f(), 1e-5);
        for (int t = 0; t < input.length(); t++) {
          int[] ids = input.inputIds().clone();
          ids[t] = model.tokenizer().vocab().padId();
          assertEquals(f - probability(model, ids, a.explained()), occlusion.total()[t], 1e-5, "token " + t);
        }
        TorchAttributionCheck.find().ifPresent(check -> {
          try {
            JsonObject request = request(model, input, target);
            JsonObject ref = check.run(folder, request).getAsJsonObject("methods");
            double[] total = TorchAttributionCheck.doubles(ref.getAsJsonObject("integrated-gradients")
                .getAsJsonArray("total"));
            double scale = 0;
            for (double v : total) {
              scale = Math.max(scale, Math.abs(v));
            }
            for (int t = 0; t < total.length; t++) {
              assertEquals(total[t], ig.total()[t], 0.01 * scale + 1e-7, task + " token " + t);
            }
          } catch (java.io.IOException e) {
            throw new AssertionError(e);
          }
        });
      }
    }
  }

  @Test
  void aTargetTheHeadDoesNotHaveNamesTheOnesItHas() throws Exception {
    Path folder = save(TaskKind.CLASSIFY);
    try (FinetuneModel model = FinetuneModel.open(folder.toString(), Device.cpu())) {
      EncodedInput input = input(model);
      BadInputException other = assertThrows(BadInputException.class,
          () -> Explain.attributor(model, input, Target.parse("tag:1:0")));
      assertTrue(other.getMessage().contains("this model offers class:K"), other.getMessage());
      BadInputException range = assertThrows(BadInputException.class,
          () -> Explain.attributor(model, input, Target.parse("class:7")));
      assertTrue(range.getMessage().contains("label 7 is outside 0-1 (neg, pos)"), range.getMessage());
    }
  }

  private Path save(TaskKind task) throws Exception {
    List<String> labels = switch (task) {
      case TAG -> List.of("O", "B-X", "I-X");
      case QA -> List.of();
      default -> List.of("neg", "pos");
    };
    HeadConfig head = new HeadConfig(task, labels, null, null, null, null, null, 64, null);
    Path folder = dir.resolve(task.name().toLowerCase(java.util.Locale.ROOT));
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(SampleModel.NAME), head, Device.cpu(), 5)) {
      m.save(folder);
    }
    return folder;
  }

  private static EncodedInput input(FinetuneModel model) {
    String a = model.head().task() == TaskKind.QA ? "who sat on the mat ?" : "the cat sat on the mat .";
    String b = model.head().task() == TaskKind.QA ? "the cat sat on the mat ." : null;
    return model.encoder().encode(List.of(ModelInputs.unlabelled(model.head(), 1, a, b, null)), false).inputs()
        .get(0);
  }

  /** f recomputed from ids through the model's own forward pass and head. */
  private static double probability(FinetuneModel model, int[] ids, Objective.Explained x) {
    try (NDManager scope = model.newScope()) {
      EncodedInput in = input(model);
      EncodedInput changed = new EncodedInput(in.example(), ids, in.tokenTypeIds(), in.features(), in.classLabel(),
          in.tokenLabels(), in.wordIds(), in.answerStart(), in.answerEnd(), in.charStarts(), in.charEnds());
      var logits = model.logits(Batch.of(scope, List.of(changed), model.tokenizer().vocab().padId()), false).get(0);
      return switch (x.target().kind()) {
        case CLASS -> logits.softmax(-1).getFloat(x.id());
        case TAG -> logits.get(x.position()).softmax(-1).getFloat(x.id());
        case START -> logits.get(":, 0").softmax(-1).getFloat(x.position());
        default -> logits.get(":, 1").softmax(-1).getFloat(x.position());
      };
    }
  }

  private static JsonObject request(FinetuneModel model, EncodedInput input, Target target) {
    JsonObject in = new JsonObject();
    com.google.gson.JsonArray ids = new com.google.gson.JsonArray();
    com.google.gson.JsonArray types = new com.google.gson.JsonArray();
    for (int t = 0; t < input.length(); t++) {
      ids.add(input.inputIds()[t]);
      types.add(input.tokenTypeIds()[t]);
    }
    in.add("input_ids", ids);
    in.add("token_type_ids", types);
    in.addProperty("target", target.spec());
    in.addProperty("steps", 200);
    com.google.gson.JsonArray methods = new com.google.gson.JsonArray();
    methods.add("integrated-gradients");
    in.add("methods", methods);
    return in;
  }
}

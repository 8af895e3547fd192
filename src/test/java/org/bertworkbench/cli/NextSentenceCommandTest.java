package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * next-sentence on a model pretrained with NSP, and refused, saying why, where there is no
 * next-sentence head: Google's BERT-Base jars and fine-tuned models (which keep only BERT and
 * their task head), which also have no masked-LM head for fill-mask.
 */
class NextSentenceCommandTest {

  @TempDir
  static Path dir;

  static Path classifier;

  @BeforeAll
  static void saveAFineTunedModel() throws Exception {
    classifier = FineTunedFolders.classifier(dir.resolve("classifier"));
  }

  @Test
  void aModelPretrainedWithNspAnswersWhatItsTrainingPassAnswers() throws Exception {
    CliTest.Run r = CliTest.run("next-sentence", "--model", "sample-tiny", "--text", "The cat sat on the mat.",
        "--text-b", "It was warm there.", "--json");
    assertEquals(0, r.code(), r.err());
    double isNext = r.json().get("is_next").getAsDouble();
    assertEquals(1.0, isNext + r.json().get("not_next").getAsDouble(), 1e-6);
    // The same pair through the pretraining pass, whose NSP logits the trainer's loss and accuracy use.
    try (LoadedBert tiny = LoadedBert.open("sample-tiny", Device.cpu(), Progress.NONE)) {
      Encoding e = tiny.encode("The cat sat on the mat.", "It was warm there.", 512);
      try (NDManager scope = tiny.model().newScope()) {
        BertInput input = BertInput.of(scope, e.inputIds(), e.tokenTypeIds(), e.attentionMask());
        float[] p = tiny.model().forward(input, ForwardOptions.INFERENCE, new long[] {1}).nspLogits()
            .softmax(-1).toFloatArray();
        assertEquals(p[0], isNext, 1e-6);
      }
    }
  }

  @Test
  void googlesBertBaseHasNoNspHeadAndSaysSo() {
    CliTest.Run r = CliTest.run("next-sentence", "--text", "The man went to the store.",
        "--text-b", "He bought a gallon of milk.", "--json");
    CliTest.assertCleanError(r);
    assertTrue(r.err().contains("no next-sentence head") && r.err().contains("BERT-Base jars leave it out"), r.err());
  }

  @Test
  void aSingleSentenceIsRefusedSayingWhatToGive() {
    CliTest.Run r = CliTest.run("next-sentence", "--text", "The man went to the store.");
    CliTest.assertCleanError(r);
    assertTrue(r.err().contains("needs a sentence B"), r.err());
  }

  @Test
  void aFineTunedModelHasNeitherPretrainingHeadAndSaysSo() {
    CliTest.Run fill = CliTest.run("fill-mask", "--model", classifier.toString(), "--text", "a [MASK] day");
    CliTest.assertCleanError(fill);
    assertTrue(fill.err().contains("no masked-LM head"), fill.err());
    CliTest.Run nsp = CliTest.run("next-sentence", "--model", classifier.toString(), "--text", "a good day",
        "--text-b", "it rained");
    CliTest.assertCleanError(nsp);
    assertTrue(nsp.err().contains("no next-sentence head"), nsp.err());
    // The model it was fine-tuned from has both.
    CliTest.Run base = CliTest.run("fill-mask", "--model", "sample-data/pretrain/tiny-model", "--text", "a [MASK] day");
    assertEquals(0, base.code(), base.err());
  }
}

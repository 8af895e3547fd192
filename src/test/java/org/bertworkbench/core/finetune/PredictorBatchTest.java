package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.job.Progress;
import org.junit.jupiter.api.Test;

/**
 * {@code predict} and {@code evaluate} give in batches what they give one row at a time (issue 16):
 * the same labels, tags and answers, probabilities within 1e-5, on sample-tiny with a freshly drawn
 * head and inputs of 1 to 80 words (QA paragraphs long enough for several windows).
 */
class PredictorBatchTest {

  static final double EPS = 1e-5;

  static final String[] WORDS = ("the a man woman child dog cat city river mountain music food bread market "
      + "train station morning evening quickly slowly happy tired old new red blue green reads writes eats "
      + "walks runs sings plays builds opens closes near under over after before because while and but with")
      .split(" ");

  static String text(Random random, int words) {
    StringBuilder s = new StringBuilder();
    for (int w = 0; w < words; w++) {
      s.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return s.append('.').toString();
  }

  static int words(Random random, int i) {
    return i % 3 == 0 ? 1 + random.nextInt(2) : i % 3 == 1 ? 40 + random.nextInt(40) : 3 + random.nextInt(12);
  }

  static List<Prediction> predict(TaskKind task, List<String> labels, int maxLength, int n, int batch)
      throws Exception {
    HeadConfig head = new HeadConfig(task, labels, null, null, null, null, null, maxLength, "sample-tiny");
    Random random = new Random(16);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String a = text(random, words(random, i));
      String b = task == TaskKind.QA ? text(random, 20 + words(random, i + 1) * 2) : null;
      examples.add(ModelInputs.unlabelled(head, i + 1, a, b, null));
    }
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open("sample-tiny"), head, Device.cpu(), 5)) {
      return new Predictor(m, batch).predict(examples, Progress.NONE);
    }
  }

  @Test
  void classificationInBatchesEqualsBatchOne() throws Exception {
    List<Prediction> one = predict(TaskKind.CLASSIFY, List.of("neg", "neu", "pos"), 128, 30, 1);
    List<Prediction> batched = predict(TaskKind.CLASSIFY, List.of("neg", "neu", "pos"), 128, 30, 8);
    for (int i = 0; i < one.size(); i++) {
      ClassPrediction a = (ClassPrediction) one.get(i);
      ClassPrediction b = (ClassPrediction) batched.get(i);
      assertEquals(a.label(), b.label(), "input " + i);
      assertArrayEquals(a.probabilities(), b.probabilities(), EPS, "input " + i);
    }
  }

  @Test
  void taggingInBatchesEqualsBatchOne() throws Exception {
    List<String> tags = List.of("O", "B-X", "I-X");
    List<Prediction> one = predict(TaskKind.TAG, tags, 128, 24, 1);
    List<Prediction> batched = predict(TaskKind.TAG, tags, 128, 24, 32);
    for (int i = 0; i < one.size(); i++) {
      TagPrediction a = (TagPrediction) one.get(i);
      TagPrediction b = (TagPrediction) batched.get(i);
      assertEquals(a.words(), b.words(), "input " + i);
      assertEquals(a.tags(), b.tags(), "input " + i);
      assertArrayEquals(a.confidence(), b.confidence(), EPS, "input " + i);
    }
  }

  @Test
  void answersInBatchesEqualBatchOne() throws Exception {
    List<Prediction> one = predict(TaskKind.QA, List.of(), 96, 12, 1);
    List<Prediction> batched = predict(TaskKind.QA, List.of(), 96, 12, 5);
    for (int i = 0; i < one.size(); i++) {
      SpanPrediction a = (SpanPrediction) one.get(i);
      SpanPrediction b = (SpanPrediction) batched.get(i);
      assertEquals(a.answer(), b.answer(), "input " + i);
      assertEquals(a.start(), b.start(), "input " + i);
      assertEquals(a.score(), b.score(), EPS, "input " + i);
    }
  }
}

package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.DistilBertFolderWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DistilBertForSequenceClassification folder is not taken for BERT's classifier: its head
 * (pre_classifier, ReLU, classifier on [CLS]) is another computation than ours (classifier on the
 * pooler), so running it as ours would give wrong labels without a word.
 */
class DistilBertHeadTest {

  @TempDir
  Path dir;

  @Test
  void aDistilBertSequenceClassifierIsRefusedAsAFineTunedModel() throws Exception {
    Path folder = dir.resolve("distil-sst");
    DistilBertFolderWriter.writeStudent(folder, CheckpointLoader.open("sample-tiny"), new int[] {0, 1},
        DistilBertFolderWriter.MODEL);
    Path config = folder.resolve("config.json");
    Files.writeString(config, Files.readString(config)
        .replace("\"DistilBertModel\"", "\"DistilBertForSequenceClassification\"")
        .replaceFirst("\\{", "{\"id2label\": {\"0\": \"neg\", \"1\": \"pos\"},"));
    CheckpointException e = assertThrows(CheckpointException.class, () -> FinetuneModel.open(folder.toString(),
        Device.cpu()));
    assertEquals(folder.toAbsolutePath() + ": DistilBertForSequenceClassification's head (pre_classifier, ReLU, "
        + "classifier on [CLS]) is not the BERT classifier Workbench runs; open the folder as a plain model",
        e.getMessage());
    CheckpointLoader.open(folder); // as a plain model it opens
  }
}

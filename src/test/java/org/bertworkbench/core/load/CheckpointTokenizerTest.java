package org.bertworkbench.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.tokenize.TokenizerJson;
import org.bertworkbench.core.tokenize.TokenizerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX models' tokenizers come from their own tokenizer.json (its options, its notes), Google's
 * checkpoints keep theirs, and a tokenizer.json that is not BERT-style refuses the checkpoint in one
 * line.
 */
class CheckpointTokenizerTest {

  @TempDir
  Path dir;

  @Test
  void theOnnxModelsFollowTheirTokenizerJson() throws Exception {
    for (String name : new String[] {"all-minilm-l6-v2", "bge-small-zh-v1.5"}) {
      Checkpoint c = CheckpointLoader.open(name);
      assertNotNull(c.tokenizerFile(), name);
      CheckpointTokenizer t = CheckpointTokenizer.of(c);
      TokenizerOptions file = TokenizerJson.read(c.tokenizerFile()).options();
      assertEquals(file, t.tokenizer().options());
      assertEquals(TokenizerOptions.Truncation.LONGEST_FIRST, t.tokenizer().options().truncation());
      assertEquals(c.lowerCase(), t.tokenizer().lowerCase(), name);
      assertEquals(c.config().vocabSize(), t.tokenizer().vocab().size());
      assertTrue(t.notes().get(0).startsWith("tokenizer.json: WordPiece with " + c.config().vocabSize()),
          t.notes().toString());
      assertEquals(name.startsWith("all-minilm"), t.notes().stream().anyMatch(n -> n.contains("truncates to 128")),
          t.notes().toString());
    }
  }

  @Test
  void googlesCheckpointsKeepGooglesTokenizer() throws Exception {
    Checkpoint c = CheckpointLoader.open("bert-base-uncased");
    assertNull(c.tokenizerFile());
    CheckpointTokenizer t = CheckpointTokenizer.of(c);
    assertEquals(TokenizerOptions.bert(true), t.tokenizer().options());
    assertTrue(t.notes().isEmpty());
  }

  @Test
  void aTokenizerJsonThatIsNotBertRefusesTheCheckpoint() throws Exception {
    Checkpoint c = CheckpointLoader.open("all-minilm-l6-v2");
    Path bad = dir.resolve("tokenizer.json");
    Files.writeString(bad, Files.readString(c.tokenizerFile())
        .replace("\"type\":\"BertPreTokenizer\"", "\"type\":\"Metaspace\"")
        .replace("\"type\": \"BertPreTokenizer\"", "\"type\": \"Metaspace\""));
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> CheckpointTokenizer.of(c.withTokenizerFile(bad)));
    assertEquals("tokenizer.json: the pre-tokenizer is Metaspace, not BertPreTokenizer: not a BERT tokenizer",
        e.getMessage());
    assertFalse(e.message(Locale.JAPANESE).equals(e.getMessage()));
  }
}

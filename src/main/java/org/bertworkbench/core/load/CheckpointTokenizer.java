package org.bertworkbench.core.load;

import java.util.List;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.TokenizerJson;
import org.bertworkbench.core.tokenize.TokenizerJsonException;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * The tokenizer a checkpoint asks for: the settings of its tokenizer.json when it has one
 * ({@link Checkpoint#tokenizerFile()}, the ONNX models), else Google's tokenizer on its vocab.txt
 * with its lower-casing.
 *
 * @param tokenizer the tokenizer
 * @param notes what the tokenizer.json says (its steps, its truncation and padding blocks); empty
 *     for a vocab.txt
 */
public record CheckpointTokenizer(BertTokenizer tokenizer, List<String> notes) {

  /** Copies the notes. */
  public CheckpointTokenizer {
    notes = List.copyOf(notes);
  }

  /**
   * Reads the checkpoint's tokenizer.
   *
   * @throws CheckpointException when its tokenizer.json is not a BERT-style tokenizer (one line)
   */
  public static CheckpointTokenizer of(Checkpoint checkpoint) throws CheckpointException {
    if (checkpoint.tokenizerFile() == null) {
      return new CheckpointTokenizer(
          new BertTokenizer(Vocab.load(checkpoint.vocabFile()), checkpoint.lowerCase()), List.of());
    }
    try {
      TokenizerJson json = TokenizerJson.read(checkpoint.tokenizerFile());
      return new CheckpointTokenizer(json.tokenizer(), json.notes());
    } catch (TokenizerJsonException e) {
      throw new CheckpointException(e.source(), e.problem(), e);
    }
  }
}

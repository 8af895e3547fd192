package org.bertworkbench.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tokenizer.json we write beside an ONNX export: read back by our own reader it is the same
 * tokenizer, and Hugging Face's Rust tokenizer (through DJL) loads it and tokenizes as we do.
 */
class TokenizerJsonWriterTest {

  private static final List<String> SINGLES = TestSentences.singles(100, 11);
  private static final List<String[]> PAIRS = TestSentences.pairs(50, 13);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"uncased", "cased"})
  void readBackAndByHuggingFaceAsOurs(String model) throws Exception {
    ModelVocabularies.ModelVocab vocab = ModelVocabularies.get(model);
    BertTokenizer ours = new BertTokenizer(vocab.vocab(), vocab.lowerCase());
    Path file = dir.resolve(model + "-tokenizer.json");
    TokenizerJsonWriter.write(file, ours);
    TokenizerJson read = TokenizerJson.read(file);
    // Every option but how a too-long pair is cut: a tokenizer.json says nothing of it (its caller
    // chooses), and a file's tokenizer cuts as Hugging Face does, not as Google's code.
    TokenizerOptions o = ours.options();
    assertEquals(new TokenizerOptions(o.cleanText(), o.handleChineseChars(), o.stripAccents(), o.lowercase(),
        o.unkToken(), o.continuingPrefix(), o.maxInputCharsPerWord(), o.neverSplit(), o.single(), o.pair(),
        TokenizerOptions.Truncation.LONGEST_FIRST), read.options());
    assertEquals(vocab.vocab().tokens(), read.vocab().tokens());
    BertTokenizer back = read.tokenizer();
    List<String> mismatches = new ArrayList<>();
    try (HuggingFaceTokenizer theirs = HuggingFaceTokenizer.newInstance(file,
        Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"))) {
      for (String text : SINGLES) {
        Encoding e = ours.encode(text, null, Integer.MAX_VALUE, false);
        assertEquals(e.tokens(), back.encode(text, null, Integer.MAX_VALUE, false).tokens(), text);
        HuggingFaceEqualityTest.compare(e, theirs.encode(text), text, null, mismatches);
      }
      for (String[] pair : PAIRS) {
        Encoding e = ours.encode(pair[0], pair[1], Integer.MAX_VALUE, false);
        Encoding b = back.encode(pair[0], pair[1], Integer.MAX_VALUE, false);
        assertEquals(Arrays.toString(e.inputIds()) + Arrays.toString(e.tokenTypeIds()),
            Arrays.toString(b.inputIds()) + Arrays.toString(b.tokenTypeIds()), pair[0] + " / " + pair[1]);
        HuggingFaceEqualityTest.compare(e, theirs.encode(pair[0], pair[1]), pair[0], pair[1], mismatches);
      }
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, first: "
        + mismatches.subList(0, Math.min(3, mismatches.size())));
  }
}

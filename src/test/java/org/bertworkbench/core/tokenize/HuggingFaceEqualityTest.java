package org.bertworkbench.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our tokenizer against Hugging Face's Rust tokenizer, on the vocabularies of Google's three
 * BERT-Base checkpoints: same tokens, ids, type ids, word ids and character spans for a few
 * hundred varied sentences and pairs.
 */
class HuggingFaceEqualityTest {

  private static final List<String> SINGLES = TestSentences.singles(300, 42);
  private static final List<String[]> PAIRS = TestSentences.pairs(150, 7);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"uncased", "cased", "multi-cased"})
  void sameAsHuggingFace(String model) {
    ModelVocabularies.ModelVocab vocab = ModelVocabularies.get(model);
    BertTokenizer ours = new BertTokenizer(vocab.vocab(), vocab.lowerCase());
    List<String> mismatches = new ArrayList<>();
    try (HuggingFaceTokenizer theirs =
        HuggingFaceReference.load(vocab.vocab(), vocab.lowerCase(), dir)) {
      for (String text : SINGLES) {
        compare(ours.encode(text, null, Integer.MAX_VALUE, false), theirs.encode(text),
            text, null, mismatches);
      }
      for (String[] pair : PAIRS) {
        compare(ours.encode(pair[0], pair[1], Integer.MAX_VALUE, false),
            theirs.encode(pair[0], pair[1]), pair[0], pair[1], mismatches);
      }
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches for " + model + ", first: "
        + mismatches.subList(0, Math.min(5, mismatches.size())));
  }

  static void compare(Encoding ours, ai.djl.huggingface.tokenizers.Encoding theirs,
      String textA, String textB, List<String> mismatches) {
    String input = textB == null ? quote(textA) : quote(textA) + " / " + quote(textB);
    String oursView = view(ours.tokens(), ours.inputIds(), ours.tokenTypeIds(), ours.wordIds(),
        codePointSpans(ours, textA, textB));
    String theirsView = view(Arrays.asList(theirs.getTokens()), toInts(theirs.getIds()),
        toInts(theirs.getTypeIds()), globalWordIds(theirs), spans(theirs.getCharTokenSpans()));
    if (!oursView.equals(theirsView)) {
      mismatches.add("\n  input " + input + "\n  ours   " + oursView + "\n  theirs " + theirsView);
    }
  }

  private static String view(
      List<String> tokens, int[] ids, int[] types, int[] words, List<String> spans) {
    return "tokens=" + tokens + " ids=" + Arrays.toString(ids) + " types="
        + Arrays.toString(types) + " words=" + Arrays.toString(words) + " spans=" + spans;
  }

  /** Our UTF-16 spans as code point spans, the unit Hugging Face counts in. */
  private static List<String> codePointSpans(Encoding encoding, String textA, String textB) {
    List<String> spans = new ArrayList<>();
    for (int i = 0; i < encoding.length(); i++) {
      String text = encoding.tokenTypeIds()[i] == 0 ? textA : textB;
      int start = encoding.charStarts()[i];
      int end = encoding.charEnds()[i];
      spans.add(start < 0
          ? "-"
          : text.codePointCount(0, start) + ":" + text.codePointCount(0, end));
    }
    return spans;
  }

  private static List<String> spans(CharSpan[] charSpans) {
    List<String> spans = new ArrayList<>();
    for (CharSpan span : charSpans) {
      spans.add(span == null ? "-" : span.getStart() + ":" + span.getEnd());
    }
    return spans;
  }

  /** Hugging Face counts B's words from 0 again; we count on after A's. */
  private static int[] globalWordIds(ai.djl.huggingface.tokenizers.Encoding encoding) {
    int[] words = toInts(encoding.getWordIds());
    long[] types = encoding.getTypeIds();
    int wordsInA = 0;
    for (int i = 0; i < words.length; i++) {
      if (types[i] == 0) {
        wordsInA = Math.max(wordsInA, words[i] + 1);
      } else if (words[i] >= 0) {
        words[i] += wordsInA;
      }
    }
    return words;
  }

  private static int[] toInts(long[] values) {
    return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    text.codePoints().forEach(cp -> quoted.append(cp < 0x20 || cp > 0x7E
        ? String.format("\\u{%X}", cp) : Character.toString(cp)));
    return quoted.append('"').toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"uncased", "cased", "multi-cased"})
  void checkpointsAreReadWithTheirCasing(String model) {
    ModelVocabularies.ModelVocab vocab = ModelVocabularies.get(model);
    assertEquals(model.equals("uncased"), vocab.lowerCase());
    assertEquals(vocab.vocab().padId(), 0);
  }
}

package org.bertworkbench.core.pretrain;

import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * A corpus cut into word-piece ids once, before training: {@code [document][sentence][piece]}. Sentences
 * that give no pieces and documents left empty are dropped. Also knows which ids are "##"
 * continuation pieces (for whole-word masking) and which are special tokens.
 */
public final class TokenizedCorpus {

  private final Vocab vocab;
  private final int[][][] documents;
  private final int[] sentenceDocument; // flattened sentence -> its document
  private final int[] sentenceIndex; // flattened sentence -> its index in the document
  private final boolean[] continuation;
  private final int[] starts; // sentences an instance may start at

  private TokenizedCorpus(Vocab vocab, int[][][] documents) {
    this.vocab = vocab;
    this.documents = documents;
    int n = 0;
    for (int[][] doc : documents) {
      n += doc.length;
    }
    sentenceDocument = new int[n];
    sentenceIndex = new int[n];
    int k = 0;
    for (int d = 0; d < documents.length; d++) {
      for (int s = 0; s < documents[d].length; s++) {
        sentenceDocument[k] = d;
        sentenceIndex[k++] = s;
      }
    }
    starts = java.util.stream.IntStream.range(0, n)
        .filter(i -> documents[sentenceDocument[i]].length == 1
            || sentenceIndex[i] < documents[sentenceDocument[i]].length - 1)
        .toArray();
    continuation = new boolean[vocab.size()];
    for (int id = 0; id < vocab.size(); id++) {
      continuation[id] = vocab.token(id).startsWith("##");
    }
  }

  /** Tokenizes every sentence of {@code corpus}. */
  public static TokenizedCorpus of(Corpus corpus, BertTokenizer tokenizer) {
    Vocab vocab = tokenizer.vocab();
    List<int[][]> docs = new ArrayList<>();
    for (List<String> doc : corpus.documents()) {
      List<int[]> sentences = new ArrayList<>();
      for (String s : doc) {
        int[] ids = tokenizer.tokenize(s).stream().mapToInt(vocab::id).toArray();
        if (ids.length > 0) {
          sentences.add(ids);
        }
      }
      if (!sentences.isEmpty()) {
        docs.add(sentences.toArray(new int[0][]));
      }
    }
    if (docs.size() < 2) {
      throw new CorpusException(corpus.source(), Message.of(TokenizedCorpus.class, "TokenizedCorpus.fewerThanTwo"));
    }
    return new TokenizedCorpus(vocab, docs.toArray(new int[0][][]));
  }

  public Vocab vocab() {
    return vocab;
  }

  public int documentCount() {
    return documents.length;
  }

  public int[][] document(int d) {
    return documents[d];
  }

  /** Sentences in the whole corpus. */
  public int sentenceCount() {
    return sentenceDocument.length;
  }

  /**
   * How many sentences an instance may start at: every sentence but the last of a document (unless
   * the document has one), so that a chunk has a next sentence to pair with, as the chunks Google
   * cuts from the start of a document almost always do.
   */
  public int startCount() {
    return starts.length;
  }

  /** The {@code i}-th possible start, as an index over all sentences. */
  public int start(int i) {
    return starts[i];
  }

  /** The document of the {@code k}-th sentence of the corpus. */
  public int documentOf(int k) {
    return sentenceDocument[k];
  }

  /** The position of the {@code k}-th sentence of the corpus in its document. */
  public int indexInDocument(int k) {
    return sentenceIndex[k];
  }

  /** True for a "##" piece, which continues the word before it. */
  public boolean isContinuation(int id) {
    return continuation[id];
  }

  /** Every piece id of the corpus, for statistics. */
  public long pieceCount() {
    long n = 0;
    for (int[][] doc : documents) {
      for (int[] s : doc) {
        n += s.length;
      }
    }
    return n;
  }
}

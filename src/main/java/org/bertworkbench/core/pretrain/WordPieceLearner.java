package org.bertworkbench.core.pretrain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * Learns a WordPiece vocabulary from a corpus, the way Hugging Face's WordPiece trainer does: the
 * words are those of BERT's basic tokenizer (whitespace, punctuation, CJK characters; lower-cased
 * and accent-stripped when uncased); each word starts as its characters, every character but the
 * first written as a "##" continuation; the most frequent adjacent pair (counted over the corpus)
 * is merged into a new piece, again and again, until the vocabulary has the size asked for.
 *
 * <p>The vocabulary is: [PAD] [UNK] [CLS] [SEP] [MASK], then the characters (most frequent first),
 * then the merged pieces in the order they were learnt. Deterministic: ties go to the pair whose
 * merged piece sorts first. BERT's greedy longest-match-first WordPiece then cuts every corpus word
 * into these pieces without [UNK] unless a character was cut from the alphabet.
 */
public final class WordPieceLearner {

  /** A candidate merge: a pair of symbol ids and how often it occurs. */
  private record Candidate(int a, int b, long count, String merged) {}

  private final List<String> symbols = new ArrayList<>();
  private final Map<String, Integer> symbolIds = new HashMap<>();
  private final List<int[]> words = new ArrayList<>();
  private final List<Long> wordCounts = new ArrayList<>();
  private final Map<Long, Long> pairCounts = new HashMap<>();
  private final Map<Long, Set<Integer>> pairWords = new HashMap<>();

  private WordPieceLearner() {}

  /**
   * @param size the vocabulary size wanted, special tokens included
   * @param lowerCase lower-case and strip accents, as an uncased BERT
   * @return the tokens in id order (fewer than {@code size} if the corpus has no more merges)
   */
  public static List<String> learn(Corpus corpus, int size, boolean lowerCase) {
    WordPieceLearner learner = new WordPieceLearner();
    return learner.run(wordCounts(corpus, lowerCase), size);
  }

  /** The corpus's words as BERT's basic tokenizer splits them, with their counts. */
  static Map<String, Long> wordCounts(Corpus corpus, boolean lowerCase) {
    // A tokenizer that knows no word pieces returns one [UNK] per word, with the word's offsets.
    BertTokenizer basic = new BertTokenizer(Vocab.of(Vocab.SPECIAL_TOKENS), lowerCase);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String sentence : corpus.sentences()) {
      Encoding e = basic.encode(sentence, null, Integer.MAX_VALUE, false);
      for (int i = 0; i < e.tokens().size(); i++) {
        if (e.charStarts()[i] < 0) {
          continue;
        }
        String word = sentence.substring(e.charStarts()[i], e.charEnds()[i]);
        counts.merge(lowerCase ? uncased(word) : word, 1L, Long::sum);
      }
    }
    return counts;
  }

  private static String uncased(String word) {
    String d = Normalizer.normalize(word.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
    return d.replaceAll("\\p{Mn}", "");
  }

  private List<String> run(Map<String, Long> counts, int size) {
    Map<String, Long> alphabet = new HashMap<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      String w = e.getKey();
      int[] cps = w.codePoints().toArray();
      for (int i = 0; i < cps.length; i++) {
        alphabet.merge((i == 0 ? "" : "##") + Character.toString(cps[i]), e.getValue(), Long::sum);
      }
    }
    List<String> vocab = new ArrayList<>(Vocab.SPECIAL_TOKENS);
    alphabet.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(Math.max(0, size - vocab.size()))
        .forEach(e -> vocab.add(e.getKey()));
    Set<String> known = new HashSet<>(vocab);
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      int[] cps = e.getKey().codePoints().toArray();
      int[] word = new int[cps.length];
      for (int i = 0; i < cps.length; i++) {
        word[i] = symbol((i == 0 ? "" : "##") + Character.toString(cps[i]));
      }
      words.add(word);
      wordCounts.add(e.getValue());
      addPairs(words.size() - 1, +1);
    }
    PriorityQueue<Candidate> queue = new PriorityQueue<>(
        Comparator.comparingLong(Candidate::count).reversed().thenComparing(Candidate::merged));
    pairCounts.forEach((pair, n) -> queue.add(candidate(pair, n)));
    while (vocab.size() < size && !queue.isEmpty()) {
      Candidate best = queue.poll();
      long key = key(best.a(), best.b());
      if (pairCounts.getOrDefault(key, 0L) != best.count() || best.count() < 2) {
        continue; // stale entry, or nothing worth merging
      }
      int merged = symbol(best.merged());
      for (int w : new ArrayList<>(pairWords.getOrDefault(key, Set.of()))) {
        addPairs(w, -1);
        words.set(w, merge(words.get(w), best.a(), best.b(), merged));
        for (long touched : addPairs(w, +1)) {
          queue.add(candidate(touched, pairCounts.get(touched)));
        }
      }
      if (known.add(best.merged())) {
        vocab.add(best.merged());
      }
    }
    return vocab;
  }

  private Candidate candidate(long pair, long count) {
    int a = (int) (pair >>> 32);
    int b = (int) pair;
    String right = symbols.get(b);
    return new Candidate(a, b, count, symbols.get(a) + (right.startsWith("##") ? right.substring(2) : right));
  }

  private int symbol(String s) {
    return symbolIds.computeIfAbsent(s, k -> {
      symbols.add(k);
      return symbols.size() - 1;
    });
  }

  /** Adds (or removes) the pairs of word {@code w} to the counts; returns the pairs touched. */
  private List<Long> addPairs(int w, int sign) {
    int[] word = words.get(w);
    long n = wordCounts.get(w) * sign;
    List<Long> touched = new ArrayList<>();
    for (int i = 0; i + 1 < word.length; i++) {
      long key = key(word[i], word[i + 1]);
      pairCounts.merge(key, n, Long::sum);
      if (sign > 0) {
        pairWords.computeIfAbsent(key, k -> new HashSet<>()).add(w);
        touched.add(key);
      } else {
        Set<Integer> ws = pairWords.get(key);
        if (ws != null) {
          ws.remove(w);
        }
      }
    }
    return touched;
  }

  private static int[] merge(int[] word, int a, int b, int merged) {
    int[] out = new int[word.length];
    int n = 0;
    for (int i = 0; i < word.length; i++) {
      if (i + 1 < word.length && word[i] == a && word[i + 1] == b) {
        out[n++] = merged;
        i++;
      } else {
        out[n++] = word[i];
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static long key(int a, int b) {
    return ((long) a << 32) | (b & 0xFFFFFFFFL);
  }
}

package org.bertworkbench.core.pretrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * Makes training instances as google-research/bert {@code create_pretraining_data.py} does, one
 * at a time from a random generator, so that any instance can be made again from its seed.
 *
 * <p>Google walks each document in order, cutting it into chunks and (with {@code dupe_factor}
 * copies) shuffling all instances; here each instance starts at a sentence drawn uniformly from the
 * whole corpus (not the last of a document, which would have no next sentence), so documents are
 * drawn in proportion to their length and the instances of a batch are independent. Inside an instance the rules are Google's ({@code create_instances_from_document},
 * {@code truncate_seq_pair}, {@code create_masked_lm_predictions}):
 * <ul>
 *   <li>target length = max length - 3, or with probability {@code short_seq_prob} a random
 *       length in [2, max length - 3];
 *   <li>sentences are collected from the start sentence until the target is reached or the
 *       document ends; A = the first {@code a_end} of them ({@code a_end} random in [1, n-1]);
 *   <li>B = the rest of the chunk (IsNext), or, with probability 0.5 or when the chunk has one
 *       sentence, sentences of another document from a random start until B reaches the remaining
 *       target (NotNext; Google puts the chunk's unused sentences back for the next chunk, which
 *       independent draws make unnecessary);
 *   <li>the longer of A and B loses a word piece from its front or back (50/50) until the pair fits;
 *   <li>masked LM: candidates are every position but [CLS] and [SEP] (whole words when whole-word
 *       masking is on), shuffled; {@code min(max_predictions, max(1, round(length x 0.15)))} are
 *       taken (Python's round: half to even); each is replaced by [MASK] with probability 0.8, else
 *       kept with probability 0.5, else by a random token of the whole vocabulary.
 * </ul>
 */
public final class InstanceMaker {

  private final TokenizedCorpus corpus;
  private final InstanceRecipe recipe;
  private final int cls;
  private final int sep;
  private final int mask;
  private final int vocabSize;

  public InstanceMaker(TokenizedCorpus corpus, InstanceRecipe recipe) {
    this.corpus = corpus;
    this.recipe = recipe;
    Vocab v = corpus.vocab();
    cls = v.clsId();
    sep = v.sepId();
    mask = v.maskId();
    vocabSize = v.size();
  }

  /** One instance of at most {@code maxSeqLength} tokens, drawn with {@code rng}. */
  public TrainingInstance make(Random rng, int maxSeqLength) {
    int maxTokens = maxSeqLength - 3;
    int target = maxTokens;
    if (rng.nextDouble() < recipe.shortSeqProb()) {
      target = 2 + rng.nextInt(maxTokens - 1); // randint(2, max_num_tokens)
    }
    int start = corpus.start(rng.nextInt(corpus.startCount()));
    int docIndex = corpus.documentOf(start);
    int[][] doc = corpus.document(docIndex);
    List<int[]> chunk = new ArrayList<>();
    int length = 0;
    for (int i = corpus.indexInDocument(start); i < doc.length && length < target; i++) {
      chunk.add(doc[i]);
      length += doc[i].length;
    }
    int aEnd = chunk.size() >= 2 ? 1 + rng.nextInt(chunk.size() - 1) : 1;
    IntList a = IntList.concat(chunk.subList(0, aEnd));
    IntList b;
    boolean randomNext = chunk.size() == 1 || rng.nextDouble() < 0.5;
    if (randomNext) {
      b = randomSegment(rng, docIndex, target - a.size());
    } else {
      b = IntList.concat(chunk.subList(aEnd, chunk.size()));
    }
    truncatePair(a, b, maxTokens, rng);
    return mask(assemble(a, b), randomNext, rng, recipe.maxPredictions(maxSeqLength));
  }

  /** Sentences of another document from a random start until {@code targetLength} pieces. */
  private IntList randomSegment(Random rng, int notDocument, int targetLength) {
    int d = rng.nextInt(corpus.documentCount() - 1);
    if (d >= notDocument) {
      d++;
    }
    int[][] doc = corpus.document(d);
    IntList b = new IntList();
    for (int j = rng.nextInt(doc.length); j < doc.length; j++) {
      b.addAll(doc[j]);
      if (b.size() >= targetLength) {
        break;
      }
    }
    return b;
  }

  /** Google's truncate_seq_pair: trim the longer side, from the front or the back at random. */
  static void truncatePair(IntList a, IntList b, int maxTokens, Random rng) {
    while (a.size() + b.size() > maxTokens) {
      IntList longer = a.size() > b.size() ? a : b;
      if (rng.nextDouble() < 0.5) {
        longer.removeFirst();
      } else {
        longer.removeLast();
      }
    }
  }

  private int[][] assemble(IntList a, IntList b) {
    int n = a.size() + b.size() + 3;
    int[] tokens = new int[n];
    int[] segments = new int[n];
    int k = 0;
    tokens[k++] = cls;
    for (int i = 0; i < a.size(); i++) {
      tokens[k++] = a.get(i);
    }
    tokens[k++] = sep;
    int bStart = k;
    for (int i = 0; i < b.size(); i++) {
      tokens[k++] = b.get(i);
    }
    tokens[k] = sep;
    Arrays.fill(segments, bStart, n, 1);
    return new int[][] {tokens, segments};
  }

  private TrainingInstance mask(int[][] tokensAndSegments, boolean randomNext, Random rng,
      int maxPredictions) {
    int[] original = tokensAndSegments[0];
    int n = original.length;
    List<int[]> candidates = new ArrayList<>();
    List<Integer> current = null;
    List<List<Integer>> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (original[i] == cls || original[i] == sep) {
        continue;
      }
      if (recipe.wholeWordMasking() && current != null && corpus.isContinuation(original[i])) {
        current.add(i);
      } else {
        current = new ArrayList<>(List.of(i));
        groups.add(current);
      }
    }
    for (List<Integer> g : groups) {
      candidates.add(g.stream().mapToInt(Integer::intValue).toArray());
    }
    Collections.shuffle(candidates, rng);
    int toPredict = Math.min(maxPredictions, Math.max(1, (int) Math.rint(n * recipe.maskedLmProb())));
    int[] tokens = original.clone();
    MaskDecision[] decisions = new MaskDecision[n];
    Arrays.fill(decisions, MaskDecision.NONE);
    int selected = 0;
    for (int[] group : candidates) {
      if (selected >= toPredict) {
        break;
      }
      if (selected + group.length > toPredict) {
        continue;
      }
      for (int i : group) {
        if (rng.nextDouble() < 0.8) {
          tokens[i] = mask;
          decisions[i] = MaskDecision.MASK;
        } else if (rng.nextDouble() < 0.5) {
          decisions[i] = MaskDecision.KEEP;
        } else {
          tokens[i] = rng.nextInt(vocabSize);
          decisions[i] = MaskDecision.RANDOM;
        }
        selected++;
      }
    }
    int[] positions = new int[selected];
    int[] labels = new int[selected];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (decisions[i] != MaskDecision.NONE) {
        positions[k] = i;
        labels[k++] = original[i];
      }
    }
    return new TrainingInstance(tokens, original, tokensAndSegments[1], decisions, randomNext,
        positions, labels);
  }

  /** A growable list of ints that can drop from either end. */
  static final class IntList {
    private int[] data = new int[16];
    private int from;
    private int to;

    static IntList concat(List<int[]> parts) {
      IntList l = new IntList();
      parts.forEach(l::addAll);
      return l;
    }

    void addAll(int[] values) {
      if (to + values.length > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, to + values.length));
      }
      System.arraycopy(values, 0, data, to, values.length);
      to += values.length;
    }

    int size() {
      return to - from;
    }

    int get(int i) {
      return data[from + i];
    }

    void removeFirst() {
      from++;
    }

    void removeLast() {
      to--;
    }
  }
}

package org.bertworkbench.gui.attention;

import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.Aggregations;
import org.bertworkbench.core.analysis.AttentionCapture;
import org.bertworkbench.core.analysis.NormWeighted;
import org.bertworkbench.core.analysis.WordGroups;

/**
 * The attention the views draw for one input (L = layers, N = heads, T = real tokens): from the
 * window's analysis, or from a capture recomputed here with a causal mask or heads switched off.
 * Derived maps (means, rollout) are computed once and kept.
 *
 * @param tokens [T]
 * @param segments [T] token type ids
 * @param wordIds [T] word of each piece, -1 for [CLS] / [SEP]
 * @param attentions [L][N][T][T]
 * @param capture queries, keys and value norms for the neuron view and norm weighting; may be null
 * @param causal whether these are a left-to-right pass's weights
 * @param maskedHeads how many heads were switched off in the pass
 */
record AttentionData(List<String> tokens, int[] segments, int[] wordIds, float[][][][] attentions,
    AttentionCapture capture, boolean causal, int maskedHeads, Cache cache) {

  /** Lazily derived maps shared by every view of this data. */
  static final class Cache {
    private float[][][] meanOverHeads;
    private float[][][] rollout;
    private float[][] meanOverLayers;
  }

  AttentionData(List<String> tokens, int[] segments, int[] wordIds, float[][][][] attentions,
      AttentionCapture capture, boolean causal, int maskedHeads) {
    this(tokens, segments, wordIds, attentions, capture, causal, maskedHeads, new Cache());
  }

  static AttentionData of(AttentionCapture c, int maskedHeads) {
    return new AttentionData(c.tokens(), c.tokenTypeIds(), c.wordIds(), c.attentions(), c, c.causal(), maskedHeads);
  }

  int layers() {
    return attentions.length;
  }

  int heads() {
    return attentions[0].length;
  }

  int length() {
    return tokens.size();
  }

  WordGroups words() {
    return WordGroups.of(tokens, wordIds);
  }

  synchronized float[][][] meanOverHeads() {
    if (cache.meanOverHeads == null) {
      cache.meanOverHeads = Aggregations.meanOverHeads(attentions);
    }
    return cache.meanOverHeads;
  }

  synchronized float[][][] rollout() {
    if (cache.rollout == null) {
      cache.rollout = Aggregations.rollout(meanOverHeads());
    }
    return cache.rollout;
  }

  synchronized float[][] meanOverLayers() {
    if (cache.meanOverLayers == null) {
      cache.meanOverLayers = Aggregations.meanOverLayers(meanOverHeads());
    }
    return cache.meanOverLayers;
  }

  /** True when deriving {@code aggregation} may take more than a few milliseconds. */
  boolean slow(Aggregation aggregation, boolean words) {
    int t = length();
    return switch (aggregation) {
      case ROLLOUT -> cache.rollout == null && t > 96;
      case MEAN_OVER_LAYERS -> cache.meanOverLayers == null && t > 128;
      case NORM_WEIGHTED -> t > 128;
      default -> words && t > 256;
    };
  }

  /**
   * The maps for one layer and aggregation, merged to words if asked.
   *
   * @throws IllegalStateException for norm weighting without a capture
   */
  Maps maps(int layer, Aggregation aggregation, boolean words) {
    float[][][] maps;
    int[] headIds;
    switch (aggregation) {
      case MEAN_OVER_HEADS -> {
        maps = new float[][][] {meanOverHeads()[layer]};
        headIds = new int[] {-1};
      }
      case MEAN_OVER_LAYERS -> {
        maps = new float[][][] {meanOverLayers()};
        headIds = new int[] {-1};
      }
      case ROLLOUT -> {
        maps = new float[][][] {rollout()[layer]};
        headIds = new int[] {-1};
      }
      case NORM_WEIGHTED -> {
        if (capture == null) {
          throw new IllegalStateException("norm weighting needs the value vectors");
        }
        maps = NormWeighted.perHead(capture, layer);
        headIds = range(heads());
      }
      default -> {
        maps = attentions[layer];
        headIds = range(heads());
      }
    }
    List<String> labels = tokens;
    int[] segs = segments;
    if (words) {
      WordGroups g = words();
      maps = g.merge(maps);
      labels = g.words();
      segs = new int[g.size()];
      for (int w = 0; w < g.size(); w++) {
        segs[w] = segments[g.pieces()[w][0]];
      }
    }
    float max = 0;
    for (float[][] m : maps) {
      for (float[] row : m) {
        for (float v : row) {
          max = Math.max(max, v);
        }
      }
    }
    return new Maps(new ArrayList<>(labels), segs, maps, headIds, layer, aggregation, words, max);
  }

  private static int[] range(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /**
   * What the head and matrix views draw.
   *
   * @param labels [T'] tokens or words
   * @param segments [T'] sentence of each label
   * @param maps [K][T'][T'], row = attending, column = attended
   * @param headIds [K] the head of each map, -1 for a combined map
   * @param max the largest value (1 or less for attention, more for norm-weighted maps)
   */
  record Maps(List<String> labels, int[] segments, float[][][] maps, int[] headIds, int layer,
      Aggregation aggregation, boolean words, float max) {

    int length() {
      return labels.size();
    }

    /** The map of head {@code head}, or the combined map. */
    float[][] mapOf(int head) {
      for (int k = 0; k < headIds.length; k++) {
        if (headIds[k] == head || headIds[k] < 0) {
          return maps[k];
        }
      }
      return maps[0];
    }
  }
}

package org.bertworkbench.core.finetune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * A dataset cut into train and dev parts by a seed, for when the user has no separate dev file.
 *
 * <p>Deterministic: the same dataset, fraction and seed give the same parts ({@link Random} and
 * {@link Collections#shuffle(List, Random)} are specified algorithms). Classification is
 * stratified: each label gives {@code round(n * devFraction)} of its n examples to dev, at least
 * one while it has two or more, and keeps at least one for training. SQuAD questions on the same
 * paragraph stay together (so no dev paragraph is seen in training) unless there is only one
 * paragraph; tagging sentences are cut at
 * random. Both parts keep the file order and the full label set; the bad rows stay with {@code
 * train}.
 *
 * @param train the training part
 * @param dev the evaluation part
 */
public record Split(Dataset train, Dataset dev) {

  /** Cuts {@code data}; {@code devFraction} in (0, 1). */
  public static Split of(Dataset data, double devFraction, long seed) {
    if (!(devFraction > 0 && devFraction < 1)) {
      throw new IllegalArgumentException("dev fraction " + devFraction + " is not between 0 and 1");
    }
    if (data.examples().size() < 2) {
      throw new BadInputException(Message.of(Split.class, "Split.tooFew", data.examples().size()));
    }
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    List<Example> examples = data.examples();
    for (int i = 0; i < examples.size(); i++) {
      groups.computeIfAbsent(key(examples.get(i), i), k -> new ArrayList<>()).add(i);
    }
    if (data.task() == TaskKind.QA && groups.size() < 2) {
      groups.clear();
      for (int i = 0; i < examples.size(); i++) {
        groups.put(Integer.toString(i), List.of(i));
      }
    }
    boolean[] isDev = data.task().isClassification()
        ? stratified(groups, devFraction, new Random(seed))
        : byGroup(groups, examples.size(), devFraction, new Random(seed));
    List<Example> train = new ArrayList<>();
    List<Example> dev = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      (isDev[i] ? dev : train).add(examples.get(i));
    }
    if (dev.isEmpty()) {
      throw new BadInputException(Message.of(Split.class, "Split.noDev"));
    }
    return new Split(new Dataset(data.task(), data.source(), train, data.labels(), data.badRows()),
        new Dataset(data.task(), data.source(), dev, data.labels(), List.of()));
  }

  /** Classification: the label; QA: the paragraph; tagging: the example itself. */
  private static String key(Example e, int index) {
    if (e instanceof TextExample t) {
      return String.valueOf(t.label());
    }
    if (e instanceof QaExample q) {
      return q.context();
    }
    return Integer.toString(index);
  }

  private static boolean[] stratified(Map<String, List<Integer>> byLabel, double fraction, Random random) {
    int n = byLabel.values().stream().mapToInt(List::size).sum();
    boolean[] dev = new boolean[n];
    for (List<Integer> members : byLabel.values()) {
      List<Integer> shuffled = new ArrayList<>(members);
      Collections.shuffle(shuffled, random);
      int k = (int) Math.round(members.size() * fraction);
      k = Math.min(Math.max(k, members.size() >= 2 ? 1 : 0), members.size() - 1);
      for (int i = 0; i < k; i++) {
        dev[shuffled.get(i)] = true;
      }
    }
    return dev;
  }

  private static boolean[] byGroup(Map<String, List<Integer>> groups, int n, double fraction, Random random) {
    List<List<Integer>> order = new ArrayList<>(groups.values());
    Collections.shuffle(order, random);
    boolean[] dev = new boolean[n];
    int target = Math.max(1, (int) Math.round(n * fraction));
    int taken = 0;
    for (int g = 0; g < order.size() - 1 && taken < target; g++) {
      for (int i : order.get(g)) {
        dev[i] = true;
      }
      taken += order.get(g).size();
    }
    return dev;
  }
}

package org.bertworkbench.core.explain;

import java.util.List;

/**
 * One input's prediction explained by one method.
 *
 * @param model the model's label
 * @param tokens the input's tokens
 * @param explained what f is, and where it is read
 * @param probability f at the real input (a probability, or for similarity a cosine)
 * @param baselineValue f at the baseline
 * @param attribution the split of f over the tokens
 */
public record Explanation(String model, List<String> tokens, Objective.Explained explained, double probability,
    double baselineValue, Attribution attribution) {}

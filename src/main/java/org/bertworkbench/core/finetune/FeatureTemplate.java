package org.bertworkbench.core.finetune;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * Numeric features written into the text ({@link DataColumns.FeatureMode#TEXT_TEMPLATE}, the
 * seed article's first strategy): each {@code {column}} of the template is replaced by the
 * example's value, written plainly ({@code 4}, {@code 12.5}, {@code 0.00001}, never {@code 4.0}
 * or {@code 1.0E-5}), e.g. {@code "price {price} stars {stars}"} gives {@code "price 12.5 stars 4"}.
 */
public final class FeatureTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

  private FeatureTemplate() {}

  /** What is wrong with a template for these feature columns (in English), or null when it is fine. */
  public static String problem(String template, List<String> features) {
    Message problem = problemMessage(template, features);
    return problem == null ? null : problem.english();
  }

  /** What is wrong with a template for these feature columns, or null when it is fine. */
  public static Message problemMessage(String template, List<String> features) {
    if (template == null || template.isBlank()) {
      return Message.of(FeatureTemplate.class, "FeatureTemplate.empty", example(features));
    }
    Matcher m = PLACEHOLDER.matcher(template);
    boolean any = false;
    while (m.find()) {
      any = true;
      if (!features.contains(m.group(1))) {
        return Message.of(FeatureTemplate.class, "FeatureTemplate.notAFeature", "{" + m.group(1) + "}",
            String.join(", ", features));
      }
    }
    return any ? null : Message.of(FeatureTemplate.class, "FeatureTemplate.noFeature", "{column}", example(features));
  }

  /** The template with each {@code {feature}} replaced by its value; throws on a bad template. */
  public static String render(String template, List<String> features, double[] values) {
    Message problem = problemMessage(template, features);
    if (problem != null) {
      throw new BadInputException(problem);
    }
    if (values.length != features.size()) {
      throw new IllegalArgumentException(features.size() + " feature columns but " + values.length + " values");
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(format(values[features.indexOf(m.group(1))])));
    }
    m.appendTail(out);
    return out.toString().strip();
  }

  /** The template rendered for one example. */
  public static String render(DataColumns columns, TextExample example) {
    return render(columns.featureTemplate(), columns.features(), example.features());
  }

  /**
   * The example as the model sees it under the template strategy: the rendered features become
   * the second segment ({@code [CLS] text [SEP] price 12.5 stars 4 [SEP]}); for a pair they are
   * appended to the second text. Label, line and features are kept.
   */
  public static TextExample apply(DataColumns columns, TextExample example) {
    String rendered = render(columns, example);
    String b = example.textB() == null ? rendered : example.textB() + " " + rendered;
    return new TextExample(example.line(), example.textA(), b, example.label(), example.features());
  }

  /** A value written as a person would: no exponent, no trailing zeros. */
  public static String format(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    String s = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  private static String example(List<String> features) {
    StringBuilder sb = new StringBuilder();
    for (String f : features.isEmpty() ? List.of("price") : features) {
      sb.append(sb.length() == 0 ? "" : " ").append(f).append(" {").append(f).append('}');
    }
    return sb.toString();
  }
}

package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.analysis.NextSentence;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Command;

/** The next-sentence head on every pair: does sentence B follow sentence A? */
@Command(name = "next-sentence", mixinStandardHelpOptions = true,
    description = "The probability that sentence B follows sentence A (BERT's NSP head).")
final class NextSentenceCommand extends TextModelCommand {

  @Override
  ForwardOptions base() {
    return ForwardOptions.INFERENCE;
  }

  @Override
  void run(LoadedBert loaded, List<InputOptions.TextInput> inputs, List<Encoding> encodings,
      ForwardOptions forward, PrintWriter out) {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).b() == null) {
        throw new IllegalArgumentException("input " + (i + 1) + ": " + NextSentence.NO_SENTENCE_B);
      }
    }
    for (int i = 0; i < encodings.size(); i++) {
      NextSentence.Prediction p = NextSentence.predict(loaded.model(), encodings.get(i), forward);
      if (options.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text_a", inputs.get(i).a());
        doc.put("text_b", inputs.get(i).b());
        doc.put("is_next", p.isNext());
        doc.put("not_next", p.notNext());
        out.println(Json.of(doc));
      } else {
        out.printf("IsNext %.4f  NotNext %.4f  %s | %s%n", p.isNext(), p.notNext(), inputs.get(i).a(),
            inputs.get(i).b());
      }
    }
  }
}

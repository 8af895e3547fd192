package org.bertworkbench.gui.shell;

import java.nio.file.Path;
import org.bertworkbench.core.finetune.Example;

/**
 * "Explain this prediction": a fine-tuned model's input that a view (the predictions browser)
 * hands to the Explain view through the shell, which brings that view to the front.
 *
 * @param model the fine-tuned model folder (a run's {@code model})
 * @param example the input, as the model's task reads it
 * @param prediction what the model predicted, as the browser showed it (for the view's title)
 */
public record ExplainRequest(Path model, Example example, String prediction) {}

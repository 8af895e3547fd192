package org.bertworkbench.gui.finetune;

import javafx.beans.binding.StringBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import org.bertworkbench.gui.export.Theme;
import org.bertworkbench.gui.text.Texts;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * One page of the fine-tuning wizard: its content, and at the bottom the one line that says what is
 * still missing. While that line is not empty the wizard's "Next" (or "Finish") is disabled.
 */
abstract class WizardPage extends WizardPane {

  private static final Texts T = Texts.of(WizardPage.class);

  private final WizardViewModel.Page page;
  private final StringBinding problem;
  private final Label problemLabel = new Label();

  WizardPage(WizardViewModel vm, WizardViewModel.Page page, String header) {
    this.page = page;
    this.problem = vm.problemBinding(page);
    setHeaderText(T.format("WizardPage.header", page.ordinal() + 1, WizardViewModel.Page.values().length,
        page.title(), header));
    problemLabel.setId("problem-" + page.name().toLowerCase());
    problemLabel.setWrapText(true);
    problemLabel.setStyle("-fx-text-fill: #c62828;");
    problemLabel.textProperty().bind(problem);
    problemLabel.managedProperty().bind(problem.isNotNull());
    setPrefSize(980, 700);
    Theme.current().apply(this); // the window's theme, and the Japanese font in Japanese
  }

  /** Puts the page's form above the problem line, scrolling when it is taller than the dialog. */
  void setBody(Node body) {
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    scroll.setStyle("-fx-background-color: transparent;");
    BorderPane box = new BorderPane(scroll);
    BorderPane.setMargin(problemLabel, new Insets(6, 0, 0, 0));
    box.setBottom(problemLabel);
    setContent(box);
  }

  WizardViewModel.Page page() {
    return page;
  }

  @Override
  public void onEnteringPage(Wizard wizard) {
    wizard.invalidProperty().bind(problem.isNotNull());
    // ControlsFX names its buttons from its own English-only bundle, and JavaFX its Cancel in the
    // system's language: the window's language names them here.
    for (ButtonType type : getButtonTypes()) {
      String text = switch (type.getButtonData()) {
        case BACK_PREVIOUS -> T.get("WizardPage.previous");
        case NEXT_FORWARD -> T.get("WizardPage.next");
        case FINISH -> T.get("WizardPage.finish");
        case CANCEL_CLOSE -> T.get("WizardPage.cancel");
        default -> null;
      };
      if (text != null && lookupButton(type) instanceof Button b) {
        b.setText(text);
      }
    }
  }

  @Override
  public void onExitingPage(Wizard wizard) {
    wizard.invalidProperty().unbind();
  }
}

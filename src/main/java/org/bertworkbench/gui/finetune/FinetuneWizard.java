package org.bertworkbench.gui.finetune;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.text.Texts;
import org.controlsfx.dialog.Wizard;

/**
 * The fine-tuning wizard: ControlsFX's {@link Wizard} over six pages (task, data, base model,
 * hyper-parameters, device, review), each page's "Next" disabled until its check passes. "Launch"
 * hands the checked specifications on; each run writes its own spec.json when it starts.
 */
public final class FinetuneWizard {

  private static final Texts T = Texts.of(FinetuneWizard.class);

  private final WizardViewModel vm;
  private final Wizard wizard;
  private static final String ZOOM_INSTALLED = FinetuneWizard.class.getName() + ".zoom";

  private final List<WizardPage> pages;

  /**
   * @param owner the window the dialog belongs to
   * @param vm the choices
   * @param onLaunch given the specifications when the user launches
   * @param onError given a one-line message when they cannot be made
   */
  public FinetuneWizard(Window owner, WizardViewModel vm, Consumer<List<FinetuneSpec>> onLaunch,
      Consumer<String> onError) {
    this.vm = vm;
    wizard = new Wizard(owner, T.get("FinetuneWizard.title"));
    wizard.setReadSettings(false);
    pages = List.of(new TaskPage(vm), new DataPage(vm), new ModelPage(vm), new HyperPage(vm), new DevicePage(vm),
        new ReviewPage(vm));
    wizard.setFlow(new Wizard.LinearFlow(pages.toArray(WizardPage[]::new)));
    wizard.resultProperty().addListener((o, was, now) -> {
      if (now == ButtonType.FINISH) {
        try {
          onLaunch.accept(vm.launchSpecs());
        } catch (RuntimeException e) {
          onError.accept(T.format("FinetuneWizard.cannotLaunch", Texts.failure(e)));
        }
      }
    });
  }

  /** Shows the wizard without blocking. */
  public void show() {
    followOwnerZoom(); // before the first layout: the button bar fixes its buttons' widths then
    wizard.getDialog().show();
  }

  /** The wizard's window takes its owner's type size (F5 in a lecture) and has the zoom keys too. */
  private void followOwnerZoom() {
    Window owner = wizard.getDialog().getOwner();
    Scene scene = wizard.getDialog().getDialogPane().getScene();
    if (scene == null || scene.getProperties().containsKey(ZOOM_INSTALLED)) {
      return;
    }
    scene.getProperties().put(ZOOM_INSTALLED, Boolean.TRUE);
    Zoom.install(scene, owner == null || owner.getScene() == null ? 1 : Zoom.of(owner.getScene()).get());
    // The dialog was sized for 13 px type: it grows (or shrinks) with the type, so that its buttons
    // are not cut to "Ca…".
    Runnable fit = () -> {
      if (scene.getWindow() != null) {
        scene.getWindow().sizeToScene();
      }
    };
    Zoom.of(scene).addListener((o, was, now) -> javafx.application.Platform.runLater(fit));
    javafx.application.Platform.runLater(fit);
  }

  public Wizard wizard() {
    return wizard;
  }

  public WizardViewModel viewModel() {
    return vm;
  }

  /** The pages, in order (tests reach a page's parts). */
  List<WizardPage> pages() {
    return pages;
  }
}

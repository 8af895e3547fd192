package org.bertworkbench.gui.shell;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.gui.export.Theme;
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;

/** The workbench window: model bar, input, one tab per view, status bar. */
public final class WorkbenchView {

  private static final Texts T = Texts.of(WorkbenchView.class);

  private final WorkbenchViewModel vm;
  private final BorderPane root = new BorderPane();
  private final List<WorkbenchPane> panes;
  private final TabPane tabs = new TabPane();
  private final MenuBar menus = new MenuBar();
  private Consumer<Language> onLanguage = language -> {};
  private final List<Runnable> detach = new java.util.ArrayList<>();

  public WorkbenchView(WorkbenchViewModel vm, List<WorkbenchPane> panes) {
    this.vm = vm;
    this.panes = List.copyOf(panes);
    root.getStyleClass().add("workbench");
    Theme.current().apply(root);
    root.setTop(new VBox(menuBar(), modelBar(), noticeLine(), inputBar(), errorLine()));
    root.setCenter(views());
    root.setBottom(statusBar());
    listen(vm.analysisProperty(), (o, was, now) -> panes.forEach(p -> p.show(now)));
    if (vm.modelProperty().get() != null) { // rebuilt over a loaded model (a language switch)
      for (int i = 0; i < panes.size(); i++) {
        showAvailability(tabs.getTabs().get(i), panes.get(i), vm.modelProperty().get());
      }
      panes.forEach(p -> p.show(vm.analysisProperty().get()));
    }
  }

  /** Adds {@code listener} to one of the view model's values and keeps it for {@link #dispose}. */
  private <V> void listen(ObservableValue<V> value, ChangeListener<? super V> listener) {
    value.addListener(listener);
    detach.add(() -> value.removeListener(listener));
  }

  /**
   * Lets go of the view model, which outlives this view when the window is rebuilt in another
   * language: the old view's listeners would otherwise keep it, and redraw it, for ever.
   */
  public void dispose() {
    detach.forEach(Runnable::run);
    detach.clear();
  }

  public Parent root() {
    return root;
  }

  /**
   * Puts {@code side} beside the views (the Lessons panel), or takes it away with null; the views
   * keep most of the width.
   */
  public void setSide(Node side) {
    if (side == null) {
      root.setCenter(tabs);
      return;
    }
    SplitPane split = new SplitPane(tabs, side);
    split.setId("sideSplit");
    split.setDividerPositions(0.7);
    SplitPane.setResizableWithParent(side, false);
    root.setCenter(split);
  }

  /** Whether a side panel is shown. */
  public boolean hasSide() {
    return root.getCenter() instanceof SplitPane;
  }

  /** Adds a menu to the menu bar (the window's composition root adds the ones of views above the shell). */
  public void addMenu(Menu menu) {
    menus.getMenus().add(menu);
  }

  /** Brings the {@code index}th pane's tab to the front unless it is disabled; says whether it did. */
  public boolean selectPane(int index) {
    if (index < 0 || index >= tabs.getTabs().size() || tabs.getTabs().get(index).isDisable()) {
      return false;
    }
    tabs.getSelectionModel().select(index);
    return true;
  }

  /** Brings the pane with this title to the front. */
  public void select(String title) {
    tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
        .ifPresent(t -> tabs.getSelectionModel().select(t));
  }

  private Parent menuBar() {
    Menu samples = new Menu(T.get("WorkbenchView.samples"));
    samples.setId("samplesMenu");
    for (SampleInputs.Sample sample : SampleInputs.load()) {
      MenuItem item = new MenuItem(sample.name(Language.current()));
      item.setOnAction(e -> {
        vm.textAProperty().set(sample.textA());
        vm.textBProperty().set(sample.textB());
      });
      samples.getItems().add(item);
    }
    menus.getMenus().setAll(samples, goMenu(), viewMenu(), languageMenu());
    return menus;
  }

  /**
   * English and 日本語, each named in itself so that a user who cannot read the other language finds
   * theirs; choosing one remembers it and rebuilds the window in it ({@link #setOnLanguage}).
   */
  private Menu languageMenu() {
    Menu menu = new Menu(T.get("WorkbenchView.language"));
    menu.setId("languageMenu");
    ToggleGroup group = new ToggleGroup();
    for (Language language : Language.values()) {
      RadioMenuItem item = new RadioMenuItem(language.ownName());
      item.setId("language-" + language.tag());
      item.setToggleGroup(group);
      item.setSelected(language == Language.current());
      item.setOnAction(e -> {
        if (language != Language.current()) {
          onLanguage.accept(language);
        }
      });
      menu.getItems().add(item);
    }
    return menu;
  }

  /** Light or dark (remembered), and presentation mode: the F5 key's large type, from the menu too. */
  private Menu viewMenu() {
    Menu menu = new Menu(T.get("WorkbenchView.view"));
    menu.setId("viewMenu");
    ToggleGroup group = new ToggleGroup();
    for (Theme theme : Theme.values()) {
      RadioMenuItem item = new RadioMenuItem(T.get("WorkbenchView.theme." + theme.name().toLowerCase(Locale.ROOT)));
      item.setId("theme-" + theme.name().toLowerCase(Locale.ROOT));
      item.setToggleGroup(group);
      item.setSelected(theme == Theme.current());
      item.setOnAction(e -> {
        Theme.choose(theme);
        theme.apply(root);
      });
      menu.getItems().add(item);
    }
    MenuItem presentation = new MenuItem(T.get("WorkbenchView.presentation"));
    presentation.setId("presentationItem");
    presentation.setAccelerator(new KeyCodeCombination(KeyCode.F5));
    presentation.setOnAction(e -> {
      if (root.getScene() != null) {
        Zoom.togglePresentation(root.getScene());
      }
    });
    menu.getItems().addAll(new SeparatorMenuItem(), presentation);
    return menu;
  }

  /** What choosing a language in the menu does (the window's composition root rebuilds it). */
  public void setOnLanguage(Consumer<Language> action) {
    onLanguage = action;
  }

  /**
   * One item per view, Ctrl+1 to Ctrl+9 in the order of the tabs, so that a lecturer can move
   * between views from the keyboard (a disabled view's item is disabled with its tab).
   */
  private Menu goMenu() {
    Menu go = new Menu(T.get("WorkbenchView.go"));
    go.setId("goMenu");
    for (int i = 0; i < panes.size() && i < 9; i++) {
      int index = i;
      MenuItem item = new MenuItem(panes.get(i).title());
      item.setAccelerator(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)), KeyCombination.SHORTCUT_DOWN));
      item.setOnAction(e -> {
        Tab tab = tabs.getTabs().get(index);
        if (!tab.isDisable()) {
          tabs.getSelectionModel().select(tab);
        }
      });
      go.getItems().add(item);
    }
    return go;
  }

  private Parent modelBar() {
    ComboBox<String> choice = new ComboBox<>(vm.modelChoices());
    choice.setId("modelChoice");
    choice.setEditable(true);
    choice.setStyle("-fx-pref-width: 28em;"); // em: grows with the zoom's type
    choice.setValue(vm.lastModel());
    choice.setTooltip(new Tooltip(T.get("WorkbenchView.modelTip")));
    listen(vm.modelProperty(), (o, was, now) -> {
      if (now != null && !choice.getEditor().getText().equals(vm.loadedTarget())) {
        choice.setValue(vm.loadedTarget());
      }
    });
    Button open = new Button(T.get("WorkbenchView.openFolder"));
    open.setId("openFolder");
    open.setOnAction(e -> {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle(T.get("WorkbenchView.openFolderTitle"));
      File dir = chooser.showDialog(root.getScene().getWindow());
      if (dir != null) {
        choice.setValue(dir.getAbsolutePath());
        vm.load(dir.getAbsolutePath());
      }
    });
    Button load = new Button(T.get("WorkbenchView.load"));
    load.setId("loadButton");
    load.setDefaultButton(true);
    load.setOnAction(e -> vm.load(choice.getEditor().getText()));
    ProgressBar bar = new ProgressBar();
    bar.setId("loadProgress");
    bar.progressProperty().bind(vm.loader().progressProperty());
    bar.visibleProperty().bind(vm.loader().runningProperty());
    Label message = new Label();
    message.textProperty().bind(vm.loader().messageProperty());
    Button cancel = new Button(T.get("WorkbenchView.cancel"));
    cancel.setId("cancelLoad");
    cancel.visibleProperty().bind(vm.loader().runningProperty());
    cancel.setOnAction(e -> vm.cancelLoading());
    // Only while loading do these take room: the bar wraps, and an idle empty row would stay.
    bar.managedProperty().bind(bar.visibleProperty());
    cancel.managedProperty().bind(cancel.visibleProperty());
    message.managedProperty().bind(message.textProperty().isNotEmpty());
    FlowPane bar1 = new FlowPane(8, 6, new Label(T.get("WorkbenchView.model")), choice, open, load, bar, message, cancel);
    bar1.setAlignment(Pos.CENTER_LEFT);
    bar1.setPadding(new Insets(8));
    return bar1;
  }

  private Parent inputBar() {
    TextField a = new TextField();
    a.setId("textA");
    a.setPromptText(T.get("WorkbenchView.sentenceAPrompt"));
    a.textProperty().bindBidirectional(vm.textAProperty());
    TextField b = new TextField();
    b.setId("textB");
    b.setPromptText(T.get("WorkbenchView.sentenceBPrompt"));
    b.textProperty().bindBidirectional(vm.textBProperty());
    Spinner<Integer> max = new Spinner<>(3, 512, vm.maxLengthProperty().get(), 16);
    max.setId("maxLength");
    max.setEditable(true);
    max.getEditor().setPrefColumnCount(5); // "512" whole at any zoom and in the Japanese font (a fixed 100 px showed 128 as "12")
    max.valueProperty().addListener((o, was, now) -> vm.maxLengthProperty().set(now));
    listen(vm.maxLengthProperty(), (o, was, now) -> max.getValueFactory().setValue(now.intValue()));
    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    grid.setPadding(new Insets(0, 8, 8, 8));
    grid.addRow(0, new Label(T.get("WorkbenchView.sentenceA")), a, new Label(T.get("WorkbenchView.maxLength")), max);
    CheckBox pad = new CheckBox(T.get("WorkbenchView.pad"));
    pad.setId("padCheck");
    pad.selectedProperty().bindBidirectional(vm.padProperty());
    grid.addRow(1, new Label(T.get("WorkbenchView.sentenceB")), b, new Label(""), pad);
    GridPane.setHgrow(a, Priority.ALWAYS);
    GridPane.setHgrow(b, Priority.ALWAYS);
    return grid;
  }

  private Parent noticeLine() {
    Label notice = new Label();
    notice.setId("noticeLabel");
    notice.getStyleClass().add("notice");
    notice.setWrapText(true);
    notice.textProperty().bind(vm.noticeProperty());
    notice.setPadding(new Insets(0, 8, 4, 8));
    notice.managedProperty().bind(notice.textProperty().isNotEmpty());
    return notice;
  }

  private Parent errorLine() {
    Label error = new Label();
    error.setId("errorLabel");
    error.getStyleClass().add("error");
    error.textProperty().bind(vm.errorProperty());
    error.setPadding(new Insets(0, 8, 4, 8));
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    return error;
  }

  private Parent views() {
    for (WorkbenchPane pane : panes) {
      Tab tab = new Tab(pane.title(), pane.node());
      tab.setClosable(false);
      // Narrower sides than Modena's 0.5em, so that all nine titles fit a 1200-pixel window in large type.
      tab.setStyle("-fx-padding: 0.083333em 0.3em 0.0769em 0.3em;");
      tabs.getTabs().add(tab);
      listen(vm.modelProperty(), (o, was, now) -> showAvailability(tab, pane, now));
      if (pane.explainsPredictions()) {
        listen(vm.explainRequestProperty(), (o, was, now) -> {
          if (now != null) {
            tabs.getSelectionModel().select(tab);
          }
        });
      }
    }
    tabs.setId("views");
    return tabs;
  }

  /** Disables a view the new model cannot fill, with the reason in its title's tooltip. */
  private void showAvailability(Tab tab, WorkbenchPane pane, LoadedBert model) {
    String reason = model == null ? null : pane.unavailableFor(model);
    tab.setDisable(reason != null);
    tab.setText(reason == null ? pane.title() : T.format("WorkbenchView.notForModel", pane.title()));
    tab.setTooltip(reason == null ? null : new Tooltip(reason));
    if (reason != null && tabs.getSelectionModel().getSelectedItem() == tab) {
      tabs.getSelectionModel().selectFirst();
    }
  }

  private Parent statusBar() {
    Label status = new Label();
    status.setId("statusLabel");
    status.textProperty().bind(vm.statusProperty());
    status.setWrapText(true); // two lines in large type rather than "…"
    status.setMinHeight(Region.USE_PREF_SIZE);
    Label memory = new Label();
    memory.setId("memoryLabel");
    memory.textProperty().bind(vm.memoryProperty());
    Tooltip memoryTip = new Tooltip();
    memoryTip.textProperty().bind(vm.memoryDetailProperty());
    memory.setTooltip(memoryTip);
    memory.setMinWidth(Region.USE_PREF_SIZE);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox bar = new HBox(8, status, gap, memory);
    bar.getStyleClass().add("status-bar");
    bar.setPadding(new Insets(4, 8, 4, 8));
    return bar;
  }
}

package org.bertworkbench.gui.explain;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;

/**
 * Why did BERT say that: one tab holding the explanation views, each in a sub-tab of its own
 * ({@link ExplainView}).
 */
public final class ExplainPane implements WorkbenchPane {

  private static final Texts T = Texts.of(ExplainPane.class);

  private final List<ExplainView> views;
  private final TabPane tabs = new TabPane();

  public ExplainPane(WorkbenchViewModel vm) {
    this(vm, new AttributionViewModel(vm));
  }

  /** The views over the window's model; the attribution and faithfulness views share one input. */
  private ExplainPane(WorkbenchViewModel vm, AttributionViewModel input) {
    this(List.of(new AttributionView(input), new FaithfulnessView(input), new LogitLensView(vm),
        new ProbeView(vm)));
  }

  ExplainPane(List<ExplainView> views) {
    this.views = views;
    tabs.setId("explainViews");
    for (ExplainView v : views) {
      Tab tab = new Tab(v.title(), v.node());
      tab.setClosable(false);
      tabs.getTabs().add(tab);
    }
  }

  @Override
  public String title() {
    return T.get("ExplainPane.title");
  }

  @Override
  public Node node() {
    return tabs;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis analysis) {
    views.forEach(v -> v.show(analysis));
  }

  @Override
  public boolean explainsPredictions() {
    return true;
  }

  @Override
  public void shutdown() {
    views.forEach(ExplainView::shutdown);
  }
}

// The right-click menus of the grid, the focused head and the token lines: the head actions of
// the analysis modes on the grid, and the export of what was clicked.
#pragma once

#include <QObject>

class QMenu;
class QPoint;
class QWidget;

namespace atlas::ui {

class AnalysisModes;
class AttentionSelection;
class ExportActions;
class HeadGridView;
class HeadHeatmapView;
class TokenLinesView;

class ViewContextMenus : public QObject {
    Q_OBJECT
  public:
    struct Views {
        HeadGridView* grid = nullptr;
        HeadHeatmapView* heatmap = nullptr;
        TokenLinesView* lines = nullptr;
    };
    ViewContextMenus(const Views& views, AttentionSelection& selection, AnalysisModes* modes,
                     ExportActions* exports, QObject* parent = nullptr);

  private:
    void show(QWidget* view, const QPoint& position);

    Views views_;
    AttentionSelection& selection_;
    AnalysisModes* modes_;
    ExportActions* exports_;
};

}  // namespace atlas::ui

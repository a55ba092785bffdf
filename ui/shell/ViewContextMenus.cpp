// A menu built at each right click, so its actions name the head and layer under the mouse.
#include "shell/ViewContextMenus.h"

#include <QMenu>

#include "AttentionSelection.h"
#include "export/ExportActions.h"
#include "grid/HeadGridView.h"
#include "head/HeadHeatmapView.h"
#include "modes/AnalysisModes.h"
#include "tokens/TokenLinesView.h"

namespace atlas::ui {

ViewContextMenus::ViewContextMenus(const Views& views, AttentionSelection& selection,
                                   AnalysisModes* modes, ExportActions* exports, QObject* parent)
    : QObject(parent), views_(views), selection_(selection), modes_(modes), exports_(exports) {
    for (QWidget* view : {static_cast<QWidget*>(views_.grid), static_cast<QWidget*>(views_.heatmap),
                          static_cast<QWidget*>(views_.lines)}) {
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, view](const QPoint& position) { show(view, position); });
    }
}

void ViewContextMenus::show(QWidget* view, const QPoint& position) {
    QMenu menu(view->window());
    ExportDialog::Target here = ExportDialog::Target::Head;
    if (view == views_.grid) {
        // Right-clicking a map focuses it first, so "this head" means the one under the mouse.
        if (auto hit = views_.grid->mapAt(position)) {
            selection_.setCurrent(hit->first, hit->second);
        }
        modes_->addHeadActions(menu, selection_.currentLayer(), selection_.currentColumn());
        here = ExportDialog::Target::Grid;
    } else if (view == views_.lines) {
        here = ExportDialog::Target::Lines;
    }
    exports_->addContextActions(menu, here, selection_.currentLayer());
    menu.exec(view->mapToGlobal(position));
}

}  // namespace atlas::ui

#include "attribution/AttributionHooks.h"

#include <QDir>
#include <QFileDialog>
#include <QStatusBar>

#include "AttentionSelection.h"
#include "AttentionSnapshot.h"
#include "attribution/AttributionPage.h"
#include "attribution/HeadContributionFigure.h"
#include "attribution/LensFigure.h"
#include "attribution/TokenShadingFigure.h"
#include "export/ExportActions.h"
#include "shell/MainWindow.h"
#include "shell/ViewTabs.h"

namespace atlas::ui {

AttributionHooks::AttributionHooks(MainWindow* window, ViewTabs* tabs)
    : QObject(window), window_(window) {
    lens_ = new AttributionPage;
    heads_ = new AttributionPage;
    tokens_ = new AttributionPage;
    tabs->addView(ViewTabs::Group::Output, lens_, tr("Logit lens"));
    tabs->addView(ViewTabs::Group::Analysis, heads_, tr("Head contributions"));
    tabs->addView(ViewTabs::Group::Tokens, tokens_, tr("Token attribution"));
    for (AttributionPage* page : {lens_, heads_, tokens_}) {
        connect(page, &AttributionPage::shown, this, &AttributionHooks::refreshIfVisible);
        connect(page, &AttributionPage::saveRequested, this, [this, page] { save(page); });
    }
    connect(window_, &MainWindow::snapshotShown, this, &AttributionHooks::markStale);
    connect(heads_->figureWidget(), &FigureWidget::clicked, this, [this](QPointF point) {
        const auto* figure =
            dynamic_cast<const HeadContributionFigure*>(heads_->figureWidget()->figure());
        const QPoint head = figure ? figure->headAt(point) : QPoint(-1, -1);
        if (head.x() >= 0) {
            // Heads come first among the grid's columns, so head h is column h.
            window_->selection().setCurrent(head.x(), head.y());
        }
    });
    connect(&window_->selection(), &AttentionSelection::currentChanged, this,
            &AttributionHooks::showFocusedHead);
    job_.onResult([this](std::shared_ptr<const AttributionData> data) { show(std::move(data)); });
    job_.onError([this](const QString& message) {
        for (AttributionPage* page : {lens_, heads_, tokens_}) {
            page->setStatus(tr("Not available: %1").arg(message));
            page->setFigure(nullptr);
        }
    });
}

void AttributionHooks::setTextScale(double scale) {
    for (AttributionPage* page : {lens_, heads_, tokens_}) {
        page->setTextScale(scale);
    }
    if (data_) {
        tokens_->setFigure(std::make_shared<TokenShadingFigure>(data_, tokens_->visibleWidth()));
    }
}

void AttributionHooks::markStale() {
    refreshIfVisible();
}

void AttributionHooks::refreshIfVisible() {
    if (window_->snapshot() == computedFor_) {
        return;
    }
    if (lens_->isVisible() || heads_->isVisible() || tokens_->isVisible()) {
        refresh();
    }
}

void AttributionHooks::refresh() {
    const std::shared_ptr<const Model> model = window_->model();
    const std::shared_ptr<const AttentionSnapshot> snapshot = window_->snapshot();
    computedFor_ = snapshot;
    if (!model || !snapshot || snapshot->tokens.empty()) {
        return;
    }
    for (AttributionPage* page : {lens_, heads_, tokens_}) {
        page->setStatus(tr("Computing…"));
    }
    const std::vector<Token> tokens = snapshot->tokens;
    const std::vector<HeadIndex> ablated = snapshot->ablatedHeads;
    job_.start([model, tokens, ablated](const JobControl&) {
        return computeAttribution(*model, tokens, ablated);
    });
}

void AttributionHooks::show(std::shared_ptr<const AttributionData> data) {
    data_ = std::move(data);
    for (AttributionPage* page : {lens_, heads_, tokens_}) {
        page->setStatus(QString());
    }
    lens_->setFigure(std::make_shared<LensFigure>(data_, window_->colorMap()));
    tokens_->setFigure(std::make_shared<TokenShadingFigure>(data_, tokens_->visibleWidth()));
    showFocusedHead();
    emit computed();
}

void AttributionHooks::showFocusedHead() {
    if (!data_) {
        return;
    }
    auto figure = std::make_shared<HeadContributionFigure>(data_);
    const AttentionSelection& selection = window_->selection();
    const auto snapshot = window_->snapshot();
    if (snapshot && selection.currentColumn() < snapshot->headCount()) {
        figure->setFocusedHead(selection.currentLayer(), selection.currentColumn());
    }
    heads_->setFigure(std::move(figure));
}

void AttributionHooks::save(AttributionPage* page) {
    const AttributionFigure* figure = page->figureWidget()->figure();
    if (!figure) {
        return;
    }
    QString folder = window_->exportActions()->lastFolder();
    if (folder.isEmpty()) {
        folder = QDir::homePath();
    }
    const QString name = page == lens_    ? QStringLiteral("logit-lens.png")
                         : page == heads_ ? QStringLiteral("head-contributions.png")
                                          : QStringLiteral("token-attribution.png");
    const QString path = QFileDialog::getSaveFileName(
        window_, tr("Save figure"), QDir(folder).filePath(name),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) {
        return;
    }
    const FigureExportResult result = exportFigure(*figure, path);
    if (!result.ok) {
        window_->showError(result.error);
        return;
    }
    window_->statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)),
                                      6000);
}

}  // namespace atlas::ui

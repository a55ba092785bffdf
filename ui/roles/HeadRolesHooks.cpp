// Loads, measures and saves head-role tables for the main window.
#include "roles/HeadRolesHooks.h"

#include "analysis/HeadRolesCsv.h"
#include "roles/RelationNamesText.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStatusBar>

#include "Error.h"
#include "export/ExportActions.h"
#include "grid/HeadGridView.h"
#include "roles/HeadRolesModel.h"
#include "roles/HeadRolesPanel.h"
#include "roles/TreebankAnalysisRunner.h"
#include "shell/MainWindow.h"
#include "shell/ViewTabs.h"
#include "tokens/TokenPairPanel.h"

namespace atlas::ui {

HeadRolesHooks::HeadRolesHooks(MainWindow* window, ViewTabs* tabs)
    : QObject(window), window_(window) {
    panel_ = new HeadRolesPanel;
    tabs->addView(ViewTabs::Group::Analysis, panel_, tr("Head roles"));
    runner_ = new TreebankAnalysisRunner(this);
    // Heads come first among the grid columns, so head h is column h.
    connect(panel_, &HeadRolesPanel::headChosen, this,
            [this](int layer, int head) { window_->selection().setCurrent(layer, head); });
    connect(panel_, &HeadRolesPanel::topHeadsChanged, window_->gridView(),
            &HeadGridView::setHighlightedHeads);
    connect(panel_, &HeadRolesPanel::analyzeRequested, this, &HeadRolesHooks::chooseTreebank);
    connect(panel_, &HeadRolesPanel::saveRequested, this, [this] { chooseSaveFile(false); });
    connect(panel_, &HeadRolesPanel::saveCsvRequested, this, [this] { chooseSaveFile(true); });
    connect(window_, &MainWindow::modelReady, this, &HeadRolesHooks::loadFromModelFolder);
    connect(window_, &MainWindow::snapshotShown, this, [this]() {
        const auto snapshot = window_->snapshot();
        if (snapshot) {
            panel_->setKeyValueHeads(snapshot->headCount(), snapshot->kvHeads);
            panel_->setSinkShares(snapshot->sinkShare);
        }
    });

    connect(runner_, &TreebankAnalysisRunner::progressChanged, this, [this](int done, int all) {
        if (progress_) {
            progress_->setMaximum(all);
            progress_->setValue(done);
            progress_->setLabelText(tr("Analysing sentence %1 of %2…").arg(done).arg(all));
        }
    });
    connect(runner_, &TreebankAnalysisRunner::finished, this,
            [this](std::shared_ptr<const HeadRoleTable> table, const QString& path) {
                closeProgress();
                if (runner_->model() != window_->model().get()) {
                    return;  // the user opened another model meanwhile: this table is not its
                }
                HeadRoleTable shown = *table;
                const int sentences = shown.sentences;
                show(std::move(shown));
                window_->showRolesView();
                window_->statusBar()->showMessage(tr("Head roles measured on %1 (%2 sentences)")
                                                      .arg(QFileInfo(path).fileName())
                                                      .arg(sentences),
                                                  10000);
                emit analyzed(path);
                emit analysisEnded(path);
            });
    connect(runner_, &TreebankAnalysisRunner::failed, this,
            [this](const QString& message, const QString& path) {
                closeProgress();
                window_->showError(
                    tr("Could not analyse “%1”: %2").arg(QFileInfo(path).fileName(), message));
                emit analysisEnded(path);
            });
    connect(runner_, &TreebankAnalysisRunner::cancelled, this, [this](const QString& path) {
        closeProgress();
        window_->statusBar()->showMessage(
            tr("Analysis of %1 cancelled; the head roles shown are unchanged")
                .arg(QFileInfo(path).fileName()),
            8000);
        emit analysisEnded(path);
    });
}

void HeadRolesHooks::addFileActions(QMenu* file) {
    file->addAction(tr("&Analyze head roles on a treebank…"), this,
                    &HeadRolesHooks::chooseTreebank);
}

void HeadRolesHooks::loadFromModelFolder() {
    const std::shared_ptr<const Model> model = window_->model();
    HeadRoleTable table;
    if (model && !model->folder.empty()) {
        const std::filesystem::path path = model->folder / "head-roles.json";
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error)) {
            try {
                std::ifstream in(path);
                table = headRolesFromJson(nlohmann::json::parse(in), path.string());
                if (table.layers != model->config().n_layer ||
                    table.heads_per_layer != model->config().n_head) {
                    throw AtlasError(path.string() + ": " + std::to_string(table.layers) + "x" +
                                     std::to_string(table.heads_per_layer) +
                                     " heads, the model has " +
                                     std::to_string(model->config().n_layer) + "x" +
                                     std::to_string(model->config().n_head));
                }
            } catch (const std::exception& failure) {
                // A bad table must not stop the model from opening: show no roles, say why.
                table = HeadRoleTable{};
                window_->showWarning(
                    tr("Head roles not shown: %1").arg(QString::fromUtf8(failure.what())));
            }
        }
    }
    show(std::move(table));
}

void HeadRolesHooks::show(HeadRoleTable table) {
    QVector<QString> labels(table.layers * table.heads_per_layer);
    for (const HeadProfile& profile : table.heads) {
        if (profile.layer >= 0 && profile.layer < table.layers && profile.head >= 0 &&
            profile.head < table.heads_per_layer) {
            labels[profile.layer * table.heads_per_layer + profile.head] =
                QString::fromStdString(shortRoleLabel(profile, table.baselines));
        }
    }
    window_->tokenPairPanel()->setRoleLabels(table.heads_per_layer, labels);
    window_->gridView()->setRoleLabels(table.heads_per_layer, std::move(labels));
    panel_->setTable(std::move(table));
}

bool HeadRolesHooks::analyzeTreebank(const QString& conlluPath) {
    if (!window_->model()) {
        window_->showError(tr("Open a model before analysing a treebank."));
        return false;
    }
    if (!runner_->start(window_->model(), conlluPath)) {
        window_->showError(
            tr("An analysis is already running; cancel it or wait for it to finish."));
        return false;
    }
    lastTreebank_ = conlluPath;
    window_->clearMessage();
    progress_ = new QProgressDialog(tr("Reading %1…").arg(QFileInfo(conlluPath).fileName()),
                                    tr("Cancel"), 0, 0, window_);
    progress_->setWindowTitle(tr("Analyzing head roles"));
    progress_->setAttribute(Qt::WA_DeleteOnClose);
    progress_->setAutoReset(false);
    progress_->setAutoClose(false);
    progress_->setMinimumDuration(300);
    connect(progress_, &QProgressDialog::canceled, runner_, &TreebankAnalysisRunner::cancel);
    return true;
}

void HeadRolesHooks::closeProgress() {
    if (progress_) {
        // Closing would emit canceled(); the analysis is over, so nothing must hear it.
        disconnect(progress_, nullptr, runner_, nullptr);
        progress_->close();
        progress_ = nullptr;
    }
}

QString HeadRolesHooks::startFolder() const {
    const QString folder = window_->exportActions()->lastFolder();
    return folder.isEmpty() ? QDir::homePath() : folder;
}

void HeadRolesHooks::chooseTreebank() {
    const QString path =
        QFileDialog::getOpenFileName(window_, tr("Analyze head roles on a treebank"), startFolder(),
                                     tr("CoNLL-U treebanks (*.conllu *.conll);;All files (*)"));
    if (!path.isEmpty()) {
        analyzeTreebank(path);
    }
}

bool HeadRolesHooks::saveHeadRoles(const QString& path) {
    const HeadRoleTable& table = panel_->model()->table();
    if (table.heads.empty()) {
        window_->showError(tr("There is no head-role table to save."));
        return false;
    }
    QSaveFile file(path);
    // A .csv is for a spreadsheet: one row per head, the relations in the interface's words.
    const bool csv = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    const std::string text =
        csv ? headRolesToCsv(table,
                             [](const std::string& relation, RelationDirection direction) {
                                 return plainRelationText(QString::fromStdString(relation),
                                                          direction)
                                     .toStdString();
                             })
            : headRolesToJson(table).dump(2) + "\n";
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit()) {
        window_->showError(tr("Could not save “%1”: %2").arg(path, file.errorString()));
        return false;
    }
    window_->statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
    return true;
}

void HeadRolesHooks::chooseSaveFile(bool csv) {
    QString folder = startFolder();
    if (!csv && window_->model() && !window_->model()->folder.empty()) {
        folder = QString::fromStdString(window_->model()->folder.string());
    }
    const QString path =
        csv ? QFileDialog::getSaveFileName(window_, tr("Save head roles as CSV"),
                                           QDir(folder).filePath(QStringLiteral("head-roles.csv")),
                                           tr("CSV for a spreadsheet (*.csv)"))
            : QFileDialog::getSaveFileName(window_, tr("Save head roles"),
                                           QDir(folder).filePath(QStringLiteral("head-roles.json")),
                                           tr("JSON (*.json)"));
    if (!path.isEmpty()) {
        saveHeadRoles(path);
    }
}

}  // namespace atlas::ui

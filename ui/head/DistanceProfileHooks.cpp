// Keeps the distance profile in step with the main window, and measures treebanks for it.
#include "head/DistanceProfileHooks.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStatusBar>

#include "export/ExportActions.h"
#include "head/DistanceProfileView.h"
#include "head/TreebankDistanceRunner.h"
#include "roles/HeadRolesHooks.h"
#include "shell/MainWindow.h"
#include "shell/ViewTabs.h"

namespace atlas::ui {

namespace {
const char* kTreebankKey = "distance/treebank";
}  // namespace

DistanceProfileHooks::DistanceProfileHooks(MainWindow* window, ViewTabs* tabs)
    : QObject(window), window_(window), tabs_(tabs) {
    view_ = new DistanceProfileView;
    tabs_->addView(ViewTabs::Group::Head, view_, tr("Distance"));
    runner_ = new TreebankDistanceRunner(this);
    const QString remembered = window_->settings().value(kTreebankKey).toString();
    if (!remembered.isEmpty() && QFileInfo(remembered).isFile()) {
        remembered_ = remembered;
        view_->setKnownTreebank(QFileInfo(remembered).fileName());
    }
    connect(window_, &MainWindow::snapshotShown, this, [this]() {
        view_->setModel(window_->model());
        view_->setFocusedMap(window_->selection().currentLayer(),
                             window_->selection().currentColumn());
        view_->setSnapshot(window_->snapshot());
        followModel();
    });
    connect(&window_->selection(), &AttentionSelection::currentChanged, this,
            [this](int layer, int column) { view_->setFocusedMap(layer, column); });

    connect(view_, &DistanceProfileView::textChosen, this, &DistanceProfileHooks::showText);
    connect(view_, &DistanceProfileView::knownTreebankChosen, this,
            [this]() { showTreebank(remembered_); });
    connect(view_, &DistanceProfileView::treebankFileRequested, this,
            &DistanceProfileHooks::chooseTreebankFile);
    connect(view_, &DistanceProfileView::cancelRequested, runner_, &TreebankDistanceRunner::cancel);

    connect(runner_, &TreebankDistanceRunner::progressChanged, this, [this](int done, int all) {
        view_->showProgress(QFileInfo(runner_->path()).fileName(), done, all);
    });
    connect(runner_, &TreebankDistanceRunner::finished, this,
            [this](std::shared_ptr<const TreebankDistance> result) {
                view_->hideProgress();
                if (result->model.lock() != window_->model()) {
                    return;  // another model was opened meanwhile; followModel() measures it
                }
                view_->showTreebank(result);
                remember(result->path);
                window_->statusBar()->showMessage(
                    tr("Distance profiles measured on %1 (%2 sentences)")
                        .arg(result->fileName(), QLocale().toString(result->profiles.sentences)),
                    8000);
                emit treebankShown(result->path);
                emit treebankEnded(result->path);
            });
    connect(runner_, &TreebankDistanceRunner::failed, this,
            [this](const QString& message, const QString& path) {
                view_->hideProgress();
                const QString text = tr("Could not measure the distance profile over “%1”: %2")
                                         .arg(QFileInfo(path).fileName(), message);
                window_->showError(text);
                wanted_ = view_->showsTreebank() ? view_->treebank()->path : QString();
                if (wanted_.isEmpty()) {
                    view_->showText();
                }
                view_->setNote(text);
                emit treebankEnded(path);
            });
    connect(runner_, &TreebankDistanceRunner::cancelled, this, [this](const QString& path) {
        view_->hideProgress();
        wanted_ = view_->showsTreebank() ? view_->treebank()->path : QString();
        if (wanted_.isEmpty()) {
            view_->showText();
        }
        view_->setNote(tr("Measuring %1 was cancelled.").arg(QFileInfo(path).fileName()));
        emit treebankEnded(path);
    });
}

void DistanceProfileHooks::showDistanceProfile() {
    tabs_->showView(view_);
}

bool DistanceProfileHooks::showTreebank(const QString& conlluPath) {
    const std::shared_ptr<const Model> model = window_->model();
    if (!model) {
        window_->showError(tr("Open a model before measuring a treebank."));
        return false;
    }
    if (const auto measured = runner_->measured(model, conlluPath)) {
        runner_->cancel();  // a run for another file is not wanted any more
        wanted_ = conlluPath;
        view_->showTreebank(measured);
        remember(conlluPath);
        emit treebankShown(conlluPath);
        emit treebankEnded(conlluPath);
        return true;
    }
    wanted_ = conlluPath;
    view_->setNote(QString());
    view_->showProgress(QFileInfo(conlluPath).fileName(), 0, 0);
    runner_->start(model, conlluPath);
    return true;
}

void DistanceProfileHooks::showText() {
    wanted_.clear();
    runner_->cancel();
    view_->showText();
}

void DistanceProfileHooks::followModel() {
    if (wanted_.isEmpty() || view_->showsTreebank() || !window_->model() ||
        runner_->measuring(window_->model(), wanted_)) {
        return;
    }
    showTreebank(wanted_);
}

void DistanceProfileHooks::remember(const QString& conlluPath) {
    remembered_ = QFileInfo(conlluPath).absoluteFilePath();
    window_->settings().setValue(kTreebankKey, remembered_);
    view_->setKnownTreebank(QFileInfo(conlluPath).fileName());
}

QString DistanceProfileHooks::startPath() const {
    // The treebank of this tab, else the one the head roles were measured on, else the folder
    // of the last export.
    if (!remembered_.isEmpty()) {
        return remembered_;
    }
    const QString roles = window_->headRoles()->lastTreebank();
    if (!roles.isEmpty()) {
        return QFileInfo(roles).absolutePath();
    }
    const QString folder = window_->exportActions()->lastFolder();
    return folder.isEmpty() ? QDir::homePath() : folder;
}

void DistanceProfileHooks::chooseTreebankFile() {
    const QString path =
        QFileDialog::getOpenFileName(window_, tr("Distance profile over a treebank"), startPath(),
                                     tr("CoNLL-U treebanks (*.conllu *.conll);;All files (*)"));
    if (!path.isEmpty()) {
        showTreebank(path);
    }
}

}  // namespace atlas::ui

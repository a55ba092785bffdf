// The head roles hooked into the main window: the Head roles tab, the roles a model folder
// ships (head-roles.json) as labels on the grid and the token pair ranking, measuring them on a
// treebank from File ▸ Analyze (in the background, with a progress dialog that cancels) and
// saving the table.
#pragma once

#include <QObject>
#include <QPointer>

#include "analysis/HeadRoles.h"

class QMenu;
class QProgressDialog;

namespace atlas::ui {

class HeadRolesPanel;
class MainWindow;
class ViewTabs;
class TreebankAnalysisRunner;

class HeadRolesHooks : public QObject {
    Q_OBJECT
  public:
    // Adds the Head roles view to `tabs`.
    HeadRolesHooks(MainWindow* window, ViewTabs* tabs);

    void addFileActions(QMenu* file);
    HeadRolesPanel* panel() const { return panel_; }
    TreebankAnalysisRunner* runner() const { return runner_; }

    // Measures every head of the window's model on a CoNLL-U file in the background and shows
    // the table; false if no model is loaded or an analysis runs.
    bool analyzeTreebank(const QString& conlluPath);
    // The CoNLL-U file of the last analysis started ("" before the first).
    QString lastTreebank() const { return lastTreebank_; }
    // Writes the table on screen (atomically) as JSON, or as CSV when `path` ends in .csv;
    // reports in the window.
    bool saveHeadRoles(const QString& path);

  signals:
    // A treebank analysis finished and its table is shown (or it failed / was cancelled).
    void analyzed(const QString& conlluPath);
    void analysisEnded(const QString& conlluPath);

  private:
    void loadFromModelFolder();  // the folder's head-roles.json, if any
    void show(HeadRoleTable table);
    void chooseTreebank();
    void chooseSaveFile(bool csv);
    void closeProgress();
    QString startFolder() const;

    MainWindow* window_;
    HeadRolesPanel* panel_ = nullptr;
    TreebankAnalysisRunner* runner_ = nullptr;
    QPointer<QProgressDialog> progress_;
    QString lastTreebank_;
};

}  // namespace atlas::ui

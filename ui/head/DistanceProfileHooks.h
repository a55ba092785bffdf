// The distance profile hooked into the main window: a "Distance" tab in the Head group that
// follows the window's model, sentence and focused head, over the text shown or over a CoNLL-U
// treebank the user chooses (measured in the background, progress and Cancel in the tab,
// remembered in the settings).
#pragma once

#include <QObject>
#include <QString>

namespace atlas::ui {

class DistanceProfileView;
class MainWindow;
class TreebankDistanceRunner;
class ViewTabs;

class DistanceProfileHooks : public QObject {
    Q_OBJECT
  public:
    DistanceProfileHooks(MainWindow* window, ViewTabs* tabs);

    DistanceProfileView* view() const { return view_; }
    TreebankDistanceRunner* runner() const { return runner_; }
    void showDistanceProfile();  // brings the tab forward

    // Plots the focused head's profile over `conlluPath`: at once when the model's profiles
    // over it were measured already, else after measuring them in the background. False (with
    // a message) when no model is open.
    bool showTreebank(const QString& conlluPath);
    void showText();  // back to the text shown; a measuring run is cancelled
    // The treebank last shown, remembered across sessions ("" for none).
    QString rememberedTreebank() const { return remembered_; }

  signals:
    void treebankShown(const QString& conlluPath);
    // A treebank was shown, could not be read or measured, or its run was cancelled.
    void treebankEnded(const QString& conlluPath);

  private:
    void chooseTreebankFile();
    QString startPath() const;
    void remember(const QString& conlluPath);
    void followModel();  // a treebank chosen for the last model is measured for this one

    MainWindow* window_;
    ViewTabs* tabs_;
    DistanceProfileView* view_ = nullptr;
    TreebankDistanceRunner* runner_ = nullptr;
    QString remembered_;
    QString wanted_;  // the treebank the user chose, shown or being measured; "" for the text
};

}  // namespace atlas::ui

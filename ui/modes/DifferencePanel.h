// The difference tab: A - B head by head between this sentence and another of the same token
// count, or between two training snapshots of the model on this sentence.
#pragma once

#include <memory>

#include <QString>
#include <QStringList>
#include <QWidget>

#include "model/Model.h"
#include "modes/DifferenceMaps.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace atlas::ui {

class DifferenceView;

class DifferencePanel : public QWidget {
    Q_OBJECT
  public:
    enum class Mode { Sentences, Snapshots };

    explicit DifferencePanel(QWidget* parent = nullptr);

    // The model and sentence the window shows (with its switched-off heads and norm mode).
    void setContext(std::shared_ptr<const Model> model, const QString& text,
                    const SnapshotOptions& options);
    void setMode(Mode mode);
    Mode mode() const;
    void setOtherText(const QString& text);  // sentence B
    // Snapshot folders chosen for A and B (Snapshots mode); an empty string is the model itself.
    void setSnapshots(const QString& folderA, const QString& folderB);
    QStringList snapshotFolders() const { return snapshotFolders_; }

    DifferenceView* differenceView() const { return view_; }
    QString statusText() const;

  signals:
    void differenceShown();  // the view shows the newest difference, or its error

  private:
    void refresh();
    void rebuildSnapshotLists();

    std::shared_ptr<const Model> model_;
    QString text_;
    SnapshotOptions options_;
    QStringList snapshotFolders_;  // <model folder>/snapshots/*, sorted
    DifferenceWorker worker_;

    QComboBox* mode_ = nullptr;
    QStackedWidget* inputs_ = nullptr;
    QLineEdit* otherText_ = nullptr;
    QComboBox* snapshotA_ = nullptr;
    QComboBox* snapshotB_ = nullptr;
    QLabel* status_ = nullptr;
    DifferenceView* view_ = nullptr;
};

}  // namespace atlas::ui

// Switching heads off: the list of heads whose outputs are zeroed, the predictions with and
// without them, and every head's change (ablated - original) on the diverging map.
#pragma once

#include <memory>
#include <vector>

#include <QString>
#include <QWidget>

#include "model/Forward.h"
#include "model/Model.h"
#include "modes/DifferenceMaps.h"

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace atlas::ui {

class DifferenceView;

class AblationPanel : public QWidget {
    Q_OBJECT
  public:
    explicit AblationPanel(QWidget* parent = nullptr);

    // The model and sentence the window shows; recomputes the difference when they change.
    void setContext(std::shared_ptr<const Model> model, const QString& text, bool norm);
    void setHeadOff(int layer, int head, bool off);
    bool isHeadOff(int layer, int head) const;
    void clearHeads();
    const std::vector<HeadIndex>& ablatedHeads() const { return heads_; }

    DifferenceView* differenceView() const { return view_; }
    QTableWidget* predictionsTable() const { return predictions_; }
    bool busy() const { return worker_.busy(); }

  signals:
    void ablatedHeadsChanged();
    void differenceShown();  // the view and the predictions show the newest difference

  private:
    void headsChanged();
    void refresh();
    void showDifference(std::shared_ptr<const DifferenceMaps> difference);
    void showPredictions(const DifferenceMaps& difference);

    std::vector<HeadIndex> heads_;  // in the order they were switched off
    std::shared_ptr<const Model> model_;
    QString text_;
    bool norm_ = false;
    DifferenceWorker worker_;

    QLabel* status_ = nullptr;
    QListWidget* list_ = nullptr;
    QPushButton* switchOn_ = nullptr;
    QPushButton* switchAllOn_ = nullptr;
    QTableWidget* predictions_ = nullptr;
    DifferenceView* view_ = nullptr;
};

}  // namespace atlas::ui

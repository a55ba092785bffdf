// Two sentences side by side through the same head, each with its own heatmap, on one colour
// scale (the larger maximum of the two maps), so equal colours mean equal weights.
#pragma once

#include <memory>

#include <QString>
#include <QWidget>

#include "AttentionSnapshot.h"
#include "AttentionWorker.h"
#include "common/ColorMaps.h"
#include "common/ScaledFonts.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace atlas::ui {

class HeadHeatmapView;

struct ComparePair {
    QString title;  // what the pair shows (translated)
    QString first;
    QString second;
};

// Pairs that differ in one thing: word order, number agreement, an attachment.
std::vector<ComparePair> comparePairs();

class CompareView : public QWidget {
    Q_OBJECT
  public:
    explicit CompareView(QWidget* parent = nullptr);
    ~CompareView() override;

    void setModel(std::shared_ptr<const Model> model);
    void setTexts(const QString& first, const QString& second);
    void setFirstText(const QString& text);
    void setSecondText(const QString& text);
    // The head both heatmaps show (grid column = head for heads).
    void setMap(int layer, int column);
    void setColorMap(ColorMapKind kind);
    // View ▸ Text size: the boxes, titles and the heatmaps' type.
    void setTextScale(double scale);
    double textScale() const { return fonts_.scale(); }

    QString firstText() const;
    QString secondText() const;
    int layer() const { return layer_; }
    int column() const { return column_; }
    std::shared_ptr<const AttentionSnapshot> firstSnapshot() const { return first_; }
    std::shared_ptr<const AttentionSnapshot> secondSnapshot() const { return second_; }
    // The top of the shared colour scale: max over both sentences' maps of the head.
    float sharedMaximum() const { return sharedMaximum_; }
    bool ready() const;  // both sentences computed for their current texts
    HeadHeatmapView* firstView() const { return firstView_; }
    HeadHeatmapView* secondView() const { return secondView_; }

  signals:
    void comparisonShown();  // both heatmaps show the current texts and head
    void mapChosen(int layer, int column);

  private:
    void request();
    void onReady(int side, std::shared_ptr<const AttentionSnapshot> snapshot);
    void refresh();
    void updatePickers();

    std::shared_ptr<const Model> model_;
    AttentionWorker firstWorker_;
    AttentionWorker secondWorker_;
    std::shared_ptr<const AttentionSnapshot> first_;
    std::shared_ptr<const AttentionSnapshot> second_;
    int layer_ = 0;
    int column_ = 0;
    float sharedMaximum_ = 1.0f;

    ScaledFonts fonts_;
    QComboBox* pairs_ = nullptr;
    QLineEdit* firstEdit_ = nullptr;
    QLineEdit* secondEdit_ = nullptr;
    QSpinBox* layerBox_ = nullptr;
    QSpinBox* headBox_ = nullptr;
    QLabel* firstTitle_ = nullptr;
    QLabel* secondTitle_ = nullptr;
    QLabel* scaleNote_ = nullptr;
    QLabel* error_ = nullptr;
    HeadHeatmapView* firstView_ = nullptr;
    HeadHeatmapView* secondView_ = nullptr;
};

}  // namespace atlas::ui

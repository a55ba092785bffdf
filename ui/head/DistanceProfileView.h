// The focused head's attention against relative distance i - j over the text shown (mean of the
// cells at each distance, analysis/DistanceProfile.h) and, for a rotary model, beside it the
// frequency bands of the head's dimension pairs: each pair's wavelength in tokens against how
// much of the head's q·k it carries. A QCustomPlot figure, saved as PNG, SVG, PDF or CSV.
#pragma once

#include <memory>
#include <vector>

#include <QString>
#include <QWidget>

#include "AttentionSnapshot.h"
#include "analysis/DistanceProfile.h"
#include "common/BackgroundJob.h"
#include "model/Model.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPTextElement;
class QLabel;
class QPushButton;

namespace atlas::ui {

class DistanceProfileView : public QWidget {
    Q_OBJECT
  public:
    explicit DistanceProfileView(QWidget* parent = nullptr);
    ~DistanceProfileView() override;

    // The model gives the rotary frequencies and, run with its internals, each head's q and k.
    void setModel(std::shared_ptr<const Model> model);
    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    void setFocusedMap(int layer, int column);

    // What the plot shows now: the profile of the focused map (empty for none) and the rotary
    // bands of the focused head (empty for a model without rotary positions, an aggregate
    // column, or while they are being computed).
    const DistanceProfile& profile() const { return profile_; }
    std::vector<RotaryBand> bands() const;
    bool bandsPending() const { return bandsPending_; }
    QCustomPlot* plot() const { return plot_; }
    QPushButton* saveButton() const { return save_; }

    // View ▸ Text size: the title, axis labels and tick labels are this many times their size.
    void setTextScale(double scale);
    double textScale() const { return textScale_; }

    // Writes the figure (.png, .svg, .pdf) or the numbers (.csv) atomically; "" or an error.
    QString saveTo(const QString& path, int widthPixels = 1600) const;

  signals:
    void bandsReady();

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    struct HeadBands {
        std::shared_ptr<const AttentionSnapshot> snapshot;        // the text they were measured on
        std::vector<std::vector<std::vector<RotaryBand>>> bands;  // [L][H]
    };
    void recompute();
    void requestBands();
    void replotFigure();
    void chooseSaveFile();
    void applyFonts();
    // After a replot: an axis title longer than its axis is left out and the title's type
    // made smaller until it fits the width (a large text size in a small tab), rather than cut.
    // replotFigure() shows them all again. True when something changed.
    bool fitTitles();
    void showTitles() const;  // every axis title, the title at the text size

    std::shared_ptr<const Model> model_;
    std::shared_ptr<const AttentionSnapshot> snapshot_;
    int layer_ = 0;
    int column_ = 0;
    DistanceProfile profile_;
    std::shared_ptr<const HeadBands> headBands_;
    bool bandsPending_ = false;
    BackgroundJob<std::shared_ptr<const HeadBands>> bandsJob_;

    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPAxisRect* distanceRect_ = nullptr;
    QCPAxisRect* bandsRect_ = nullptr;
    QCPGraph* distanceGraph_ = nullptr;
    QCPGraph* bandsGraph_ = nullptr;
    QLabel* note_ = nullptr;
    QPushButton* save_ = nullptr;
    double textScale_ = 1.0;
};

}  // namespace atlas::ui

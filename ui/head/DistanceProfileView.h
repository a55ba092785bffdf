// The focused head's attention against relative distance i - j over the text shown (mean of the
// cells at each distance, analysis/DistanceProfile.h) or over a treebank's sentences (with the
// text's as a lighter line beside it) and, for a rotary model, beside it the frequency bands of
// the head's dimension pairs: each pair's wavelength in tokens against how much of the head's
// q·k it carries. A QCustomPlot figure, saved as PNG, SVG, PDF or CSV.
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
class QCPLegend;
class QCPTextElement;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace atlas::ui {

struct TreebankDistance;

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
    QLabel* noteLabel() const { return note_; }

    // Over what the profile is taken: "this text", the treebank measured last (when there is
    // one) or "a treebank…", which asks for a file.
    QComboBox* sourceBox() const { return source_; }
    // The treebank the choice offers to go back to, by its file name ("": none yet).
    void setKnownTreebank(const QString& fileName);
    // Shows the focused head's profile over `treebank` (measured with the view's model), the
    // text's as a lighter line; showText() goes back to the text's alone.
    void showTreebank(std::shared_ptr<const TreebankDistance> treebank);
    void showText();
    // True while the plot shows a treebank's profile (of the view's model).
    bool showsTreebank() const;
    // The user's choice is a treebank (shown, or to be measured again for a new model).
    bool treebankChosen() const { return overTreebank_; }
    const TreebankDistance* treebank() const { return treebank_.get(); }
    // The focused map's profile over the treebank shown: a head's, or for the layer's mean
    // column the mean of its heads' (the same cells at each distance, so exactly the mean map's
    // profile). Empty when no treebank is shown or the column has none (rollout, flow).
    const DistanceProfile& treebankProfile() const { return treebankProfile_; }
    // While a treebank is measured: a progress bar and its Cancel button above the plot.
    void showProgress(const QString& fileName, int done, int all);
    void hideProgress();
    QProgressBar* progressBar() const { return progress_; }
    QPushButton* cancelButton() const { return cancel_; }
    // A sentence under the plot (a treebank that could not be read, a cancelled run).
    void setNote(const QString& note);

    // View ▸ Text size: the title, axis labels and tick labels are this many times their size.
    void setTextScale(double scale);
    double textScale() const { return textScale_; }

    // Writes the figure (.png, .svg, .pdf) or the numbers (.csv) atomically; "" or an error.
    QString saveTo(const QString& path, int widthPixels = 1600) const;

  signals:
    void bandsReady();
    // The source choice: back to the text, back to the known treebank, or a file to choose.
    void textChosen();
    void knownTreebankChosen();
    void treebankFileRequested();
    void cancelRequested();

  protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;  // QEvent::LanguageChange: the words again

  private:
    struct HeadBands {
        std::shared_ptr<const AttentionSnapshot> snapshot;        // the text they were measured on
        std::vector<std::vector<std::vector<RotaryBand>>> bands;  // [L][H]
    };
    void recompute();
    void recomputeTreebank();
    void requestBands();
    void retranslate();
    void fillSourceBox();  // its items for knownTreebank_, the current one for showsTreebank()
    void onSourceActivated(int index);
    QString treebankCaption() const;  // "en_ewt-ud-dev.conllu, 2,002 sentences"
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
    std::shared_ptr<const TreebankDistance> treebank_;
    bool overTreebank_ = false;  // the user's choice; shown only if treebank_ is of model_
    QString knownTreebank_;
    DistanceProfile treebankProfile_;
    QString extraNote_;
    int treebankReach_ = -1;  // over a treebank: the last distance on the axis
    std::shared_ptr<const HeadBands> headBands_;
    bool bandsPending_ = false;
    BackgroundJob<std::shared_ptr<const HeadBands>> bandsJob_;

    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPAxisRect* distanceRect_ = nullptr;
    QCPAxisRect* bandsRect_ = nullptr;
    QCPGraph* distanceGraph_ = nullptr;
    QCPGraph* textGraph_ = nullptr;  // over a treebank: the text's profile, lighter
    QCPLegend* legend_ = nullptr;
    QCPGraph* bandsGraph_ = nullptr;
    QLabel* sourceLabel_ = nullptr;
    QComboBox* source_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QLabel* note_ = nullptr;
    QPushButton* save_ = nullptr;
    double textScale_ = 1.0;
};

}  // namespace atlas::ui

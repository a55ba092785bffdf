// The predictions tab: GPT reads its guesses from the main snapshot; BERT's masked run goes
// through its own worker, so the window never waits for it and stale runs are dropped.
#include "classroom/PredictionsPanel.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "Error.h"
#include "classroom/PredictionBarsView.h"
#include "common/FigureStyle.h"
#include "common/SideBySide.h"
#include "head/HeadHeatmapView.h"
#include "tokens/TokenPickerView.h"

namespace atlas::ui {

namespace {

const std::vector<TopToken> kNoPredictions;

const std::vector<TopToken>& predictionsAt(const AttentionSnapshot* snapshot, int position) {
    if (snapshot) {
        for (const PositionPredictions& entry : snapshot->predictions) {
            if (entry.position == position) {
                return entry.top;
            }
        }
    }
    return kNoPredictions;
}

// The end of the text up to and including `token`, at most `limit` characters.
QString textUpTo(const AttentionSnapshot& snapshot, int token, int limit = 40) {
    const QByteArray bytes = snapshot.text.toUtf8();
    const std::size_t end = std::min<std::size_t>(snapshot.tokens[token].end, bytes.size());
    QString prefix = QString::fromUtf8(bytes.left(qsizetype(end))).simplified();
    if (prefix.size() > limit) {
        prefix = QStringLiteral("…") + prefix.right(limit - 1);
    }
    return prefix;
}

constexpr double kChipPixels = 20;     // the token chips and the prediction bars
constexpr double kHeatmapScale = 1.2;  // the heatmaps' type, of a heatmap's normal size

QLabel* makeLabel(ScaledFonts& fonts, double pixels, bool bold, QWidget* parent) {
    auto* label = new QLabel(parent);
    fonts.set(label, pixels, bold);
    label->setWordWrap(true);
    return label;
}

}  // namespace

std::shared_ptr<const AttentionSnapshot> computeMaskedSnapshot(const Model& model,
                                                               const QString& text,
                                                               int maskedToken) {
    RunOptions options;
    options.masked_tokens = {maskedToken};
    const QByteArray utf8 = text.toUtf8();
    const RunResult result =
        model.run(std::string_view(utf8.constData(), std::size_t(utf8.size())), options);
    return std::make_shared<AttentionSnapshot>(makeSnapshot(QString::fromStdString(model.name()),
                                                            model.config().causal(), text,
                                                            result.encoded, result.forward));
}

PredictionsPanel::PredictionsPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(10);
    headline_ = makeLabel(fonts_, 22, true, this);
    hint_ = makeLabel(fonts_, 16, false, this);
    hint_->setStyleSheet(QStringLiteral("color: #555555;"));
    picker_ = new TokenPickerView(this);
    bars_ = new PredictionBarsView(this);
    layout->addWidget(headline_);
    layout->addWidget(hint_);
    layout->addWidget(picker_);
    layout->addWidget(bars_);

    changes_ = new QWidget(this);
    auto* changesLayout = new QVBoxLayout(changes_);
    changesLayout->setContentsMargins(0, 8, 0, 0);
    changesTitle_ = makeLabel(fonts_, 18, true, changes_);
    changesLayout->addWidget(changesTitle_);
    auto* pair = new QHBoxLayout;
    for (auto [title, view] :
         {std::pair{&beforeTitle_, &before_}, std::pair{&afterTitle_, &after_}}) {
        auto* column = new QVBoxLayout;
        *title = makeLabel(fonts_, 16, false, changes_);
        (*title)->setAlignment(Qt::AlignCenter);
        *view = new HeadHeatmapView(changes_);
        (*view)->setTextScale(kHeatmapScale);
        column->addWidget(*title);
        column->addWidget(*view, 1);
        pair->addLayout(column, 1);
    }
    changesLayout->addLayout(pair, 1);
    layout->addWidget(changes_, 1);
    layout->addStretch(0);
    changes_->hide();
    setTextScale(1.0);

    connect(picker_, &TokenPickerView::tokenClicked, this, &PredictionsPanel::chooseToken);
    connect(&worker_, &AttentionWorker::snapshotReady, this, &PredictionsPanel::onMaskedReady);
    connect(&worker_, &AttentionWorker::computeFailed, this,
            [this](const QString& message, quint64) {
                hint_->setText(message);
                emit failed(message);
            });
    refresh();
}

PredictionsPanel::~PredictionsPanel() = default;

bool PredictionsPanel::isBert() const {
    return snapshot_ ? !snapshot_->causal : (model_ && !model_->config().causal());
}

bool PredictionsPanel::masked() const {
    return isBert() && masked_ && chosen_ >= 0;
}

void PredictionsPanel::setModel(std::shared_ptr<const Model> model) {
    model_ = std::move(model);
    worker_.setCompute({});  // drops a masked run of the old model
    masked_.reset();
    chosen_ = -1;
    refresh();
}

void PredictionsPanel::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    const bool sameSentence = snapshot && snapshot_ && snapshot->text == snapshot_->text &&
                              snapshot->causal == snapshot_->causal &&
                              snapshot->tokenCount() == snapshot_->tokenCount();
    snapshot_ = std::move(snapshot);
    if (!sameSentence) {
        // Token indices of another sentence mean other words: start again from the end.
        worker_.setCompute({});
        masked_.reset();
        chosen_ = -1;
    }
    refresh();
}

void PredictionsPanel::setMap(int layer, int column) {
    layer_ = layer;
    column_ = column;
    refreshHeatmaps();
}

void PredictionsPanel::setColorMap(ColorMapKind kind) {
    before_->setColorMap(kind);
    after_->setColorMap(kind);
}

void PredictionsPanel::setTextScale(double scale) {
    fonts_.setScale(scale);
    picker_->setFontPixelSize(fonts_.scaled(kChipPixels));
    bars_->setFontPixelSize(fonts_.scaled(kChipPixels));
    before_->setTextScale(fonts_.scaled(kHeatmapScale));
    after_->setTextScale(fonts_.scaled(kHeatmapScale));
}

void PredictionsPanel::chooseToken(int token) {
    if (!snapshot_ || token >= snapshot_->tokenCount()) {
        return;
    }
    if (!isBert()) {
        chosen_ = token;
        refresh();
        emit predictionsShown();
        return;
    }
    if (token >= 0 && snapshot_->tokens[token].special) {
        hint_->setText(tr("[CLS] and [SEP] mark the sentence's edges; pick a word to mask."));
        return;
    }
    worker_.setCompute({});
    masked_.reset();
    if (token < 0 || token == chosen_) {
        chosen_ = -1;
        refresh();
        emit predictionsShown();
        return;
    }
    chosen_ = token;
    if (model_) {
        const std::shared_ptr<const Model> model = model_;
        worker_.setCompute([model, token](const QString& text) {
            return computeMaskedSnapshot(*model, text, token);
        });
        worker_.request(snapshot_->text);
    }
    refresh();
}

void PredictionsPanel::onMaskedReady(std::shared_ptr<const AttentionSnapshot> snapshot,
                                     quint64 /*generation*/) {
    if (!snapshot_ || snapshot->text != snapshot_->text ||
        snapshot->tokenCount() != snapshot_->tokenCount()) {
        return;  // the sentence changed while the masked run was going
    }
    masked_ = std::move(snapshot);
    refresh();
    emit predictionsShown();
}

const std::vector<TopToken>& PredictionsPanel::shownPredictions() const {
    if (!snapshot_ || snapshot_->tokenCount() == 0) {
        return kNoPredictions;
    }
    if (isBert()) {
        return masked() ? predictionsAt(masked_.get(), chosen_) : kNoPredictions;
    }
    const int position = chosen_ >= 0 ? chosen_ : snapshot_->tokenCount() - 1;
    return predictionsAt(snapshot_.get(), position);
}

QString PredictionsPanel::headline() const {
    return headline_->text();
}

void PredictionsPanel::refresh() {
    if (!snapshot_ || snapshot_->tokenCount() == 0) {
        headline_->setText(tr("No sentence yet."));
        hint_->setText(tr("Type a sentence above to see what the model guesses."));
        picker_->setSnapshot(nullptr);
        bars_->setPredictions({});
        changes_->hide();
        return;
    }
    if (!isBert()) {
        const int position = chosen_ >= 0 ? chosen_ : snapshot_->tokenCount() - 1;
        picker_->setSnapshot(snapshot_);
        picker_->setPickedToken(position);
        headline_->setText(tr("After “%1” the model expects:").arg(textUpTo(*snapshot_, position)));
        hint_->setText(
            tr("Click a token to see what the model guesses comes after it. It only "
               "sees the tokens up to there: the causal mask hides the rest."));
        bars_->setPredictions(shownPredictions());
        changes_->hide();
        return;
    }
    picker_->setSnapshot(masked() ? masked_ : snapshot_);
    picker_->setPickedToken(chosen_);
    if (chosen_ < 0) {
        headline_->setText(tr("Click a word to hide it behind [MASK]."));
        hint_->setText(
            tr("BERT reads the words on both sides of the mask and guesses what "
               "fills it."));
    } else {
        const QString word = snapshot_->coveredText(chosen_).trimmed();
        headline_->setText(masked() ? tr("In place of “%1” BERT guesses:").arg(word)
                                    : tr("Masking “%1”…").arg(word));
        hint_->setText(
            tr("Click another word to mask it instead, or the mask to bring the word "
               "back."));
    }
    bars_->setPredictions(shownPredictions());
    refreshHeatmaps();
}

void PredictionsPanel::refreshHeatmaps() {
    if (!masked() || !snapshot_->contains(layer_, column_) || !masked_->contains(layer_, column_)) {
        changes_->hide();
        return;
    }
    const SideBySide shown = onOneScale(*snapshot_, *masked_, layer_, column_);
    comparisonMaximum_ = shown.maximum;
    before_->setSnapshot(shown.first);
    after_->setSnapshot(shown.second);
    before_->setMap(layer_, column_);
    after_->setMap(layer_, column_);
    const QString word = snapshot_->coveredText(chosen_).trimmed();
    changesTitle_->setText(
        tr("How %1 changes with the mask").arg(snapshot_->mapTitle(layer_, column_)));
    beforeTitle_->setText(tr("“%1” visible").arg(word));
    afterTitle_->setText(tr("“%1” masked").arg(word));
    changes_->show();
}

}  // namespace atlas::ui

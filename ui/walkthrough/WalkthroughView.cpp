// The walkthrough view: reruns the sentence with internals once per sentence (only while the
// view is shown), builds the focused head's steps, and paints the current step.
#include "walkthrough/WalkthroughView.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "Error.h"
#include "walkthrough/TokenSelection.h"
#include "walkthrough/WalkthroughText.h"

namespace atlas::ui {

// Paints the current step. In the window it takes the figure's size (the scroll area scrolls);
// in presentation style it fills its area and scales the figure down to fit when needed.
class WalkthroughCanvas : public QWidget {
  public:
    explicit WalkthroughCanvas(WalkthroughView* view) : view_(view) {
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

    void relayout() {
        const HeadWalkthrough* walk = view_->walkthrough();
        if (!walk || view_->presentation()) {
            setMinimumSize(0, 0);
        } else {
            WalkthroughFigureOptions options = view_->figureOptions();
            options.maxWidth = std::max(480, view_->scroll_->viewport()->width());
            const WalkthroughFigure figure(*walk, view_->step(), options);
            setMinimumSize(figure.size());
        }
        update();
    }

  protected:
    void paintEvent(QPaintEvent*) override {
        QPainter painter(this);
        painter.fillRect(rect(), Qt::white);
        const HeadWalkthrough* walk = view_->walkthrough();
        if (!walk) {
            painter.setPen(QColor(0x33, 0x33, 0x33));
            QFont font = this->font();
            font.setPointSizeF(font.pointSizeF() * (view_->presentation() ? 2.0 : 1.2));
            painter.setFont(font);
            painter.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                             view_->message());
            return;
        }
        WalkthroughFigureOptions options = view_->figureOptions();
        options.maxWidth = width();
        if (!view_->presentation()) {
            WalkthroughFigure(*walk, view_->step(), options).paint(painter);
            return;
        }
        // Fill the screen; small steps grow up to half again.
        const FittedWalkthroughFigure fitted =
            fitWalkthroughFigure(*walk, view_->step(), options, QSizeF(size()), 1.5);
        options.maxWidth = fitted.maxWidth;
        const WalkthroughFigure figure(*walk, view_->step(), options);
        painter.translate(std::max(0.0, (width() - figure.size().width() * fitted.scale) / 2), 0);
        painter.scale(fitted.scale, fitted.scale);
        figure.paint(painter);
    }

    void resizeEvent(QResizeEvent* event) override {
        QWidget::resizeEvent(event);
        update();
    }

  private:
    WalkthroughView* view_;
};

WalkthroughView::WalkthroughView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    bar_ = new QWidget(this);
    // Two rows, so a narrow panel (a 1280-pixel screen) does not cut them: the steps, then
    // which tokens show.
    auto* rowsOfBar = new QVBoxLayout(bar_);
    rowsOfBar->setContentsMargins(6, 4, 6, 4);
    rowsOfBar->setSpacing(4);
    auto* bar = new QHBoxLayout;
    auto* tokenBar = new QHBoxLayout;
    rowsOfBar->addLayout(bar);
    rowsOfBar->addLayout(tokenBar);
    previous_ = new QToolButton(bar_);
    previous_->setText(tr("◀ Previous"));
    previous_->setToolTip(tr("Previous step"));
    next_ = new QToolButton(bar_);
    next_->setText(tr("Next ▶"));
    next_->setToolTip(tr("Next step"));
    steps_ = new QComboBox(bar_);
    steps_->setToolTip(tr("Jump to a step"));
    steps_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    tokensLabel_ = new QLabel(tr("From token:"), bar_);
    tokens_ = new QSpinBox(bar_);
    tokens_->setToolTip(tr("Long sentences: the first of the tokens the matrices show"));
    tokensLabel_->setBuddy(tokens_);
    rowsLabel_ = new QLabel(tr("Query rows:"), bar_);
    rows_ = new QLineEdit(bar_);
    rows_->setObjectName(QStringLiteral("queryRows"));
    rows_->setPlaceholderText(tr("all"));
    rows_->setToolTip(
        tr("The query tokens the matrices show as rows: 8, or 0-12, or 1,3,5-8 "
           "(token numbers from 0). Empty: the window of tokens."));
    rows_->setProperty("help", rows_->toolTip());
    rows_->setMaximumWidth(110);
    rowsLabel_->setBuddy(rows_);
    columnsLabel_ = new QLabel(tr("Key columns:"), bar_);
    columns_ = new QLineEdit(bar_);
    columns_->setObjectName(QStringLiteral("keyColumns"));
    columns_->setPlaceholderText(tr("all"));
    columns_->setToolTip(
        tr("The key tokens the matrices show as columns: 8, or 0-12, or "
           "1,3,5-8 (token numbers from 0). Empty: the window of tokens."));
    columns_->setProperty("help", columns_->toolTip());
    columns_->setMaximumWidth(110);
    columnsLabel_->setBuddy(columns_);
    bar->addWidget(previous_);
    bar->addWidget(steps_, 1);
    bar->addWidget(next_);
    tokenBar->addWidget(tokensLabel_);
    tokenBar->addWidget(tokens_);
    tokenBar->addWidget(rowsLabel_);
    tokenBar->addWidget(rows_);
    tokenBar->addWidget(columnsLabel_);
    tokenBar->addWidget(columns_);
    tokenBar->addStretch(1);
    glossaryLink_ = new QLabel(bar_);
    glossaryLink_->setTextInteractionFlags(Qt::LinksAccessibleByMouse |
                                           Qt::LinksAccessibleByKeyboard);
    glossaryLink_->setToolTip(tr("Help ▸ Glossary: what the words of this step mean"));
    connect(glossaryLink_, &QLabel::linkActivated, this,
            [this]() { emit glossaryRequested(stepTerm()); });
    tokenBar->addWidget(glossaryLink_);
    layout->addWidget(bar_);

    scroll_ = new QScrollArea(this);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    canvas_ = new WalkthroughCanvas(this);
    scroll_->setWidget(canvas_);
    layout->addWidget(scroll_, 1);

    connect(previous_, &QToolButton::clicked, this, &WalkthroughView::previousStep);
    connect(next_, &QToolButton::clicked, this, &WalkthroughView::nextStep);
    connect(steps_, &QComboBox::activated, this, [this](int index) { setStep(index); });
    connect(tokens_, &QSpinBox::valueChanged, this, [this](int value) { setFirstToken(value); });
    connect(rows_, &QLineEdit::textEdited, this, [this] { applyTokenChoice(); });
    connect(columns_, &QLineEdit::textEdited, this, [this] { applyTokenChoice(); });
    refresh();
}

WalkthroughView::~WalkthroughView() = default;

void WalkthroughView::setSnapshot(std::shared_ptr<const Model> model,
                                  std::shared_ptr<const AttentionSnapshot> snapshot) {
    const bool sameSentence =
        model == model_ && snapshot && snapshot_ && snapshot->text == snapshot_->text;
    model_ = std::move(model);
    snapshot_ = std::move(snapshot);
    if (!sameSentence) {
        forward_.reset();
        firstToken_ = 0;
        queryTokens_.clear();
        keyTokens_.clear();
        const QSignalBlocker rowsBlocker(rows_);
        const QSignalBlocker columnsBlocker(columns_);
        rows_->clear();
        columns_->clear();
        rows_->setStyleSheet({});
        columns_->setStyleSheet({});
    }
    invalidate();
}

void WalkthroughView::setFocusedMap(int layer, int column) {
    if (snapshot_ && column >= 0 && column < snapshot_->columnCount() &&
        snapshot_->columns[column].kind != ColumnKind::Head) {
        setHead(layer, -1);
        return;
    }
    setHead(layer, column);
}

void WalkthroughView::setHead(int layer, int head) {
    if (layer == layer_ && head == head_ && !dirty_) {
        return;
    }
    layer_ = layer;
    head_ = head;
    invalidate();
}

void WalkthroughView::invalidate() {
    dirty_ = true;
    walk_.reset();
    if (isVisible()) {
        refresh();
    }
}

void WalkthroughView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (dirty_) {
        refresh();
    }
}

void WalkthroughView::ensureComputed() {
    if (!dirty_) {
        return;
    }
    dirty_ = false;
    walk_.reset();
    message_.clear();
    if (!model_ || !snapshot_) {
        message_ = tr("Type a sentence to walk through a head.");
        return;
    }
    if (head_ < 0) {
        message_ = tr("The walkthrough follows one head: pick a head, not an aggregate.");
        return;
    }
    try {
        if (!forward_) {
            const EncodedText encoded = model_->encode(snapshot_->text.toStdString());
            std::vector<int> ids;
            for (const Token& token : encoded.tokens) {
                ids.push_back(token.id);
            }
            ForwardOptions options;
            options.capture_internals = true;
            options.top_k = 1;
            options.predict_positions = {0};
            forward_ = std::make_shared<const Forward>(model_->forward(ids, options));
            encodedTokens_ = encoded.tokens;
            // Byte-level pieces of a character read "猫 1/3", as in the other views.
            const QByteArray textBytes = snapshot_->text.toUtf8();
            for (Token& token : encodedTokens_) {
                if (QString::fromStdString(token.text).contains(QChar::ReplacementCharacter)) {
                    token.text = tokenLabel(token, textBytes).toStdString();
                }
            }
        }
        walk_ = headWalkthrough(model_->config(), model_->weights(), encodedTokens_, *forward_,
                                layer_, head_);
    } catch (const std::exception& failure) {
        message_ = tr("No walkthrough: %1").arg(QString::fromUtf8(failure.what()));
    }
}

void WalkthroughView::refresh() {
    ensureComputed();
    const int count = walk_ ? int(walk_->steps.size()) : 0;
    step_ = std::clamp(step_, 0, std::max(0, count - 1));
    {
        const QSignalBlocker blocker(steps_);
        steps_->clear();
        for (int s = 0; s < count; ++s) {
            steps_->addItem(tr("%1. %2").arg(s + 1).arg(walkthroughStepTitle(*walk_, s)));
        }
        steps_->setCurrentIndex(count > 0 ? step_ : -1);
    }
    previous_->setEnabled(count > 0 && step_ > 0);
    next_->setEnabled(count > 0 && step_ + 1 < count);
    const int tokens = walk_ ? walk_->tokenCount() : 0;
    const WalkthroughFigureOptions options = figureOptions();
    const bool chosen = !queryTokens_.empty() || !keyTokens_.empty();
    const bool window = tokens > options.maxTokens && !chosen;
    tokensLabel_->setVisible(window);
    tokens_->setVisible(window);
    {
        const QSignalBlocker blocker(tokens_);
        tokens_->setRange(0, std::max(0, tokens - options.maxTokens));
        tokens_->setValue(firstToken_);
    }
    glossaryLink_->setText(QStringLiteral("<a href=\"glossary\">%1</a>").arg(tr("What is this?")));
    glossaryLink_->setVisible(count > 0);
    bar_->setVisible(!presentation_);
    canvas_->relayout();
    emit stepChanged(step_, count);
}

int WalkthroughView::stepCount() {
    const HeadWalkthrough* walk = walkthrough();
    return walk ? int(walk->steps.size()) : 0;
}

void WalkthroughView::setStep(int step) {
    ensureComputed();
    step_ = std::clamp(step, 0, std::max(0, stepCount() - 1));
    refresh();
}

void WalkthroughView::nextStep() {
    setStep(step_ + 1);
}

void WalkthroughView::previousStep() {
    setStep(step_ - 1);
}

void WalkthroughView::setFirstToken(int token) {
    const HeadWalkthrough* walk = walkthrough();
    const int tokens = walk ? walk->tokenCount() : 0;
    firstToken_ = tokenWindow(tokens, token, figureOptions().maxTokens).first;
    refresh();
}

void WalkthroughView::setTokenChoice(const std::vector<int>& queries,
                                     const std::vector<int>& keys) {
    queryTokens_ = queries;
    keyTokens_ = keys;
    const QSignalBlocker rowsBlocker(rows_);
    const QSignalBlocker columnsBlocker(columns_);
    rows_->setText(tokenIndicesText(queries).remove(QLatin1Char(' ')));
    columns_->setText(tokenIndicesText(keys).remove(QLatin1Char(' ')));
    rows_->setStyleSheet({});
    columns_->setStyleSheet({});
    refresh();
}

bool WalkthroughView::applyTokenChoice() {
    const HeadWalkthrough* walk = walkthrough();
    const int tokens = walk ? walk->tokenCount() : -1;
    bool valid = true;
    auto read = [&](QLineEdit* field, const QString& name, std::vector<int>& into) {
        QString error;
        const auto indices = parseTokenIndices(field->text(), tokens, name, &error);
        // A mistake shows on the field and leaves the figure as it was.
        field->setStyleSheet(indices ? QString() : QStringLiteral("QLineEdit { color: #b00020; }"));
        field->setToolTip(indices ? field->property("help").toString() : error);
        if (indices) {
            into = *indices;
        } else {
            valid = false;
        }
    };
    read(rows_, tr("Query rows"), queryTokens_);
    read(columns_, tr("Key columns"), keyTokens_);
    refresh();
    return valid;
}

void WalkthroughView::moveTokens(int delta) {
    setFirstToken(firstToken_ + delta);
}

void WalkthroughView::setTextScale(double scale) {
    textScale_ = scale;
    refresh();
}

void WalkthroughView::setPresentation(bool presentation) {
    presentation_ = presentation;
    scroll_->setHorizontalScrollBarPolicy(presentation ? Qt::ScrollBarAlwaysOff
                                                       : Qt::ScrollBarAsNeeded);
    scroll_->setVerticalScrollBarPolicy(presentation ? Qt::ScrollBarAlwaysOff
                                                     : Qt::ScrollBarAsNeeded);
    refresh();
}

WalkthroughFigureOptions WalkthroughView::figureOptions() const {
    WalkthroughFigureOptions options;
    if (presentation_) {
        // Sized for a projector: 28 px numbers on a 1080-line screen, fewer columns.
        options.fontPixelSize = 28;
        options.maxDimensions = 4;
        options.maxTokens = 6;
        options.stepNumber = false;  // the navigation bar shows it
        options.tokenHint = tr("[ and ] show other tokens.");
    } else {
        options.fontPixelSize = 14;
        options.maxDimensions = 6;
        options.maxTokens = 12;
        options.header = headTitle();
    }
    options.fontPixelSize *= textScale_;
    options.firstToken = firstToken_;
    options.queryTokens = queryTokens_;
    options.keyTokens = keyTokens_;
    return options;
}

QString WalkthroughView::stepTerm() {
    const HeadWalkthrough* walk = walkthrough();
    if (!walk || step_ < 0 || step_ >= int(walk->steps.size())) {
        return {};
    }
    switch (walk->steps[std::size_t(step_)].kind) {
        case WalkthroughStepKind::Embeddings:
            return QStringLiteral("embedding");
        case WalkthroughStepKind::LayerInput:
            return QStringLiteral("residual");
        case WalkthroughStepKind::Projections:
            return QStringLiteral("query");
        case WalkthroughStepKind::Scores:
        case WalkthroughStepKind::Scaled:
            return QStringLiteral("score");
        case WalkthroughStepKind::Mask:
            return QStringLiteral("mask");
        case WalkthroughStepKind::Softmax:
            return QStringLiteral("softmax");
        case WalkthroughStepKind::WeightedSum:
            return QStringLiteral("value");
        case WalkthroughStepKind::OutputProjection:
            return QStringLiteral("head");
    }
    return {};
}

const HeadWalkthrough* WalkthroughView::walkthrough() {
    ensureComputed();
    return walk_ ? &*walk_ : nullptr;
}

QString WalkthroughView::message() {
    ensureComputed();
    return message_;
}

QString WalkthroughView::stepTitle() {
    const HeadWalkthrough* walk = walkthrough();
    if (!walk) {
        return {};
    }
    return tr("Step %1 of %2 · %3")
        .arg(step_ + 1)
        .arg(walk->steps.size())
        .arg(walkthroughStepTitle(*walk, step_));
}

QString WalkthroughView::headTitle() const {
    if (!snapshot_) {
        return {};
    }
    if (head_ < 0) {
        return tr("%1 · Layer %2").arg(snapshot_->modelName).arg(layer_);
    }
    return tr("%1 · Layer %2 · Head %3").arg(snapshot_->modelName).arg(layer_).arg(head_);
}

}  // namespace atlas::ui

// Token pair tab: its own chips to click, the pair chosen, and the ranked heads.
#include "tokens/TokenPairPanel.h"

#include <algorithm>

#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include "Error.h"
#include "tokens/TokenChipsView.h"

namespace atlas::ui {

TokenPairPanel::TokenPairPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* hint = new QLabel(tr("Click the token that attends, then the token it attends to: "
                               "every head is ranked by the weight between them."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    // A long text's chips scroll instead of pushing the ranking out of the panel.
    chipsScroll_ = new QScrollArea(this);
    chipsScroll_->setWidgetResizable(true);
    chipsScroll_->setFrameShape(QFrame::NoFrame);
    chipsScroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    chips_ = new TokenChipsView(chipsScroll_);
    chips_->setCursor(Qt::PointingHandCursor);
    chips_->installEventFilter(this);
    chipsScroll_->setWidget(chips_);
    layout->addWidget(chipsScroll_);
    pair_ = new QLabel(this);
    pair_->setWordWrap(true);
    pair_->setTextFormat(Qt::PlainText);
    layout->addWidget(pair_);

    table_ = new QTableWidget(0, 4, this);
    table_->setHorizontalHeaderLabels({tr("Rank"), tr("Head"), tr("Weight"), tr("Role")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setAlternatingRowColors(true);
    layout->addWidget(table_, 1);

    connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (row >= 0 && row < int(ranking_.size())) {
            emit headChosen(ranking_[row].layer, ranking_[row].head);
        }
    });
    updateRanking();
}

void TokenPairPanel::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    chips_->setSnapshot(snapshot_);
    fitChipsHeight();
    const int tokens = snapshot_ ? snapshot_->tokenCount() : 0;
    if (query_ >= tokens || key_ >= tokens) {
        query_ = -1;
        key_ = -1;
    }
    updateRanking();
}

void TokenPairPanel::setRoleLabels(int headsPerLayer, QVector<QString> labels) {
    headsPerLayer_ = headsPerLayer;
    roleLabels_ = std::move(labels);
    updateRanking();
}

void TokenPairPanel::clickToken(int token) {
    if (!snapshot_ || token < 0 || token >= snapshot_->tokenCount()) {
        return;
    }
    // A third click starts a new pair, so the panel never needs a reset button.
    if (query_ < 0 || key_ >= 0) {
        query_ = token;
        key_ = -1;
    } else {
        key_ = token;
    }
    updateRanking();
}

void TokenPairPanel::choosePair(int query, int key) {
    query_ = query;
    key_ = key;
    if (!snapshot_ || query < 0 || key < 0 || query >= snapshot_->tokenCount() ||
        key >= snapshot_->tokenCount()) {
        query_ = -1;
        key_ = -1;
    }
    updateRanking();
}

void TokenPairPanel::clearPair() {
    choosePair(-1, -1);
}

QString TokenPairPanel::pairText() const {
    return pair_->text();
}

void TokenPairPanel::fitChipsHeight() {
    const int rows = chips_->heightForWidth(chipsScroll_->viewport()->width());
    chipsScroll_->setFixedHeight(std::min(rows, fontMetrics().height() * 12));
}

bool TokenPairPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == chips_ && event->type() == QEvent::Resize) {
        fitChipsHeight();
    }
    if (watched == chips_ && event->type() == QEvent::MouseButtonPress) {
        const auto* press = static_cast<QMouseEvent*>(event);
        if (press->button() == Qt::LeftButton) {
            clickToken(chips_->chipAt(press->position().toPoint()));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TokenPairPanel::updateRanking() {
    QList<int> marked;
    for (int token : {query_, key_}) {
        if (token >= 0)
            marked.append(token);
    }
    chips_->setMarkedTokens(marked);
    ranking_.clear();
    table_->setRowCount(0);
    const auto quoted = [this](int token) {
        return tr("“%1” (token %2)").arg(snapshot_->tokenLabels.value(token)).arg(token);
    };
    if (!snapshot_ || snapshot_->empty()) {
        pair_->setText(tr("No sentence yet."));
        emit topHeadsChanged({});
        return;
    }
    if (query_ < 0) {
        pair_->setText(tr("Choose the token that attends."));
        emit topHeadsChanged({});
        return;
    }
    if (key_ < 0) {
        pair_->setText(tr("From %1: now choose the token it attends to.").arg(quoted(query_)));
        emit topHeadsChanged({});
        return;
    }
    if (snapshot_->causal && key_ > query_) {
        pair_->setText(tr("From %1 to %2: a causal model never attends to a later token, so "
                          "every head gives it 0.")
                           .arg(quoted(query_), quoted(key_)));
    } else {
        pair_->setText(tr("From %1 to %2.").arg(quoted(query_), quoted(key_)));
    }

    const int heads = snapshot_->headCount();
    std::vector<std::vector<Matrix>> headMaps(snapshot_->layerCount());
    for (int layer = 0; layer < snapshot_->layerCount(); ++layer) {
        for (int head = 0; head < heads; ++head) {
            headMaps[layer].push_back(snapshot_->map(layer, head));
        }
    }
    try {
        ranking_ = rankHeadsByPairWeight(headMaps, query_, key_);
    } catch (const AtlasError& error) {
        pair_->setText(QString::fromUtf8(error.what()));
        emit topHeadsChanged({});
        return;
    }
    table_->setHorizontalHeaderItem(
        2, new QTableWidgetItem(snapshot_->normBased ? tr("Norm") : tr("Weight")));
    table_->setRowCount(int(ranking_.size()));
    QList<QPair<int, int>> top;
    for (int row = 0; row < int(ranking_.size()); ++row) {
        const RankedHead& ranked = ranking_[row];
        const int index = ranked.layer * headsPerLayer_ + ranked.head;
        const QString role =
            headsPerLayer_ == heads && index < roleLabels_.size() ? roleLabels_[index] : QString();
        const QStringList cells = {QString::number(row + 1),
                                   tr("Layer %1 · Head %2").arg(ranked.layer).arg(ranked.head),
                                   QString::number(ranked.weight, 'f', 3), role};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column == 0 || column == 2) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            table_->setItem(row, column, item);
        }
        if (row < kTopHeads) {
            top.append({ranked.layer, ranked.head});
        }
    }
    table_->resizeColumnsToContents();
    emit topHeadsChanged(top);
}

}  // namespace atlas::ui

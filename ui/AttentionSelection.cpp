// The selection model: clamping and change notification, nothing about drawing.
#include "AttentionSelection.h"

#include <algorithm>

#include <QAction>
#include <QMenu>

namespace atlas::ui {

AttentionSelection::AttentionSelection(QObject* parent) : QObject(parent) {}

void AttentionSelection::setBounds(int layers, int columns) {
    layers_ = std::max(0, layers);
    columns_ = std::max(0, columns);
    std::erase_if(lineColumns_, [&](int c) { return c >= columns_; });
    setCurrent(layer_, column_);
}

void AttentionSelection::setCurrent(int layer, int column) {
    const int clampedLayer = std::clamp(layer, 0, std::max(0, layers_ - 1));
    const int clampedColumn = std::clamp(column, 0, std::max(0, columns_ - 1));
    const bool changed = clampedLayer != layer_ || clampedColumn != column_;
    layer_ = clampedLayer;
    column_ = clampedColumn;
    if (changed || lineColumns_.empty()) {
        lineColumns_ = {column_};
        emit lineColumnsChanged();
    }
    if (changed) {
        emit currentChanged(layer_, column_);
    }
}

void AttentionSelection::moveBy(int layerStep, int columnStep) {
    setCurrent(layer_ + layerStep, column_ + columnStep);
}

void AttentionSelection::setHoveredToken(int token) {
    if (token == hoveredToken_) {
        return;
    }
    hoveredToken_ = token;
    emit hoveredTokenChanged(token);
}

void AttentionSelection::toggleLineColumn(int column) {
    if (column < 0 || column >= columns_) {
        return;
    }
    auto found = std::find(lineColumns_.begin(), lineColumns_.end(), column);
    if (found != lineColumns_.end()) {
        if (column == column_) {
            return;  // the focused map stays drawn
        }
        lineColumns_.erase(found);
    } else {
        lineColumns_.push_back(column);
        std::sort(lineColumns_.begin(), lineColumns_.end());
    }
    emit lineColumnsChanged();
}

void AttentionSelection::addMoveActions(QMenu* menu) {
    struct Move {
        QString title;
        QList<QKeySequence> keys;
        int layerStep;
        int columnStep;
    };
    const Move moves[] = {
        {tr("Next head"), {QKeySequence(Qt::Key_Right)}, 0, 1},
        {tr("Previous head"), {QKeySequence(Qt::Key_Left)}, 0, -1},
        {tr("Next layer"), {QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::Key_Down)}, 1, 0},
        {tr("Previous layer"), {QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::Key_Up)}, -1, 0},
    };
    for (const Move& move : moves) {
        QAction* action = menu->addAction(move.title);
        action->setShortcuts(move.keys);
        connect(action, &QAction::triggered, this,
                [this, move]() { moveBy(move.layerStep, move.columnStep); });
    }
}

}  // namespace atlas::ui

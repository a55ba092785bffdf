// Rows measured from the items' size hints, so the arrangement depends only on the width and
// the type: the same width always gives the same rows.
#include "common/WrappingRow.h"

#include <algorithm>

#include <QWidget>
#include <QWidgetItem>

namespace atlas::ui {

namespace {

// One row of items laid out left to right, each at its size hint's width unless `stretched`
// (the field), which takes what the row leaves.
struct Row {
    QList<QLayoutItem*> items;
    QLayoutItem* stretched = nullptr;
    int height = 0;
};

int hintWidth(const QLayoutItem* item) {
    return std::max(item->sizeHint().width(), item->minimumSize().width());
}

int widthOf(const QList<QLayoutItem*>& items, int spacing) {
    int width = 0;
    for (QLayoutItem* item : items) {
        width += hintWidth(item);
    }
    return width + spacing * std::max(0, int(items.size()) - 1);
}

}  // namespace

WrappingRow::WrappingRow(QWidget* parent) : QLayout(parent) {}

WrappingRow::~WrappingRow() {
    while (QLayoutItem* item = takeAt(0)) {
        delete item;
    }
}

void WrappingRow::addWidget(QWidget* widget, Role role) {
    addChildWidget(widget);
    entries_.append({new QWidgetItem(widget), role});
    invalidate();
}

int WrappingRow::usableFieldWidth(const QWidget* field) {
    return std::max(300, 22 * field->fontMetrics().averageCharWidth());
}

void WrappingRow::addItem(QLayoutItem* item) {
    entries_.append({item, Role::Control});
    invalidate();
}

int WrappingRow::count() const {
    return int(entries_.size());
}

QLayoutItem* WrappingRow::itemAt(int index) const {
    return index >= 0 && index < entries_.size() ? entries_[index].item : nullptr;
}

QLayoutItem* WrappingRow::takeAt(int index) {
    if (index < 0 || index >= entries_.size()) {
        return nullptr;
    }
    QLayoutItem* item = entries_.takeAt(index).item;
    invalidate();
    return item;
}

QSize WrappingRow::sizeHint() const {
    // Everything on the field's row, the rest below.
    int width = 0;
    int shown = 0;
    for (const Entry& entry : entries_) {
        if (entry.role != Role::Below && !entry.item->isEmpty()) {
            width += entry.role == Role::Field && entry.item->widget()
                         ? usableFieldWidth(entry.item->widget())
                         : hintWidth(entry.item);
            ++shown;
        }
    }
    width += spacing() * std::max(0, shown - 1);
    const QMargins margins = contentsMargins();
    width += margins.left() + margins.right();
    return QSize(width, heightForWidth(width));
}

QSize WrappingRow::minimumSize() const {
    // As narrow as the widest single item; the height of one row (the window's layout asks
    // heightForWidth() for the rows a width needs).
    int width = 0;
    int height = 0;
    for (const Entry& entry : entries_) {
        if (!entry.item->isEmpty()) {
            width = std::max(width, entry.role == Role::Field ? entry.item->minimumSize().width()
                                                              : hintWidth(entry.item));
            height = std::max(height, entry.item->sizeHint().height());
        }
    }
    const QMargins margins = contentsMargins();
    return QSize(width + margins.left() + margins.right(),
                 height + margins.top() + margins.bottom());
}

Qt::Orientations WrappingRow::expandingDirections() const {
    return Qt::Horizontal;
}

bool WrappingRow::hasHeightForWidth() const {
    return true;
}

int WrappingRow::heightForWidth(int width) const {
    if (width != cachedWidth_) {
        cachedWidth_ = width;
        cachedHeight_ = arrange(QRect(0, 0, width, 0), false);
    }
    return cachedHeight_;
}

void WrappingRow::setGeometry(const QRect& rect) {
    QLayout::setGeometry(rect);
    arrange(rect, true, &rows_);
}

void WrappingRow::invalidate() {
    cachedWidth_ = -1;
    QLayout::invalidate();
}

int WrappingRow::arrange(const QRect& rect, bool apply, int* rowCount) const {
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int width = std::max(1, area.width());
    const int gap = std::max(0, spacing());
    QList<QLayoutItem*> lead;
    QList<QLayoutItem*> controls;
    QList<QLayoutItem*> below;
    QLayoutItem* field = nullptr;
    for (const Entry& entry : entries_) {
        if (entry.item->isEmpty()) {
            continue;
        }
        switch (entry.role) {
            case Role::Lead:
                lead << entry.item;
                break;
            case Role::Field:
                field = entry.item;
                break;
            case Role::Control:
                controls << entry.item;
                break;
            case Role::Below:
                below << entry.item;
                break;
        }
    }
    const int fieldWidth = field && field->widget() ? usableFieldWidth(field->widget()) : 0;
    const auto besideField = [&](const QList<QLayoutItem*>& items) {
        return items.isEmpty() ? 0 : widthOf(items, gap) + gap;
    };

    QList<Row> rows;
    Row first;
    QList<QLayoutItem*> flowing;
    if (besideField(lead) + fieldWidth + besideField(controls) <= width) {
        first.items = lead;
        first.items << field << controls;
        rows << first;  // the below start the next row
    } else if (besideField(lead) + fieldWidth <= width) {
        first.items = lead;
        first.items << field;
        rows << first;
        flowing = controls;
    } else {
        first.items << field;
        rows << first;
        flowing = lead;
        flowing << controls;
    }
    rows.front().items.removeAll(nullptr);
    rows.front().stretched = field;
    flowing << below;
    Row current;
    int x = 0;
    for (QLayoutItem* item : flowing) {
        const int itemWidth = std::min(hintWidth(item), width);
        if (!current.items.isEmpty() && x + itemWidth > width) {
            rows << current;
            current = {};
            x = 0;
        }
        current.items << item;
        x += itemWidth + gap;
    }
    if (!current.items.isEmpty()) {
        rows << current;
    }

    int y = area.top();
    for (Row& row : rows) {
        for (QLayoutItem* item : row.items) {
            row.height = std::max(row.height, item->sizeHint().height());
        }
        if (apply) {
            int fixed = 0;
            for (QLayoutItem* item : row.items) {
                fixed += item == row.stretched ? 0 : std::min(hintWidth(item), width);
            }
            fixed += gap * std::max(0, int(row.items.size()) - 1);
            int left = area.left();
            for (QLayoutItem* item : row.items) {
                const int itemWidth = item == row.stretched ? std::max(0, width - fixed)
                                                            : std::min(hintWidth(item), width);
                const int itemHeight = std::min(
                    row.height, std::max(item->sizeHint().height(), item->minimumSize().height()));
                item->setGeometry(
                    QRect(left, y + (row.height - itemHeight) / 2, itemWidth, itemHeight));
                left += itemWidth + gap;
            }
        }
        y += row.height + gap;
    }
    if (rowCount) {
        *rowCount = int(rows.size());
    }
    const QMargins margins = contentsMargins();
    return y - gap - area.top() + margins.top() + margins.bottom();
}

}  // namespace atlas::ui

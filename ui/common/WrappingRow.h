// A row of controls that wraps instead of squeezing them: the lead items, an optional field that
// takes the rest of the row (the main window's sentence), the controls after it, and items that
// go on the rows below (the main window's switches). While the field keeps a usable width next
// to them, the controls share its row, as at the normal text size. When they do not fit (a large
// View ▸ Text size on a small screen), the controls flow with the items below onto as many rows
// as the width needs, so every control keeps the width its text asks for; if even the lead items
// leave the field too little room, the field has the first row to itself.
#pragma once

#include <QLayout>
#include <QList>

namespace atlas::ui {

class WrappingRow : public QLayout {
  public:
    enum class Role {
        Lead,     // first (the model's label and picker)
        Field,    // takes the rest of its row (the sentence)
        Control,  // after the field while they fit there
        Below,    // on the rows below (the switches)
    };

    explicit WrappingRow(QWidget* parent = nullptr);
    ~WrappingRow() override;

    void addWidget(QWidget* widget, Role role);

    // The least width the field keeps beside other controls: 300 pixels or 22 average
    // characters of its type, whichever is wider.
    static int usableFieldWidth(const QWidget* field);

    // The rows the last geometry used (1 or more).
    int rowCount() const { return rows_; }

    void addItem(QLayoutItem* item) override;  // as a Control
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;
    QSize sizeHint() const override;
    QSize minimumSize() const override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    void setGeometry(const QRect& rect) override;
    void invalidate() override;

  private:
    struct Entry {
        QLayoutItem* item;
        Role role;
    };
    // Places the items in `rect` (only measures when `apply` is false); returns the height used
    // and the number of rows.
    int arrange(const QRect& rect, bool apply, int* rows = nullptr) const;

    QList<Entry> entries_;
    int rows_ = 1;
    mutable int cachedWidth_ = -1;
    mutable int cachedHeight_ = 0;
};

}  // namespace atlas::ui

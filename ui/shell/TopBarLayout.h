// The rows above the token chips: the model and the sentence, the controls beside them (colour
// map, scale, view mode, Present) and the switches (Flow, sink, Words). While the sentence keeps
// a usable width next to them, the controls share its row and the switches have the row below,
// as in a window at the normal text size. When they do not fit (a large View ▸ Text size on a
// small screen), the controls flow with the switches onto as many rows below the sentence as the
// width needs, so every control keeps the width its text asks for; if even the model picker
// leaves the sentence too little room, the sentence has the first row to itself.
#pragma once

#include <QLayout>
#include <QList>

namespace atlas::ui {

class TopBarLayout : public QLayout {
  public:
    enum class Role {
        Lead,      // before the sentence: the model's label and picker
        Sentence,  // takes the rest of its row
        Control,   // after the sentence while they fit there
        Switch,    // on the rows below
    };

    explicit TopBarLayout(QWidget* parent = nullptr);
    ~TopBarLayout() override;

    void addWidget(QWidget* widget, Role role);

    // The least width the sentence keeps beside other controls: 300 pixels or 22 average
    // characters of its type, whichever is wider.
    static int usableSentenceWidth(const QWidget* sentence);

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

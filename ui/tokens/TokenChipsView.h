// The tokens as chips under the sentence box, each showing the text it covers; hovering one
// highlights that token everywhere.
#pragma once

#include <memory>
#include <vector>

#include <QFont>
#include <QList>
#include <QWidget>

#include "AttentionSnapshot.h"
#include "common/ChipFlow.h"

namespace atlas::ui {

class TokenChipsView : public QWidget {
    Q_OBJECT
  public:
    explicit TokenChipsView(QWidget* parent = nullptr);

    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    void setHoveredToken(int token);
    // Tokens drawn as chosen (the token pair tab marks its two), besides the hovered one.
    void setMarkedTokens(QList<int> tokens);
    QList<int> markedTokens() const { return markedTokens_; }
    // What a chip shows: the covered text with a leading space drawn as "·", or the special
    // token's name.
    QString chipText(int token) const;
    // "· = a space before the word", shown after the chips when a chip has a mark; else "".
    QString legend() const;
    int chipAt(QPoint point) const;  // -1 if none
    // Multiplies the chips' type (View ▸ Text size); the chips grow with it.
    void setTextScale(double scale);
    QFont chipFont() const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  signals:
    void tokenHovered(int token);  // -1 when leaving

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;

  private:
    ChipFlowStyle flowStyle() const;
    QFont legendFont() const;
    std::vector<QRectF> layoutChips(int width) const;

    std::shared_ptr<const AttentionSnapshot> snapshot_;
    std::vector<QRectF> chips_;  // [T] in widget coordinates
    int hoveredToken_ = -1;
    QList<int> markedTokens_;
    double textScale_ = 1.0;
};

}  // namespace atlas::ui

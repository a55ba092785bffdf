// The sentence's tokens as large clickable chips (classroom views): a click picks a token, the
// picked one is drawn in the highlight colour. Masked tokens show "[MASK]", not their text.
#pragma once

#include <memory>
#include <vector>

#include <QWidget>

#include "AttentionSnapshot.h"
#include "common/ChipFlow.h"

namespace atlas::ui {

class TokenPickerView : public QWidget {
    Q_OBJECT
  public:
    explicit TokenPickerView(QWidget* parent = nullptr);

    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    void setPickedToken(int token);  // -1 for none
    void setFontPixelSize(double pixels);
    double fontPixelSize() const { return fontSize_; }
    QString chipText(int token) const;
    int chipAt(QPoint point) const;  // -1 if none
    QRectF chipRect(int token) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  signals:
    void tokenClicked(int token);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

  private:
    ChipFlowStyle flowStyle() const;
    std::vector<QRectF> layoutChips(int width) const;

    std::shared_ptr<const AttentionSnapshot> snapshot_;
    std::vector<QRectF> chips_;
    int picked_ = -1;
    int hovered_ = -1;
    double fontSize_ = 20;
};

}  // namespace atlas::ui

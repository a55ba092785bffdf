// The token line view widget: paints LinesFigure, reports hovered tokens and head toggles.
#pragma once

#include <memory>
#include <vector>

#include <QWidget>

#include "AttentionSnapshot.h"
#include "common/ColorMaps.h"
#include "tokens/LinesFigure.h"

namespace atlas::ui {

class TokenLinesView : public QWidget {
    Q_OBJECT
  public:
    explicit TokenLinesView(QWidget* parent = nullptr);
    ~TokenLinesView() override;

    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    void setLayer(int layer);
    void setColumns(const std::vector<int>& columns);  // grid columns drawn, each in its colour
    void setScaleMode(ScaleMode mode);
    // Shows only this token's lines (-1: all). Hovers from other views count as queries.
    void setHoveredToken(int token, TokenSide side = TokenSide::Query);
    // Multiplies the labels' type and the rows' height (View ▸ Text size).
    void setTextScale(double scale);
    double figureFontPixelSize() const;  // the token labels' size

    int layer() const { return layer_; }
    const std::vector<int>& columns() const { return columns_; }
    std::shared_ptr<const AttentionSnapshot> snapshot() const { return snapshot_; }
    QSize sizeHint() const override;
    // Where a token's label and a column's swatch are, in widget coordinates (empty if none).
    QRect tokenRect(TokenSide side, int token) const;
    QRect swatchRect(int column) const;

  signals:
    void tokenHovered(int token);        // -1 when the pointer leaves the tokens
    void lineColumnToggled(int column);  // a swatch of the head strip was clicked

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

  private:
    void relayout();

    std::shared_ptr<const AttentionSnapshot> snapshot_;
    int layer_ = 0;
    std::vector<int> columns_{0};
    ScaleMode scaleMode_ = ScaleMode::Shared;
    int hoveredToken_ = -1;
    TokenSide hoveredSide_ = TokenSide::Query;
    std::unique_ptr<LinesFigure> figure_;
    int offset_ = 0;  // the figure is centred in a wide widget
    double textScale_ = 1.0;
};

}  // namespace atlas::ui

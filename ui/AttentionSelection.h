// What the user is looking at: the focused map (layer, grid column), the hovered token, and the
// heads drawn in the line view. Views read and write it; none of them keeps its own copy.
#pragma once

#include <vector>

#include <QObject>

class QMenu;

namespace atlas::ui {

class AttentionSelection : public QObject {
    Q_OBJECT
  public:
    explicit AttentionSelection(QObject* parent = nullptr);

    int currentLayer() const { return layer_; }
    int currentColumn() const { return column_; }
    int hoveredToken() const { return hoveredToken_; }
    // Grid columns drawn by the line view, each in its own colour (always holds the current one).
    const std::vector<int>& lineColumns() const { return lineColumns_; }
    int layerCount() const { return layers_; }
    int columnCount() const { return columns_; }

    // The shape of the grid; the current map is clamped into it.
    void setBounds(int layers, int columns);
    // Focuses one map; out-of-range values are clamped. Resets the line view to that column.
    void setCurrent(int layer, int column);
    // Moves the focus by whole layers / columns, stopping at the edges.
    void moveBy(int layerStep, int columnStep);
    // Next / previous head (arrows) and layer (PgUp/PgDn, Up/Down) as menu items with their keys.
    // In the sentence box Left and Right still move the cursor: the line edit claims them before
    // shortcuts are looked up.
    void addMoveActions(QMenu* menu);
    void setHoveredToken(int token);  // -1: none
    // Adds or removes a column from the line view (the current column always stays).
    void toggleLineColumn(int column);

  signals:
    void currentChanged(int layer, int column);
    void hoveredTokenChanged(int token);
    void lineColumnsChanged();

  private:
    int layers_ = 0;
    int columns_ = 0;
    int layer_ = 0;
    int column_ = 0;
    int hoveredToken_ = -1;
    std::vector<int> lineColumns_{0};
};

}  // namespace atlas::ui

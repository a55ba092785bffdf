// The hovered token shown in every view at once: the token chips, the focused head's heatmap
// and the token lines report a hover into the selection, and the selection's hover is drawn by
// the other views. The view under the pointer draws its own hover, so it is not told again.
#pragma once

#include <QObject>

namespace atlas::ui {

class AttentionSelection;
class HeadHeatmapView;
class TokenChipsView;
class TokenLinesView;

class HoverLink : public QObject {
    Q_OBJECT
  public:
    HoverLink(AttentionSelection& selection, TokenChipsView* chips, HeadHeatmapView* heatmap,
              TokenLinesView* lines, QObject* parent = nullptr);

  private:
    enum class Source { None, Chips, Heatmap, Lines };
    void hoverFrom(Source source, int token);
    void show(int token);

    AttentionSelection& selection_;
    TokenChipsView* chips_;
    HeadHeatmapView* heatmap_;
    TokenLinesView* lines_;
    Source source_ = Source::None;  // the view that reports the hover now
};

}  // namespace atlas::ui

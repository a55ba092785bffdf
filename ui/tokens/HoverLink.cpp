// Hover reports in, hover drawn out.
#include "tokens/HoverLink.h"

#include "AttentionSelection.h"
#include "head/HeadHeatmapView.h"
#include "tokens/TokenChipsView.h"
#include "tokens/TokenLinesView.h"

namespace atlas::ui {

HoverLink::HoverLink(AttentionSelection& selection, TokenChipsView* chips, HeadHeatmapView* heatmap,
                     TokenLinesView* lines, QObject* parent)
    : QObject(parent), selection_(selection), chips_(chips), heatmap_(heatmap), lines_(lines) {
    connect(heatmap_, &HeadHeatmapView::cellHovered, this,
            [this](int query, int, float) { hoverFrom(Source::Heatmap, query); });
    connect(heatmap_, &HeadHeatmapView::hoverLeft, this,
            [this]() { hoverFrom(Source::Heatmap, -1); });
    connect(chips_, &TokenChipsView::tokenHovered, this,
            [this](int token) { hoverFrom(Source::Chips, token); });
    connect(lines_, &TokenLinesView::tokenHovered, this,
            [this](int token) { hoverFrom(Source::Lines, token); });
    connect(&selection_, &AttentionSelection::hoveredTokenChanged, this, &HoverLink::show);
}

void HoverLink::hoverFrom(Source source, int token) {
    source_ = source;
    selection_.setHoveredToken(token);
    source_ = Source::None;
}

void HoverLink::show(int token) {
    if (source_ != Source::Chips) {
        chips_->setHoveredToken(token);
    }
    if (source_ != Source::Heatmap) {
        heatmap_->setHighlight(token, token);
    }
    if (source_ != Source::Lines) {
        lines_->setHoveredToken(token, TokenSide::Query);
    }
}

}  // namespace atlas::ui

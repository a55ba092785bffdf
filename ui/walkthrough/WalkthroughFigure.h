// One step of the head walkthrough as a figure: title, one-sentence caption, and the step's small
// matrices as labelled tables whose cells carry the number and its colour. Painted with QPainter
// onto the window's view, the presentation screen and the PNG/SVG/PDF exports alike.
#pragma once

#include <vector>

#include <QPainter>
#include <QRectF>
#include <QSize>
#include <QString>

#include "model/HeadWalkthrough.h"

namespace atlas::ui {

struct WalkthroughFigureOptions {
    double fontPixelSize = 15;  // the cells' numbers; titles scale from it
    double maxWidth = 1600;     // matrices wrap onto a new row past this width
    int maxDimensions = 6;      // wider d_model / d_head axes show their first few entries
    int firstToken = 0;         // long sentences: the tokens shown are firstToken ..
    int maxTokens = 12;         //   .. firstToken + maxTokens - 1
    QString header;             // a small line above the title ("gpt · Layer 2 · Head 3")
    bool stepNumber = true;     // "Step 3 of 9 · " before the title
    QString tokenHint;          // after "Showing tokens 0–7 of 11.": how to see the others
    // Chosen tokens: when set, the query rows (Q, the scores' and the attention's rows, the
    // outputs) and the key columns (K, V, the scores' columns) shown, in place of the window.
    std::vector<int> queryTokens;
    std::vector<int> keyTokens;
};

// Where a step's figure goes in a fixed area (a screen, a 16:9 slide): the width its matrices
// wrap at and the scale that makes it fit, chosen so that its type ends up largest; small steps
// grow up to `maxScale`.
struct FittedWalkthroughFigure {
    double maxWidth = 0;
    double scale = 1;
    QSizeF size;  // the figure's logical size, before the scale
};
FittedWalkthroughFigure fitWalkthroughFigure(const HeadWalkthrough& walk, int step,
                                             WalkthroughFigureOptions options, QSizeF area,
                                             double maxScale);

// The tokens a figure shows: all of them, or a window of maxTokens when the sentence is longer.
struct TokenWindow {
    int first = 0;
    int count = 0;
};
TokenWindow tokenWindow(int tokenCount, int firstToken, int maxTokens);

// The number as a cell shows it: two decimals for small values, fewer for large ones, "−∞".
QString walkthroughNumber(float value);

class WalkthroughFigure {
  public:
    WalkthroughFigure(const HeadWalkthrough& walk, int step, WalkthroughFigureOptions options);

    QSize size() const { return size_; }
    void paint(QPainter& painter) const;

  private:
    // One matrix, laid out: which of its rows and columns show, and where everything goes.
    struct Block {
        const WalkthroughMatrix* matrix = nullptr;
        QString name;   // "queries Q"
        QString shape;  // "5 × 32"
        QString note;   // "first 6 of 32 dimensions", empty when all show
        QString joiner;
        std::vector<int> rows;  // indices of the rows shown
        std::vector<int> cols;
        bool moreRows = false;  // a "⋮" row / "…" column stands for the rest
        bool moreCols = false;
        bool rotatedColumnLabels = false;
        float colorMaximum = 1;  // |value| at the ends of the colour scale
        double x = 0, y = 0;     // top-left of the block (after its joiner)
        double joinerWidth = 0;
        double nameHeight = 0, rowLabelWidth = 0, columnLabelHeight = 0, noteHeight = 0;
        double cellWidth = 0, cellHeight = 0, ellipsisWidth = 0;
        double width = 0, height = 0;  // without the joiner
    };
    void layOut();
    void paintBlock(QPainter& painter, const Block& block) const;

    const HeadWalkthrough& walk_;
    int step_;
    WalkthroughFigureOptions options_;
    TokenWindow window_;
    std::vector<int> queryShown_;  // token indices of the query rows shown
    std::vector<int> keyShown_;    // of the key columns
    std::vector<int> bothShown_;   // both, for matrices whose rows are every token's stream
    QString title_;
    QString caption_;
    QString note_;
    std::vector<Block> blocks_;
    double headerHeight_ = 0;
    double titleHeight_ = 0;
    double captionHeight_ = 0;
    double noteHeight_ = 0;
    double contentWidth_ = 0;
    QSize size_;
};

}  // namespace atlas::ui

// A model's top guesses as horizontal bars: the token on the left, a bar as long as its
// probability (the full width is 100 %), the percentage after it. Painted large for a room.
#pragma once

#include <vector>

#include <QWidget>

#include "model/Forward.h"

namespace atlas::ui {

class PredictionBarsView : public QWidget {
    Q_OBJECT
  public:
    explicit PredictionBarsView(QWidget* parent = nullptr);

    void setPredictions(std::vector<TopToken> top);
    const std::vector<TopToken>& predictions() const { return top_; }
    void setFontPixelSize(double pixels);
    double fontPixelSize() const { return fontSize_; }

    QSize sizeHint() const override;
    // "· = a space before the word" under the bars when a guess has a mark; else "".
    QString legend() const;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    double rowHeight() const;

    std::vector<TopToken> top_;
    double fontSize_ = 20;
};

// "cat" for a plain token; byte-level BPE's leading blank as "·"; blanks made visible.
QString predictionText(const TopToken& token);

}  // namespace atlas::ui

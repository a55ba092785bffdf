// One attribution view in the tabs beside the grid: its figure (scrolls when larger than the
// tab), a line saying what is being computed or what went wrong, and a button that saves the
// figure as PNG, SVG or PDF.
#pragma once

#include <memory>

#include <QWidget>

#include "attribution/AttributionFigure.h"

class QLabel;
class QScrollArea;
class QPushButton;

namespace atlas::ui {

// Paints a figure at its own size times the text scale (View ▸ Text size: the figure, type and
// all, grows with the interface's type, while its exports keep the figure's own size) and
// reports clicks in the figure's coordinates.
class FigureWidget : public QWidget {
    Q_OBJECT

  public:
    explicit FigureWidget(QWidget* parent = nullptr);
    void setFigure(std::shared_ptr<const AttributionFigure> figure);
    const AttributionFigure* figure() const { return figure_.get(); }
    void setTextScale(double scale);
    double textScale() const { return scale_; }
    QSize sizeHint() const override;

  signals:
    void clicked(QPointF point);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

  private:
    std::shared_ptr<const AttributionFigure> figure_;
    double scale_ = 1.0;
};

class AttributionPage : public QWidget {
    Q_OBJECT

  public:
    explicit AttributionPage(QWidget* parent = nullptr);
    void setFigure(std::shared_ptr<const AttributionFigure> figure);
    void setStatus(const QString& text);  // empty hides the line
    void setTextScale(double scale);      // of the figure; the widgets follow the application font
    // The width a figure has without scrolling sideways, in the figure's own pixels (the
    // logical pixels of the page divided by the text scale).
    int visibleWidth() const;
    QString status() const;
    FigureWidget* figureWidget() const { return figure_; }
    QPushButton* saveButton() const { return save_; }

  signals:
    void saveRequested();
    void shown();  // the page became visible (compute what it shows if that is stale)

  protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    void retranslate();
    FigureWidget* figure_;
    QScrollArea* scroll_;
    QLabel* status_;
    QPushButton* save_;
};

}  // namespace atlas::ui

// The strip under the sentence box that says what went wrong (an error, in red) or what to
// know (a calm note, such as a truncated sentence, in amber). Hidden when there is nothing.
#pragma once

#include <QLabel>

namespace atlas::ui {

class MessageStrip : public QLabel {
    Q_OBJECT
  public:
    explicit MessageStrip(QWidget* parent = nullptr);

    void showError(const QString& message);
    void showWarning(const QString& message);
    void clearMessage();
    QString shownText() const;  // empty when hidden
};

}  // namespace atlas::ui

// The presentation window: black on white, type sized for the back of a room, buttons that take
// no keyboard focus so Space and the arrows always reach the window.
#include "walkthrough/PresentationWindow.h"

#include <cmath>

#include <QCloseEvent>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

#include "walkthrough/WalkthroughView.h"

namespace atlas::ui {

namespace {

constexpr int kButtonPadding = 36;      // left and right of a button's name
constexpr int kButtonGap = 24;          // before Exit
constexpr double kSentenceShare = 0.2;  // of the window's height, at most
constexpr double kHeadShare = 1.0 / 14;
constexpr int kSmallestSentencePixels = 24;
constexpr int kSmallestHeadPixels = 18;

QFont pixelFont(const QFont& base, int pixels, bool bold = false) {
    QFont font = base;
    font.setPixelSize(pixels);
    font.setBold(bold);
    return font;
}

}  // namespace

PresentationWindow::PresentationWindow(QWidget* parent) : QWidget(parent, Qt::Window) {
    setWindowTitle(tr("Attention Atlas — presentation"));
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, Qt::white);
    palette.setColor(QPalette::WindowText, Qt::black);
    setPalette(palette);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 20, 32, 16);
    layout->setSpacing(10);

    sentence_ = new QLabel(this);
    sentence_->setWordWrap(true);
    sentence_->setFont(pixelFont(font(), 40, true));
    head_ = new QLabel(this);
    head_->setFont(pixelFont(font(), 28));
    layout->addWidget(sentence_);
    layout->addWidget(head_);

    view_ = new WalkthroughView(this);
    view_->setPresentation(true);
    view_->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(view_, 1);

    navigation_ = new QHBoxLayout;
    QHBoxLayout* navigation = navigation_;
    navigation->setSpacing(24);
    const QString buttonStyle =
        QStringLiteral(
            "QPushButton { background: #000; color: #fff; border: none; border-radius: 8px;"
            " padding: 12px %1px; }"
            "QPushButton:disabled { background: #bbb; color: #eee; }")
            .arg(kButtonPadding);
    auto makeButton = [&](const QString& text) {
        auto* button = new QPushButton(text, this);
        button->setFocusPolicy(Qt::NoFocus);
        button->setStyleSheet(buttonStyle);
        return button;
    };
    previous_ = makeButton(tr("◀  Previous"));
    next_ = makeButton(tr("Next  ▶"));
    exit_ = makeButton(tr("Exit (Esc)"));
    stepLabel_ = new QLabel(this);
    stepLabel_->setAlignment(Qt::AlignCenter);
    navigation->addWidget(previous_);
    navigation->addWidget(stepLabel_, 1);
    navigation->addWidget(next_);
    navigation->addSpacing(kButtonGap);
    navigation->addWidget(exit_);
    layout->addLayout(navigation);

    connect(previous_, &QPushButton::clicked, view_, &WalkthroughView::previousStep);
    connect(next_, &QPushButton::clicked, view_, &WalkthroughView::nextStep);
    connect(exit_, &QPushButton::clicked, this, &QWidget::close);
    connect(view_, &WalkthroughView::stepChanged, this, &PresentationWindow::updateLabels);
    updateLabels();
}

void PresentationWindow::setTextScale(double scale) {
    textScale_ = scale;
    fitHeader();
    fitNavigation();
    view_->setTextScale(scale);
}

void PresentationWindow::fitNavigation() {
    const QMargins margins = layout()->contentsMargins();
    const int available = width() - margins.left() - margins.right();
    // Measured from the text: the buttons' style sheet applies a new font only when polished.
    const int gaps = navigation_->count() * navigation_->spacing() + kButtonGap;
    for (int pixels = int(std::lround(32 * textScale_));; pixels = pixels * 9 / 10) {
        const QFont label = pixelFont(font(), pixels * 30 / 32, true);
        const QFont button = pixelFont(font(), pixels, true);
        int used = gaps + QFontMetrics(label).horizontalAdvance(stepLabel_->text());
        for (QPushButton* each : {previous_, next_, exit_}) {
            used += QFontMetrics(button).horizontalAdvance(each->text()) + 2 * kButtonPadding + 8;
        }
        if (used <= available || pixels <= 12) {
            stepLabel_->setFont(label);
            for (QPushButton* each : {previous_, next_, exit_}) {
                each->setFont(button);
                each->setMinimumHeight(pixels * 76 / 32);
            }
            return;
        }
    }
}

void PresentationWindow::fitHeader() {
    const QMargins margins = layout()->contentsMargins();
    const int available = std::max(1, width() - margins.left() - margins.right());
    const int room = int(height() * kSentenceShare);
    int pixels = int(std::lround(40 * textScale_));
    for (; pixels > kSmallestSentencePixels; pixels = pixels * 9 / 10) {
        const QRect wrapped =
            QFontMetrics(pixelFont(font(), pixels, true))
                .boundingRect(QRect(0, 0, available, 1 << 20), Qt::TextWordWrap, sentence_->text());
        if (wrapped.height() <= room) {
            break;
        }
    }
    sentence_->setFont(pixelFont(font(), std::max(pixels, kSmallestSentencePixels), true));
    // A line of type is about 1.4 times its pixel size.
    const int headRoom = int(height() * kHeadShare / 1.4);
    head_->setFont(pixelFont(
        font(),
        std::max(kSmallestHeadPixels, std::min(int(std::lround(28 * textScale_)), headRoom))));
}

int PresentationWindow::navigationPixels() const {
    return next_->font().pixelSize();
}

void PresentationWindow::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitHeader();
    fitNavigation();
}

void PresentationWindow::setSnapshot(std::shared_ptr<const Model> model,
                                     std::shared_ptr<const AttentionSnapshot> snapshot) {
    sentence_->setText(snapshot ? snapshot->text.simplified() : QString());
    fitHeader();
    view_->setSnapshot(std::move(model), std::move(snapshot));
    updateLabels();
}

void PresentationWindow::setFocusedMap(int layer, int column) {
    view_->setFocusedMap(layer, column);
    updateLabels();
}

void PresentationWindow::present() {
    // Full screen is a request to the window manager; without one (a bare X server, some
    // kiosk set-ups) the window would keep its small size hint, so it asks for the screen's
    // available area as its least size too. The presentation is never a small window.
    if (QScreen* target = screen()) {
        setMinimumSize(target->availableGeometry().size());
    }
    showFullScreen();
    raise();
    activateWindow();
    setFocus(Qt::OtherFocusReason);
    updateLabels();
}

void PresentationWindow::updateLabels() {
    head_->setText(view_->headTitle());
    const int count = view_->stepCount();
    stepLabel_->setText(count > 0 ? tr("Step %1 of %2").arg(view_->step() + 1).arg(count)
                                  : QString());
    fitNavigation();  // the step's text changed width
    previous_->setEnabled(count > 0 && view_->step() > 0);
    next_->setEnabled(count > 0 && view_->step() + 1 < count);
}

namespace {

bool isNavigationKey(int key) {
    switch (key) {
        case Qt::Key_Right:
        case Qt::Key_Space:
        case Qt::Key_PageDown:
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Left:
        case Qt::Key_Backspace:
        case Qt::Key_PageUp:
        case Qt::Key_Home:
        case Qt::Key_End:
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_BracketLeft:
        case Qt::Key_BracketRight:
        case Qt::Key_Escape:
        case Qt::Key_F11:
            return true;
        default:
            return false;
    }
}

}  // namespace

// The main window binds the arrows and F11 to shortcuts of its own; here they walk the steps.
bool PresentationWindow::event(QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride &&
        isNavigationKey(static_cast<QKeyEvent*>(event)->key())) {
        event->accept();
        return true;
    }
    return QWidget::event(event);
}

void PresentationWindow::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Right:
        case Qt::Key_Space:
        case Qt::Key_PageDown:
        case Qt::Key_Return:
        case Qt::Key_Enter:
            view_->nextStep();
            break;
        case Qt::Key_Left:
        case Qt::Key_Backspace:
        case Qt::Key_PageUp:
            view_->previousStep();
            break;
        case Qt::Key_Home:
            view_->firstStep();
            break;
        case Qt::Key_End:
            view_->lastStep();
            break;
        case Qt::Key_Up:
            emit headStepRequested(0, -1);
            break;
        case Qt::Key_Down:
            emit headStepRequested(0, 1);
            break;
        case Qt::Key_BracketLeft:
            view_->moveTokens(-1);
            break;
        case Qt::Key_BracketRight:
            view_->moveTokens(1);
            break;
        case Qt::Key_Escape:
        case Qt::Key_F11:
            close();
            break;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    event->accept();
}

void PresentationWindow::closeEvent(QCloseEvent* event) {
    QWidget::closeEvent(event);
    emit exited();
}

}  // namespace atlas::ui

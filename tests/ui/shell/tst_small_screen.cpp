// The main window on a 1280 x 720 screen (an offscreen screen of that size, with window frames),
// in English and in Chinese: it opens inside the screen's available area, the tabs beside the
// grid show every name without scroll buttons, and the controls above the grid get the width
// they ask for at every View ▸ Text size from 1 to 2.5 (the top bar wraps onto more rows), with
// no label, button or box showing a cut text and no view cut off by its tab. At every text size
// the focused head keeps a map tall enough to read (the rows above scroll first), its colour
// scale's numbers never overlap, and no tab bar needs scroll buttons. At 800 x 600 the grid and
// the views keep a usable size.
#include <filesystem>
#include <fstream>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "UiFixtures.h"
#include "common/WrappingRow.h"
#include "grid/HeadGridView.h"
#include "head/HeadHeatmapView.h"
#include "shell/MainWindow.h"
#include "shell/TextSize.h"
#include "shell/ViewTabs.h"

using namespace atlas::ui;

namespace {

// Sixteen rows of at least 13 pixels: cells, not lines.
constexpr int kMapHeight = 208;

// Every tab bar of the window that is on screen now.
QList<QTabBar*> shownTabBars(QWidget& window) {
    QList<QTabBar*> bars;
    for (QTabBar* bar : window.findChildren<QTabBar*>()) {
        if (bar->isVisible()) {
            bars << bar;
        }
    }
    return bars;
}

// Why `bar` does not show all its tabs in full, or empty when it does.
QString tabBarProblem(QTabBar* bar) {
    for (QToolButton* button : bar->findChildren<QToolButton*>()) {
        if (button->isVisible()) {
            return QStringLiteral("scroll buttons shown (tabs %1 px wide, bar %2 px)")
                .arg(bar->tabRect(bar->count() - 1).right())
                .arg(bar->width());
        }
    }
    for (int i = 0; i < bar->count(); ++i) {
        const QRect tab = bar->tabRect(i);
        const int textWidth = bar->fontMetrics().horizontalAdvance(bar->tabText(i));
        if (tab.right() >= bar->width() || tab.width() < textWidth) {
            return QStringLiteral("tab “%1” cut: %2 px for a %3 px name in a %4 px bar")
                .arg(bar->tabText(i))
                .arg(tab.width())
                .arg(textWidth)
                .arg(bar->width());
        }
    }
    return {};
}

// Why a visible `widget` shows its text cut, or empty when it does not: a button or a box
// narrower than it asks for, a one-line label narrower than its text, or (with `whole`) a widget
// reaching out of its parent (the parent cuts it off).
QString cutTextProblem(QWidget* widget, bool whole) {
    const QString name = QString::fromUtf8(widget->metaObject()->className());
    QWidget* parent = widget->parentWidget();
    if (whole && parent && !widget->isWindow() &&
        !parent->rect().contains(QRect(widget->pos(), widget->size())) &&
        !qobject_cast<QScrollArea*>(parent->parentWidget())) {
        return QStringLiteral("%1 “%2” at %3,%4 %5x%6 reaches out of its %7x%8 parent")
            .arg(name, widget->objectName())
            .arg(widget->x())
            .arg(widget->y())
            .arg(widget->width())
            .arg(widget->height())
            .arg(parent->width())
            .arg(parent->height());
    }
    if (qobject_cast<QComboBox*>(widget) || qobject_cast<QAbstractButton*>(widget)) {
        if (qobject_cast<QTabBar*>(parent)) {
            return {};  // a tab bar's close buttons; tabBarProblem() checks the names
        }
        if (widget->width() < widget->sizeHint().width()) {
            const auto* box = qobject_cast<QComboBox*>(widget);
            const auto* button = qobject_cast<QAbstractButton*>(widget);
            return QStringLiteral("%1 “%2” is %3 px wide, asks for %4")
                .arg(name, box ? box->currentText() : button->text())
                .arg(widget->width())
                .arg(widget->sizeHint().width());
        }
    }
    if (auto* label = qobject_cast<QLabel*>(widget)) {
        if (!label->wordWrap() && !label->text().isEmpty() && !Qt::mightBeRichText(label->text()) &&
            label->pixmap().isNull()) {
            int widest = 0;
            for (const QString& line : label->text().split(QLatin1Char('\n'))) {
                widest = std::max(widest, label->fontMetrics().horizontalAdvance(
                                              QString(line).remove(QLatin1Char('&'))));
            }
            if (widest > label->contentsRect().width()) {
                return QStringLiteral("label “%1”: %2 px of text in %3 px")
                    .arg(label->text())
                    .arg(widest)
                    .arg(label->contentsRect().width());
            }
        }
    }
    return {};
}

}  // namespace

class TestSmallScreen : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void opensInsideTheScreen_data();
    void opensInsideTheScreen();
    void everyViewTabShowsItsName_data();
    void everyViewTabShowsItsName();
    void focusedHeadKeepsItsHeight_data();
    void focusedHeadKeepsItsHeight();
    void controlsGetTheirWidth_data();
    void controlsGetTheirWidth();
    void noTextIsCutAtTheLargestTextSize_data();
    void noTextIsCutAtTheLargestTextSize();
    void smallestWindowKeepsTheViews();

  private:
    std::unique_ptr<MainWindow> open(const QString& language, double textScale = 1.0);

    QTemporaryDir dir_;
    QString model_;
    int windows_ = 0;
};

void TestSmallScreen::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    const QSize screen = QApplication::primaryScreen()->size();
    QCOMPARE(screen, QSize(1280, 720));
    // The built-in model where the resources have it (its names are the longest a user sees),
    // otherwise a tiny folder.
    model_ = QDir(qEnvironmentVariable("ATLAS_RESOURCES_DIR")).exists(QStringLiteral("models/gpt"))
                 ? QStringLiteral("gpt")
                 : atlas::test::writeTinyGptFolder(dir_.filePath(QStringLiteral("tiny")));
}

std::unique_ptr<MainWindow> TestSmallScreen::open(const QString& language, double textScale) {
    MainWindowOptions options;
    options.settingsFile = dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_));
    options.restoreSettings = false;
    options.model = model_;
    options.text = QStringLiteral("The keys to the old cabinet are on the table near the door.");
    options.language = language;
    auto window = std::make_unique<MainWindow>(options);
    window->textSize()->setScale(textScale);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        return nullptr;
    }
    if (!QTest::qWaitFor([&]() { return window->snapshot() != nullptr; }, 30000)) {
        return nullptr;
    }
    QApplication::processEvents();
    return window;
}

void TestSmallScreen::opensInsideTheScreen_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QStringLiteral("en");
    QTest::newRow("Chinese") << QStringLiteral("zh_CN");
}

void TestSmallScreen::opensInsideTheScreen() {
    QFETCH(QString, language);
    const auto window = open(language);
    QVERIFY(window);
    const QRect available = window->screen()->availableGeometry();
    QVERIFY2(available.contains(window->frameGeometry()),
             qPrintable(QStringLiteral("window frame %1x%2 at %3,%4 on a %5x%6 screen")
                            .arg(window->frameGeometry().width())
                            .arg(window->frameGeometry().height())
                            .arg(window->frameGeometry().x())
                            .arg(window->frameGeometry().y())
                            .arg(available.width())
                            .arg(available.height())));
    // Not a window squeezed to nothing either: it uses most of the small screen.
    QVERIFY(window->width() >= available.width() * 9 / 10);
}

void TestSmallScreen::everyViewTabShowsItsName_data() {
    controlsGetTheirWidth_data();
}

void TestSmallScreen::everyViewTabShowsItsName() {
    QFETCH(QString, language);
    QFETCH(double, textScale);
    const auto window = open(language, textScale);
    QVERIFY(window);
    ViewTabs* tabs = window->viewTabs();
    QVERIFY(tabs->count() <= 5);
    // Every group in turn, so the tab bar of each group's views is on screen once.
    for (int group = 0; group < tabs->count(); ++group) {
        tabs->setCurrentIndex(group);
        QApplication::processEvents();
        const QList<QTabBar*> bars = shownTabBars(*window);
        QCOMPARE(bars.size(), 2);  // the groups and this group's views
        for (QTabBar* bar : bars) {
            QVERIFY2(bar->count() <= 4, qPrintable(bar->tabText(0)));
            const QString problem = tabBarProblem(bar);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }
}

void TestSmallScreen::focusedHeadKeepsItsHeight_data() {
    controlsGetTheirWidth_data();
}

// The focused head's map (the cells, without the title and the token labels) keeps a height
// that shows a sentence's rows as cells rather than lines, whole in its tab; the numbers of its
// colour scale each have their own place.
void TestSmallScreen::focusedHeadKeepsItsHeight() {
    QFETCH(QString, language);
    QFETCH(double, textScale);
    const auto window = open(language, textScale);
    QVERIFY(window);
    HeadHeatmapView* heatmap = window->heatmapView();
    window->viewTabs()->showView(heatmap);
    QApplication::processEvents();
    heatmap->replot(QCustomPlot::rpImmediateRefresh);
    QApplication::processEvents();
    QTest::qWait(50);
    // The numbers of the colour scale first: each has its own place.
    auto* cells = qobject_cast<QCPColorMap*>(heatmap->plottable(0));
    QVERIFY(cells && cells->colorScale());
    QCPAxis* scale = cells->colorScale()->axis();
    const QVector<double> ticks = scale->tickVector();
    const QVector<QString> labels = scale->tickVectorLabels();
    QVERIFY(ticks.size() >= 2);
    const QFontMetricsF metrics(scale->tickLabelFont());
    QList<QRectF> placed;
    for (int i = 0; i < ticks.size(); ++i) {
        const double y = scale->coordToPixel(ticks[i]);
        const QRectF label(scale->axisRect()->right(), y - metrics.height() / 2,
                           metrics.horizontalAdvance(labels[i]), metrics.height());
        QVERIFY2(label.top() >= 0 && label.bottom() <= heatmap->height(),
                 qPrintable(QStringLiteral("“%1” outside the plot").arg(labels[i])));
        for (const QRectF& other : placed) {
            QVERIFY2(!label.intersects(other),
                     qPrintable(QStringLiteral("colour scale: “%1” overlaps another number (%2 "
                                               "labels in %3 px)")
                                    .arg(labels[i])
                                    .arg(ticks.size())
                                    .arg(scale->axisRect()->height())));
        }
        placed << label;
    }
    // Then the map's height.
    const QRect map = heatmap->axisRect()->rect();
    QVERIFY2(map.height() >= kMapHeight, qPrintable(QStringLiteral("map %1x%2 in a %3x%4 plot")
                                                        .arg(map.width())
                                                        .arg(map.height())
                                                        .arg(heatmap->width())
                                                        .arg(heatmap->height())));
    // Whole in its tab: the page does not scroll it out of sight.
    QWidget* page = heatmap->parentWidget();
    QVERIFY(page->rect().contains(QRect(heatmap->pos(), heatmap->size())));
}

void TestSmallScreen::controlsGetTheirWidth_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<double>("textScale");
    for (const double scale : {1.0, 1.5, 2.0, 2.5}) {
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QTest::addRow("%s at %.1f", qPrintable(language), scale) << language << scale;
        }
    }
}

// A combo box or button narrower than it asks for shows a cut name.
void TestSmallScreen::controlsGetTheirWidth() {
    QFETCH(QString, language);
    QFETCH(double, textScale);
    const auto window = open(language, textScale);
    QVERIFY(window);
    QCOMPARE(window->textSize()->scale(), textScale);
    QWidget* top = window->sentenceEdit()->parentWidget();
    QList<QWidget*> controls;
    for (QComboBox* box : top->findChildren<QComboBox*>(Qt::FindDirectChildrenOnly)) {
        controls << box;
    }
    for (QAbstractButton* button :
         top->findChildren<QAbstractButton*>(Qt::FindDirectChildrenOnly)) {
        controls << button;
    }
    QVERIFY(controls.size() >= 4);
    for (QWidget* control : controls) {
        if (control->isVisible()) {
            QVERIFY2(control->width() >= control->sizeHint().width(),
                     qPrintable(QStringLiteral("%1 is %2 px wide, asks for %3")
                                    .arg(QString::fromUtf8(control->metaObject()->className()))
                                    .arg(control->width())
                                    .arg(control->sizeHint().width())));
        }
    }
    // The sentence keeps room for a sentence.
    QVERIFY(window->sentenceEdit()->width() >= 300);
    QVERIFY(window->sentenceEdit()->width() >=
            WrappingRow::usableFieldWidth(window->sentenceEdit()));
    // Nothing above the grid overlaps: the rows of the top bar are apart.
    for (QWidget* control : controls) {
        for (QWidget* other : controls) {
            if (control != other && control->isVisible() && other->isVisible()) {
                QVERIFY(!control->geometry().intersects(other->geometry()));
            }
        }
    }
    // At the normal size everything fits on the sentence's row and the switches' row.
    const auto* bar = dynamic_cast<WrappingRow*>(top->layout()->itemAt(0)->layout());
    QVERIFY(bar);
    if (textScale == 1.0) {
        QCOMPARE(bar->rowCount(), 2);
    } else {
        QVERIFY(bar->rowCount() >= 2);
    }
}

void TestSmallScreen::noTextIsCutAtTheLargestTextSize_data() {
    opensInsideTheScreen_data();
}

void TestSmallScreen::noTextIsCutAtTheLargestTextSize() {
    QFETCH(QString, language);
    const auto window = open(language, 2.5);
    QVERIFY(window);
    QVERIFY(window->screen()->availableGeometry().contains(window->frameGeometry()));
    ViewTabs* tabs = window->viewTabs();
    // Every group in turn, with its first view.
    for (int group = 0; group < tabs->count(); ++group) {
        tabs->setCurrentIndex(group);
        QApplication::processEvents();
        QStringList problems;
        for (QWidget* widget : window->findChildren<QWidget*>()) {
            if (widget->isVisible()) {
                // The pages of the views may be shorter than their content at this size on this
                // screen (see docs); everything else is shown whole.
                const bool whole = !tabs->isAncestorOf(widget) || qobject_cast<QTabBar*>(widget) ||
                                   widget == window->heatmapView();
                const QString problem = cutTextProblem(widget, whole);
                if (!problem.isEmpty()) {
                    problems << problem;
                }
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(tabs->tabText(group) + QStringLiteral(": ") +
                                                problems.join(QLatin1Char('\n'))));
    }
}

void TestSmallScreen::smallestWindowKeepsTheViews() {
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        const auto window = open(language);
        QVERIFY(window);
        window->resize(800, 600);
        QApplication::processEvents();
        QVERIFY(window->width() <= 820 && window->height() <= 620);
        QWidget* grid = window->gridView()->parentWidget();  // its scroll area's viewport
        QVERIFY2(grid->width() >= 200 && grid->height() >= 200,
                 qPrintable(QStringLiteral("grid %1x%2").arg(grid->width()).arg(grid->height())));
        QWidget* heatmap = window->heatmapView();
        QVERIFY2(heatmap->width() >= 200 && heatmap->height() >= 200,
                 qPrintable(
                     QStringLiteral("heatmap %1x%2").arg(heatmap->width()).arg(heatmap->height())));
        const QRect central = window->centralWidget()->rect();
        for (QWidget* view : {grid, heatmap}) {
            const QRect shown(view->mapTo(window->centralWidget(), QPoint(0, 0)), view->size());
            QVERIFY2(central.contains(shown), view->metaObject()->className());
        }
    }
}

// A screen of 1280 x 720 with window frames, for the offscreen platform, before the application
// starts (the platform reads it once).
int main(int argc, char** argv) {
    const std::filesystem::path config =
        std::filesystem::temp_directory_path() /
        ("atlas-small-screen-" + std::to_string(QCoreApplication::applicationPid()) + ".json");
    {
        std::ofstream out(config);
        out << R"({"windowFrameMargins": true, "screens": [{"name": "small", "x": 0, "y": 0,
                   "width": 1280, "height": 720, "logicalDpi": 96, "logicalBaseDpi": 96,
                   "dpr": 1}]})";
    }
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.string().c_str());
    int status = 0;
    {
        QApplication app(argc, argv);
        TestSmallScreen test;
        status = QTest::qExec(&test, argc, argv);
    }
    std::filesystem::remove(config);
    return status;
}

#include "tst_small_screen.moc"

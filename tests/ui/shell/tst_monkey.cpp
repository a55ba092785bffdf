// The monkey: a seeded random stream of user actions against the real main window, to find the
// crashes and leaks no scripted test thinks of. ATLAS_MONKEY_SECONDS (default 30) and
// ATLAS_MONKEY_SEED (default: from the clock) steer it. The seed is printed first so a failure can
// be replayed; background work finishes at its own pace, so a replay takes the same actions but
// not always at the same moments. It prints the resident memory once a minute and at the end,
// which scripts/monkey.sh compares.
#include <algorithm>
#include <cstddef>
#include <deque>
#include <functional>
#include <iterator>
#include <random>
#include <utility>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
// Declared here: GCC ships the sanitizer runtime's function but not its header.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#else
#include <malloc.h>
#endif

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "UiFixtures.h"
#include "common/BackgroundJob.h"
#include "export/ExportDialog.h"
#include "export/ExportRenderer.h"
#include "grid/HeadGridView.h"
#include "head/HeadHeatmapView.h"
#include "shell/MainWindow.h"
#include "tokens/TokenChipsView.h"
#include "tokens/TokenLinesView.h"
#include "walkthrough/PresentationWindow.h"
#include "walkthrough/WalkthroughHooks.h"

using namespace atlas::ui;

namespace {

using Random = std::mt19937_64;

int uniform(Random& random, int low, int high) {  // low..high, both included
    return std::uniform_int_distribution<int>(low, high)(random);
}

bool chance(Random& random, double probability) {
    return std::bernoulli_distribution(probability)(random);
}

template <typename List>
auto pick(Random& random, const List& list) {
    return list[uniform(random, 0, int(std::size(list)) - 1)];
}

// The resident set size of this process in KiB, from /proc (0 where there is none).
long statusKibibytes(const QByteArray& field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':')) {
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLong();
        }
    }
    return 0;
}

long residentKibibytes() {
    return statusKibibytes("VmRSS");
}

// The bytes the program has allocated and not freed, in KiB: what separates a leak or a growing
// cache from memory the allocator keeps for reuse (which RSS also counts).
long heapInUseKibibytes() {
#if defined(__SANITIZE_ADDRESS__)
    return long(__sanitizer_get_current_allocated_bytes() / 1024);
#else
    const struct mallinfo2 heap = mallinfo2();  // blocks in the arenas plus mmapped ones
    return long((heap.uordblks + heap.hblkhd) / 1024);
#endif
}

// Every enabled menu item of the window's menu bar, submenus included, but Quit.
QList<QAction*> menuItems(QMainWindow& window) {
    QList<QAction*> items;
    std::function<void(QMenu*)> collect = [&](QMenu* menu) {
        for (QAction* action : menu->actions()) {
            if (action->menu()) {
                collect(action->menu());
            } else if (!action->isSeparator() && action->isEnabled() &&
                       action->shortcut() != QKeySequence(QKeySequence::Quit)) {
                items << action;
            }
        }
    };
    for (QAction* top : window.menuBar()->actions()) {
        if (top->menu()) {
            collect(top->menu());
        }
    }
    return items;
}

// Text a clumsy user might produce: words, CJK, emoji, combining marks, stray punctuation.
QString randomText(Random& random, int characters) {
    static const QStringList pieces = {
        QStringLiteral("the "),   QStringLiteral("cat "),    QStringLiteral("sat on "),
        QStringLiteral("mat. "),  QStringLiteral("猫"),      QStringLiteral("坐在垫子上。"),
        QStringLiteral("注意力"), QStringLiteral("😀"),       QStringLiteral("👩‍💻 "),
        QStringLiteral("🇨🇳"),     QStringLiteral("e\u0301"), QStringLiteral("\t"),
        QStringLiteral("  "),     QStringLiteral("?!"),      QStringLiteral("1234 "),
        QStringLiteral("Über "),  QStringLiteral("\u200b"),  QStringLiteral("ß"),
    };
    QString text;
    while (text.size() < characters) {
        text += pick(random, pieces);
    }
    return text.left(characters);
}

// Closes what would block the monkey: popup menus and modal dialogs. An export dialog is
// sometimes filled in with a file in the scratch folder and accepted, so exports through the
// dialog are exercised too. Actions chosen from a popup run after it closed, from a fresh
// timer: a modal opened inside this timer's slot would never be closed (a timer does not
// fire again while its slot runs).
class BlockerCloser : public QObject {
  public:
    BlockerCloser(Random& random, const QString& scratch) : random_(random), scratch_(scratch) {
        timer_.setInterval(30);
        connect(&timer_, &QTimer::timeout, this, &BlockerCloser::closeBlockers);
        timer_.start();
    }
    int closed() const { return closed_; }

  private:
    void closeBlockers() {
        if (QWidget* popup = QApplication::activePopupWidget()) {
            QAction* chosen = nullptr;
            if (auto* menu = qobject_cast<QMenu*>(popup); menu && chance(random_, 0.5)) {
                QList<QAction*> usable;
                for (QAction* action : menu->actions()) {
                    if (action->isEnabled() && !action->isSeparator() && !action->menu()) {
                        usable << action;
                    }
                }
                if (!usable.isEmpty()) {
                    chosen = pick(random_, usable);
                }
            }
            popup->close();
            ++closed_;
            if (chosen) {
                QTimer::singleShot(0, chosen, &QAction::trigger);
            }
            return;
        }
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal) {
            return;
        }
        ++closed_;
        if (auto* exportDialog = qobject_cast<ExportDialog*>(modal);
            exportDialog && chance(random_, 0.5)) {
            fillAndAccept(exportDialog);
            return;
        }
        if (auto* dialog = qobject_cast<QDialog*>(modal)) {
            dialog->reject();
        } else {
            modal->close();
        }
    }

    void fillAndAccept(ExportDialog* dialog) {
        static const QStringList extensions = {QStringLiteral("png"), QStringLiteral("svg"),
                                               QStringLiteral("pdf"), QStringLiteral("csv"),
                                               QStringLiteral("json")};
        for (QLineEdit* edit : dialog->findChildren<QLineEdit*>()) {
            if (!qobject_cast<QAbstractSpinBox*>(edit->parentWidget())) {
                edit->setText(QStringLiteral("%1/dialog-%2.%3")
                                  .arg(scratch_)
                                  .arg(closed_)
                                  .arg(pick(random_, extensions)));
            }
        }
        if (auto* width = dialog->findChild<QSpinBox*>()) {
            width->setValue(uniform(random_, 200, 1200));
        }
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    }

    Random& random_;
    QString scratch_;
    QTimer timer_;
    int closed_ = 0;
};

}  // namespace

class TestMonkey : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void survivesARandomSession();

  private:
    using Action = std::function<void()>;
    struct WeightedAction {
        const char* name;
        int weight;
        Action run;
    };
    std::vector<WeightedAction> actions(MainWindow& window);
    void warmUp(MainWindow& window, const std::vector<WeightedAction>& all);
    void reportMemory(const char* when, int actionsDone, qint64 milliseconds);
    void sampleMemory(qint64 milliseconds);
    void settle(MainWindow& window);

    // Widgets of a kind that the user can see now, anywhere in the main window.
    template <typename Widget>
    QList<Widget*> visible(QWidget* root) {
        QList<Widget*> shown;
        for (Widget* widget : root->findChildren<Widget*>()) {
            if (widget->isVisible() && widget->isEnabled()) {
                shown << widget;
            }
        }
        return shown;
    }

    QTemporaryDir scratch_;
    QString modelFolder_;
    Random random_;
    quint64 seed_ = 0;
    int seconds_ = 30;
    int exports_ = 0;
    struct MemorySample {
        qint64 milliseconds;  // into the session
        long residentKibibytes;
        long heapKibibytes;
    };
    std::deque<MemorySample> memorySamples_;
};

void TestMonkey::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(scratch_.isValid());
    modelFolder_ = atlas::test::writeTinyGptFolder(scratch_.filePath(QStringLiteral("tiny-gpt")));
    bool ok = false;
    seed_ = qEnvironmentVariable("ATLAS_MONKEY_SEED").toULongLong(&ok);
    if (!ok) {
        seed_ = quint64(QDateTime::currentMSecsSinceEpoch());
    }
    const int seconds = qEnvironmentVariableIntValue("ATLAS_MONKEY_SECONDS", &ok);
    seconds_ = ok && seconds > 0 ? seconds : 30;
    random_.seed(seed_);
#if defined(__SANITIZE_ADDRESS__)
    std::printf("monkey: allocator AddressSanitizer\n");
#endif
    std::printf("monkey: seed %llu, %d s (replay with ATLAS_MONKEY_SEED=%llu)\n",
                static_cast<unsigned long long>(seed_), seconds_,
                static_cast<unsigned long long>(seed_));
    std::fflush(stdout);
}

// rss_kib and heap_kib are the resident memory and the heap in use now, taken settled (above),
// which scripts/monkey.sh compares; median_rss_kib and median_heap_kib are the medians of the
// samples taken after each action in the 60 s before: what the session used while it ran.
void TestMonkey::reportMemory(const char* when, int actionsDone, qint64 milliseconds) {
    std::vector<long> resident;
    std::vector<long> heap;
    for (const MemorySample& sample : memorySamples_) {
        if (sample.milliseconds >= milliseconds - 60000) {
            resident.push_back(sample.residentKibibytes);
            heap.push_back(sample.heapKibibytes);
        }
    }
    if (resident.empty()) {
        resident.push_back(residentKibibytes());
        heap.push_back(heapInUseKibibytes());
    }
    auto median = [](std::vector<long>& values) {
        std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
        return values[values.size() / 2];
    };
    std::printf(
        "monkey: %s rss_kib %ld actions %d seconds %.1f heap_kib %ld median_rss_kib %ld "
        "median_heap_kib %ld anonymous_kib %ld file_kib %ld\n",
        when, residentKibibytes(), actionsDone, double(milliseconds) / 1000.0, heapInUseKibibytes(),
        median(resident), median(heap), statusKibibytes("RssAnon"), statusKibibytes("RssFile"));
    std::fflush(stdout);
}

void TestMonkey::sampleMemory(qint64 milliseconds) {
    memorySamples_.push_back({milliseconds, residentKibibytes(), heapInUseKibibytes()});
    while (!memorySamples_.empty() && memorySamples_.front().milliseconds < milliseconds - 60000) {
        memorySamples_.pop_front();
    }
}

std::vector<TestMonkey::WeightedAction> TestMonkey::actions(MainWindow& window) {
    QLineEdit* sentence = window.sentenceEdit();
    auto focusSentence = [sentence]() {
        sentence->activateWindow();
        sentence->setFocus();
    };
    return {
        {"type words", 10,
         [this, sentence, focusSentence]() {
             focusSentence();
             QTest::keyClicks(sentence, pick(random_, QStringList{QStringLiteral(" the cat"),
                                                                  QStringLiteral("sat"),
                                                                  QStringLiteral(" on a mat."),
                                                                  QStringLiteral("Hello, world")}));
         }},
        // An input method commits CJK and emoji as whole strings, not key by key.
        {"commit CJK or emoji", 8,
         [this, sentence, focusSentence]() {
             focusSentence();
             QInputMethodEvent commit;
             commit.setCommitString(randomText(random_, uniform(random_, 1, 12)));
             QApplication::sendEvent(sentence, &commit);
         }},
        {"delete", 8,
         [this, sentence, focusSentence]() {
             focusSentence();
             const int keys = uniform(random_, 1, 30);
             const Qt::Key key = chance(random_, 0.7) ? Qt::Key_Backspace : Qt::Key_Delete;
             for (int i = 0; i < keys; ++i) {
                 QTest::keyClick(sentence, key);
             }
         }},
        {"select all and delete", 2,
         [sentence, focusSentence]() {
             focusSentence();
             QTest::keyClick(sentence, Qt::Key_A, Qt::ControlModifier);
             QTest::keyClick(sentence, Qt::Key_Backspace);
         }},
        {"move the cursor", 4,
         [this, sentence, focusSentence]() {
             focusSentence();
             const Qt::Key keys[] = {Qt::Key_Home, Qt::Key_End, Qt::Key_Left, Qt::Key_Right};
             QTest::keyClick(sentence, pick(random_, keys),
                             chance(random_, 0.3) ? Qt::ShiftModifier : Qt::NoModifier);
         }},
        {"paste 2,000 characters", 3,
         [this, sentence, focusSentence]() {
             focusSentence();
             QApplication::clipboard()->setText(randomText(random_, 2000));
             QTest::keyClick(sentence, Qt::Key_V, Qt::ControlModifier);
         }},
        {"pick a model", 3,
         [this, &window]() {
             QComboBox* picker = nullptr;
             for (QComboBox* box : window.findChildren<QComboBox*>()) {
                 if (box->findData(modelFolder_) >= 0) {
                     picker = box;
                 }
             }
             QVERIFY(picker);
             const int index = uniform(random_, 0, picker->count() - 1);
             picker->setCurrentIndex(index);
             emit picker->activated(index);
         }},
        {"move between heads and layers", 10,
         [this, &window]() {
             const Qt::Key keys[] = {Qt::Key_Left, Qt::Key_Right,  Qt::Key_Up,
                                     Qt::Key_Down, Qt::Key_PageUp, Qt::Key_PageDown};
             window.gridView()->setFocus();
             QTest::keyClick(window.gridView(), pick(random_, keys));
         }},
        {"click the grid", 6,
         [this, &window]() {
             QWidget* grid = window.gridView();
             QTest::mouseClick(grid, Qt::LeftButton, {},
                               QPoint(uniform(random_, 0, std::max(1, grid->width() - 1)),
                                      uniform(random_, 0, std::max(1, grid->height() - 1))));
         }},
        {"hover a view", 6,
         [this, &window]() {
             QWidget* views[] = {window.heatmapView(), window.chipsView(), window.linesView(),
                                 window.gridView()};
             QWidget* view = pick(random_, views);
             if (view->isVisible()) {
                 QTest::mouseMove(view,
                                  QPoint(uniform(random_, 0, std::max(1, view->width() - 1)),
                                         uniform(random_, 0, std::max(1, view->height() - 1))));
             }
         }},
        {"switch tab", 6,
         [this, &window]() {
             const auto bars = visible<QTabBar>(&window);
             if (!bars.isEmpty()) {
                 QTabBar* bar = pick(random_, bars);
                 const int index = uniform(random_, 0, bar->count() - 1);
                 QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(index).center());
             }
         }},
        // Colour map, scale, view mode, flow, and any box a panel shows.
        {"choose in a box", 8,
         [this, &window]() {
             const auto boxes = visible<QComboBox>(&window);
             if (!boxes.isEmpty()) {
                 QComboBox* box = pick(random_, boxes);
                 if (box->count() > 0 && box->findData(modelFolder_) < 0) {
                     const int index = uniform(random_, 0, box->count() - 1);
                     box->setCurrentIndex(index);
                     emit box->activated(index);
                 }
             }
         }},
        {"turn a spin box or slider", 3,
         [this, &window]() {
             const auto spins = visible<QSpinBox>(&window);
             const auto sliders = visible<QAbstractSlider>(&window);
             if (!spins.isEmpty() && chance(random_, 0.5)) {
                 QSpinBox* spin = pick(random_, spins);
                 spin->setValue(uniform(random_, spin->minimum(),
                                        std::min(spin->maximum(), spin->minimum() + 50)));
             } else if (!sliders.isEmpty()) {
                 QAbstractSlider* slider = pick(random_, sliders);
                 slider->setValue(uniform(random_, slider->minimum(), slider->maximum()));
             }
         }},
        // Buttons of the panels: analyse, save, generate, ablate, lesson steps, present, ...
        {"click a button", 6,
         [this, &window]() {
             const auto buttons = visible<QAbstractButton>(&window);
             if (!buttons.isEmpty()) {
                 QAbstractButton* button = pick(random_, buttons);
                 QTest::mouseClick(button, Qt::LeftButton, {}, button->rect().center());
             }
         }},
        // Every menu item but Quit: examples, lessons, views, grid zoom, languages, export
        // and about dialogs, the classroom windows, presentation mode.
        {"menu item", 10,
         [this, &window]() {
             const QList<QAction*> items = menuItems(window);
             QVERIFY(!items.isEmpty());
             pick(random_, items)->trigger();
         }},
        {"context menu", 3,
         [this, &window]() {
             QWidget* views[] = {window.gridView(), window.heatmapView(), window.linesView()};
             QWidget* view = pick(random_, views);
             if (view->isVisible()) {
                 emit view->customContextMenuRequested(
                     QPoint(uniform(random_, 0, std::max(1, view->width() - 1)),
                            uniform(random_, 0, std::max(1, view->height() - 1))));
             }
         }},
        {"switch language", 2,
         [this, &window]() {
             window.setInterfaceLanguage(pick(
                 random_, QStringList{QString(), QStringLiteral("en"), QStringLiteral("zh_CN")}));
         }},
        {"export to the scratch folder", 2,
         [this, &window]() {
             const ExportView views[] = {ExportView::Head, ExportView::Layer, ExportView::Grid,
                                         ExportView::Lines};
             const QString extension =
                 pick(random_, QStringList{QStringLiteral("png"), QStringLiteral("svg"),
                                           QStringLiteral("pdf"), QStringLiteral("csv"),
                                           QStringLiteral("json")});
             window.exportView(
                 pick(random_, views),
                 scratch_.filePath(
                     QStringLiteral("export-%1.%2").arg(++exports_ % 8).arg(extension)),
                 uniform(random_, 200, 1200));
         }},
        {"present", 2,
         [this, &window]() {
             WalkthroughHooks* walkthrough = window.walkthrough();
             walkthrough->enterPresentation();
             QApplication::processEvents();
             if (PresentationWindow* presentation = walkthrough->presentation()) {
                 const Qt::Key keys[] = {Qt::Key_Right, Qt::Key_Left, Qt::Key_Space,
                                         Qt::Key_Up,    Qt::Key_Down, Qt::Key_Home};
                 for (int i = uniform(random_, 0, 8); i > 0; --i) {
                     QTest::keyClick(presentation, pick(random_, keys));
                 }
                 if (chance(random_, 0.5)) {
                     QTest::keyClick(presentation, Qt::Key_Escape);
                 } else {
                     walkthrough->leavePresentation();
                 }
             }
         }},
        {"close a side window", 2,
         [this, &window]() {
             for (QWidget* top : QApplication::topLevelWidgets()) {
                 if (top != &window && top->isVisible() && chance(random_, 0.5)) {
                     top->close();
                 }
             }
         }},
        {"resize", 3,
         [this, &window]() {
             if (chance(random_, 0.2)) {
                 window.resize(800, 600);
             } else {
                 window.resize(uniform(random_, 800, 1700), uniform(random_, 600, 1100));
             }
         }},
        {"wait", 8,
         [this]() {
             QElapsedTimer waited;
             waited.start();
             const int milliseconds = uniform(random_, 10, 400);
             while (waited.elapsed() < milliseconds) {
                 QApplication::processEvents(QEventLoop::AllEvents, 10);
             }
         }},
    };
}

// Everything once before the clock starts: every model in the picker, every menu item, every
// action. What a window builds or loads on first use (side windows, a model's tokenizer, fonts
// for a new script) is then in the minute-1 memory figure, and the growth that scripts/monkey.sh
// checks is what a long session adds; without this, how much of it fell after minute 1 depended
// on how fast the machine was.
void TestMonkey::warmUp(MainWindow& window, const std::vector<WeightedAction>& all) {
    QComboBox* picker = nullptr;
    for (QComboBox* box : window.findChildren<QComboBox*>()) {
        if (box->findData(modelFolder_) >= 0) {
            picker = box;
        }
    }
    QVERIFY(picker);
    for (int index = 0; index < picker->count(); ++index) {
        picker->setCurrentIndex(index);
        emit picker->activated(index);
        QTest::qWait(50);
        QTRY_VERIFY_WITH_TIMEOUT(!window.modelLoader().busy(), 60000);
    }
    for (QAction* item : menuItems(window)) {
        item->trigger();
        QTest::qWait(20);
    }
    // Sentences shown one by one, each computed and drawn: the recent-sentence caches (grid
    // thumbnails, at most 12 sentences) reach their bound here, not in the timed session.
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    for (int sentence = 0; sentence < 16; ++sentence) {
        shown.clear();
        window.setText(randomText(random_, uniform(random_, 20, sentence % 4 == 0 ? 2000 : 200)));
        shown.wait(20000);
    }
    for (int round = 0; round < 3; ++round) {
        for (const WeightedAction& action : all) {
            action.run();
            QApplication::processEvents();
        }
    }
}

// The same state before every memory figure: side windows and the presentation closed, English,
// the tiny model, the same 13 short sentences drawn, and the background work quiet for longer than
// BackgroundJob waits before it returns freed memory. What differs between two settled figures is
// what the session kept (a leak, a cache that grows), not what happened to be on screen: at any
// one moment both figures move by tens of MiB with the text shown and passing peaks.
void TestMonkey::settle(MainWindow& window) {
    window.walkthrough()->leavePresentation();
    for (QWidget* top : QApplication::topLevelWidgets()) {
        if (top != &window && top->isVisible()) {
            top->close();
        }
    }
    window.setInterfaceLanguage(QStringLiteral("en"));
    window.resize(1280, 800);
    if (window.modelNameOrPath() != modelFolder_ || !window.model()) {
        window.openModel(modelFolder_);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!window.modelLoader().busy() && window.model() != nullptr &&
                                 window.modelNameOrPath() == modelFolder_,
                             60000);
    // More short sentences than the grid keeps thumbnails of (12): its cache then holds these.
    QSignalSpy shown(&window, &MainWindow::snapshotShown);
    for (int sentence = 0; sentence <= 12; ++sentence) {
        shown.clear();
        window.setText(QStringLiteral("The cat sat on mat %1.").arg(sentence));
        QVERIFY(shown.wait(60000));
    }
    QTest::qWait(BackgroundJob<int>::kQuietMilliseconds + 1000);
}

void TestMonkey::survivesARandomSession() {
    const auto shown =
        atlas::test::openWindow(scratch_.filePath(QStringLiteral("settings.ini")), modelFolder_,
                                QStringLiteral("The cat sat on the mat."));
    MainWindow& window = *shown;
    window.resize(1280, 800);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot() != nullptr, 30000);

    BlockerCloser closer(random_, scratch_.path());
    const std::vector<WeightedAction> all = actions(window);
    std::vector<int> weights;
    for (const WeightedAction& action : all) {
        weights.push_back(action.weight);
    }
    std::discrete_distribution<int> choose(weights.begin(), weights.end());
    QElapsedTimer warming;
    warming.start();
    warmUp(window, all);
    if (QTest::currentTestFailed()) {
        return;
    }
    settle(window);
    reportMemory("warmed", 0, warming.elapsed());

    QElapsedTimer clock;
    clock.start();
    int done = 0;
    int minutesReported = 0;
    const qint64 end = qint64(seconds_) * 1000;
    while (clock.elapsed() < end) {
        const WeightedAction& action = all[choose(random_)];
        action.run();
        if (QTest::currentTestFailed()) {
            QFAIL(
                qPrintable(QStringLiteral("after %1 actions, in “%2”").arg(done).arg(action.name)));
        }
        ++done;
        QApplication::processEvents();
        sampleMemory(clock.elapsed());
        if (clock.elapsed() >= (minutesReported + 1) * 60000LL && clock.elapsed() < end) {
            ++minutesReported;
            settle(window);
            reportMemory(qPrintable(QStringLiteral("minute %1").arg(minutesReported)), done,
                         clock.elapsed());
        }
    }
    settle(window);
    reportMemory("end", done, clock.elapsed());
    std::printf("monkey: %d blockers closed\n", closer.closed());

    // The window still works: back to a known model and sentence, and it draws them.
    for (QWidget* top : QApplication::topLevelWidgets()) {
        if (top != &window) {
            top->close();
        }
    }
    window.setInterfaceLanguage(QStringLiteral("en"));
    window.openModel(modelFolder_);
    QTRY_VERIFY_WITH_TIMEOUT(window.model() != nullptr && window.modelNameOrPath() == modelFolder_,
                             30000);
    window.setText(QStringLiteral("The dog ran home."));
    QTRY_VERIFY_WITH_TIMEOUT(
        window.snapshot() && window.snapshot()->text == QStringLiteral("The dog ran home."), 30000);
}

QTEST_MAIN(TestMonkey)
#include "tst_monkey.moc"

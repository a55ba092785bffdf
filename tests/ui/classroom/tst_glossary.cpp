// Help ▸ Glossary: every term the app uses has a paragraph in English and Chinese, some a
// picture; captions and the walkthrough link their terms to it.
#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "UiFixtures.h"
#include "classroom/ClassroomViews.h"
#include "classroom/Glossary.h"
#include "classroom/GlossaryDialog.h"
#include "classroom/GlossaryPictures.h"
#include "classroom/LessonBar.h"
#include "shell/MainWindow.h"
#include "walkthrough/WalkthroughHooks.h"
#include "walkthrough/WalkthroughView.h"

using namespace atlas;
using namespace atlas::ui;

class TestGlossary : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void everyTermInBothLanguages();
    void picturesAreDrawn();
    void termsBecomeLinks();
    void helpMenuOpensIt();
    void lessonCaptionLinksToIt();
    void walkthroughLinksToItsStep();

  private:
    QTemporaryDir dir_;
    QString modelFolder_;
};

void TestGlossary::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    modelFolder_ = atlas::test::writeTinyGptFolder(dir_.filePath("tiny-gpt"), 2, 2);
}

void TestGlossary::everyTermInBothLanguages() {
    const std::vector<GlossaryEntry> english = glossaryEntries(QStringLiteral("en"));
    const std::vector<GlossaryEntry> chinese = glossaryEntries(QStringLiteral("zh_CN"));
    QCOMPARE(english.size(), chinese.size());
    QStringList ids;
    for (std::size_t i = 0; i < english.size(); ++i) {
        ids << english[i].id;
        QCOMPARE(chinese[i].id, english[i].id);
        QVERIFY2(english[i].text.size() > 80, qPrintable(english[i].id));
        QVERIFY2(!chinese[i].text.isEmpty() && chinese[i].text != english[i].text,
                 qPrintable(english[i].id));
        QVERIFY2(!chinese[i].term.isEmpty(), qPrintable(english[i].id));
    }
    for (const char* id : {"query", "key", "value", "head", "softmax", "residual", "mask",
                           "attention", "layer", "token"}) {
        QVERIFY2(ids.contains(QLatin1String(id)), id);
    }
    QCOMPARE(glossaryEntry(QStringLiteral("head"), QStringLiteral("zh_CN")).term,
             QStringLiteral("注意力头"));
}

void TestGlossary::picturesAreDrawn() {
    int pictures = 0;
    for (const GlossaryEntry& entry : glossaryEntries(QStringLiteral("en"))) {
        if (entry.picture.isEmpty()) {
            continue;
        }
        const QImage image = glossaryPicture(entry.picture);
        QVERIFY2(!image.isNull() && image.width() > 50, qPrintable(entry.picture));
        // Not blank: some pixel is not white.
        bool drawn = false;
        for (int y = 0; y < image.height() && !drawn; y += 3) {
            for (int x = 0; x < image.width() && !drawn; x += 3) {
                drawn = image.pixelColor(x, y) != QColor(Qt::white);
            }
        }
        QVERIFY2(drawn, qPrintable(entry.picture));
        ++pictures;
    }
    QVERIFY(pictures >= 5);
    QVERIFY(glossaryPicture(QStringLiteral("nothing")).isNull());
}

void TestGlossary::termsBecomeLinks() {
    const QString html = linkGlossaryTerms(
        QStringLiteral("This head looks one word back: <b> is not markup."), QStringLiteral("en"));
    QVERIFY2(html.contains(QStringLiteral("<a href=\"glossary:head\">head</a>")), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("&lt;b&gt;")));
    // Plurals, and only the first mention.
    const QString tokens =
        linkGlossaryTerms(QStringLiteral("Tokens and tokens"), QStringLiteral("en"));
    QCOMPARE(tokens.count(QStringLiteral("<a ")), 1);
    QVERIFY(tokens.contains(QStringLiteral("glossary:token\">Tokens</a>")));
    const QString chinese =
        linkGlossaryTerms(QStringLiteral("这个注意力头向前看一个词。"), QStringLiteral("zh_CN"));
    QVERIFY2(chinese.contains(QStringLiteral("glossary:head\">注意力头</a>")), qPrintable(chinese));
    QCOMPARE(glossaryIdFromLink(QStringLiteral("glossary:softmax")), QStringLiteral("softmax"));
    QCOMPARE(glossaryIdFromLink(QStringLiteral("https://example.org")), QString());
}

void TestGlossary::helpMenuOpensIt() {
    auto window = atlas::test::openWindow(dir_.filePath(QStringLiteral("help.ini")), modelFolder_,
                                          QStringLiteral("the cat sat"));
    auto* action = window->findChild<QAction*>(QStringLiteral("glossaryAction"));
    QVERIFY(action);
    action->trigger();
    auto* dialog = window->findChild<GlossaryDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->shownText().contains(QStringLiteral("Token")));
    dialog->showTerm(QStringLiteral("softmax"));
    QCOMPARE(dialog->currentTerm(), QStringLiteral("softmax"));
    QVERIFY(dialog->shownText().contains(QStringLiteral("add up to 1")));
    // The same dialog, in the interface's language.
    QCOMPARE(showGlossary(window.get(), QStringLiteral("mask"), QStringLiteral("zh_CN")), dialog);
    QVERIFY(dialog->shownText().contains(QStringLiteral("因果掩码")));
    QCOMPARE(dialog->currentTerm(), QStringLiteral("mask"));
    dialog->close();
}

void TestGlossary::lessonCaptionLinksToIt() {
    auto window = atlas::test::openWindow(dir_.filePath(QStringLiteral("lesson.ini")),
                                          QStringLiteral("gpt"), QStringLiteral("Hello there."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
    ClassroomViews* classroom = window->classroom();
    QSignalSpy applied(classroom, &ClassroomViews::stepApplied);
    classroom->startLesson(0, 0);  // "This head looks one word back"
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() == 1, 30000);
    auto* bar = qobject_cast<LessonBar*>(classroom->lessonBar());
    QVERIFY(bar);
    QLabel* caption = nullptr;
    for (QLabel* label : bar->findChildren<QLabel*>()) {
        if (label->text().contains(QStringLiteral("glossary:head"))) {
            caption = label;
        }
    }
    QVERIFY(caption);
    // Its tooltip says what the lesson test checks.
    QVERIFY2(caption->toolTip().contains(QStringLiteral("Checked on the built-in bert model")),
             qPrintable(caption->toolTip()));
    emit caption->linkActivated(QStringLiteral("glossary:head"));
    auto* dialog = window->findChild<GlossaryDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->currentTerm(), QStringLiteral("head"));
    dialog->close();
}

void TestGlossary::walkthroughLinksToItsStep() {
    auto window = atlas::test::openWindow(dir_.filePath(QStringLiteral("walk.ini")), modelFolder_,
                                          QStringLiteral("the cat sat"));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
    WalkthroughView* view = window->walkthrough()->view();
    window->walkthrough()->showWalkthrough();
    QTRY_VERIFY(view->walkthrough() != nullptr);
    for (int s = 0; s < view->stepCount(); ++s) {
        view->setStep(s);
        QVERIFY2(!glossaryEntry(view->stepTerm(), QStringLiteral("en")).id.isEmpty(),
                 qPrintable(view->stepTerm()));
    }
    view->setStep(6);
    QCOMPARE(view->stepTerm(), QStringLiteral("softmax"));
    emit view->glossaryRequested(view->stepTerm());
    auto* dialog = window->findChild<GlossaryDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->currentTerm(), QStringLiteral("softmax"));
    dialog->close();
}

QTEST_MAIN(TestGlossary)
#include "tst_glossary.moc"

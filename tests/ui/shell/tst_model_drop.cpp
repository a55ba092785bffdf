// Opening big models in the window: a model folder dropped on the window (accepted, or refused
// with a message naming the file while the model shown stays), the loading progress, and
// cancelling a load, which must leave the previous model in place.
#include <atomic>
#include <fstream>

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLineEdit>
#include <QMimeData>
#include <QMutex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrl>

#include <nlohmann/json.hpp>

#include "AttentionWorker.h"
#include "TinyModelFolder.h"
#include "UiFixtures.h"
#include "grid/HeadGridView.h"
#include "io/Safetensors.h"
#include "model/HuggingFaceLayout.h"
#include "model/Model.h"
#include "shell/LoadProgressStrip.h"
#include "shell/MainWindow.h"
#include "shell/ModelDropHandler.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

// Sends a drag enter and a drop of `urls` at the window's centre, as a file manager would.
bool dropUrls(QWidget* window, const QList<QUrl>& urls) {
    QMimeData mime;
    mime.setUrls(urls);
    const QPoint centre = window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &enter);
    if (!enter.isAccepted()) {
        return false;
    }
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &drop);
    return drop.isAccepted();
}

QUrl fileUrl(const QString& path) {
    return QUrl::fromLocalFile(path);
}

void writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
}

}  // namespace

class TestModelDrop : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void droppingAFolderOpensIt();
    void droppingModelSafetensorsOpensItsFolder();
    void droppingOnTheSentenceBoxOpensTheModel();
    void slowRunsDropStaleRequests();
    void rejectedDropsKeepTheModel_data();
    void rejectedDropsKeepTheModel();
    void aFolderThatFailsToLoadKeepsTheModel();
    void loadReportsProgressUpToTheWhole();
    void cancellingStopsTheConversion();
    void cancelInTheWindowKeepsTheModel();
    void aNewerLoadCancelsTheRunningOne();

  private:
    std::unique_ptr<MainWindow> openWindowOnFirstModel();
    // A copy of the second model's folder to break in one way.
    QString copyOfSecond(const QString& name);

    QTemporaryDir dir_;
    QString first_;   // 4 layers x 4 heads: the model shown when drops arrive
    QString second_;  // 2 layers x 2 heads
    int windows_ = 0;
};

void TestModelDrop::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    first_ = atlas::test::writeTinyGptFolder(dir_.filePath("first-gpt"), 4, 4);
    second_ = atlas::test::writeTinyGptFolder(dir_.filePath("second-gpt"), 2, 2);
}

std::unique_ptr<MainWindow> TestModelDrop::openWindowOnFirstModel() {
    auto window =
        atlas::test::openWindow(dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)),
                                first_, QStringLiteral("The cat sat on the mat."));
    [&]() { QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000); }();
    return window;
}

QString TestModelDrop::copyOfSecond(const QString& name) {
    const QString copy = dir_.filePath(name);
    QDir().mkpath(copy);
    for (const QString& file : QDir(second_).entryList(QDir::Files)) {
        QFile::copy(QDir(second_).filePath(file), QDir(copy).filePath(file));
    }
    return copy;
}

void TestModelDrop::droppingAFolderOpensIt() {
    auto window = openWindowOnFirstModel();
    QCOMPARE(window->snapshot()->layerCount(), 4);
    QSignalSpy ready(window.get(), &MainWindow::modelReady);
    QVERIFY(dropUrls(window.get(), {fileUrl(second_ + QLatin1Char('/'))}));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QCOMPARE(QDir(window->modelNameOrPath()).canonicalPath(), QDir(second_).canonicalPath());
    // The sentence is run again by the new model: 2 layers x 2 heads now.
    QTRY_COMPARE_WITH_TIMEOUT(window->snapshot()->layerCount(), 2, 10000);
    QCOMPARE(window->snapshot()->headCount(), 2);
    QCOMPARE(window->gridView()->snapshot(), window->snapshot());
    QVERIFY(window->windowTitle().contains(QStringLiteral("second-gpt")));
    QVERIFY(window->messageText().isEmpty());
}

void TestModelDrop::droppingModelSafetensorsOpensItsFolder() {
    auto window = openWindowOnFirstModel();
    QSignalSpy ready(window.get(), &MainWindow::modelReady);
    QVERIFY(dropUrls(window.get(), {fileUrl(second_ + QStringLiteral("/model.safetensors"))}));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QCOMPARE(QDir(window->modelNameOrPath()).canonicalPath(), QDir(second_).canonicalPath());
    QTRY_COMPARE_WITH_TIMEOUT(window->snapshot()->layerCount(), 2, 10000);
}

void TestModelDrop::droppingOnTheSentenceBoxOpensTheModel() {
    auto window = openWindowOnFirstModel();
    const QString text = window->text();
    QSignalSpy ready(window.get(), &MainWindow::modelReady);
    QVERIFY(dropUrls(window->sentenceEdit(), {fileUrl(second_)}));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QCOMPARE(window->text(), text);  // the path was not pasted into the sentence
    QTRY_COMPARE_WITH_TIMEOUT(window->snapshot()->layerCount(), 2, 10000);
}

// A model that takes long per sentence (a big one at 512 tokens): requests made while it runs
// are not queued; only the newest runs next and only its result is shown.
void TestModelDrop::slowRunsDropStaleRequests() {
    auto window = openWindowOnFirstModel();
    window->setDebounceMilliseconds(0);
    const auto known = atlas::test::knownSnapshot();
    std::atomic<int> runs = 0;
    QStringList computed;
    QMutex mutex;
    window->attentionWorker().setCompute([&](const QString& text) {
        ++runs;
        {
            QMutexLocker lock(&mutex);
            computed << text;
        }
        QThread::msleep(800);  // far longer than the typing below, even on a loaded machine
        auto copy = std::make_shared<AttentionSnapshot>(*known);
        copy->text = text;
        return std::shared_ptr<const AttentionSnapshot>(copy);
    });
    QSignalSpy shown(window.get(), &MainWindow::snapshotShown);
    QString typed;
    for (const QChar letter : QStringLiteral("a dog")) {
        typed += letter;
        window->setText(typed);
        QTest::qWait(30);  // typing faster than the model runs
    }
    QTRY_COMPARE_WITH_TIMEOUT(window->snapshot()->text, typed, 10000);
    QTest::qWait(900);
    QCOMPARE(shown.count(), 1);  // the stale runs' results were dropped
    QCOMPARE(int(runs), 2);      // the first keystroke's run, then only the newest text
    QCOMPARE(computed.last(), typed);
}

// Each case: what is dropped, and words the message must contain (the file's name and what
// was expected).
void TestModelDrop::rejectedDropsKeepTheModel_data() {
    QTest::addColumn<QList<QUrl>>("urls");
    QTest::addColumn<QStringList>("words");

    {
        const QString folder = copyOfSecond("no-config");
        QFile::remove(folder + "/config.json");
        QTest::newRow("no config.json")
            << QList<QUrl>{fileUrl(folder)} << QStringList{"config.json", "missing"};
    }
    {
        const QString folder = copyOfSecond("pytorch-only");
        QFile::rename(folder + "/model.safetensors", folder + "/pytorch_model.bin");
        QTest::newRow("pytorch_model.bin only")
            << QList<QUrl>{fileUrl(folder)}
            << QStringList{"model.safetensors", "pytorch_model.bin", "only safetensors"};
    }
    {
        const QString folder = copyOfSecond("no-tokenizer");
        QFile::remove(folder + "/vocab.json");
        QFile::remove(folder + "/merges.txt");
        QTest::newRow("no tokenizer files")
            << QList<QUrl>{fileUrl(folder)} << QStringList{"tokenizer", "vocab.json"};
    }
    {
        const QString folder = copyOfSecond("no-merges");
        QFile::remove(folder + "/merges.txt");
        QTest::newRow("vocab.json without merges.txt")
            << QList<QUrl>{fileUrl(folder)} << QStringList{"merges.txt", "missing"};
    }
    {
        const QString folder = copyOfSecond("bad-config");
        writeText(folder + "/config.json", "{ \"model_type\": \"gpt2\", ");
        QTest::newRow("malformed config.json")
            << QList<QUrl>{fileUrl(folder)} << QStringList{"config.json"};
    }
    {
        const QString folder = copyOfSecond("bad-header");
        writeText(folder + "/model.safetensors",
                  QByteArray("\xff\xff\xff\xff\x00\x00\x00\x00{}", 10));
        QTest::newRow("corrupt safetensors header")
            << QList<QUrl>{fileUrl(folder)} << QStringList{"model.safetensors", "header"};
    }
    {
        const QString notes = dir_.filePath("notes.txt");
        writeText(notes, "not a model");
        QTest::newRow("a text file")
            << QList<QUrl>{fileUrl(notes)} << QStringList{"notes.txt", "expected a model folder"};
    }
    {
        const QString folder = copyOfSecond("renamed-weights");
        QFile::rename(folder + "/model.safetensors", folder + "/weights.safetensors");
        QTest::newRow("weights under another name")
            << QList<QUrl>{fileUrl(folder + "/weights.safetensors")}
            << QStringList{"weights.safetensors", "model.safetensors"};
    }
    QTest::newRow("a missing folder") << QList<QUrl>{fileUrl(dir_.filePath("does-not-exist"))}
                                      << QStringList{"does-not-exist", "no such model folder"};
    QTest::newRow("two folders") << QList<QUrl>{fileUrl(first_), fileUrl(second_)}
                                 << QStringList{"2 items", "one model folder"};
    QTest::newRow("a web address")
        << QList<QUrl>{QUrl(QStringLiteral("https://huggingface.co/gpt2"))}
        << QStringList{"huggingface.co", "not a local file"};
}

void TestModelDrop::rejectedDropsKeepTheModel() {
    QFETCH(QList<QUrl>, urls);
    QFETCH(QStringList, words);
    auto window = openWindowOnFirstModel();
    const auto before = window->snapshot();
    const QString title = window->windowTitle();
    QSignalSpy errors(window.get(), &MainWindow::errorShown);
    QSignalSpy ready(window.get(), &MainWindow::modelReady);
    QVERIFY(dropUrls(window.get(), urls));
    QCOMPARE(errors.count(), 1);
    const QString message = errors.at(0).at(0).toString();
    for (const QString& word : words) {
        QVERIFY2(message.contains(word, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("“%1” not in: %2").arg(word, message)));
    }
    QCOMPARE(window->messageText(), message);  // shown in the window, not only emitted
    QVERIFY(!window->modelLoader().busy());    // nothing was started
    // The model shown stays: same snapshot, title and model, and it still answers typing.
    QTest::qWait(100);
    QCOMPARE(ready.count(), 0);
    QCOMPARE(window->snapshot(), before);
    QCOMPARE(window->gridView()->snapshot(), before);
    QCOMPARE(window->windowTitle(), title);
    QCOMPARE(window->modelNameOrPath(), first_);
    window->setText(QStringLiteral("A dog ran."));
    QTRY_COMPARE_WITH_TIMEOUT(window->snapshot()->text, QStringLiteral("A dog ran."), 10000);
    QCOMPARE(window->snapshot()->layerCount(), 4);
}

void TestModelDrop::aFolderThatFailsToLoadKeepsTheModel() {
    // Passes the drop check (files, config, safetensors header) but a tensor has the wrong
    // shape: found only by the full load, in the background; the model shown must stay.
    const QString folder = copyOfSecond("wrong-shape");
    {
        std::ifstream in((folder + "/config.json").toStdString());
        nlohmann::json config = nlohmann::json::parse(in);
        config["n_embd"] = 24;  // the weights are 16 wide
        config["n_head"] = 2;
        std::ofstream((folder + "/config.json").toStdString()) << config.dump();
    }
    QVERIFY(checkDroppedModel(folder).isEmpty());
    auto window = openWindowOnFirstModel();
    const auto before = window->snapshot();
    QSignalSpy errors(window.get(), &MainWindow::errorShown);
    QVERIFY(dropUrls(window.get(), {fileUrl(folder)}));
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
    const QString message = errors.at(0).at(0).toString();
    QVERIFY2(message.contains("model.safetensors") && message.contains("shape"),
             qPrintable(message));
    QCOMPARE(window->snapshot(), before);
    QCOMPARE(window->modelNameOrPath(), first_);
    QVERIFY(!window->loadProgressStrip()->isVisible());
}

// Progress of a real load: after every tensor, never backwards, ending at the total bytes of
// the file's tensors (read here from the header, independently of the loader).
void TestModelDrop::loadReportsProgressUpToTheWhole() {
    std::ifstream in((second_ + "/model.safetensors").toStdString(), std::ios::binary);
    std::uint64_t headerLength = 0;
    in.read(reinterpret_cast<char*>(&headerLength), 8);
    std::string header(headerLength, '\0');
    in.read(header.data(), std::streamsize(headerLength));
    std::size_t total = 0;
    int tensors = 0;
    const nlohmann::json parsed = nlohmann::json::parse(header);
    for (auto entry = parsed.begin(); entry != parsed.end(); ++entry) {
        if (entry.key() != "__metadata__") {
            const nlohmann::json& offsets = entry.value()["data_offsets"];
            total += offsets[1].get<std::size_t>() - offsets[0].get<std::size_t>();
            ++tensors;
        }
    }
    std::vector<std::pair<std::size_t, std::size_t>> reports;
    LoadControl control;
    control.progress = [&](std::size_t done, std::size_t all) { reports.emplace_back(done, all); };
    const auto model = Model::load(second_.toStdString(), &control);
    QVERIFY(model != nullptr);
    QVERIFY(int(reports.size()) >= tensors);  // one per tensor, then the end
    for (std::size_t i = 0; i < reports.size(); ++i) {
        QCOMPARE(reports[i].second, total);
        if (i > 0) {
            QVERIFY(reports[i].first >= reports[i - 1].first);
        }
    }
    QCOMPARE(reports.back().first, total);
}

void TestModelDrop::cancellingStopsTheConversion() {
    int converted = 0;
    LoadControl control;
    control.progress = [&](std::size_t, std::size_t) { ++converted; };
    control.cancelled = [&]() { return converted >= 3; };
    QVERIFY_THROWS_EXCEPTION(LoadCancelled, Model::load(second_.toStdString(), &control));
    QCOMPARE(converted, 3);  // stopped before the fourth tensor
}

void TestModelDrop::cancelInTheWindowKeepsTheModel() {
    auto window = openWindowOnFirstModel();
    const auto before = window->snapshot();
    const QString title = window->windowTitle();
    // A load that reports some progress, then waits like a slow disk until it is cancelled,
    // then goes through the real loader, which must stop at its first tensor.
    std::atomic<bool> sawCancel = false;
    std::atomic<bool> threwCancelled = false;
    window->modelLoader().setLoadFunction([&](const QString& nameOrPath,
                                              const LoadControl& control) {
        control.report(30, 100);
        for (int i = 0; i < 1000 && !control.cancelled(); ++i) {
            QThread::msleep(10);
        }
        sawCancel = control.cancelled();
        try {
            return std::shared_ptr<const Model>(Model::load(nameOrPath.toStdString(), &control));
        } catch (const LoadCancelled&) {
            threwCancelled = true;
            throw;
        }
    });
    QSignalSpy ready(window.get(), &MainWindow::modelReady);
    QSignalSpy cancelled(&window->modelLoader(), &ModelLoader::loadCancelled);
    window->openModel(second_);
    LoadProgressStrip* strip = window->loadProgressStrip();
    QTRY_VERIFY(strip->isVisible());
    QTRY_COMPARE(strip->percent(), 30);
    QVERIFY(window->statusText().contains(QStringLiteral("Loading second-gpt")));
    QTest::mouseClick(strip->cancelButton(), Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!strip->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!window->modelLoader().busy(), 10000);
    QVERIFY(sawCancel);
    QVERIFY(threwCancelled);
    QTest::qWait(100);
    QCOMPARE(ready.count(), 0);
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(window->modelNameOrPath(), first_);
    QCOMPARE(window->snapshot(), before);
    QCOMPARE(window->windowTitle(), title);
    QVERIFY(window->statusText().contains(QStringLiteral("first-gpt")));
    QVERIFY(window->statusText().contains(QStringLiteral("cancelled")));
    window->setText(QStringLiteral("A dog ran."));
    QTRY_COMPARE_WITH_TIMEOUT(window->snapshot()->text, QStringLiteral("A dog ran."), 10000);
    QCOMPARE(window->snapshot()->layerCount(), 4);
}

void TestModelDrop::aNewerLoadCancelsTheRunningOne() {
    ModelLoader loader;
    std::atomic<int> cancelledLoads = 0;
    loader.setLoadFunction([&](const QString& nameOrPath, const LoadControl& control) {
        if (nameOrPath == QLatin1String("slow")) {
            for (int i = 0; i < 1000 && !control.cancelled(); ++i) {
                QThread::msleep(10);
            }
            if (control.cancelled()) {
                ++cancelledLoads;
                throw LoadCancelled(nameOrPath.toStdString());
            }
        }
        return std::shared_ptr<const Model>(Model::load(second_.toStdString(), &control));
    });
    QSignalSpy loaded(&loader, &ModelLoader::modelLoaded);
    QSignalSpy cancelled(&loader, &ModelLoader::loadCancelled);
    QElapsedTimer timer;
    timer.start();
    loader.load(QStringLiteral("slow"));
    QTest::qWait(50);
    loader.load(QStringLiteral("fast"));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QVERIFY(timer.elapsed() < 5000);  // did not wait for the slow load's ten seconds
    QCOMPARE(loaded.at(0).at(1).toString(), QStringLiteral("fast"));
    QCOMPARE(int(cancelledLoads), 1);
    QCOMPARE(cancelled.count(), 0);  // replaced, not cancelled by the user
}

QTEST_MAIN(TestModelDrop)
#include "tst_model_drop.moc"

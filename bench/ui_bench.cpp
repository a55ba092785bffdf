// UI benchmark: how long the window takes from a text change to a painted grid and focused head,
// and how long exporting the whole grid as a 2000-px PNG takes, offscreen.
//
// Models: the built-in gpt and bert when present; otherwise random stand-ins of the built-in
// shape (4 layers x 6 heads, d_model 192, context 64) written to a temporary folder, so the
// figures still mean something before the real models land. The sentence is cut to exactly
// 32 tokens for each model. Every figure is a median; each is set beside a reference measured
// in the same run (the model run alone; encoding the same image as PNG), as bench/ requires.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <QApplication>
#include <QEventLoop>
#include <QImage>
#include <QTemporaryDir>
#include <QTimer>

#include "AttentionSnapshot.h"
#include "TinyModelFolder.h"
#include "export/ExportRenderer.h"
#include "grid/HeadGridView.h"
#include "head/HeadHeatmapView.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"
#include "model/ModelFolderWriter.h"
#include "shell/MainWindow.h"

namespace {

using namespace atlas;
using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the whole process (GUI and worker threads), in ms: unlike elapsed time it does not
// grow when other programs share the cores.
double processCpuMilliseconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

const char* kLongText =
    "When the old fisherman finally came back to the village after three long days at sea, the "
    "people who had waited for him on the cold beach ran to meet him, and his daughter cried.";

// The prefix of `text` that the model reads as exactly `count` tokens (specials included).
QString cutToTokens(const Model& model, const QString& text, int count) {
    const QByteArray bytes = text.toUtf8();
    const EncodedText encoded = model.encode(std::string_view(bytes.constData(), bytes.size()));
    std::size_t end = 0;
    int seen = 0;
    for (const Token& token : encoded.tokens) {
        if (seen == count - (model.config().causal() ? 0 : 1)) {
            break;  // BERT: leave room for [SEP]
        }
        ++seen;
        end = std::max(end, token.end);
    }
    return QString::fromUtf8(bytes.left(qsizetype(end)));
}

struct ModelUnderTest {
    QString label;
    QString folder;
};

std::vector<ModelUnderTest> modelsToMeasure(const QTemporaryDir& scratch) {
    std::vector<ModelUnderTest> models;
    for (const char* name : {"gpt", "bert"}) {
        try {
            models.push_back({QString::fromLatin1(name),
                              QString::fromStdString(resolveModelFolder(name).string())});
        } catch (const std::exception&) {
            test::TinyModelOptions options;
            options.architecture =
                std::string(name) == "gpt" ? Architecture::Gpt2 : Architecture::Bert;
            options.n_layer = 4;
            options.n_head = 6;
            options.d_model = 192;
            options.n_ctx = 64;
            const QString folder = scratch.filePath(QStringLiteral("stand-in-%1").arg(name));
            test::writeTinyModelFolder(folder.toStdString(), options);
            models.push_back(
                {QStringLiteral("%1 (random stand-in, built-in missing)").arg(name), folder});
        }
    }
    return models;
}

// Waits for `window` to show the snapshot of the text just set.
bool waitForSnapshot(ui::MainWindow& window) {
    QEventLoop loop;
    bool shown = false;
    auto connection = QObject::connect(&window, &ui::MainWindow::snapshotShown, &loop, [&]() {
        shown = true;
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(connection);
    return shown;
}

void measure(const ModelUnderTest& subject, const QTemporaryDir& scratch, int repeats) {
    const auto model = std::shared_ptr<const Model>(Model::load(subject.folder.toStdString()));
    const QString textA = cutToTokens(*model, QString::fromLatin1(kLongText), 32);
    QString textB = textA;
    textB.replace(QStringLiteral("old"), QStringLiteral("young"));
    textB = cutToTokens(*model, textB, 32);

    ui::MainWindowOptions options;
    options.settingsFile = scratch.filePath(QStringLiteral("bench-settings.ini"));
    options.restoreSettings = false;
    options.loadModel = false;
    options.text = textA;
    ui::MainWindow window(options);
    window.resize(1400, 900);
    window.show();
    window.setDebounceMilliseconds(0);  // the 120 ms typing pause is a choice, not a cost
    window.setModel(model, subject.folder);
    if (!waitForSnapshot(window)) {
        std::printf("%s: no snapshot\n", qPrintable(subject.label));
        return;
    }
    const int tokens = window.snapshot()->tokenCount();

    // Text change -> computed off the GUI thread -> views updated -> grid and head painted.
    std::vector<double> updates;
    std::vector<double> paints;
    std::vector<double> cpu;
    for (int i = 0; i < repeats; ++i) {
        const int gridPaints = window.gridView()->paintCount();
        bool headReplotted = false;
        auto replotted = QObject::connect(window.heatmapView(), &QCustomPlot::afterReplot,
                                          [&]() { headReplotted = true; });
        const auto start = Clock::now();
        const double cpuStart = processCpuMilliseconds();
        window.setText(i % 2 ? textA : textB);
        if (!waitForSnapshot(window)) {
            std::printf("%s: timed out\n", qPrintable(subject.label));
            return;
        }
        // The views asked for a repaint; let the event loop paint as the running app would
        // (grid, the focused head's queued replot, chips, status bar).
        const auto paintStart = Clock::now();
        for (int round = 0; round < 100; ++round) {
            QApplication::sendPostedEvents();
            QApplication::processEvents();
            if (headReplotted && window.gridView()->paintCount() > gridPaints) {
                break;
            }
        }
        paints.push_back(millisecondsSince(paintStart));
        updates.push_back(millisecondsSince(start));
        cpu.push_back(processCpuMilliseconds() - cpuStart);
        QObject::disconnect(replotted);
        if (!headReplotted || window.gridView()->paintCount() == gridPaints) {
            std::printf("%s: the grid or the head was not repainted\n", qPrintable(subject.label));
            return;
        }
    }

    // Reference: the model run alone (tokenize, forward, aggregates), same texts.
    std::vector<double> runs;
    std::vector<double> runCpu;
    for (int i = 0; i < repeats; ++i) {
        const double cpuStart = processCpuMilliseconds();
        const auto start = Clock::now();
        const auto snapshot = ui::computeSnapshot(*model, i % 2 ? textA : textB);
        runs.push_back(millisecondsSince(start));
        runCpu.push_back(processCpuMilliseconds() - cpuStart);
    }

    // Export of the whole grid as a 2000-px PNG, and, as reference, encoding an image of the
    // same size as PNG.
    const int exportRepeats = std::max(3, repeats / 5);
    std::vector<double> exports;
    std::vector<double> exportCpu;
    QSize exportSize;
    for (int i = 0; i < exportRepeats; ++i) {
        const double cpuStart = processCpuMilliseconds();
        ui::ExportRequest request;
        request.view = ui::ExportView::Grid;
        request.widthPixels = 2000;
        request.path = scratch.filePath(QStringLiteral("grid.png"));
        const auto start = Clock::now();
        const ui::ExportResult result = ui::exportToFile(*window.snapshot(), request);
        exports.push_back(millisecondsSince(start));
        exportCpu.push_back(processCpuMilliseconds() - cpuStart);
        exportSize = result.pixelSize;
    }
    const QImage exported(scratch.filePath(QStringLiteral("grid.png")));
    std::vector<double> encodes;
    for (int i = 0; i < exportRepeats; ++i) {
        const auto start = Clock::now();
        exported.save(scratch.filePath(QStringLiteral("reference.png")), "PNG");
        encodes.push_back(millisecondsSince(start));
    }

    const double update = median(updates);
    const double run = median(runs);
    const double exportTime = median(exports);
    const double encode = median(encodes);
    std::printf("%s: %d tokens, %d layers x %d heads (+ mean, rollout)\n",
                qPrintable(subject.label), tokens, window.snapshot()->layerCount(),
                window.snapshot()->headCount());
    std::printf("  text change -> painted grid + head: median %.1f ms over %d (target < 30 ms)\n",
                update, repeats);
    std::printf("    of which painting the window:    median %.1f ms\n", median(paints));
    std::printf("    CPU time per update (all threads): median %.1f ms\n", median(cpu));
    std::printf(
        "    reference, model run alone:      median %.1f ms (CPU %.1f ms) -> update / run "
        "= %.2f, CPU / CPU = %.2f\n",
        run, median(runCpu), update / run, median(cpu) / median(runCpu));
    std::printf("  grid export %d x %d PNG:         median %.0f ms over %d (target < 1000 ms)\n",
                exportSize.width(), exportSize.height(), exportTime, exportRepeats);
    std::printf("    CPU time per export:             median %.0f ms\n", median(exportCpu));
    std::printf("    reference, PNG encode alone:     median %.0f ms -> export / encode = %.2f\n",
                encode, exportTime / encode);
}

// A 12 x 12 model's grid (BERT-base shape) painted at 2000 px: one image per map, so it should
// repaint in milliseconds (docs/architecture.md). Random row-stochastic maps; no model needed.
void measureBigGrid(int repeats) {
    const int layers = 12;
    const int heads = 12;
    const int tokens = 32;
    EncodedText encoded;
    for (int i = 0; i < tokens; ++i) {
        encoded.tokens.push_back(
            {i, "tok" + std::to_string(i), std::size_t(i), std::size_t(i + 1), false, false});
    }
    encoded.full_token_count = tokens;
    Forward forward;
    forward.attention.assign(layers, std::vector<Matrix>(heads));
    for (auto& layer : forward.attention) {
        for (Matrix& map : layer) {
            map = Matrix::Random(tokens, tokens).cwiseAbs();  // [T, T]
            for (int i = 0; i < tokens; ++i) {
                map.row(i) /= map.row(i).sum();
            }
        }
    }
    const auto snapshot = std::make_shared<ui::AttentionSnapshot>(ui::makeSnapshot(
        QStringLiteral("12x12"), false, QString(tokens, QLatin1Char('x')), encoded, forward));
    ui::HeadGridView grid;
    grid.resize(2000, 1600);
    grid.show();
    grid.setSnapshot(snapshot);
    QApplication::processEvents();
    std::vector<double> paints;
    std::vector<double> updates;
    for (int i = 0; i < repeats; ++i) {
        auto start = Clock::now();
        grid.repaint();
        paints.push_back(millisecondsSince(start));
        start = Clock::now();
        grid.setSnapshot(snapshot);  // new data: every image rebuilt, then painted
        grid.repaint();
        updates.push_back(millisecondsSince(start));
    }
    std::printf(
        "12 x 12 grid (+ mean, rollout), 32 tokens, 2000 px wide: repaint median %.1f ms, "
        "new data + repaint median %.1f ms over %d\n",
        median(paints), median(updates), repeats);
}

// A GPT-2-small-shaped model (12 x 12, d_model 768, vocabulary 50257, context 1024, random
// weights) in the window at 128 tokens: from a text change to the grid of 144 heads (+ 12 layer
// means and rollouts) painted with the new sentence's thumbnails, and the part of it that is the
// window's own (snapshot shown -> thumbnails coloured -> grid painted). Every text is new (one
// word changed), so the thumbnail cache never answers. Reference: the model run alone.
void measureBigModel(const QTemporaryDir& scratch, int repeats) {
    ModelConfig config;
    config.architecture = Architecture::Gpt2;
    config.n_layer = 12;
    config.n_head = 12;
    config.d_model = 768;
    config.d_ff = 3072;
    config.n_ctx = 1024;
    config.vocab_size = 50257;
    const std::filesystem::path folder =
        scratch.filePath(QStringLiteral("gpt2-small")).toStdString();
    saveModelFolder(folder, config, TransformerWeights::initialised(config, 7));
    test::writeTinyTokenizerFiles(folder, config.architecture);
    const auto model = std::shared_ptr<const Model>(Model::load(folder));

    // Texts of exactly 128 tokens that differ in one word each.
    const QStringList words = {"old",   "young",  "tired", "happy", "quiet", "brave", "poor",
                               "proud", "lonely", "kind",  "angry", "wise",  "sad",   "calm"};
    QString base;
    while (base.size() < 2000) {
        base += QString::fromLatin1(kLongText) + QLatin1Char(' ');
    }
    std::vector<QString> texts;
    for (int i = 0; i < 2 * repeats + 1; ++i) {
        QString text = base;
        text.replace(QStringLiteral("old"), words[i % words.size()] + QString::number(i));
        texts.push_back(cutToTokens(*model, text, 128));
    }

    ui::MainWindowOptions options;
    options.settingsFile = scratch.filePath(QStringLiteral("bench-big-settings.ini"));
    options.restoreSettings = false;
    options.loadModel = false;
    options.text = texts[0];
    ui::MainWindow window(options);
    window.resize(1600, 1000);
    window.show();
    window.setDebounceMilliseconds(0);
    window.setModel(model, QString::fromStdString(folder.string()));
    if (!waitForSnapshot(window)) {
        std::printf("big model: no snapshot\n");
        return;
    }
    ui::HeadGridView* grid = window.gridView();
    auto waitForGrid = [&]() {
        for (int round = 0; round < 100000 && grid->thumbnailsPending(); ++round) {
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        }
        const int paints = grid->paintCount();
        for (int round = 0; round < 1000 && grid->paintCount() == paints; ++round) {
            QApplication::sendPostedEvents();
            QApplication::processEvents();
        }
    };
    waitForGrid();
    std::vector<double> totals, windowParts, cpu, runs;
    for (int i = 1; i <= repeats; ++i) {
        Clock::time_point shownAt;
        auto shown = QObject::connect(&window, &ui::MainWindow::snapshotShown,
                                      [&]() { shownAt = Clock::now(); });
        const auto start = Clock::now();
        const double cpuStart = processCpuMilliseconds();
        window.setText(texts[i]);
        if (!waitForSnapshot(window)) {
            std::printf("big model: timed out\n");
            return;
        }
        // snapshotShown is emitted after the views took the snapshot: shownAt is right after
        // the model run; what follows is colouring the thumbnails and painting.
        waitForGrid();
        totals.push_back(millisecondsSince(start));
        windowParts.push_back(millisecondsSince(shownAt));
        cpu.push_back(processCpuMilliseconds() - cpuStart);
        QObject::disconnect(shown);
        if (grid->snapshot() != window.snapshot() || grid->thumbnailsPending()) {
            std::printf("big model: the grid did not show the new sentence\n");
            return;
        }
    }
    // The grid update alone: snapshots of new sentences (computed beforehand, which is the
    // reference) handed to the grid and the focused head, until the grid is painted with them.
    std::vector<std::shared_ptr<const ui::AttentionSnapshot>> fresh;
    for (int i = repeats + 1; i <= 2 * repeats; ++i) {
        const auto start = Clock::now();
        fresh.push_back(ui::computeSnapshot(*model, texts[i]));
        runs.push_back(millisecondsSince(start));
    }
    std::vector<double> gridUpdates;
    for (const auto& next : fresh) {
        const auto start = Clock::now();
        grid->setSnapshot(next);
        window.heatmapView()->setSnapshot(next);
        waitForGrid();
        gridUpdates.push_back(millisecondsSince(start));
    }
    const auto snapshot = window.snapshot();
    std::printf(
        "GPT-2-small shape (random weights), %d tokens, %d layers x %d heads (+ mean, "
        "rollout), window 1600 x 1000:\n",
        snapshot->tokenCount(), snapshot->layerCount(), snapshot->headCount());
    std::printf(
        "  text change -> grid painted with the new thumbnails: median %.1f ms over %d "
        "(CPU %.1f ms)\n",
        median(totals), repeats, median(cpu));
    std::printf(
        "    of which after the window showed the snapshot (thumbnails, paint): median "
        "%.1f ms\n",
        median(windowParts));
    std::printf(
        "  snapshot -> grid of %d maps coloured and painted, focused head set: median "
        "%.1f ms over %d (target < 150 ms)\n",
        snapshot->layerCount() * snapshot->columnCount(), median(gridUpdates),
        int(gridUpdates.size()));
    std::printf(
        "    reference, model run alone (computeSnapshot): median %.1f ms -> grid update "
        "/ run = %.2f\n",
        median(runs), median(gridUpdates) / median(runs));
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication application(argc, argv);
    const int repeats = argc > 1 ? std::max(3, std::atoi(argv[1])) : 50;
    QTemporaryDir scratch;
    for (const ModelUnderTest& subject : modelsToMeasure(scratch)) {
        measure(subject, scratch, repeats);
    }
    measureBigGrid(repeats);
    measureBigModel(scratch, std::max(3, std::min(repeats, 15)));
    return 0;
}

// attention-atlas: the desktop app. A thin shell over atlas_ui's MainWindow; --screenshot
// renders the window once the first sentence is shown and exits (for docs and checks).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <utility>

#include "AttentionSelection.h"
#include "attribution/AttributionHooks.h"
#include "attribution/AttributionPage.h"
#include "classroom/ClassroomViews.h"
#include "classroom/Lessons.h"
#include "grid/HeadGridView.h"
#include "head/DistanceProfileHooks.h"
#include "head/HeadHeatmapView.h"
#include "modes/AnalysisModes.h"
#include "roles/HeadRolesPanel.h"
#include "shell/LaunchRequest.h"
#include "shell/MainWindow.h"
#include "shell/TextSize.h"
#include "shell/ViewTabs.h"
#include "tokens/TokenPairPanel.h"
#include "training/TrainingSettingsForm.h"
#include "training/TrainingWindow.h"
#include "walkthrough/PresentationWindow.h"
#include "walkthrough/WalkthroughHooks.h"
#include "walkthrough/WalkthroughView.h"

namespace {

// Parses "L:C" into a layer and a grid column.
bool parsePair(const QString& text, int& first, int& second) {
    const QStringList parts = text.split(QLatin1Char(':'));
    bool okFirst = false;
    bool okSecond = false;
    if (parts.size() == 2) {
        first = parts[0].toInt(&okFirst);
        second = parts[1].toInt(&okSecond);
    }
    return okFirst && okSecond;
}

// Applies --grid-zoom, --collapse and --head-range (empty values change nothing).
void applyBigModelOptions(atlas::ui::MainWindow& window, const QString& zoom,
                          const QString& collapse, const QString& range) {
    if (!zoom.isEmpty()) {
        window.gridView()->setZoom(zoom.toDouble());
    }
    for (const QString& layer : collapse.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        window.gridView()->setLayerCollapsed(layer.toInt(), true);
    }
    int first = 0;
    int last = 0;
    if (parsePair(range, first, last)) {
        const QCPRange tokens(first - 0.5, last + 0.5);
        window.heatmapView()->zoomTo(tokens, tokens);
    }
}

// Big sentences colour the grid's thumbnails on a pool thread: a screenshot waits for them.
void waitForGridThumbnails(atlas::ui::MainWindow& window) {
    QElapsedTimer waited;
    waited.start();
    while (window.gridView()->thumbnailsPending() && waited.elapsed() < 30000) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    QApplication::sendPostedEvents();
    QApplication::processEvents();
}

// The attribution view --view names (lens, contributions, attribution), or null.
QWidget* attributionPage(atlas::ui::MainWindow& window, const QString& name) {
    auto* hooks = window.findChild<atlas::ui::AttributionHooks*>();
    if (hooks == nullptr) {
        return nullptr;
    }
    if (name == QLatin1String("lens")) {
        return hooks->lensPage();
    }
    if (name == QLatin1String("contributions")) {
        return hooks->headsPage();
    }
    if (name == QLatin1String("attribution")) {
        return hooks->tokensPage();
    }
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    // --help and --version print and quit: they must work without a display (over ssh, in
    // scripts), so pick the offscreen platform for them before QApplication looks for one.
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "--version" ||
            argument == "-v" || argument == "--help-all") {
            if (qEnvironmentVariableIsEmpty("DISPLAY") &&
                qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
                qputenv("QT_QPA_PLATFORM", "offscreen");
            }
        }
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AttentionAtlas"));
    QApplication::setApplicationName(QStringLiteral("attention-atlas"));
    QApplication::setApplicationDisplayName(QStringLiteral("Attention Atlas"));
    QApplication::setApplicationVersion(QStringLiteral(ATLAS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("attention-atlas"));
    // Chinese characters in the widgets from the Simplified Chinese face whatever the locale:
    // fontconfig's fallback for Han follows the locale and elsewhere picks Japanese shapes.
    QFont interfaceFont = QApplication::font();
    interfaceFont.setFamilies({interfaceFont.family(), QStringLiteral("Noto Sans CJK SC")});
    QApplication::setFont(interfaceFont);

    // --help speaks the remembered language; the window installs its own translators.
    auto helpLanguage = std::make_unique<atlas::ui::Translators>();
    helpLanguage->use(atlas::ui::resolveLanguage(QSettings().value("language").toString()));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "See every attention head of a small Transformer."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption model(QStringLiteral("model"),
                                   QApplication::translate("main", "gpt, bert or a model folder."),
                                   QStringLiteral("M"));
    const QCommandLineOption text(QStringLiteral("text"),
                                  QApplication::translate("main", "The sentence to show."),
                                  QStringLiteral("T"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main",
                                "Save a PNG of the window once it shows the text, then "
                                "quit (settings are neither read nor written)."),
        QStringLiteral("FILE"));
    const QCommandLineOption view(
        QStringLiteral("view"),
        QApplication::translate("main",
                                "Right panel: head, lines, roles, pair, distance, predictions, lens, "
                                "contributions or attribution; or the compare or timeline "
                                "window."),
        QStringLiteral("VIEW"));
    const QCommandLineOption focus(
        QStringLiteral("focus"),
        QApplication::translate("main", "Focus layer L, grid column C (screenshots)."),
        QStringLiteral("L:C"));
    const QCommandLineOption layerOption(
        QStringLiteral("layer"), QApplication::translate("main", "Open on this layer, from 0."),
        QStringLiteral("L"));
    const QCommandLineOption headOption(
        QStringLiteral("head"), QApplication::translate("main", "Open on this head, from 0."),
        QStringLiteral("H"));
    const QCommandLineOption hover(QStringLiteral("hover"),
                                   QApplication::translate("main", "Hover token N (screenshots)."),
                                   QStringLiteral("N"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QApplication::translate("main", "Window size, WIDTHxHEIGHT."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption lineHeads(
        QStringLiteral("line-heads"),
        QApplication::translate("main", "Also draw these columns in the line view (screenshots)."),
        QStringLiteral("C,C"));
    const QCommandLineOption role(
        QStringLiteral("role"),
        QApplication::translate("main",
                                "Outline the heads best at this relation or positional role "
                                "(screenshots)."),
        QStringLiteral("NAME"));
    parser.addOptions({model, text, layerOption, headOption, view, size});
    const QCommandLineOption tokenPair(
        QStringLiteral("pair"),
        QApplication::translate("main",
                                "Token pair view (--view pair): rank the heads by the weight "
                                "from token Q to token K (screenshots)."),
        QStringLiteral("Q:K"));

    // Big models: the grid's zoom and collapsed layers, the focused head's visible tokens.
    const QCommandLineOption gridZoom(
        QStringLiteral("grid-zoom"),
        QApplication::translate("main", "Grid zoom, 1 fits the width (screenshots)."),
        QStringLiteral("FACTOR"));
    const QCommandLineOption collapse(
        QStringLiteral("collapse"),
        QApplication::translate("main", "Collapse these grid layers, e.g. 2,3 (screenshots)."),
        QStringLiteral("LAYERS"));
    const QCommandLineOption headRange(
        QStringLiteral("head-range"),
        QApplication::translate("main",
                                "Zoom the focused head to tokens FIRST:LAST (screenshots)."),
        QStringLiteral("FIRST:LAST"));

    const QCommandLineOption textScale(
        QStringLiteral("text-scale"),
        QApplication::translate(
            "main", "View ▸ Text size, from 0.8 to 2.5; 1 is the system's size (screenshots)."),
        QStringLiteral("FACTOR"));

    // The classroom views: --view predictions | compare | timeline.
    const QCommandLineOption compareText(
        QStringLiteral("compare-text"),
        QApplication::translate("main", "Compare view: the second sentence (screenshots)."),
        QStringLiteral("T"));
    const QCommandLineOption trainingSnapshot(
        QStringLiteral("snapshot"),
        QApplication::translate("main",
                                "Training timeline: show snapshot N, 0 the earliest, -1 the "
                                "final model (screenshots)."),
        QStringLiteral("N"));
    const QCommandLineOption trainPreset(
        QStringLiteral("train-preset"),
        QApplication::translate("main",
                                "File ▸ Train a model…: start this preset and grab the window "
                                "mid-training (screenshots)."),
        QStringLiteral("NAME"));
    const QCommandLineOption trainSeconds(
        QStringLiteral("train-seconds"),
        QApplication::translate("main", "Train for S seconds before the grab (screenshots)."),
        QStringLiteral("S"));
    const QCommandLineOption maskToken(
        QStringLiteral("mask-token"),
        QApplication::translate("main",
                                "Predictions: BERT masks token N, GPT predicts after it "
                                "(screenshots)."),
        QStringLiteral("N"));
    // A lesson by its name; the screenshots' "L:S" (lesson L, step S, from 0) works too.
    QStringList lessonNames;
    for (const atlas::ui::Lesson& known : atlas::ui::lessons()) {
        lessonNames << known.name;
    }
    const QCommandLineOption lesson(QStringLiteral("lesson"),
                                    QApplication::translate("main", "Start a lesson: %1.")
                                        .arg(lessonNames.join(QStringLiteral(", "))),
                                    QStringLiteral("NAME"));

    // Beyond raw attention: --norm, --flow, --ablate, --difference-text, --generate; with
    // --view ablation | difference | generation for the tab.
    const QCommandLineOption norm(
        QStringLiteral("norm"),
        QApplication::translate("main", "Show norm-based attention instead of the raw weights."));
    const QCommandLineOption flow(
        QStringLiteral("flow"), QApplication::translate("main", "Add the attention-flow column."));
    const QCommandLineOption ablate(
        QStringLiteral("ablate"),
        QApplication::translate("main", "Switch these heads off (screenshots)."),
        QStringLiteral("L:H,L:H"));
    const QCommandLineOption differenceText(
        QStringLiteral("difference-text"),
        QApplication::translate("main", "Difference tab: the second sentence (screenshots)."),
        QStringLiteral("T"));
    const QCommandLineOption differenceSnapshots(
        QStringLiteral("difference-snapshots"),
        QApplication::translate("main",
                                "Difference tab: the last training snapshot minus the first "
                                "(screenshots)."));
    const QCommandLineOption generateTokens(
        QStringLiteral("generate"),
        QApplication::translate("main", "Generate N tokens first (screenshots)."),
        QStringLiteral("N"));
    const QCommandLineOption generationStep(
        QStringLiteral("generation-step"),
        QApplication::translate("main", "Show generation step S, from 0 (screenshots)."),
        QStringLiteral("S"));
    const QCommandLineOption hideSink(
        QStringLiteral("hide-sink"),
        QApplication::translate("main", "Hide the first token (attention sink)."));
    parser.addOptions({norm, flow, hideSink});
    const QCommandLineOption words(
        QStringLiteral("words"),
        QApplication::translate("main", "Show attention between words (the Words switch)."));
    // The walkthrough: --view steps for its tab, --present for the presentation screen.
    const QCommandLineOption present(
        QStringLiteral("present"),
        QApplication::translate("main",
                                "Presentation mode: full screen, large type, the focused head "
                                "step by step (Esc leaves)."));
    const QCommandLineOption step(
        QStringLiteral("step"),
        QApplication::translate("main", "Walkthrough: show step N, from 1 (screenshots)."),
        QStringLiteral("N"));
    parser.addOption(present);
    const QCommandLineOption treebank(
        QStringLiteral("treebank"),
        QApplication::translate("main",
                                "Distance tab (--view distance): the profile over this CoNLL-U "
                                "treebank (screenshots)."),
        QStringLiteral("FILE"));
    const QCommandLineOption language(
        QStringLiteral("language"),
        QApplication::translate("main",
                                "Interface language: en, zh_CN or system (default: the one "
                                "chosen in the Language menu, else the system's)."),
        QStringLiteral("LANG"));
    parser.addOption(language);
    parser.addOption(lesson);
    // What scripts/take-screenshots.sh and the tests set up before a screenshot: they work as
    // before but stay out of --help, which lists what a user would type.
    for (QCommandLineOption hidden :
         {screenshot, hover, lineHeads, role, tokenPair, gridZoom, collapse, headRange, compareText,
          trainingSnapshot, maskToken, ablate, differenceText, differenceSnapshots, generateTokens,
          generationStep, step, focus, trainPreset, words, textScale}) {
        hidden.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(hidden);
    }
    QCommandLineOption hiddenTrainSeconds = trainSeconds;
    hiddenTrainSeconds.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(hiddenTrainSeconds);
    QCommandLineOption hiddenTreebank = treebank;
    hiddenTreebank.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(hiddenTreebank);
    parser.process(app);
    // Mistakes in the flags a person types are reported before the window opens.
    atlas::ui::LaunchRequest launch;
    for (const auto& [option, into] :
         {std::pair{&layerOption, &launch.layer}, std::pair{&headOption, &launch.column}}) {
        if (parser.isSet(*option)) {
            QString error;
            *into = atlas::ui::parseLaunchIndex(
                parser.value(*option), QStringLiteral("--") + option->names().first(), &error);
            if (!*into) {
                std::fprintf(stderr, "error: %s\n", qPrintable(error));
                return 2;
            }
        }
    }
    if (parser.isSet(lesson)) {
        int lessonIndex = 0;
        int lessonStep = 0;
        QString error;
        if (!atlas::ui::resolveLaunchLesson(parser.value(lesson), lessonIndex, lessonStep,
                                            &error)) {
            std::fprintf(stderr, "error: %s\n", qPrintable(error));
            return 2;
        }
    }
    double textScaleValue = 1.0;
    if (parser.isSet(textScale)) {
        bool ok = false;
        textScaleValue = parser.value(textScale).toDouble(&ok);
        if (!ok || !(textScaleValue > 0)) {
            std::fprintf(stderr, "error: --text-scale expects a number above 0, got '%s'\n",
                         qPrintable(parser.value(textScale)));
            return 2;
        }
    }
    helpLanguage.reset();

    const bool taking = parser.isSet(screenshot);
    QTemporaryDir scratch;  // screenshots use throwaway settings
    atlas::ui::MainWindowOptions options;
    options.model = parser.value(model);
    options.text = parser.value(text);
    options.language = parser.value(language);
    if (taking) {
        options.settingsFile = scratch.filePath(QStringLiteral("settings.ini"));
        options.restoreSettings = false;
    }
    atlas::ui::MainWindow window(options);
    if (parser.isSet(textScale)) {
        window.textSize()->setScale(textScaleValue);  // clamped to the menu's range
    }
    window.analysisModes()->setNormBased(parser.isSet(norm));
    window.analysisModes()->setFlowShown(parser.isSet(flow));
    window.analysisModes()->setSinkHidden(parser.isSet(hideSink));
    window.analysisModes()->setWordsShown(parser.isSet(words));
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(QLatin1Char('x'));
        if (parts.size() == 2) {
            window.resize(parts[0].toInt(), parts[1].toInt());
        }
    }
    if (parser.value(view) == QLatin1String("lines")) {
        window.showLineView(true);
    } else if (parser.value(view) == QLatin1String("roles")) {
        window.showRolesView();
    } else if (parser.value(view) == QLatin1String("pair")) {
        window.showTokenPairView();
    } else if (parser.value(view) == QLatin1String("steps")) {
        window.walkthrough()->showWalkthrough();
    } else if (parser.value(view) == QLatin1String("distance")) {
        window.distanceProfile()->showDistanceProfile();
    } else if (attributionPage(window, parser.value(view)) != nullptr) {
        atlas::ui::ViewTabs::bringToFront(attributionPage(window, parser.value(view)));
    } else if (parser.isSet(view)) {
        window.showLineView(false);
    }
    window.show();

    // The screenshot callbacks run inside app.exec(), after the block that connects them: what
    // they read must live as long as main().
    const QString file = parser.value(screenshot);
    int layer = 0;
    int column = 0;
    const bool focused = parsePair(parser.value(focus), layer, column);
    if (focused) {
        launch.layer = layer;
        launch.column = column;
    }
    if (parser.isSet(lesson) && !taking) {
        launch.lesson = parser.value(lesson);
    }
    const int hovered = parser.isSet(hover) ? parser.value(hover).toInt() : -1;
    if (taking) {
        auto take = [&]() {
            atlas::ui::applyLaunchRequest(window, launch);
            for (const QString& column :
                 parser.value(lineHeads).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                window.selection().toggleLineColumn(column.toInt());
            }
            if (hovered >= 0) {
                window.selection().setHoveredToken(hovered);
            }
            applyBigModelOptions(window, parser.value(gridZoom), parser.value(collapse),
                                 parser.value(headRange));
            if (parser.isSet(role)) {
                window.rolesPanel()->chooseMeasure(parser.value(role));
            }
            int pairQuery = 0;
            int pairKey = 0;
            if (parsePair(parser.value(tokenPair), pairQuery, pairKey)) {
                window.tokenPairPanel()->choosePair(pairQuery, pairKey);
            }
            // Let queued replots and layouts settle before grabbing.
            auto grabAfterSettling = [&](QWidget* target) {
                QTimer::singleShot(400, &window, [&, target]() {
                    waitForGridThumbnails(window);
                    const bool saved = target->grab().save(file);
                    std::fprintf(saved ? stdout : stderr, "%s %s\n",
                                 saved ? "saved" : "error: cannot write", qPrintable(file));
                    QApplication::exit(saved ? 0 : 1);
                });
            };
            const QString shown = parser.value(view);
            atlas::ui::AnalysisScreenshot analysis;
            analysis.view = shown;
            for (const QString& pair :
                 parser.value(ablate).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                int head_layer = 0;
                int head = 0;
                if (parsePair(pair, head_layer, head)) {
                    analysis.ablatedHeads.push_back({head_layer, head});
                }
            }
            analysis.differenceText = parser.value(differenceText);
            analysis.snapshotsDifference = parser.isSet(differenceSnapshots);
            analysis.generateTokens = parser.value(generateTokens).toInt();
            analysis.generationStep =
                parser.isSet(generationStep) ? parser.value(generationStep).toInt() : -1;
            if (!analysis.ablatedHeads.empty() || !analysis.differenceText.isEmpty() ||
                analysis.snapshotsDifference || analysis.generateTokens > 0 ||
                shown == QLatin1String("ablation") || shown == QLatin1String("difference") ||
                shown == QLatin1String("generation")) {
                QObject::connect(
                    window.analysisModes(), &atlas::ui::AnalysisModes::screenshotReady, &window,
                    [grabAfterSettling, &window]() { grabAfterSettling(&window); },
                    Qt::SingleShotConnection);
                window.analysisModes()->prepareScreenshot(analysis);
            } else if (shown == QLatin1String("predictions") || shown == QLatin1String("compare") ||
                       shown == QLatin1String("timeline") || parser.isSet(lesson)) {
                atlas::ui::ClassroomScreenshot request;
                request.view = parser.isSet(lesson) ? QStringLiteral("lesson") : shown;
                if (parser.isSet(lesson)) {
                    atlas::ui::resolveLaunchLesson(parser.value(lesson), request.lesson,
                                                   request.step, nullptr);
                }
                request.compareText = parser.value(compareText);
                request.point =
                    parser.isSet(trainingSnapshot) ? parser.value(trainingSnapshot).toInt() : -1;
                request.token = parser.isSet(maskToken) ? parser.value(maskToken).toInt() : -1;
                QObject::connect(window.classroom(), &atlas::ui::ClassroomViews::screenshotReady,
                                 &window, grabAfterSettling, Qt::SingleShotConnection);
                window.classroom()->prepareScreenshot(request);
            } else if (parser.isSet(trainPreset)) {
                // The training window mid-run: the preset trains in a scratch folder for the
                // given time, with the grid refreshed every 3 seconds, then the window is taken.
                atlas::ui::TrainingWindow* training = window.openTrainingWindow();
                if (training == nullptr) {
                    QApplication::exit(1);
                    return;
                }
                training->settings()->setChoice(parser.value(trainPreset));
                training->settings()->outputEdit()->setText(
                    scratch.filePath(QStringLiteral("run")));
                training->refreshSecondsBox()->setValue(3);
                if (parser.isSet(size)) {
                    training->resize(window.size());
                }
                training->startTraining();
                const int seconds =
                    parser.isSet(trainSeconds) ? parser.value(trainSeconds).toInt() : 60;
                QTimer::singleShot(seconds * 1000, &window, [&, training]() {
                    QTimer::singleShot(300, training, [&, training]() {
                        const bool saved = training->grab().save(file);
                        std::fprintf(saved ? stdout : stderr, "%s %s\n",
                                     saved ? "saved" : "error: cannot write", qPrintable(file));
                        training->stopTraining();
                        QApplication::exit(saved ? 0 : 1);
                    });
                });
            } else if (parser.isSet(treebank)) {
                atlas::ui::DistanceProfileHooks* distance = window.distanceProfile();
                QObject::connect(
                    distance, &atlas::ui::DistanceProfileHooks::treebankEnded, &window,
                    [grabAfterSettling, &window]() { grabAfterSettling(&window); },
                    Qt::SingleShotConnection);
                distance->showTreebank(parser.value(treebank));
            } else if (attributionPage(window, shown) != nullptr) {
                auto* hooks = window.findChild<atlas::ui::AttributionHooks*>();
                QObject::connect(
                    hooks, &atlas::ui::AttributionHooks::computed, &window,
                    [grabAfterSettling, &window]() { grabAfterSettling(&window); },
                    Qt::SingleShotConnection);
                hooks->refresh();
            } else if (parser.isSet(present) || shown == QLatin1String("steps")) {
                atlas::ui::WalkthroughHooks* walkthrough = window.walkthrough();
                walkthrough->view()->setStep(parser.value(step).toInt() - 1);
                if (parser.isSet(present)) {
                    walkthrough->enterPresentation();
                    grabAfterSettling(walkthrough->presentation());
                } else {
                    grabAfterSettling(&window);
                }
            } else {
                grabAfterSettling(&window);
            }
        };
        QObject::connect(&window, &atlas::ui::MainWindow::snapshotShown, &window, take,
                         Qt::SingleShotConnection);
        // An error (or a note such as "type a sentence") with nothing to show is worth a
        // screenshot too: it shows how the app reports it. The exit code says no map was drawn.
        auto takeWithoutSnapshot = [&]() {
            QTimer::singleShot(600, &window, [&]() {
                if (!window.snapshot()) {
                    window.grab().save(file);
                    std::fprintf(stderr, "error shown, saved %s\n", qPrintable(file));
                    QApplication::exit(1);
                }
            });
        };
        QObject::connect(&window, &atlas::ui::MainWindow::errorShown, &window, takeWithoutSnapshot);
        QObject::connect(&window, &atlas::ui::MainWindow::warningShown, &window,
                         takeWithoutSnapshot);
    }
    if (!taking && (launch.layer || launch.column || !launch.lesson.isEmpty())) {
        QObject::connect(
            &window, &atlas::ui::MainWindow::snapshotShown, &window,
            [&window, &launch]() { atlas::ui::applyLaunchRequest(window, launch); },
            Qt::SingleShotConnection);
    }
    if (parser.isSet(present) && !taking) {
        QObject::connect(
            &window, &atlas::ui::MainWindow::snapshotShown, &window,
            [&window]() { window.walkthrough()->enterPresentation(); }, Qt::SingleShotConnection);
    }
    return app.exec();
}

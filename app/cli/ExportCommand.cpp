// attention-atlas-cli export: the window's figures, headless. Runs the model, then paints the
// focused head, a layer, the grid or the token lines through atlas_ui's ExportRenderer, the same
// code the window exports with, on Qt's offscreen platform when there is no display.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>

#include "CliArguments.h"
#include "Commands.h"
#include "Error.h"
#include "HeadList.h"

#ifdef ATLAS_HAVE_UI
#include <QApplication>
#include <QByteArray>
#include <QFileInfo>

#include "AttentionSnapshot.h"
#include "analysis/Conllu.h"
#include "analysis/TreebankDistance.h"
#include "common/ColorMaps.h"
#include "export/ExportRenderer.h"
#include "head/DistanceProfileView.h"
#include "head/TreebankDistanceRunner.h"
#include "model/BuiltinModels.h"
#include "model/HeadWalkthrough.h"
#include "model/Model.h"
#include "shell/InterfaceLanguage.h"
#include "walkthrough/TokenSelection.h"
#include "walkthrough/WalkthroughExport.h"
#endif

namespace atlas::cli {

namespace {

const char* kExportUsage =
    "usage: attention-atlas-cli export --model M --text T\n"
    "                                  --view head|layer|grid|lines|steps|distance\n"
    "                                  --out FILE.png|FILE.svg|FILE.pdf [options]\n"
    "\n"
    "  --layer L        the layer to show (head, layer, lines views; default 0)\n"
    "  --head H         the head to show (head view default 0; lines view default: every\n"
    "                   head of the layer, each in its colour)\n"
    "  --aggregate A    none|mean|rollout|flow|norm: show the layer's mean, the rollout or the\n"
    "                   flow through layers 0..L instead of a head, or norm-based attention\n"
    "                   (Kobayashi et al. 2020) for every head. Grid and layer views add the\n"
    "                   aggregate as an extra column; without --aggregate they show the mean\n"
    "                   and rollout columns as the window does, with 'none' the heads only.\n"
    "  --colormap C     viridis|cividis|magma|gray (default viridis)\n"
    "  --width PX       width of a PNG in pixels (default 1600; 1920 with --preset slide;\n"
    "                   SVG and PDF are vector)\n"
    "  --preset slide   every image a 16:9 slide (1920 x 1080 px, or --width wide at 16:9),\n"
    "                   the figure scaled to fill it, type sized for a projector\n"
    "  --language LANG  en|zh_CN: titles, axis labels and captions in that language, as the\n"
    "                   window shows them (default en)\n"
    "  --ablate L:H,..  switch these heads off (zero their outputs); later layers show it\n"
    "  --drop-sink      hide the first token (attention sink) as `run --drop-sink` does: key\n"
    "                   column 0 becomes 0 and each row is renormalised over the other keys\n"
    "  --words          rows and columns are words, not tokens: attention to a word is the sum\n"
    "                   over its tokens, from a word the mean (the byte pieces of one character\n"
    "                   are always joined)\n"
    "\n"
    "--view distance plots the mean attention of head H of layer L (or, with --aggregate\n"
    "mean, of the layer's mean) against the relative distance i - j over the text, and for a\n"
    "rotary model the frequency bands of the head beside it, as the window's Distance tab;\n"
    "FILE.csv writes its numbers instead.\n"
    "  --treebank FILE  plot the head's profile pooled over every sentence of a CoNLL-U\n"
    "                   treebank (as `analyze --format distance` measures it), the text's as a\n"
    "                   lighter line, as the tab does over a treebank\n"
    "\n"
    "--view steps works head H of layer L through on the sentence, step by step with the\n"
    "actual numbers: FILE.png or FILE.svg give FILE-01.png, FILE-02.png, ... (one per step,\n"
    "all the same size), FILE.pdf one page per step.\n"
    "  --rows LIST      the query tokens shown as rows: 8, 0-12 or 1,3,5-8 (token indices)\n"
    "  --columns LIST   the key tokens shown as columns, written the same way\n"
    "                   (default: the first 12 tokens for both)\n"
    "\n"
    "The figure has a title, token labels and a colour scale. Layers and heads count from 0.\n";

#ifdef ATLAS_HAVE_UI

// Qt's own warnings (fonts, runtime folders) would break the one-line error contract.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtFatalMsg || std::getenv("ATLAS_QT_DEBUG") != nullptr) {
        std::cerr << message.toStdString() << "\n";
    }
}

int columnOf(const ui::AttentionSnapshot& snapshot, ui::ColumnKind kind, int head) {
    for (int c = 0; c < snapshot.columnCount(); ++c) {
        const ui::GridColumn& column = snapshot.columns[c];
        if (column.kind == kind && (kind != ui::ColumnKind::Head || column.head == head)) {
            return c;
        }
    }
    return -1;
}

struct StepsRequest {
    std::string rows;  // --rows, --columns as typed
    std::string columns;
    bool slide = false;
};

// The walkthrough of one head: a PNG or SVG per step, or a PDF with a page per step.
int exportSteps(const Model& model, const std::string& modelName, const std::string& text,
                int layer, int head, int width, const std::string& out,
                const StepsRequest& request) {
    const ModelConfig& config = model.config();
    if (layer >= config.n_layer) {
        std::cerr << "error: --layer " << layer << " is out of range: " << modelName
                  << " has layers 0-" << config.n_layer - 1 << "\n";
        return 1;
    }
    if (head >= config.n_head) {
        std::cerr << "error: --head " << head << " is out of range: " << modelName
                  << " has heads 0-" << config.n_head - 1 << "\n";
        return 1;
    }
    const HeadWalkthrough walk = headWalkthrough(model, text, layer, head);
    ui::WalkthroughFigureOptions options =
        request.slide ? ui::projectorFigureOptions() : ui::slideFigureOptions();
    // The same words as the window's walkthrough header, in the chosen language.
    options.header =
        QCoreApplication::translate("atlas::ui::WalkthroughView", "%1 · Layer %2 · Head %3")
            .arg(QFileInfo(QString::fromStdString(modelName)).fileName())
            .arg(layer)
            .arg(head);
    for (const auto& [option, typed, into] :
         {std::tuple{QStringLiteral("--rows"), &request.rows, &options.queryTokens},
          std::tuple{QStringLiteral("--columns"), &request.columns, &options.keyTokens}}) {
        QString error;
        const auto indices = ui::parseTokenIndices(QString::fromStdString(*typed),
                                                   walk.tokenCount(), option, &error);
        if (!indices) {
            std::cerr << "error: " << error.toStdString() << "\n";
            return 1;
        }
        *into = *indices;
    }
    const ui::WalkthroughExportResult result = ui::exportWalkthrough(
        walk, options, QString::fromStdString(out), width,
        request.slide ? ui::WalkthroughPage::Slide : ui::WalkthroughPage::Natural);
    if (!result.ok) {
        std::cerr << "error: " << result.error.toStdString() << "\n";
        return 1;
    }
    for (const QString& file : result.files) {
        std::cout << "wrote " << file.toStdString() << "\n";
    }
    return 0;
}

#endif

}  // namespace

int exportCommand(const std::vector<std::string>& arguments) {
    const CliArguments args(
        arguments,
        {"model", "text", "view", "layer", "head", "aggregate", "colormap", "width", "out",
         "ablate", "rows", "columns", "preset", "language", "treebank"},
        {"help", "drop-sink", "words"});
    if (args.has("help")) {
        std::cout << kExportUsage;
        return 0;
    }
    const std::string modelName = args.value("model");
    const std::string text = args.value("text");
    const std::string viewName = args.choice(
        "view", {"head", "layer", "grid", "lines", "steps", "distance"}, args.value("view"));
    const std::string out = args.value("out");
    const int layer = args.intValue("layer", 0);
    const bool headGiven = args.has("head");
    const int head = args.intValue("head", 0);
    const std::string aggregate =
        args.choice("aggregate", {"none", "mean", "rollout", "flow", "norm"}, "none");
    const bool aggregateGiven = args.has("aggregate");
    const std::string colormapName =
        args.choice("colormap", {"viridis", "cividis", "magma", "gray"}, "viridis");
    const bool slide = args.choice("preset", {"slide", "none"}, "none") == "slide";
    const std::string language = args.choice("language", {"en", "zh_CN"}, "en");
    const int width = args.intValue("width", slide ? 1920 : 1600);
    if ((args.has("rows") || args.has("columns")) && viewName != "steps") {
        throw UsageError("options --rows and --columns choose the tokens of --view steps");
    }
    // Malformed lists are usage errors; lists past the text's end are found after encoding.
    for (const char* option : {"rows", "columns"}) {
        if (args.has(option)) {
            const std::string typed = args.value(option);
            if (typed.empty()) {
                throw UsageError(std::string("option --") + option + " needs a token list");
            }
        }
    }
    if (args.has("treebank") && viewName != "distance") {
        throw UsageError("option --treebank goes with --view distance");
    }
    if (args.has("treebank") && args.value("treebank").empty()) {
        throw UsageError("option --treebank needs a CoNLL-U file");
    }
    if (width < 16 || width > 20000) {
        throw UsageError("option --width must be between 16 and 20000 pixels, got " +
                         std::to_string(width));
    }
    if (layer < 0) {
        throw UsageError("option --layer must be 0 or more, got " + std::to_string(layer));
    }
    if (head < 0) {
        throw UsageError("option --head must be 0 or more, got " + std::to_string(head));
    }

#ifndef ATLAS_HAVE_UI
    (void)headGiven;
    (void)aggregateGiven;
    (void)language;
    std::cerr << "error: this build has no user interface library, so it cannot export figures\n";
    return 1;
#else
    const QString outPath = QString::fromStdString(out);
    const auto format = ui::exportFormatFromPath(outPath);
    const bool csvAllowed = viewName == "distance";
    if (!format || (*format == ui::ExportFormat::Csv && !csvAllowed) ||
        *format == ui::ExportFormat::Json) {
        throw UsageError(std::string("option --out must name a .png, .svg") +
                         (csvAllowed ? ", .pdf or .csv" : " or .pdf") + " file, got '" + out + "'");
    }
    if (viewName == "distance" && (aggregate == "rollout" || aggregate == "flow")) {
        throw UsageError("--view distance shows a head, or the layer's mean with --aggregate mean");
    }

    // Headless: without a display, Qt's offscreen platform paints just as well.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    qInstallMessageHandler(quietQtMessages);
    int qtArgc = 1;
    char qtName[] = "attention-atlas-cli";
    char* qtArgv[] = {qtName, nullptr};
    QApplication application(qtArgc, qtArgv);
    ui::Translators translators;
    if (!translators.use(QString::fromStdString(language))) {
        std::cerr << "error: --language " << language << ": its translation cannot be loaded\n";
        return 1;
    }
    StepsRequest steps;
    steps.slide = slide;
    steps.rows = args.valueOr("rows", "");
    steps.columns = args.valueOr("columns", "");
    for (const auto& [option, typed] :
         {std::pair{"--rows", steps.rows}, std::pair{"--columns", steps.columns}}) {
        QString error;
        if (!ui::parseTokenIndices(QString::fromStdString(typed), -1, QString::fromUtf8(option),
                                   &error)) {
            throw UsageError(error.toStdString());
        }
    }

    const std::vector<HeadIndex> ablated = args.has("ablate")
                                               ? parseHeadList(args.value("ablate"), "ablate")
                                               : std::vector<HeadIndex>{};
    const std::shared_ptr<const Model> model = Model::load(resolveModelFolder(modelName));
    checkHeadsInModel(ablated, model->config(), modelName, "ablate");
    if (viewName == "steps") {
        return exportSteps(*model, modelName, text, layer, head, width, out, steps);
    }

    ui::SnapshotOptions options;
    const bool extraColumns = viewName == "grid" || viewName == "layer";
    options.mean = aggregate == "mean" || (extraColumns && !aggregateGiven);
    options.rollout = aggregate == "rollout" || (extraColumns && !aggregateGiven);
    options.flow = aggregate == "flow";
    options.norm = aggregate == "norm";
    options.ablatedHeads = ablated;
    options.hideSink = args.has("drop-sink");
    // As in the window: the byte pieces of a character are one row and column, and --words
    // shows words.
    options.units = args.has("words") ? UnitLevel::Words : UnitLevel::Characters;
    const auto snapshot = ui::computeSnapshot(*model, QString::fromStdString(text), options);
    // Name the model as the user did: "gpt", or the folder's name.
    auto named = std::make_shared<ui::AttentionSnapshot>(*snapshot);
    named->modelName = QFileInfo(QString::fromStdString(modelName)).fileName();

    ui::ExportRequest request;
    request.view = *ui::exportViewFromName(QString::fromStdString(viewName));
    request.layer = layer;
    request.colorMap = *ui::colorMapFromName(QString::fromStdString(colormapName));
    request.widthPixels = width;
    request.slide = slide;
    request.path = outPath;
    if (viewName != "grid" && layer >= named->layerCount()) {
        std::cerr << "error: --layer " << layer << " is out of range: " << modelName
                  << " has layers 0-" << named->layerCount() - 1 << "\n";
        return 1;
    }
    if (headGiven && head >= named->headCount()) {
        std::cerr << "error: --head " << head << " is out of range: " << modelName
                  << " has heads 0-" << named->headCount() - 1 << "\n";
        return 1;
    }
    ui::ColumnKind kind = ui::ColumnKind::Head;
    if (aggregate == "mean")
        kind = ui::ColumnKind::LayerMean;
    if (aggregate == "rollout")
        kind = ui::ColumnKind::Rollout;
    if (aggregate == "flow")
        kind = ui::ColumnKind::Flow;
    if (kind == ui::ColumnKind::Rollout && named->rolloutLeftOut) {
        std::cerr << "error: --aggregate rollout: the text has " << named->tokenLevel().tokenCount()
                  << " tokens, too long for the rollout (its maps are made on demand)\n";
        return 1;
    }
    request.column = std::max(0, columnOf(*named, kind, head));
    if (viewName == "distance") {
        ui::DistanceProfileView view;
        view.setModel(model);
        view.setSnapshot(named);
        view.setFocusedMap(layer, request.column);
        if (args.has("treebank")) {
            const std::string treebank = args.value("treebank");
            auto measured = std::make_shared<ui::TreebankDistance>();
            measured->model = model;
            measured->path = QString::fromStdString(treebank);
            measured->profiles = treebankDistanceProfiles(*model, readConllu(treebank));
            view.showTreebank(measured);
        }
        while (view.bandsPending()) {  // a rotary model's bands run in the background
            QApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        const QString error = view.saveTo(outPath, width);
        if (!error.isEmpty()) {
            std::cerr << "error: " << error.toStdString() << "\n";
            return 1;
        }
        std::cout << "wrote " << out << "\n";
        return 0;
    }
    if (request.view == ui::ExportView::Lines) {
        if (kind == ui::ColumnKind::Head && !headGiven) {
            for (int h = 0; h < named->headCount(); ++h) {
                request.lineColumns.push_back(columnOf(*named, ui::ColumnKind::Head, h));
            }
        } else {
            request.lineColumns = {request.column};
        }
    }
    const ui::ExportResult result = ui::exportToFile(*named, request);
    if (!result.ok) {
        std::cerr << "error: " << result.error.toStdString() << "\n";
        return 1;
    }
    if (*format == ui::ExportFormat::Png) {
        std::cout << "wrote " << out << " (" << result.pixelSize.width() << " x "
                  << result.pixelSize.height() << " px)\n";
    } else {
        std::cout << "wrote " << out << "\n";
    }
    return 0;
#endif
}

}  // namespace atlas::cli

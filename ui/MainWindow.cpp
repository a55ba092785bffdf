// The main window: builds the widgets, wires selection, worker and views, keeps the settings.
#include "MainWindow.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "AblationPanel.h"
#include "AnalysisModes.h"
#include "ClassroomViews.h"
#include "DifferencePanel.h"
#include "Error.h"
#include "Examples.h"
#include "GenerationPanel.h"
#include "HeadGridView.h"
#include "HeadHeatmapView.h"
#include "HeadRolesPanel.h"
#include "LoadProgressStrip.h"
#include "ModelDropHandler.h"
#include "ScriptShare.h"
#include "TokenChipsView.h"
#include "TokenLinesView.h"
#include "TokenPairPanel.h"
#include "TreebankAnalysisRunner.h"
#include "WalkthroughHooks.h"
#include "analysis/HeadRoles.h"
#include "model/BuiltinModels.h"

// The icon lives in atlas_ui's resources; a static library must register them explicitly, and
// Q_INIT_RESOURCE only works outside a namespace.
static void initAtlasUiResources() {
    Q_INIT_RESOURCE(atlas_ui);
}

namespace atlas::ui {

namespace {

constexpr int kDebounceMilliseconds = 120;
constexpr int kRecentModels = 6;
const QString kOpenModelItem = QStringLiteral("\x01open");

bool isBuiltinName(const QString& nameOrPath) {
    return nameOrPath == QLatin1String("gpt") || nameOrPath == QLatin1String("bert");
}

QString displayNameOf(const QString& nameOrPath) {
    return isBuiltinName(nameOrPath) ? nameOrPath : QFileInfo(nameOrPath).fileName();
}

}  // namespace

MainWindow::MainWindow(const MainWindowOptions& options, QWidget* parent) : QMainWindow(parent) {
    if (!options.settingsFile.isEmpty()) {
        settings_ = std::make_unique<QSettings>(options.settingsFile, QSettings::IniFormat);
    } else {
        settings_ = std::make_unique<QSettings>();
    }
    // The language first, so the widgets are built speaking it.
    languageChoice_ =
        !options.language.isEmpty()
            ? options.language
            : (options.restoreSettings ? settings_->value("language").toString() : QString());
    if (!isInterfaceLanguage(languageChoice_)) {
        languageChoice_.clear();  // "system", or a code this build does not ship
    }
    translators_.use(resolveLanguage(languageChoice_));
    initAtlasUiResources();
    setWindowTitle(tr("Attention Atlas"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/attention-atlas.svg")));
    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMilliseconds);

    buildWidgets();
    buildMenus();
    buildLanguageMenu();

    connect(&debounce_, &QTimer::timeout, this, &MainWindow::onDebounceTimeout);
    connect(&worker_, &AttentionWorker::snapshotReady, this, &MainWindow::onSnapshotReady);
    connect(&worker_, &AttentionWorker::computeFailed, this, &MainWindow::onComputeFailed);
    connect(analysisModes_, &AnalysisModes::snapshotOptionsChanged, this, [this]() {
        worker_.setModel(model_, analysisModes_->snapshotOptions());
        debounce_.stop();
        onDebounceTimeout();
    });
    connect(analysisModes_, &AnalysisModes::showSnapshot, this,
            [this](std::shared_ptr<const AttentionSnapshot> shown) { onSnapshotReady(shown, 0); });
    connect(&loader_, &ModelLoader::modelLoaded, this, &MainWindow::onModelLoaded);
    connect(&loader_, &ModelLoader::loadFailed, this, &MainWindow::onModelLoadFailed);
    connect(&loader_, &ModelLoader::loadCancelled, this, &MainWindow::onModelLoadCancelled);
    connect(&loader_, &ModelLoader::progressChanged, loadProgress_,
            [this](double fraction) { loadProgress_->setFraction(fraction); });
    connect(loadProgress_, &LoadProgressStrip::cancelRequested, &loader_, &ModelLoader::cancel);
    auto* drops = new ModelDropHandler(this);
    drops->watch(sentence_);
    connect(drops, &ModelDropHandler::modelDropped, this, &MainWindow::openModel);
    connect(drops, &ModelDropHandler::dropRejected, this, [this](const QString& message) {
        showError(tr("The dropped item is not a model this app can open: %1").arg(message));
    });
    connect(&selection_, &AttentionSelection::currentChanged, this, &MainWindow::onCurrentChanged);
    connect(&selection_, &AttentionSelection::hoveredTokenChanged, this,
            &MainWindow::onHoveredTokenChanged);
    connect(&selection_, &AttentionSelection::lineColumnsChanged, this,
            &MainWindow::onLineColumnsChanged);

    restoreState(options);
    if (options.loadModel) {
        openModel(modelNameOrPath_);
    }
}

MainWindow::~MainWindow() = default;

// ---------------------------------------------------------------------------------------------
// Widgets and menus

void MainWindow::buildWidgets() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(6);

    auto* top = new QHBoxLayout;
    modelPicker_ = new QComboBox(central);
    modelPicker_->setMinimumContentsLength(10);
    modelPicker_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    modelPicker_->setToolTip(tr("The model that reads the sentence"));
    sentence_ = new QLineEdit(central);
    sentence_->setPlaceholderText(tr("Type a sentence…"));
    sentence_->setClearButtonEnabled(true);
    // Qt's default of 32,767 characters would cut a long paste silently; this limit is said.
    sentence_->setMaxLength(kSentenceMaxCharacters);
    QFont sentenceFont = sentence_->font();
    sentenceFont.setPointSizeF(sentenceFont.pointSizeF() * 1.25);
    sentence_->setFont(sentenceFont);
    colorMapBox_ = new QComboBox(central);
    for (ColorMapKind kind : allColorMaps()) {
        colorMapBox_->addItem(colorMapTitle(kind), int(kind));
    }
    colorMapBox_->setToolTip(tr("Colour map"));
    scaleBox_ = new QComboBox(central);
    scaleBox_->addItem(tr("Shared scale"), int(ScaleMode::Shared));
    scaleBox_->addItem(tr("Per-head scale"), int(ScaleMode::PerHead));
    scaleBox_->setToolTip(tr("One colour scale for every map, or each map to its own maximum"));
    auto* modelLabel = new QLabel(tr("&Model:"), central);
    modelLabel->setBuddy(modelPicker_);
    top->addWidget(modelLabel);
    top->addWidget(modelPicker_);
    top->addWidget(sentence_, 1);
    top->addWidget(colorMapBox_);
    top->addWidget(scaleBox_);
    analysisModes_ = new AnalysisModes(central);
    top->addWidget(analysisModes_->viewModeBox());
    top->addWidget(analysisModes_->flowBox());
    layout->addLayout(top);

    chips_ = new TokenChipsView(central);
    layout->addWidget(chips_);

    message_ = new QLabel(central);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_->hide();
    layout->addWidget(message_);

    splitter_ = new QSplitter(Qt::Horizontal, central);
    gridScroll_ = new QScrollArea(splitter_);
    gridScroll_->setWidgetResizable(true);
    gridScroll_->setFrameShape(QFrame::StyledPanel);
    grid_ = new HeadGridView;
    gridScroll_->setWidget(grid_);
    tabs_ = new QTabWidget(splitter_);
    heatmap_ = new HeadHeatmapView;
    tabs_->addTab(heatmap_, tr("Focused head"));
    linesScroll_ = new QScrollArea;
    linesScroll_->setWidgetResizable(true);
    linesScroll_->setFrameShape(QFrame::NoFrame);
    lines_ = new TokenLinesView;
    linesScroll_->setWidget(lines_);
    tabs_->addTab(linesScroll_, tr("Token lines"));
    roles_ = new HeadRolesPanel;
    tabs_->addTab(roles_, tr("Head roles"));
    tokenPair_ = new TokenPairPanel;
    tabs_->addTab(tokenPair_, tr("Token pair"));
    tabs_->addTab(analysisModes_->ablationPanel(), tr("Ablation"));
    tabs_->addTab(analysisModes_->differencePanel(), tr("Difference"));
    tabs_->addTab(analysisModes_->generationPanel(), tr("Generation"));
    // An explicit minimum: otherwise the tabs take the largest page's minimum size hint, and a
    // page listing every token of a long sentence would make the window taller than the screen.
    tabs_->setMinimumSize(320, 240);
    splitter_->addWidget(gridScroll_);
    splitter_->addWidget(tabs_);
    splitter_->setStretchFactor(0, 5);
    splitter_->setStretchFactor(1, 4);
    layout->addWidget(splitter_, 1);
    classroom_ = new ClassroomViews(this, tabs_);
    layout->insertWidget(layout->indexOf(splitter_), classroom_->lessonBar());
    walkthrough_ = new WalkthroughHooks(this, tabs_);
    top->addWidget(walkthrough_->presentButton());
    setCentralWidget(central);

    modelLabel_ = new QLabel(this);
    tokensLabel_ = new QLabel(this);
    focusLabel_ = new QLabel(this);
    for (QLabel* label : {focusLabel_, tokensLabel_, modelLabel_}) {
        label->setContentsMargins(10, 0, 10, 0);
    }
    statusBar()->setStyleSheet(QStringLiteral("QStatusBar::item { border: none; }"));
    loadProgress_ = new LoadProgressStrip(this);
    statusBar()->addPermanentWidget(loadProgress_);
    statusBar()->addPermanentWidget(analysisModes_->flowProgress());
    statusBar()->addPermanentWidget(focusLabel_);
    statusBar()->addPermanentWidget(tokensLabel_);
    statusBar()->addPermanentWidget(modelLabel_);

    for (QWidget* view : {static_cast<QWidget*>(grid_), static_cast<QWidget*>(heatmap_),
                          static_cast<QWidget*>(lines_)}) {
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, view](const QPoint& position) { showContextMenu(view, position); });
    }

    connect(sentence_, &QLineEdit::textChanged, this, &MainWindow::onTextEdited);
    connect(modelPicker_, &QComboBox::activated, this, &MainWindow::onModelPicked);
    connect(colorMapBox_, &QComboBox::activated, this, [this](int index) {
        setColorMap(ColorMapKind(colorMapBox_->itemData(index).toInt()));
    });
    connect(scaleBox_, &QComboBox::activated, this,
            [this](int index) { setScaleMode(ScaleMode(scaleBox_->itemData(index).toInt())); });
    connect(grid_, &HeadGridView::headSelected, this,
            [this](int layer, int column) { selection_.setCurrent(layer, column); });
    // Heads come first among the grid columns, so head h is column h.
    connect(roles_, &HeadRolesPanel::headChosen, this,
            [this](int layer, int head) { selection_.setCurrent(layer, head); });
    connect(roles_, &HeadRolesPanel::topHeadsChanged, grid_, &HeadGridView::setHighlightedHeads);
    connect(roles_, &HeadRolesPanel::analyzeRequested, this,
            &MainWindow::onAnalyzeTreebankRequested);
    connect(roles_, &HeadRolesPanel::saveRequested, this, &MainWindow::onSaveHeadRolesRequested);
    connect(tokenPair_, &TokenPairPanel::headChosen, this,
            [this](int layer, int head) { selection_.setCurrent(layer, head); });
    connect(tokenPair_, &TokenPairPanel::topHeadsChanged, grid_,
            &HeadGridView::setHighlightedHeads);

    analysis_ = new TreebankAnalysisRunner(this);
    connect(analysis_, &TreebankAnalysisRunner::progressChanged, this, [this](int done, int all) {
        if (analysisProgress_) {
            analysisProgress_->setMaximum(all);
            analysisProgress_->setValue(done);
            analysisProgress_->setLabelText(tr("Analysing sentence %1 of %2…").arg(done).arg(all));
        }
    });
    connect(analysis_, &TreebankAnalysisRunner::finished, this,
            [this](std::shared_ptr<const HeadRoleTable> table, const QString& path) {
                closeAnalysisProgress();
                if (analysis_->model() != model_.get()) {
                    return;  // the user opened another model meanwhile: this table is not its
                }
                HeadRoleTable shown = *table;
                const int sentences = shown.sentences;
                showHeadRoles(std::move(shown));
                showRolesView();
                statusBar()->showMessage(tr("Head roles measured on %1 (%2 sentences)")
                                             .arg(QFileInfo(path).fileName())
                                             .arg(sentences),
                                         10000);
                emit headRolesAnalyzed(path);
                emit headRolesAnalysisEnded(path);
            });
    connect(
        analysis_, &TreebankAnalysisRunner::failed, this,
        [this](const QString& message, const QString& path) {
            closeAnalysisProgress();
            showError(tr("Could not analyse “%1”: %2").arg(QFileInfo(path).fileName(), message));
            emit headRolesAnalysisEnded(path);
        });
    connect(analysis_, &TreebankAnalysisRunner::cancelled, this, [this](const QString& path) {
        closeAnalysisProgress();
        statusBar()->showMessage(tr("Analysis of %1 cancelled; the head roles shown are unchanged")
                                     .arg(QFileInfo(path).fileName()),
                                 8000);
        emit headRolesAnalysisEnded(path);
    });
    connect(heatmap_, &HeadHeatmapView::cellHovered, this, &MainWindow::onCellHovered);
    connect(heatmap_, &HeadHeatmapView::hoverLeft, this, [this]() {
        hoverSource_ = HoverSource::Heatmap;
        selection_.setHoveredToken(-1);
        hoverSource_ = HoverSource::None;
    });
    connect(chips_, &TokenChipsView::tokenHovered, this, [this](int token) {
        hoverSource_ = HoverSource::Chips;
        selection_.setHoveredToken(token);
        hoverSource_ = HoverSource::None;
    });
    connect(lines_, &TokenLinesView::tokenHovered, this, [this](int token) {
        hoverSource_ = HoverSource::Lines;
        selection_.setHoveredToken(token);
        hoverSource_ = HoverSource::None;
    });
    connect(lines_, &TokenLinesView::lineColumnToggled, &selection_,
            &AttentionSelection::toggleLineColumn);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open model…"), this, &MainWindow::onOpenModelRequested);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction* exportFigure = file->addAction(tr("&Export…"), this, [this]() {
        const bool lines = tabs_->currentWidget() == linesScroll_;
        openExportDialog(grid_->hasFocus()
                             ? ExportDialog::Target::Grid
                             : (lines ? ExportDialog::Target::Lines : ExportDialog::Target::Head));
    });
    exportFigure->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("Export &data (CSV or JSON)…"), this,
                    [this]() { openExportDialog(ExportDialog::Target::Data); });
    file->addSeparator();
    file->addAction(tr("&Analyze head roles on a treebank…"), this,
                    &MainWindow::onAnalyzeTreebankRequested);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* examples = menuBar()->addMenu(tr("E&xamples"));
    for (const ExampleSentence& example : exampleSentences()) {
        QAction* action = examples->addAction(example.title);
        action->setToolTip(example.text);
        const QString text = example.text;
        connect(action, &QAction::triggered, this, [this, text]() { setText(text); });
    }
    examples->setToolTipsVisible(true);
    classroom_->addLessonMenu(examples);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* colours = view->addMenu(tr("&Colour map"));
    colorMapActions_ = new QActionGroup(this);
    for (ColorMapKind kind : allColorMaps()) {
        QAction* action = colours->addAction(colorMapTitle(kind));
        action->setCheckable(true);
        action->setData(int(kind));
        colorMapActions_->addAction(action);
        connect(action, &QAction::triggered, this, [this, kind]() { setColorMap(kind); });
    }
    QMenu* scale = view->addMenu(tr("&Scale"));
    scaleActions_ = new QActionGroup(this);
    for (auto [mode, title] : {std::pair{ScaleMode::Shared, tr("&Shared by all maps")},
                               std::pair{ScaleMode::PerHead, tr("&Per head")}}) {
        QAction* action = scale->addAction(title);
        action->setCheckable(true);
        action->setData(int(mode));
        scaleActions_->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode]() { setScaleMode(mode); });
    }
    view->addSeparator();
    QAction* showHeatmap =
        view->addAction(tr("Focused &head"), this, [this]() { showLineView(false); });
    showHeatmap->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* showLines =
        view->addAction(tr("Token &lines"), this, [this]() { showLineView(true); });
    showLines->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction* showPair =
        view->addAction(tr("Token &pair ranking"), this, &MainWindow::showTokenPairView);
    showPair->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    classroom_->addViewActions(view);
    walkthrough_->addViewActions(view);
    // The grid's own keys (Ctrl +/-/0 while it has focus) and label clicks do the same; the
    // menu makes them discoverable.
    QMenu* gridMenu = view->addMenu(tr("&Grid"));
    gridMenu->addAction(tr("Zoom &in"), this, [this]() { grid_->setZoom(grid_->zoom() * 1.2); });
    gridMenu->addAction(tr("Zoom &out"), this, [this]() { grid_->setZoom(grid_->zoom() / 1.2); });
    gridMenu->addAction(tr("Fit to &width"), this, [this]() { grid_->setZoom(1.0); });
    gridMenu->addSeparator();
    gridMenu->addAction(tr("&Fold all but the focused layer"), this,
                        [this]() { grid_->setAllLayersCollapsed(true); });
    gridMenu->addAction(tr("&Unfold all layers"), this,
                        [this]() { grid_->setAllLayersCollapsed(false); });
    view->addSeparator();
    // Arrows move between heads, PgUp/PgDn between layers. In the sentence box, Left and Right
    // still move the cursor: the line edit claims them before shortcuts are looked up.
    struct Move {
        QString title;
        QList<QKeySequence> keys;
        int layerStep;
        int columnStep;
    };
    const Move moves[] = {
        {tr("Next head"), {QKeySequence(Qt::Key_Right)}, 0, 1},
        {tr("Previous head"), {QKeySequence(Qt::Key_Left)}, 0, -1},
        {tr("Next layer"), {QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::Key_Down)}, 1, 0},
        {tr("Previous layer"), {QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::Key_Up)}, -1, 0},
    };
    for (const Move& move : moves) {
        QAction* action = view->addAction(move.title);
        action->setShortcuts(move.keys);
        const int layerStep = move.layerStep;
        const int columnStep = move.columnStep;
        connect(action, &QAction::triggered, this,
                [this, layerStep, columnStep]() { selection_.moveBy(layerStep, columnStep); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Attention Atlas"), this, [this]() {
        QMessageBox::about(
            this, tr("About Attention Atlas"),
            tr("<p><b>Attention Atlas</b></p><p>Type a sentence and see every attention head "
               "of a small Transformer: the grid of all heads, one head in detail, and the "
               "token lines.</p><p>Rows are queries (the token attending), columns are keys "
               "(the token attended to). Rollout follows Abnar and Zuidema (2020).</p>"));
    });
}

// ---------------------------------------------------------------------------------------------
// Settings

void MainWindow::restoreState(const MainWindowOptions& options) {
    QSettings& settings = *settings_;
    const bool restore = options.restoreSettings;
    modelNameOrPath_ = options.model.isEmpty()
                           ? (restore ? settings.value("model", "gpt").toString() : "gpt")
                           : options.model;
    const QString text =
        options.text.isEmpty()
            ? (restore ? settings.value("text", defaultSentence()).toString() : defaultSentence())
            : options.text;
    if (restore) {
        colorMap_ = colorMapFromName(settings.value("colorMap", "viridis").toString())
                        .value_or(ColorMapKind::Viridis);
        scaleMode_ = settings.value("scaleMode", "shared").toString() == QLatin1String("perHead")
                         ? ScaleMode::PerHead
                         : ScaleMode::Shared;
        lastExportFolder_ = settings.value("exportFolder").toString();
        lastExportWidth_ = settings.value("exportWidth", 2000).toInt();
        if (!restoreGeometry(settings.value("geometry").toByteArray())) {
            resize(1360, 860);
        }
        splitter_->restoreState(settings.value("splitter").toByteArray());
        tabs_->setCurrentIndex(settings.value("tab", 0).toInt());
        selection_.setBounds(1000, 1000);  // the real bounds arrive with the first result
        selection_.setCurrent(settings.value("layer", 0).toInt(),
                              settings.value("column", 0).toInt());
    } else {
        resize(1360, 860);
    }
    setColorMap(colorMap_);
    setScaleMode(scaleMode_);
    {
        const QSignalBlocker blocker(sentence_);
        sentence_->setText(text);
    }
    rebuildModelPicker();
}

void MainWindow::saveState() {
    QSettings& settings = *settings_;
    settings.setValue("model", modelNameOrPath_);
    settings.setValue("text", sentence_->text());
    settings.setValue("colorMap", colorMapName(colorMap_));
    settings.setValue("scaleMode", scaleMode_ == ScaleMode::PerHead ? "perHead" : "shared");
    settings.setValue("geometry", saveGeometry());
    settings.setValue("splitter", splitter_->saveState());
    settings.setValue("tab", tabs_->currentIndex());
    settings.setValue("layer", selection_.currentLayer());
    settings.setValue("column", selection_.currentColumn());
    settings.setValue("exportFolder", lastExportFolder_);
    settings.setValue("exportWidth", lastExportWidth_);
    settings.sync();
}

void MainWindow::showSnapshotNotes() {
    QStringList notes;
    if (snapshot_ && snapshot_->truncated) {
        notes << tr("The text is longer than the model reads: only the first %1 of %2 tokens "
                    "are shown.")
                     .arg(snapshot_->tokenCount())
                     .arg(snapshot_->fullTokenCount);
    }
    if (snapshot_ && snapshot_->text.size() >= kSentenceMaxCharacters) {
        notes << tr("The sentence box holds at most %L1 characters: the rest of the text was "
                    "left out.")
                     .arg(kSentenceMaxCharacters);
    }
    if (snapshot_ && isBuiltinName(modelNameOrPath_)) {
        const QString note = builtinModelScriptNote(snapshot_->text);
        if (!note.isEmpty()) {
            notes << note;
        }
    }
    if (notes.isEmpty()) {
        clearMessage();
    } else {
        showWarning(notes.join(QLatin1Char('\n')));
    }
}

// ---------------------------------------------------------------------------------------------
// Language

void MainWindow::buildLanguageMenu() {
    auto* menu = new QMenu(tr("&Language"), menuBar());
    languageActions_ = new QActionGroup(this);
    auto addChoice = [this, menu](const QString& title, const QString& code) {
        QAction* action = menu->addAction(title);
        action->setCheckable(true);
        action->setChecked(code == languageChoice_);
        action->setData(code);
        languageActions_->addAction(action);
        connect(action, &QAction::triggered, this, [this, code]() { setInterfaceLanguage(code); });
    };
    addChoice(tr("Follow the system"), QString());
    menu->addSeparator();
    for (const InterfaceLanguage& language : interfaceLanguages()) {
        addChoice(language.nativeName, language.code);  // each in its own language
    }
    // Before Help, where menu bars keep it.
    QAction* before = nullptr;
    for (QAction* action : menuBar()->actions()) {
        if (action->text() == tr("&Help")) {
            before = action;
        }
    }
    menuBar()->insertMenu(before, menu);
}

void MainWindow::setInterfaceLanguage(const QString& choice) {
    languageChoice_ = isInterfaceLanguage(choice) ? choice : QString();
    settings_->setValue("language", languageChoice_);
    for (QAction* action : languageActions_->actions()) {
        action->setChecked(action->data().toString() == languageChoice_);
    }
    translators_.use(resolveLanguage(languageChoice_));
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate() {
    // Texts set once (menus, buttons, tabs, tooltips) come back through the remembering
    // translator; the ones built with arguments are built again here.
    translators_.retranslate(this);
    if (model_) {
        setWindowTitle(tr("Attention Atlas — %1").arg(displayNameOf(modelNameOrPath_)));
    }
    if (snapshot_) {
        showSnapshotNotes();
    }
    updateStatus();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveState();
    QMainWindow::closeEvent(event);
}

void MainWindow::rebuildModelPicker() {
    const QSignalBlocker blocker(modelPicker_);
    modelPicker_->clear();
    for (const BuiltinModel& builtin : builtinModels()) {
        const QString name = QString::fromStdString(builtin.name);
        modelPicker_->addItem(name, name);
        modelPicker_->setItemData(modelPicker_->count() - 1,
                                  QString::fromStdString(builtin.description), Qt::ToolTipRole);
    }
    if (modelPicker_->findData(QStringLiteral("gpt")) < 0) {
        modelPicker_->addItem(QStringLiteral("gpt"), QStringLiteral("gpt"));
    }
    if (modelPicker_->findData(QStringLiteral("bert")) < 0) {
        modelPicker_->addItem(QStringLiteral("bert"), QStringLiteral("bert"));
    }
    const QStringList recent = settings_->value("recentModels").toStringList();
    if (!recent.isEmpty()) {
        modelPicker_->insertSeparator(modelPicker_->count());
        for (const QString& folder : recent) {
            modelPicker_->addItem(displayNameOf(folder), folder);
            modelPicker_->setItemData(modelPicker_->count() - 1, folder, Qt::ToolTipRole);
        }
    }
    if (!isBuiltinName(modelNameOrPath_) && modelPicker_->findData(modelNameOrPath_) < 0) {
        modelPicker_->addItem(displayNameOf(modelNameOrPath_), modelNameOrPath_);
    }
    modelPicker_->insertSeparator(modelPicker_->count());
    modelPicker_->addItem(tr("Open model…"), kOpenModelItem);
    modelPicker_->setCurrentIndex(std::max(0, modelPicker_->findData(modelNameOrPath_)));
}

// ---------------------------------------------------------------------------------------------
// Public controls

void MainWindow::setModel(std::shared_ptr<const Model> model, const QString& nameOrPath) {
    onModelLoaded(std::move(model), nameOrPath);
}

void MainWindow::openModel(const QString& nameOrPath) {
    modelLabel_->setText(tr("Loading %1…").arg(displayNameOf(nameOrPath)));
    loadProgress_->start(displayNameOf(nameOrPath));
    loader_.load(nameOrPath);
}

void MainWindow::setText(const QString& text) {
    sentence_->setText(text);
}

QString MainWindow::text() const {
    return sentence_->text();
}

ColorMapKind MainWindow::colorMap() const {
    return colorMap_;
}

ScaleMode MainWindow::scaleMode() const {
    return scaleMode_;
}

void MainWindow::setColorMap(ColorMapKind kind) {
    colorMap_ = kind;
    grid_->setColorMap(kind);
    heatmap_->setColorMap(kind);
    colorMapBox_->setCurrentIndex(colorMapBox_->findData(int(kind)));
    if (colorMapActions_) {
        for (QAction* action : colorMapActions_->actions()) {
            action->setChecked(action->data().toInt() == int(kind));
        }
    }
}

void MainWindow::setScaleMode(ScaleMode mode) {
    scaleMode_ = mode;
    grid_->setScaleMode(mode);
    heatmap_->setScaleMode(mode);
    lines_->setScaleMode(mode);
    scaleBox_->setCurrentIndex(scaleBox_->findData(int(mode)));
    if (scaleActions_) {
        for (QAction* action : scaleActions_->actions()) {
            action->setChecked(action->data().toInt() == int(mode));
        }
    }
}

void MainWindow::showLineView(bool lines) {
    tabs_->setCurrentIndex(lines ? 1 : 0);
}

void MainWindow::showRolesView() {
    tabs_->setCurrentWidget(roles_);
}

void MainWindow::showTokenPairView() {
    tabs_->setCurrentWidget(tokenPair_);
}

// ---------------------------------------------------------------------------------------------
// Head roles measured from the app

bool MainWindow::analyzeTreebank(const QString& conlluPath) {
    if (!model_) {
        showError(tr("Open a model before analysing a treebank."));
        return false;
    }
    if (!analysis_->start(model_, conlluPath)) {
        showError(tr("An analysis is already running; cancel it or wait for it to finish."));
        return false;
    }
    clearMessage();
    analysisProgress_ = new QProgressDialog(tr("Reading %1…").arg(QFileInfo(conlluPath).fileName()),
                                            tr("Cancel"), 0, 0, this);
    analysisProgress_->setWindowTitle(tr("Analyzing head roles"));
    analysisProgress_->setAttribute(Qt::WA_DeleteOnClose);
    analysisProgress_->setAutoReset(false);
    analysisProgress_->setAutoClose(false);
    analysisProgress_->setMinimumDuration(300);
    connect(analysisProgress_, &QProgressDialog::canceled, analysis_,
            &TreebankAnalysisRunner::cancel);
    return true;
}

void MainWindow::closeAnalysisProgress() {
    if (analysisProgress_) {
        // Closing would emit canceled(); the analysis is over, so nothing must hear it.
        disconnect(analysisProgress_, nullptr, analysis_, nullptr);
        analysisProgress_->close();
        analysisProgress_ = nullptr;
    }
}

void MainWindow::onAnalyzeTreebankRequested() {
    const QString start = lastExportFolder_.isEmpty() ? QDir::homePath() : lastExportFolder_;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Analyze head roles on a treebank"), start,
                                     tr("CoNLL-U treebanks (*.conllu *.conll);;All files (*)"));
    if (!path.isEmpty()) {
        analyzeTreebank(path);
    }
}

bool MainWindow::saveHeadRoles(const QString& path) {
    const HeadRoleTable& table = roles_->model()->table();
    if (table.heads.empty()) {
        showError(tr("There is no head-role table to save."));
        return false;
    }
    QSaveFile file(path);
    const std::string json = headRolesToJson(table).dump(2) + "\n";
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(json.data(), qint64(json.size())) != qint64(json.size()) || !file.commit()) {
        showError(tr("Could not save “%1”: %2").arg(path, file.errorString()));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
    return true;
}

void MainWindow::onSaveHeadRolesRequested() {
    QString folder = lastExportFolder_.isEmpty() ? QDir::homePath() : lastExportFolder_;
    if (model_ && !model_->folder.empty()) {
        folder = QString::fromStdString(model_->folder.string());
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save head roles"), QDir(folder).filePath(QStringLiteral("head-roles.json")),
        tr("JSON (*.json)"));
    if (!path.isEmpty()) {
        saveHeadRoles(path);
    }
}

ExportRequest MainWindow::currentRequest(ExportView view) const {
    ExportRequest request;
    request.view = view;
    request.layer = selection_.currentLayer();
    request.column = selection_.currentColumn();
    request.lineColumns = selection_.lineColumns();
    request.colorMap = colorMap_;
    request.scaleMode = scaleMode_;
    return request;
}

ExportResult MainWindow::exportView(ExportView view, const QString& path, int widthPixels) {
    if (!snapshot_) {
        ExportResult result;
        result.error = tr("Nothing to export yet: no attention has been computed.");
        showError(result.error);
        return result;
    }
    ExportRequest request = currentRequest(view);
    request.path = path;
    request.widthPixels = widthPixels;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const ExportResult result = exportToFile(*snapshot_, request);
    QApplication::restoreOverrideCursor();
    if (result.ok) {
        statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), 6000);
    } else {
        showError(tr("Export failed: %1").arg(result.error));
    }
    return result;
}

ExportResult MainWindow::exportData(const QString& path) {
    return exportView(ExportView::Grid, path);  // the path's .csv / .json picks the data export
}

QString MainWindow::statusText() const {
    QStringList parts;
    if (!statusBar()->currentMessage().isEmpty()) {
        parts << statusBar()->currentMessage();
    }
    for (QLabel* label : {focusLabel_, tokensLabel_, modelLabel_}) {
        if (!label->text().isEmpty()) {
            parts << label->text();
        }
    }
    return parts.join(QStringLiteral(" | "));
}

QString MainWindow::messageText() const {
    return message_->isVisible() ? message_->text() : QString();
}

// ---------------------------------------------------------------------------------------------
// Messages

void MainWindow::showError(const QString& message) {
    message_->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c2c0;"
                       " border-radius: 4px; padding: 6px; }"));
    message_->setText(message);
    message_->show();
    statusBar()->showMessage(message, 10000);
    emit errorShown(message);
}

void MainWindow::showWarning(const QString& message) {
    message_->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4e5; color: #663c00; border: 1px solid #ffd8a8;"
                       " border-radius: 4px; padding: 6px; }"));
    message_->setText(message);
    message_->show();
    emit warningShown(message);
}

void MainWindow::clearMessage() {
    message_->hide();
    message_->clear();
}

void MainWindow::updateStatus() {
    if (model_) {
        const ModelConfig& config = model_->config();
        modelLabel_->setText(tr("%1 · %2 layers × %3 heads")
                                 .arg(displayNameOf(modelNameOrPath_))
                                 .arg(config.n_layer)
                                 .arg(config.n_head));
    }
    if (!snapshot_) {
        tokensLabel_->clear();
        focusLabel_->clear();
        return;
    }
    if (snapshot_->truncated) {
        tokensLabel_->setText(tr("truncated to %1 of %2 tokens")
                                  .arg(snapshot_->tokenCount())
                                  .arg(snapshot_->fullTokenCount));
        tokensLabel_->setStyleSheet(QStringLiteral("color: #b35c00; font-weight: bold;"));
    } else {
        tokensLabel_->setText(tokenCountText(snapshot_->tokenCount()));
        tokensLabel_->setStyleSheet(QString());
    }
    focusLabel_->setText(
        snapshot_->mapTitle(selection_.currentLayer(), selection_.currentColumn()));
}

// ---------------------------------------------------------------------------------------------
// Slots

void MainWindow::onTextEdited() {
    debounce_.start();
}

void MainWindow::onDebounceTimeout() {
    if (!worker_.hasCompute()) {
        return;  // a model is loading; it computes the text when ready
    }
    const QString text = sentence_->text();
    if (text.trimmed().isEmpty()) {
        showWarning(tr("Type a sentence to see its attention."));
        return;
    }
    worker_.request(text);
}

void MainWindow::onSnapshotReady(std::shared_ptr<const AttentionSnapshot> snapshot,
                                 quint64 /*generation*/) {
    snapshot_ = std::move(snapshot);
    grid_->setSnapshot(snapshot_);
    heatmap_->setSnapshot(snapshot_);
    lines_->setSnapshot(snapshot_);
    chips_->setSnapshot(snapshot_);
    tokenPair_->setSnapshot(snapshot_);
    selection_.setHoveredToken(-1);
    selection_.setBounds(snapshot_->layerCount(), snapshot_->columnCount());
    onCurrentChanged(selection_.currentLayer(), selection_.currentColumn());
    onLineColumnsChanged();
    showSnapshotNotes();
    updateStatus();
    analysisModes_->snapshotShown(snapshot_);
    emit snapshotShown();
}

void MainWindow::onComputeFailed(const QString& message, quint64 /*generation*/) {
    showError(message);
}

void MainWindow::onModelLoaded(std::shared_ptr<const Model> model, const QString& nameOrPath) {
    loadProgress_->finish();
    model_ = std::move(model);
    modelNameOrPath_ = nameOrPath;
    analysisModes_->setModel(model_);
    worker_.setModel(model_, analysisModes_->snapshotOptions());
    if (!isBuiltinName(nameOrPath)) {
        QStringList recent = settings_->value("recentModels").toStringList();
        recent.removeAll(nameOrPath);
        recent.prepend(nameOrPath);
        while (recent.size() > kRecentModels) {
            recent.removeLast();
        }
        settings_->setValue("recentModels", recent);
    }
    settings_->setValue("model", nameOrPath);
    rebuildModelPicker();
    setWindowTitle(tr("Attention Atlas — %1").arg(displayNameOf(nameOrPath)));
    clearMessage();
    loadHeadRoles();
    updateStatus();
    emit modelReady(nameOrPath);
    debounce_.stop();
    onDebounceTimeout();
}

void MainWindow::loadHeadRoles() {
    HeadRoleTable table;
    if (model_ && !model_->folder.empty()) {
        const std::filesystem::path path = model_->folder / "head-roles.json";
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error)) {
            try {
                std::ifstream in(path);
                table = headRolesFromJson(nlohmann::json::parse(in), path.string());
                if (table.layers != model_->config().n_layer ||
                    table.heads_per_layer != model_->config().n_head) {
                    throw AtlasError(path.string() + ": " + std::to_string(table.layers) + "x" +
                                     std::to_string(table.heads_per_layer) +
                                     " heads, the model has " +
                                     std::to_string(model_->config().n_layer) + "x" +
                                     std::to_string(model_->config().n_head));
                }
            } catch (const std::exception& failure) {
                // A bad table must not stop the model from opening: show no roles, say why.
                table = HeadRoleTable{};
                showWarning(tr("Head roles not shown: %1").arg(QString::fromUtf8(failure.what())));
            }
        }
    }
    showHeadRoles(std::move(table));
}

void MainWindow::showHeadRoles(HeadRoleTable table) {
    QVector<QString> labels(table.layers * table.heads_per_layer);
    for (const HeadProfile& profile : table.heads) {
        if (profile.layer >= 0 && profile.layer < table.layers && profile.head >= 0 &&
            profile.head < table.heads_per_layer) {
            labels[profile.layer * table.heads_per_layer + profile.head] =
                QString::fromStdString(shortRoleLabel(profile, table.baselines));
        }
    }
    tokenPair_->setRoleLabels(table.heads_per_layer, labels);
    grid_->setRoleLabels(table.heads_per_layer, std::move(labels));
    roles_->setTable(std::move(table));
}

void MainWindow::onModelLoadCancelled(const QString& nameOrPath) {
    loadProgress_->finish();
    {
        const QSignalBlocker blocker(modelPicker_);
        modelPicker_->setCurrentIndex(std::max(0, modelPicker_->findData(modelNameOrPath_)));
    }
    modelLabel_->setText(tr("no model"));
    updateStatus();  // names the model still shown, if any
    statusBar()->showMessage(tr("Loading %1 cancelled").arg(displayNameOf(nameOrPath)), 6000);
}

void MainWindow::onModelLoadFailed(const QString& message, const QString& nameOrPath) {
    loadProgress_->finish();
    modelLabel_->setText(model_ ? modelLabel_->text() : tr("no model"));
    {
        const QSignalBlocker blocker(modelPicker_);
        modelPicker_->setCurrentIndex(std::max(0, modelPicker_->findData(modelNameOrPath_)));
    }
    QString text = tr("Could not open the model “%1”: %2").arg(displayNameOf(nameOrPath), message);
    if (!model_) {
        text += QLatin1Char('\n') + tr("Choose another model, or File ▸ Open model… (Ctrl+O).");
    }
    showError(text);
    updateStatus();
}

void MainWindow::onModelPicked(int index) {
    const QString choice = modelPicker_->itemData(index).toString();
    if (choice == kOpenModelItem) {
        onOpenModelRequested();
        return;
    }
    if (!choice.isEmpty() && (choice != modelNameOrPath_ || !model_)) {
        openModel(choice);
    }
}

void MainWindow::onOpenModelRequested() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open a model folder (config.json, model.safetensors, tokenizer files)"),
        isBuiltinName(modelNameOrPath_) ? QDir::homePath() : modelNameOrPath_);
    if (folder.isEmpty()) {
        const QSignalBlocker blocker(modelPicker_);
        modelPicker_->setCurrentIndex(std::max(0, modelPicker_->findData(modelNameOrPath_)));
        return;
    }
    openModel(folder);
}

void MainWindow::onCurrentChanged(int layer, int column) {
    grid_->setSelectedMap(layer, column);
    heatmap_->setMap(layer, column);
    lines_->setLayer(layer);
    const QRect panel = grid_->panelRect(layer, column);
    if (!panel.isNull()) {
        gridScroll_->ensureVisible(panel.center().x(), panel.center().y(), panel.width(),
                                   panel.height());
    }
    updateStatus();
}

void MainWindow::onHoveredTokenChanged(int token) {
    // The view the pointer is over draws its own hover; the others follow the selection.
    if (hoverSource_ != HoverSource::Chips) {
        chips_->setHoveredToken(token);
    }
    if (hoverSource_ != HoverSource::Heatmap) {
        heatmap_->setHighlight(token, token);
    }
    if (hoverSource_ != HoverSource::Lines) {
        lines_->setHoveredToken(token, TokenSide::Query);
    }
}

void MainWindow::onLineColumnsChanged() {
    lines_->setColumns(selection_.lineColumns());
}

void MainWindow::onCellHovered(int query, int key, float /*weight*/) {
    hoverSource_ = HoverSource::Heatmap;
    selection_.setHoveredToken(query);
    hoverSource_ = HoverSource::None;
    statusBar()->showMessage(heatmap_->tooltipText(query, key), 4000);
}

// ---------------------------------------------------------------------------------------------
// Export

QString MainWindow::suggestedExportPath(ExportDialog::Target target) const {
    QString folder = lastExportFolder_;
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
        if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
            folder = QDir::homePath();
        }
    }
    const int layer = selection_.currentLayer();
    const int column = selection_.currentColumn();
    QString name;
    switch (target) {
        case ExportDialog::Target::Head:
            name = QStringLiteral("attention-L%1-C%2.png").arg(layer).arg(column);
            break;
        case ExportDialog::Target::Layer:
            name = QStringLiteral("attention-layer%1.png").arg(layer);
            break;
        case ExportDialog::Target::Grid:
            name = QStringLiteral("attention-grid.png");
            break;
        case ExportDialog::Target::Lines:
            name = QStringLiteral("attention-lines-L%1.png").arg(layer);
            break;
        case ExportDialog::Target::Data:
            name = QStringLiteral("attention.json");
            break;
    }
    return QDir(folder).filePath(name);
}

void MainWindow::openExportDialog(ExportDialog::Target target) {
    if (!snapshot_) {
        showError(tr("Nothing to export yet: no attention has been computed."));
        return;
    }
    ExportDialog dialog(target, suggestedExportPath(target), lastExportWidth_, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QString path = dialog.path();
    lastExportFolder_ = QFileInfo(path).absolutePath();
    lastExportWidth_ = dialog.widthPixels();
    ExportView view = ExportView::Head;
    switch (dialog.target()) {
        case ExportDialog::Target::Head:
            view = ExportView::Head;
            break;
        case ExportDialog::Target::Layer:
            view = ExportView::Layer;
            break;
        case ExportDialog::Target::Grid:
        case ExportDialog::Target::Data:
            view = ExportView::Grid;
            break;
        case ExportDialog::Target::Lines:
            view = ExportView::Lines;
            break;
    }
    const ExportResult result = exportView(view, path, dialog.widthPixels());
    if (!result.ok) {
        QMessageBox::warning(this, tr("Export failed"), result.error);
    }
}

void MainWindow::showContextMenu(QWidget* view, const QPoint& position) {
    QMenu menu(this);
    ExportDialog::Target here = ExportDialog::Target::Head;
    if (view == grid_) {
        // Right-clicking a map focuses it first, so "this head" means the one under the mouse.
        if (auto hit = grid_->mapAt(position)) {
            selection_.setCurrent(hit->first, hit->second);
        }
        here = ExportDialog::Target::Grid;
    } else if (view == lines_) {
        here = ExportDialog::Target::Lines;
    }
    const int layer = selection_.currentLayer();
    if (view == grid_) {
        analysisModes_->addHeadActions(menu, layer, selection_.currentColumn());
    }
    menu.addAction(tr("Export this view…"), this, [this, here]() { openExportDialog(here); });
    menu.addSeparator();
    menu.addAction(tr("Export focused head…"), this,
                   [this]() { openExportDialog(ExportDialog::Target::Head); });
    menu.addAction(tr("Export layer %1…").arg(layer), this,
                   [this]() { openExportDialog(ExportDialog::Target::Layer); });
    menu.addAction(tr("Export whole grid…"), this,
                   [this]() { openExportDialog(ExportDialog::Target::Grid); });
    menu.addAction(tr("Export token lines…"), this,
                   [this]() { openExportDialog(ExportDialog::Target::Lines); });
    menu.addAction(tr("Export data (CSV or JSON)…"), this,
                   [this]() { openExportDialog(ExportDialog::Target::Data); });
    menu.exec(view->mapToGlobal(position));
}

}  // namespace atlas::ui

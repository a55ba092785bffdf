// The main window: builds the widgets, wires selection, worker and views, keeps the settings.
#include "shell/MainWindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QKeySequence>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include "attribution/AttributionHooks.h"
#include "classroom/ClassroomViews.h"
#include "common/ColorControls.h"
#include "common/WrappingRow.h"
#include "export/ExportActions.h"
#include "grid/HeadGridView.h"
#include "head/DistanceProfileHooks.h"
#include "head/DistanceProfileView.h"
#include "head/HeadHeatmapView.h"
#include "model/BuiltinModels.h"
#include "modes/AblationPanel.h"
#include "modes/AnalysisModes.h"
#include "modes/DifferencePanel.h"
#include "modes/GenerationPanel.h"
#include "roles/HeadRolesHooks.h"
#include "roles/HeadRolesPanel.h"
#include "shell/FileMenu.h"
#include "shell/HelpMenu.h"
#include "shell/LanguageMenu.h"
#include "shell/LanguageOffer.h"
#include "shell/LoadProgressStrip.h"
#include "shell/MessageStrip.h"
#include "shell/ModelDropHandler.h"
#include "shell/ModelPicker.h"
#include "shell/RememberedSession.h"
#include "shell/ScreenFit.h"
#include "shell/SentenceBox.h"
#include "shell/StatusSummary.h"
#include "shell/TextSize.h"
#include "shell/TopArea.h"
#include "shell/TrainingWindowOpener.h"
#include "shell/ViewContextMenus.h"
#include "shell/ViewTabs.h"
#include "tokens/HoverLink.h"
#include "tokens/SentenceNotes.h"
#include "tokens/TokenChipsView.h"
#include "tokens/TokenLinesView.h"
#include "tokens/TokenPairPanel.h"
#include "training/TrainingWindow.h"
#include "walkthrough/WalkthroughHooks.h"

// The icon lives in atlas_ui's resources; a static library must register them explicitly, and
// Q_INIT_RESOURCE only works outside a namespace.
static void initAtlasUiResources() {
    Q_INIT_RESOURCE(atlas_ui);
}

namespace atlas::ui {

constexpr int kDebounceMilliseconds = 120;

MainWindow::MainWindow(const MainWindowOptions& options, QWidget* parent) : QMainWindow(parent) {
    settings_ = options.settingsFile.isEmpty()
                    ? std::make_unique<QSettings>()
                    : std::make_unique<QSettings>(options.settingsFile, QSettings::IniFormat);
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
    buildStatusBar();
    connectViews();
    textSize_ = new TextSize(options.restoreSettings ? settings_.get() : nullptr, this);
    textSize_->follow(walkthrough_, &WalkthroughHooks::setTextScale);
    textSize_->follow(grid_, &HeadGridView::setTextScale);
    textSize_->follow(tabs_, &ViewTabs::setTextScale);
    textSize_->follow(heatmap_, &HeadHeatmapView::setTextScale);
    textSize_->follow(chips_, &TokenChipsView::setTextScale);
    textSize_->follow(lines_, &TokenLinesView::setTextScale);
    textSize_->follow(distance_->view(), &DistanceProfileView::setTextScale);
    textSize_->follow(attribution_, &AttributionHooks::setTextScale);
    textSize_->follow(classroom_, &ClassroomViews::setTextScale);
    connect(textSize_, &TextSize::scaleChanged, sentence_, &SentenceBox::followApplicationFont);
    status_->followApplicationFont();
    connect(textSize_, &TextSize::scaleChanged, status_, &StatusSummary::followApplicationFont);
    buildMenus();

    connect(&debounce_, &QTimer::timeout, this, &MainWindow::onDebounceTimeout);
    connect(&worker_, &AttentionWorker::snapshotReady, this, &MainWindow::onSnapshotReady);
    connect(&worker_, &AttentionWorker::computeFailed, this, &MainWindow::showError);
    connect(analysisModes_, &AnalysisModes::snapshotOptionsChanged, this, [this]() {
        worker_.setModel(model_, analysisModes_->snapshotOptions());
        debounce_.stop();
        onDebounceTimeout();
    });
    connect(analysisModes_, &AnalysisModes::showSnapshot, this,
            [this](std::shared_ptr<const AttentionSnapshot> shown) { onSnapshotReady(shown, 0); });
    connect(&loader_, &ModelLoader::modelLoaded, this, &MainWindow::setModel);
    connect(&loader_, &ModelLoader::loadFailed, this, &MainWindow::onModelLoadFailed);
    connect(&loader_, &ModelLoader::loadCancelled, this, &MainWindow::onModelLoadCancelled);
    loadProgress_->follow(loader_);
    auto* drops = new ModelDropHandler(this);
    drops->watch(sentence_);
    connect(drops, &ModelDropHandler::modelDropped, this, &MainWindow::openModel);
    connect(drops, &ModelDropHandler::dropRejected, this, [this](const QString& message) {
        showError(tr("The dropped item is not a model this app can open: %1").arg(message));
    });
    connect(&selection_, &AttentionSelection::currentChanged, this, &MainWindow::onCurrentChanged);
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

    // The rows above the grid, in an area that scrolls when they would take most of the window.
    auto* above = new QWidget;
    auto* aboveLayout = new QVBoxLayout(above);
    aboveLayout->setContentsMargins(0, 0, 0, 0);
    aboveLayout->setSpacing(6);
    using Role = WrappingRow::Role;
    auto* top = new WrappingRow;
    top->setSpacing(6);
    modelPicker_ = new ModelPicker(*settings_, above);
    sentence_ = new SentenceBox(above);
    colorControls_ = new ColorControls(above);
    auto* modelLabel = new QLabel(tr("&Model:"), above);
    modelLabel->setBuddy(modelPicker_);
    top->addWidget(modelLabel, Role::Lead);
    top->addWidget(modelPicker_, Role::Lead);
    top->addWidget(sentence_, Role::Field);
    top->addWidget(colorControls_->colorMapBox(), Role::Control);
    top->addWidget(colorControls_->scaleBox(), Role::Control);
    analysisModes_ = new AnalysisModes(above);
    top->addWidget(analysisModes_->viewModeBox(), Role::Control);
    for (QWidget* box : std::initializer_list<QWidget*>{
             analysisModes_->flowBox(), analysisModes_->sinkBox(), analysisModes_->wordsBox()}) {
        top->addWidget(box, Role::Below);
    }
    aboveLayout->addLayout(top);

    chips_ = new TokenChipsView(above);
    aboveLayout->addWidget(chips_);
    message_ = new MessageStrip(above);
    aboveLayout->addWidget(message_);
    languageOffer_ = new LanguageOfferBar(above);
    aboveLayout->addWidget(languageOffer_);
    auto* topArea = new TopArea(above, central);
    layout->addWidget(topArea);

    splitter_ = new QSplitter(Qt::Horizontal, central);
    gridScroll_ = new QScrollArea(splitter_);
    gridScroll_->setWidgetResizable(true);
    gridScroll_->setFrameShape(QFrame::StyledPanel);
    grid_ = new HeadGridView;
    gridScroll_->setWidget(grid_);
    tabs_ = new ViewTabs(splitter_);
    heatmap_ = new HeadHeatmapView;
    tabs_->addView(ViewTabs::Group::Head, heatmap_, tr("Focused head"));
    linesScroll_ = new QScrollArea;
    linesScroll_->setWidgetResizable(true);
    linesScroll_->setFrameShape(QFrame::NoFrame);
    lines_ = new TokenLinesView;
    linesScroll_->setWidget(lines_);
    tabs_->addView(ViewTabs::Group::Tokens, linesScroll_, tr("Token lines"));
    tokenPair_ = new TokenPairPanel;
    headRoles_ = new HeadRolesHooks(this, tabs_);
    tabs_->addView(ViewTabs::Group::Tokens, tokenPair_, tr("Token pair"));
    tabs_->addView(ViewTabs::Group::Analysis, analysisModes_->ablationPanel(), tr("Ablation"));
    tabs_->addView(ViewTabs::Group::Analysis, analysisModes_->differencePanel(), tr("Difference"));
    tabs_->addView(ViewTabs::Group::Output, analysisModes_->generationPanel(), tr("Generation"));
    // A readable focused head at every text size: the tabs ask for it, the rows above yield.
    heatmap_->keepMapHeight(HeadHeatmapView::kReadableMapHeight);
    tabs_->keepViewHeight(heatmap_);
    splitter_->addWidget(gridScroll_);
    splitter_->addWidget(tabs_);
    splitter_->setStretchFactor(0, 5);
    splitter_->setStretchFactor(1, 4);
    layout->addWidget(splitter_, 1);
    topArea->yieldTo(splitter_);
    classroom_ = new ClassroomViews(this, tabs_);
    aboveLayout->addWidget(classroom_->lessonBar());
    walkthrough_ = new WalkthroughHooks(this, tabs_);
    distance_ = new DistanceProfileHooks(this, tabs_);
    top->addWidget(walkthrough_->presentButton(), Role::Control);
    // The logit lens, head contributions and token attribution: found with findChild.
    attribution_ = new AttributionHooks(this, tabs_);
    setCentralWidget(central);

    exports_ = new ExportActions(
        {[this]() { return snapshot_; }, [this](ExportView view) { return exportRequest(view); }},
        this);
    connect(exports_, &ExportActions::exported, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), 6000);
    });
    connect(exports_, &ExportActions::failed, this, &MainWindow::showError);
    training_ = new TrainingWindowOpener(this);
    connect(training_, &TrainingWindowOpener::openModelRequested, this, &MainWindow::openModel);
    connect(training_, &TrainingWindowOpener::failed, this, &MainWindow::showError);
    connect(training_, &TrainingWindowOpener::created, this, [this](TrainingWindow* training) {
        textSize_->follow(training, &TrainingWindow::setTextScale);
    });
}

void MainWindow::buildStatusBar() {
    statusBar()->setStyleSheet(QStringLiteral("QStatusBar::item { border: none; }"));
    loadProgress_ = new LoadProgressStrip(this);
    statusBar()->addPermanentWidget(loadProgress_);
    statusBar()->addPermanentWidget(analysisModes_->flowProgress());
    status_ = new StatusSummary(statusBar());
}

void MainWindow::connectViews() {
    new ViewContextMenus({grid_, heatmap_, lines_}, selection_, analysisModes_, exports_, this);
    connect(sentence_, &QLineEdit::textChanged, &debounce_, qOverload<>(&QTimer::start));
    connect(modelPicker_, &ModelPicker::modelChosen, this, &MainWindow::onModelPicked);
    connect(languageOffer_, &LanguageOfferBar::switchRequested, this, &MainWindow::onModelPicked);
    connect(colorControls_, &ColorControls::colorMapChosen, this, &MainWindow::setColorMap);
    connect(colorControls_, &ColorControls::scaleModeChosen, this, &MainWindow::setScaleMode);
    connect(grid_, &HeadGridView::headSelected, &selection_, &AttentionSelection::setCurrent);
    connect(tokenPair_, &TokenPairPanel::headChosen, &selection_, &AttentionSelection::setCurrent);
    connect(tokenPair_, &TokenPairPanel::topHeadsChanged, grid_,
            &HeadGridView::setHighlightedHeads);
    new HoverLink(selection_, chips_, heatmap_, lines_, this);
    connect(heatmap_, &HeadHeatmapView::cellHovered, this, [this](int query, int key) {
        statusBar()->showMessage(heatmap_->tooltipText(query, key), 4000);
    });
    connect(lines_, &TokenLinesView::lineColumnToggled, &selection_,
            &AttentionSelection::toggleLineColumn);
}

TrainingWindow* MainWindow::openTrainingWindow() {
    return training_->open();
}

void MainWindow::buildMenus() {
    const FileMenu::Parts parts{this, modelPicker_, training_, exports_, headRoles_};
    menuBar()->addMenu(new FileMenu(
        parts, [this]() { return shownFigure(); }, menuBar()));

    classroom_->addExampleMenu(menuBar()->addMenu(tr("E&xamples")));

    addViewMenu();
    languageMenu_ = new LanguageMenu(languageChoice_, menuBar());
    menuBar()->addMenu(languageMenu_);
    connect(languageMenu_, &LanguageMenu::languageChosen, this, &MainWindow::setInterfaceLanguage);

    menuBar()->addMenu(new HelpMenu(
        this, [this]() { return interfaceLanguage(); }, menuBar()));
}

ExportDialog::Target MainWindow::shownFigure() const {
    if (grid_->hasFocus()) {
        return ExportDialog::Target::Grid;
    }
    return tabs_->currentView() == linesScroll_ ? ExportDialog::Target::Lines
                                                : ExportDialog::Target::Head;
}

void MainWindow::addViewMenu() {
    QMenu* view = menuBar()->addMenu(tr("&View"));
    colorControls_->addMenus(view);
    view->addSeparator();
    view->addAction(tr("Focused &head"), this, [this]() { showLineView(false); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    view->addAction(tr("Token &lines"), this, [this]() { showLineView(true); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    view->addAction(tr("Token &pair ranking"), this, &MainWindow::showTokenPairView)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    classroom_->addViewActions(view);
    walkthrough_->addViewActions(view);
    grid_->addMenu(view);
    view->addSeparator();
    textSize_->addMenu(view);
    view->addSeparator();
    selection_.addMoveActions(view);
}

// ---------------------------------------------------------------------------------------------
// Settings and language

void MainWindow::restoreState(const MainWindowOptions& options) {
    const bool restore = options.restoreSettings;
    const RememberedSession session =
        restore ? RememberedSession::read(*settings_) : RememberedSession::firstRun();
    modelNameOrPath_ = options.model.isEmpty() ? session.model : options.model;
    const QString text = options.text.isEmpty() ? session.text : options.text;
    resize(sizeWithinScreen(this, QSize(1360, 860)));
    if (restore) {
        colorMap_ = session.colorMap;
        scaleMode_ = session.scaleMode;
        exports_->restore(*settings_);
        restoreGeometry(session.geometry);
        keepWithinScreen(this);
        splitter_->restoreState(session.splitter);
        tabs_->setCurrentViewIndex(session.view);
        selection_.setBounds(1000, 1000);  // the real bounds arrive with the first result
        selection_.setCurrent(session.layer, session.column);
    }
    setColorMap(colorMap_);
    setScaleMode(scaleMode_);
    {
        const QSignalBlocker blocker(sentence_);
        sentence_->setText(text);
    }
    modelPicker_->showModel(modelNameOrPath_);
}

void MainWindow::saveState() {
    const RememberedSession session{.model = modelNameOrPath_,
                                    .text = sentence_->text(),
                                    .colorMap = colorMap_,
                                    .scaleMode = scaleMode_,
                                    .geometry = saveGeometry(),
                                    .splitter = splitter_->saveState(),
                                    .view = tabs_->currentViewIndex(),
                                    .layer = selection_.currentLayer(),
                                    .column = selection_.currentColumn()};
    session.write(*settings_);
    exports_->save(*settings_);
    settings_->sync();
}

void MainWindow::setInterfaceLanguage(const QString& choice) {
    languageChoice_ = isInterfaceLanguage(choice) ? choice : QString();
    settings_->setValue("language", languageChoice_);
    languageMenu_->setChoice(languageChoice_);
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
        setWindowTitle(tr("Attention Atlas — %1").arg(modelDisplayName(modelNameOrPath_)));
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

// ---------------------------------------------------------------------------------------------
// Public controls

void MainWindow::openModel(const QString& nameOrPath) {
    status_->showModelNote(tr("Loading %1…").arg(modelDisplayName(nameOrPath)));
    loadProgress_->start(modelDisplayName(nameOrPath));
    loader_.load(nameOrPath);
}

void MainWindow::setText(const QString& text) {
    sentence_->setText(text);
}

QString MainWindow::text() const {
    return sentence_->text();
}

void MainWindow::setColorMap(ColorMapKind kind) {
    colorMap_ = kind;
    grid_->setColorMap(kind);
    heatmap_->setColorMap(kind);
    colorControls_->setColorMap(kind);
}

void MainWindow::setScaleMode(ScaleMode mode) {
    scaleMode_ = mode;
    grid_->setScaleMode(mode);
    heatmap_->setScaleMode(mode);
    lines_->setScaleMode(mode);
    colorControls_->setScaleMode(mode);
}

void MainWindow::showLineView(bool lines) {
    tabs_->showView(lines ? linesScroll_ : static_cast<QWidget*>(heatmap_));
}

void MainWindow::showRolesView() {
    tabs_->showView(headRoles_->panel());
}

void MainWindow::showTokenPairView() {
    tabs_->showView(tokenPair_);
}

HeadRolesPanel* MainWindow::rolesPanel() const {
    return headRoles_->panel();
}

ExportRequest MainWindow::exportRequest(ExportView view) const {
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
    return exports_->exportView(view, path, widthPixels);
}

// ---------------------------------------------------------------------------------------------
// Messages and status

QString MainWindow::statusText() const {
    QStringList parts;
    if (!statusBar()->currentMessage().isEmpty()) {
        parts << statusBar()->currentMessage();
    }
    parts << status_->texts();
    return parts.join(QStringLiteral(" | "));
}

QString MainWindow::messageText() const {
    return message_->shownText();
}

void MainWindow::showError(const QString& message) {
    message_->showError(message);
    statusBar()->showMessage(message, 10000);
    emit errorShown(message);
}

void MainWindow::showWarning(const QString& message) {
    message_->showWarning(message);
    emit warningShown(message);
}

void MainWindow::clearMessage() {
    message_->clearMessage();
}

void MainWindow::showSnapshotNotes() {
    // The note that the built-in models read English is for the English ones.
    const bool englishBuiltinModel =
        isBuiltinModelName(modelNameOrPath_) &&
        shownModelLanguage(model_.get(), modelNameOrPath_) != QLatin1String("zh");
    const QStringList notes =
        snapshot_ ? sentenceNotes(*snapshot_, englishBuiltinModel, kSentenceMaxCharacters)
                  : QStringList();
    if (notes.isEmpty()) {
        clearMessage();
    } else {
        showWarning(notes.join(QLatin1Char('\n')));
    }
}

void MainWindow::updateStatus() {
    status_->show(model_.get(), modelNameOrPath_, snapshot_.get(), selection_.currentLayer(),
                  selection_.currentColumn());
}

// ---------------------------------------------------------------------------------------------
// Slots

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
    updateLanguageOffer();
    analysisModes_->snapshotShown(snapshot_);
    emit snapshotShown();
}

void MainWindow::setModel(std::shared_ptr<const Model> model, const QString& nameOrPath) {
    loadProgress_->finish();
    model_ = std::move(model);
    modelNameOrPath_ = nameOrPath;
    analysisModes_->setModel(model_);
    worker_.setModel(model_, analysisModes_->snapshotOptions());
    modelPicker_->remember(nameOrPath);
    settings_->setValue("model", nameOrPath);
    modelPicker_->showModel(nameOrPath);
    setWindowTitle(tr("Attention Atlas — %1").arg(modelDisplayName(nameOrPath)));
    clearMessage();
    updateStatus();
    updateLanguageOffer();
    emit modelReady(nameOrPath);  // the head roles of its folder, the classroom views
    debounce_.stop();
    onDebounceTimeout();
}

void MainWindow::onModelLoadCancelled(const QString& nameOrPath) {
    loadProgress_->finish();
    modelPicker_->showShownModel();
    status_->showModelNote(tr("no model"));
    updateStatus();  // names the model still shown, if any
    statusBar()->showMessage(tr("Loading %1 cancelled").arg(modelDisplayName(nameOrPath)), 6000);
}

void MainWindow::onModelLoadFailed(const QString& message, const QString& nameOrPath) {
    loadProgress_->finish();
    status_->showModelNote(model_ ? status_->modelNote() : tr("no model"));
    modelPicker_->showShownModel();
    QString text =
        tr("Could not open the model “%1”: %2").arg(modelDisplayName(nameOrPath), message);
    if (!model_) {
        text += QLatin1Char('\n') + tr("Choose another model, or File ▸ Open model… (Ctrl+O).");
    }
    showError(text);
    updateStatus();
}

void MainWindow::updateLanguageOffer() {
    languageOffer_->offerFor(model_.get(), modelNameOrPath_, interfaceLanguage(),
                             sentence_->text());
}

void MainWindow::onModelPicked(const QString& nameOrPath) {
    if (nameOrPath != modelNameOrPath_ || !model_) {
        openModel(nameOrPath);
    }
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

void MainWindow::onLineColumnsChanged() {
    lines_->setColumns(selection_.lineColumns());
}

}  // namespace atlas::ui

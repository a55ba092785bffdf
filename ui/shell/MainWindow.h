// The window a user lives in: sentence box, model picker, token chips, the grid of every head,
// the focused head and the token line view, kept in step as the user types.
#pragma once

#include <memory>

#include <QMainWindow>
#include <QString>
#include <QTimer>

#include "AttentionSelection.h"
#include "AttentionSnapshot.h"
#include "AttentionWorker.h"
#include "common/ColorMaps.h"
#include "export/ExportDialog.h"
#include "export/ExportRenderer.h"
#include "shell/InterfaceLanguage.h"
#include "shell/SentenceBox.h"

class QActionGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QSettings;
class QSplitter;

namespace atlas::ui {

class AnalysisModes;
class ClassroomViews;
class ColorControls;
class ExportActions;
class HeadGridView;
class HeadHeatmapView;
class HeadRolesHooks;
class HeadRolesPanel;
class LanguageMenu;
class LoadProgressStrip;
class MessageStrip;
class LanguageOfferBar;
class ModelPicker;
class StatusSummary;
class TokenChipsView;
class TokenLinesView;
class TextSize;
class TokenPairPanel;
class TrainingWindow;
class TrainingWindowOpener;
class ViewTabs;
class WalkthroughHooks;
class DistanceProfileHooks;
class AttributionHooks;

struct MainWindowOptions {
    QString settingsFile;  // an INI file instead of the user's settings (tests)
    bool restoreSettings = true;
    QString model;          // overrides the remembered model when not empty
    QString text;           // overrides the remembered text when not empty
    bool loadModel = true;  // false: the caller supplies a model with setModel (tests)
    QString language;       // "en", "zh_CN" or "system": overrides the remembered language when set
};

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    // Longer text is cut by the sentence box, and the window says so.
    static constexpr int kSentenceMaxCharacters = SentenceBox::kMaxCharacters;
    explicit MainWindow(const MainWindowOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Switches the interface language and remembers the choice: "" follows the system,
    // otherwise a code of interfaceLanguages(). The texts change once events are processed.
    void setInterfaceLanguage(const QString& choice);
    QString interfaceLanguage() const { return translators_.current(); }  // "en", "zh_CN"

    // Shows a loaded model (the loader's, or a test's or benchmark's) and computes the text.
    void setModel(std::shared_ptr<const Model> model, const QString& nameOrPath);
    // Opens a built-in model by name or a model folder, in the background.
    void openModel(const QString& nameOrPath);
    void setText(const QString& text);
    QString text() const;
    void setColorMap(ColorMapKind kind);
    void setScaleMode(ScaleMode mode);
    ColorMapKind colorMap() const { return colorMap_; }
    ScaleMode scaleMode() const { return scaleMode_; }
    void showLineView(bool lines);  // right panel: the token lines instead of the heatmap
    void showRolesView();           // right panel: the head roles table
    // Exports with the window's current state; reports in the status bar.
    ExportResult exportView(ExportView view, const QString& path, int widthPixels = 1600);
    ExportActions* exportActions() const { return exports_; }
    // The export request for `view` as the window shows it now (focus, colours, scale).
    ExportRequest exportRequest(ExportView view) const;

    AttentionSelection& selection() { return selection_; }
    std::shared_ptr<const AttentionSnapshot> snapshot() const { return snapshot_; }
    HeadGridView* gridView() const { return grid_; }
    HeadHeatmapView* heatmapView() const { return heatmap_; }
    TokenLinesView* linesView() const { return lines_; }
    HeadRolesHooks* headRoles() const { return headRoles_; }  // tab, labels, treebank analysis
    HeadRolesPanel* rolesPanel() const;
    AnalysisModes* analysisModes() const { return analysisModes_; }  // norm, flow, ablation, ...
    TokenPairPanel* tokenPairPanel() const { return tokenPair_; }
    void showTokenPairView();  // right panel: heads ranked by the weight between two tokens
    TokenChipsView* chipsView() const { return chips_; }
    ViewTabs* viewTabs() const { return tabs_; }  // the grouped views beside the grid
    QLineEdit* sentenceEdit() const { return sentence_; }
    QString statusText() const;   // what the status bar shows now
    QString messageText() const;  // the error / warning banner, empty when hidden
    // The bar offering the Chinese model (hidden when there is nothing to offer).
    LanguageOfferBar* languageOffer() const { return languageOffer_; }
    QString modelNameOrPath() const { return modelNameOrPath_; }  // the model shown now
    std::shared_ptr<const Model> model() const { return model_; }
    ClassroomViews* classroom() const { return classroom_; }
    // File ▸ Train a model…: the training window (made on first use, then shown again).
    TrainingWindow* openTrainingWindow();
    TextSize* textSize() const { return textSize_; }  // View ▸ Text size
    // Where the window and its views remember choices (an INI file in tests and screenshots).
    QSettings& settings() const { return *settings_; }
    // The walkthrough tab and presentation mode.
    WalkthroughHooks* walkthrough() const { return walkthrough_; }
    // The Distance tab: the focused head's attention by distance and its rotary bands.
    DistanceProfileHooks* distanceProfile() const { return distance_; }
    ModelLoader& modelLoader() { return loader_; }
    AttentionWorker& attentionWorker() { return worker_; }
    LoadProgressStrip* loadProgressStrip() const { return loadProgress_; }
    int debounceMilliseconds() const { return debounce_.interval(); }
    void setDebounceMilliseconds(int milliseconds) { debounce_.setInterval(milliseconds); }

  signals:
    // Every view shows the snapshot (emitted after the widgets were updated).
    void snapshotShown();
    void modelReady(const QString& name);
    void errorShown(const QString& message);
    // A calm note in the message strip (empty text, truncation), not an error.
    void warningShown(const QString& message);

  public:
    // The message strip under the sentence box, for every feature of the window.
    void showError(const QString& message);
    void showWarning(const QString& message);  // a calm note, not an error
    void clearMessage();

  protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;  // QEvent::LanguageChange: retranslate()

  private:
    void buildWidgets();
    void buildStatusBar();
    void connectViews();
    void retranslate();        // every text again, in the language just installed
    void showSnapshotNotes();  // truncation and script notes for the shown snapshot
    void buildMenus();
    void addViewMenu();
    ExportDialog::Target shownFigure() const;  // what File ▸ Export… offers first
    void restoreState(const MainWindowOptions& options);
    void saveState();
    void updateStatus();
    void updateLanguageOffer();  // the switch to the Chinese model, when it fits

    void onDebounceTimeout();
    void onSnapshotReady(std::shared_ptr<const AttentionSnapshot> snapshot, quint64 generation);
    void onModelLoadFailed(const QString& message, const QString& nameOrPath);
    void onModelLoadCancelled(const QString& nameOrPath);
    void onModelPicked(const QString& nameOrPath);
    void onCurrentChanged(int layer, int column);
    void onLineColumnsChanged();

    std::unique_ptr<QSettings> settings_;
    TextSize* textSize_ = nullptr;
    Translators translators_;
    QString languageChoice_;  // "" = follow the system
    LanguageMenu* languageMenu_ = nullptr;
    AttentionSelection selection_;
    AttentionWorker worker_;
    ModelLoader loader_;
    QTimer debounce_;
    std::shared_ptr<const Model> model_;
    QString modelNameOrPath_;
    std::shared_ptr<const AttentionSnapshot> snapshot_;
    ColorMapKind colorMap_ = ColorMapKind::Viridis;
    ScaleMode scaleMode_ = ScaleMode::Shared;

    SentenceBox* sentence_ = nullptr;
    ModelPicker* modelPicker_ = nullptr;
    ColorControls* colorControls_ = nullptr;
    TokenChipsView* chips_ = nullptr;
    MessageStrip* message_ = nullptr;
    LanguageOfferBar* languageOffer_ = nullptr;
    QSplitter* splitter_ = nullptr;
    QScrollArea* gridScroll_ = nullptr;
    HeadGridView* grid_ = nullptr;
    ViewTabs* tabs_ = nullptr;
    HeadHeatmapView* heatmap_ = nullptr;
    QScrollArea* linesScroll_ = nullptr;
    TokenLinesView* lines_ = nullptr;
    HeadRolesHooks* headRoles_ = nullptr;
    AnalysisModes* analysisModes_ = nullptr;
    TokenPairPanel* tokenPair_ = nullptr;
    ExportActions* exports_ = nullptr;
    StatusSummary* status_ = nullptr;
    LoadProgressStrip* loadProgress_ = nullptr;
    ClassroomViews* classroom_ = nullptr;
    WalkthroughHooks* walkthrough_ = nullptr;
    TrainingWindowOpener* training_ = nullptr;
    DistanceProfileHooks* distance_ = nullptr;
    AttributionHooks* attribution_ = nullptr;
};

}  // namespace atlas::ui

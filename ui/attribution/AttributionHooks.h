// The attribution views hooked into the main window: the logit lens (Output group), each head's
// share of the prediction (Analysis group; a click focuses the head) and the tokens shaded by
// attribution (Tokens group). They are computed together in the background for the sentence
// shown, when one of them is visible.
#pragma once

#include <memory>

#include <QObject>

#include "attribution/AttributionData.h"
#include "common/BackgroundJob.h"

namespace atlas::ui {

class AttributionPage;
struct AttentionSnapshot;
class MainWindow;
class ViewTabs;

class AttributionHooks : public QObject {
    Q_OBJECT

  public:
    AttributionHooks(MainWindow* window, ViewTabs* tabs);

    AttributionPage* lensPage() const { return lens_; }
    AttributionPage* headsPage() const { return heads_; }
    AttributionPage* tokensPage() const { return tokens_; }
    std::shared_ptr<const AttributionData> data() const { return data_; }
    // Computes now for the window's sentence, visible or not (tests, screenshots).
    void refresh();
    // View ▸ Text size: the figures grow with the interface's type (the token shading is
    // flowed again for the width it then has).
    void setTextScale(double scale);

  signals:
    void computed();  // data() is the shown sentence's

  private:
    void markStale();
    void refreshIfVisible();
    void show(std::shared_ptr<const AttributionData> data);
    void showFocusedHead();
    void save(AttributionPage* page);

    MainWindow* window_;
    AttributionPage* lens_;
    AttributionPage* heads_;
    AttributionPage* tokens_;
    std::shared_ptr<const AttributionData> data_;
    std::shared_ptr<const AttentionSnapshot> computedFor_;
    BackgroundJob<std::shared_ptr<const AttributionData>> job_;
};

}  // namespace atlas::ui

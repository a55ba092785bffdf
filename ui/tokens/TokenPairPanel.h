// The "Token pair" tab: click the token that attends, then the token it attends to, and every
// head is ranked by the weight between them; the best heads are outlined in the grid.
#pragma once

#include <memory>
#include <vector>

#include <QList>
#include <QPair>
#include <QVector>
#include <QWidget>

#include "AttentionSnapshot.h"
#include "analysis/TokenPairRanking.h"

class QLabel;
class QScrollArea;
class QTableWidget;

namespace atlas::ui {

class TokenChipsView;

class TokenPairPanel : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kTopHeads = 3;

    explicit TokenPairPanel(QWidget* parent = nullptr);

    // Keeps the chosen pair while both tokens still exist, else starts over.
    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    // Role labels shown beside each head, as the grid has them ([layer * heads + head]).
    void setRoleLabels(int headsPerLayer, QVector<QString> labels);
    // A click on a token: the first picks the query (the token attending), the second the key.
    void clickToken(int token);
    void choosePair(int query, int key);
    void clearPair();

    int queryToken() const { return query_; }
    int keyToken() const { return key_; }
    const std::vector<RankedHead>& ranking() const { return ranking_; }
    QString pairText() const;  // what the panel says about the chosen pair
    QTableWidget* table() const { return table_; }
    TokenChipsView* chipsView() const { return chips_; }

  signals:
    void headChosen(int layer, int head);                       // a row was clicked
    void topHeadsChanged(const QList<QPair<int, int>>& heads);  // empty when no pair is chosen

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    // The chips' area is as tall as their rows, up to twelve text lines, then scrolls.
    void fitChipsHeight();

  private:
    void updateRanking();

    std::shared_ptr<const AttentionSnapshot> snapshot_;
    int query_ = -1;
    int key_ = -1;
    std::vector<RankedHead> ranking_;
    int headsPerLayer_ = 0;
    QVector<QString> roleLabels_;
    QScrollArea* chipsScroll_ = nullptr;
    TokenChipsView* chips_ = nullptr;
    QLabel* pair_ = nullptr;
    QTableWidget* table_ = nullptr;
};

}  // namespace atlas::ui

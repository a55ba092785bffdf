// The head-role table as a Qt item model: one row per head with its measures, its best relation
// against that relation's baseline, and its short label; sortable through a proxy.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QStringList>

#include <vector>

#include "analysis/HeadRoles.h"

namespace atlas::ui {

class HeadRolesModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        HeadColumn,
        KeyValueColumn,  // the key/value head the head reads (grouped-query models only)
        LabelColumn,
        MeasureColumn,  // the measure chosen with setMeasure, headed by its name
        PrevColumn,
        NextColumn,
        SelfColumn,
        FirstColumn,
        SinkShareColumn,  // mean attention on token 0 in the text shown now (not the treebank)
        EntropyColumn,
        DistanceColumn,
        InductionColumn,  // induction score (InductionScore.h), empty when not measured
        DuplicateColumn,  // duplicate-token score
        RelationColumn,
        PlainRelationColumn,  // the best relation in plain words: "determiner → noun"
        ScoreColumn,
        BaselineColumn,
        GainColumn,
        ColumnCount
    };
    // The number behind a cell (a double, or layer * 1000 + head for the head column), so a
    // proxy sorts "L10:H2" after "L2:H0" and numbers as numbers.
    static constexpr int SortRole = Qt::UserRole + 1;
    // The chosen measure's value for the row (see setMeasure), in any column.
    static constexpr int MeasureRole = Qt::UserRole + 2;

    explicit HeadRolesModel(QObject* parent = nullptr);

    void setTable(HeadRoleTable table);
    const HeadRoleTable& table() const { return table_; }
    bool hasTable() const { return !table_.heads.empty(); }

    // "prev", "next", "self", "first", "induction", "duplicate", or a relation name: what
    // MeasureRole reports.
    void setMeasure(const QString& measure);
    QString measure() const { return measure_; }
    // The column titles and tips again, in the language just installed.
    void retranslate();
    // A head's value of a measure; 0 for a relation the head has no score for.
    static double measureValue(const HeadProfile& profile, const QString& measure);
    // prev, next, self, first, then every relation of the baselines by arc count (most first).
    QStringList measures() const;
    // The (layer, head) pairs best at `measure`, best first.
    QList<QPair<int, int>> topHeads(const QString& measure, int count) const;
    // The row's (layer, head).
    QPair<int, int> headAt(int row) const;
    // Query heads sharing key/value heads: `kvHeads` of `heads` (KeyValueGroups.h); equal
    // counts (each head its own) leave the KV column empty.
    void setKeyValueHeads(int heads, int kvHeads);
    bool hasKeyValueGroups() const;
    // The KV head of a row's head, or -1.
    int keyValueHeadAt(int row) const;
    // Each head's sink share in the text shown now, [layer][head] (AttentionSnapshot).
    void setSinkShares(std::vector<std::vector<double>> shares);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    // Relations over fewer arcs than this are too rare to call a head's best (as the labels).
    static constexpr int kMinimumArcs = 50;

    struct BestRelation {
        QString name;  // empty when the head has no relation scores
        RelationDirection direction = RelationDirection::DependentToHead;
        double score = 0;
        double baseline = 0;
    };
    BestRelation bestRelation(const HeadProfile& profile) const;
    QVariant cellValue(const HeadProfile& profile, int column) const;  // numbers for sorting
    QVariant cellToolTip(int row, int column) const;

    HeadRoleTable table_;
    int heads_ = 0;
    int kvHeads_ = 0;
    std::vector<std::vector<double>> sinkShares_;
    QStringList labels_;  // [rows], shortRoleLabel of each head
    QString measure_;
};

}  // namespace atlas::ui

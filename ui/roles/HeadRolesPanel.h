// The "Head roles" tab: a chooser of a relation or positional role, its baseline, and the
// sortable table of every head's measures; reports the chosen head and the best heads.
#pragma once

#include <QList>
#include <QPair>
#include <QWidget>

#include "roles/HeadRolesModel.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace atlas::ui {

class HeadRolesPanel : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kTopHeads = 3;

    explicit HeadRolesPanel(QWidget* parent = nullptr);

    // An empty table (no head-roles.json) shows a note instead of the table.
    void setTable(HeadRoleTable table);
    // Picks a measure ("prev", "det", ...) as the chooser does; false if the table lacks it.
    bool chooseMeasure(const QString& measure);
    QString measure() const;
    QString baselineText() const;
    QList<QPair<int, int>> topHeads() const { return top_; }
    HeadRolesModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* tableView() const { return table_; }
    QComboBox* chooser() const { return chooser_; }
    // "Group by KV head": rows ordered by key/value head, then layer and head; shown only for
    // a model whose query heads share key/value heads.
    QCheckBox* groupByKeyValueBox() const { return groupByKeyValue_; }
    // The model's head counts and the sink shares of the text shown now.
    void setKeyValueHeads(int heads, int kvHeads);
    void setSinkShares(std::vector<std::vector<double>> shares);

    QPushButton* analyzeButton() const { return analyze_; }
    QPushButton* saveButton() const { return save_; }
    QPushButton* saveCsvButton() const { return saveCsv_; }

  signals:
    void headChosen(int layer, int head);  // a table row was clicked
    void analyzeRequested();  // "Analyze a treebank…": run the analysis on a CoNLL-U file
    void saveRequested();     // "Save table…": write the table as head-roles.json
    void saveCsvRequested();  // "Save as CSV…": write the table for a spreadsheet
    void topHeadsChanged(const QList<QPair<int, int>>& heads);  // best at the chosen measure

  protected:
    // QEvent::LanguageChange: headers, baseline; QEvent::FontChange: rows and columns.
    void changeEvent(QEvent* event) override;

  private:
    void fitTableToFont();  // row heights and column widths for the table's type
    void onMeasureChosen(int index);
    void showKeyValueControls();

    HeadRolesModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QComboBox* chooser_ = nullptr;
    QCheckBox* groupByKeyValue_ = nullptr;
    QLabel* baseline_ = nullptr;
    QLabel* note_ = nullptr;
    QTableView* table_ = nullptr;
    QPushButton* analyze_ = nullptr;
    QPushButton* save_ = nullptr;
    QPushButton* saveCsv_ = nullptr;
    QList<QPair<int, int>> top_;
};

}  // namespace atlas::ui

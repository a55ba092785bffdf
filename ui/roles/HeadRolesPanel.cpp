// The head roles tab: chooser, baseline note and table, kept in step with the role model.
#include "roles/HeadRolesPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "common/WrappingRow.h"

namespace atlas::ui {

HeadRolesPanel::HeadRolesPanel(QWidget* parent) : QWidget(parent) {
    model_ = new HeadRolesModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(HeadRolesModel::SortRole);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    // Wraps at large text sizes so no button is squeezed below its name.
    using Role = WrappingRow::Role;
    auto* top = new WrappingRow;
    top->setSpacing(6);
    auto* chooserLabel = new QLabel(tr("&Best at:"), this);
    chooser_ = new QComboBox(this);
    chooser_->setToolTip(
        tr("A relation or positional role: the heads that do it best are "
           "outlined in the grid"));
    chooserLabel->setBuddy(chooser_);
    baseline_ = new QLabel(this);
    top->addWidget(chooserLabel, Role::Lead);
    top->addWidget(chooser_, Role::Lead);
    top->addWidget(baseline_, Role::Lead);
    groupByKeyValue_ = new QCheckBox(tr("Group by KV head"), this);
    groupByKeyValue_->setToolTip(
        tr("Order the heads by the key/value head they share, then by layer"));
    groupByKeyValue_->hide();
    top->addWidget(groupByKeyValue_, Role::Control);
    analyze_ = new QPushButton(tr("&Analyze a treebank…"), this);
    analyze_->setToolTip(tr("Measure every head of the current model on a CoNLL-U file"));
    save_ = new QPushButton(tr("Sa&ve table…"), this);
    save_->setToolTip(
        tr("Save this table as head-roles.json (put it in the model folder to "
           "have it loaded with the model)"));
    saveCsv_ = new QPushButton(tr("Save as &CSV…"), this);
    saveCsv_->setToolTip(
        tr("Save this table as a CSV file for a spreadsheet, with each head's "
           "best relation in plain words"));
    top->addWidget(analyze_, Role::Control);
    top->addWidget(save_, Role::Control);
    top->addWidget(saveCsv_, Role::Control);
    layout->addLayout(top);
    connect(analyze_, &QPushButton::clicked, this, &HeadRolesPanel::analyzeRequested);
    connect(save_, &QPushButton::clicked, this, &HeadRolesPanel::saveRequested);
    connect(saveCsv_, &QPushButton::clicked, this, &HeadRolesPanel::saveCsvRequested);

    note_ = new QLabel(tr("This model has no head-roles.json. Analyze a treebank (a CoNLL-U "
                          "file such as Universal Dependencies' en_ewt-ud-dev.conllu) to measure "
                          "its heads, or run attention-atlas-cli analyze --format json and save "
                          "the result in the model folder."),
                       this);
    note_->setWordWrap(true);
    layout->addWidget(note_);

    table_ = new QTableView(this);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->horizontalHeader()->setMinimumSectionSize(24);
    table_->horizontalHeader()->setStretchLastSection(true);
    fitTableToFont();
    table_->setAlternatingRowColors(true);
    layout->addWidget(table_, 1);

    connect(chooser_, &QComboBox::activated, this, &HeadRolesPanel::onMeasureChosen);
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const auto [layer, head] = model_->headAt(proxy_->mapToSource(index).row());
        if (layer >= 0) {
            emit headChosen(layer, head);
        }
    });
    connect(groupByKeyValue_, &QCheckBox::toggled, this, [this](bool on) {
        table_->sortByColumn(on ? HeadRolesModel::KeyValueColumn : HeadRolesModel::HeadColumn,
                             Qt::AscendingOrder);
    });
    setTable(HeadRoleTable{});
}

void HeadRolesPanel::setKeyValueHeads(int heads, int kvHeads) {
    model_->setKeyValueHeads(heads, kvHeads);
    showKeyValueControls();
}

void HeadRolesPanel::setSinkShares(std::vector<std::vector<double>> shares) {
    model_->setSinkShares(std::move(shares));
}

void HeadRolesPanel::showKeyValueControls() {
    const bool grouped = model_->hasKeyValueGroups() && model_->hasTable();
    groupByKeyValue_->setVisible(grouped);
    table_->setColumnHidden(HeadRolesModel::KeyValueColumn, !model_->hasKeyValueGroups());
    if (!grouped && groupByKeyValue_->isChecked()) {
        groupByKeyValue_->setChecked(false);
    }
}

void HeadRolesPanel::setTable(HeadRoleTable table) {
    model_->setTable(std::move(table));
    const bool has = model_->hasTable();
    note_->setVisible(!has);
    table_->setVisible(has);
    chooser_->setEnabled(has);
    save_->setEnabled(has);
    saveCsv_->setEnabled(has);
    chooser_->clear();
    if (has) {
        for (const QString& measure : model_->measures()) {
            chooser_->addItem(measure, measure);
        }
    }
    baseline_->clear();
    top_.clear();
    table_->setColumnHidden(HeadRolesModel::MeasureColumn, true);  // until a measure is chosen
    fitTableToFont();
    table_->sortByColumn(HeadRolesModel::HeadColumn, Qt::AscendingOrder);
    groupByKeyValue_->setChecked(false);
    showKeyValueControls();
    emit topHeadsChanged(top_);
}

void HeadRolesPanel::fitTableToFont() {
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    // Number columns just wide enough for "10.23": fitting them to their contents would also
    // reserve room for a sort arrow in every header and push the relation out of view.
    table_->horizontalHeader()->setDefaultSectionSize(
        table_->fontMetrics().horizontalAdvance(QStringLiteral("+10.00")) + 10);
    for (int column : {int(HeadRolesModel::HeadColumn), int(HeadRolesModel::LabelColumn),
                       int(HeadRolesModel::RelationColumn)}) {
        table_->resizeColumnToContents(column);
    }
}

void HeadRolesPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) {
        fitTableToFont();  // View ▸ Text size
    }
    if (event->type() == QEvent::LanguageChange) {
        model_->retranslate();
        if (chooser_->currentIndex() >= 0) {
            onMeasureChosen(chooser_->currentIndex());  // the baseline line
        }
    }
    QWidget::changeEvent(event);
}

bool HeadRolesPanel::chooseMeasure(const QString& measure) {
    const int index = chooser_->findData(measure);
    if (index < 0) {
        return false;
    }
    chooser_->setCurrentIndex(index);
    onMeasureChosen(index);
    return true;
}

QString HeadRolesPanel::measure() const {
    return model_->measure();
}

QString HeadRolesPanel::baselineText() const {
    return baseline_->text();
}

void HeadRolesPanel::onMeasureChosen(int index) {
    const QString measure = chooser_->itemData(index).toString();
    model_->setMeasure(measure);
    // Sort by the chosen measure, best first. A positional role has its own column (the model
    // keeps prev, next, self, first in that order); a relation shows in the chosen column.
    const QStringList positional{QStringLiteral("prev"), QStringLiteral("next"),
                                 QStringLiteral("self"), QStringLiteral("first")};
    const int ownColumn = positional.indexOf(measure);
    const int column = ownColumn >= 0 ? HeadRolesModel::PrevColumn + ownColumn
                                      : int(HeadRolesModel::MeasureColumn);
    table_->setColumnHidden(HeadRolesModel::MeasureColumn, ownColumn >= 0);
    table_->sortByColumn(column, Qt::DescendingOrder);
    const auto& baselines = model_->table().baselines;
    const auto found = baselines.find(measure.toStdString());
    if (found != baselines.end()) {
        baseline_->setText(tr("baseline %1 (offset %2%3)")
                               .arg(found->second.score, 0, 'f', 2)
                               .arg(found->second.offset > 0 ? QStringLiteral("+") : QString())
                               .arg(found->second.offset));
    } else {
        baseline_->clear();
    }
    top_ = model_->topHeads(measure, kTopHeads);
    emit topHeadsChanged(top_);
}

}  // namespace atlas::ui

// The head-role item model: cells as text for display and as numbers for sorting.
#include "roles/HeadRolesModel.h"

#include "roles/RelationNamesText.h"

#include "model/KeyValueGroups.h"

#include <algorithm>

namespace atlas::ui {

namespace {
QString number(double value) {
    return QString::number(value, 'f', 2);
}
}  // namespace

HeadRolesModel::HeadRolesModel(QObject* parent) : QAbstractTableModel(parent) {}

void HeadRolesModel::setTable(HeadRoleTable table) {
    beginResetModel();
    table_ = std::move(table);
    measure_.clear();
    labels_.clear();
    for (const HeadProfile& profile : table_.heads) {
        labels_.append(QString::fromStdString(shortRoleLabel(profile, table_.baselines)));
    }
    endResetModel();
}

void HeadRolesModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

void HeadRolesModel::setMeasure(const QString& measure) {
    measure_ = measure;
    emit headerDataChanged(Qt::Horizontal, MeasureColumn, MeasureColumn);
    if (!table_.heads.empty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

double HeadRolesModel::measureValue(const HeadProfile& profile, const QString& measure) {
    if (measure == QLatin1String("prev")) {
        return profile.prev;
    }
    if (measure == QLatin1String("next")) {
        return profile.next;
    }
    if (measure == QLatin1String("self")) {
        return profile.self;
    }
    if (measure == QLatin1String("first")) {
        return profile.first;
    }
    if (measure == QLatin1String("induction")) {
        return profile.induction.value_or(0.0);
    }
    if (measure == QLatin1String("duplicate")) {
        return profile.duplicate_token.value_or(0.0);
    }
    const auto found = profile.relations.find(measure.toStdString());
    return found == profile.relations.end() ? 0.0 : found->second.score;
}

QStringList HeadRolesModel::measures() const {
    QStringList result{QStringLiteral("prev"), QStringLiteral("next"), QStringLiteral("self"),
                       QStringLiteral("first")};
    const bool scored =
        std::any_of(table_.heads.begin(), table_.heads.end(),
                    [](const HeadProfile& head) { return head.induction.has_value(); });
    if (scored) {
        result << QStringLiteral("induction") << QStringLiteral("duplicate");
    }
    std::vector<std::pair<std::string, RelationBaseline>> relations(table_.baselines.begin(),
                                                                    table_.baselines.end());
    std::stable_sort(relations.begin(), relations.end(),
                     [](const auto& a, const auto& b) { return a.second.arcs > b.second.arcs; });
    for (const auto& [name, baseline] : relations) {
        result.append(QString::fromStdString(name));
    }
    return result;
}

QList<QPair<int, int>> HeadRolesModel::topHeads(const QString& measure, int count) const {
    std::vector<const HeadProfile*> heads;
    for (const HeadProfile& profile : table_.heads) {
        heads.push_back(&profile);
    }
    std::stable_sort(heads.begin(), heads.end(), [&measure](const auto* a, const auto* b) {
        return measureValue(*a, measure) > measureValue(*b, measure);
    });
    QList<QPair<int, int>> result;
    for (int i = 0; i < std::min<int>(count, int(heads.size())); ++i) {
        result.append({heads[i]->layer, heads[i]->head});
    }
    return result;
}

QPair<int, int> HeadRolesModel::headAt(int row) const {
    if (row < 0 || row >= rowCount()) {
        return {-1, -1};
    }
    return {table_.heads[row].layer, table_.heads[row].head};
}

void HeadRolesModel::setKeyValueHeads(int heads, int kvHeads) {
    heads_ = heads;
    kvHeads_ = kvHeads;
    if (!table_.heads.empty()) {
        emit dataChanged(index(0, KeyValueColumn), index(rowCount() - 1, KeyValueColumn));
    }
}

bool HeadRolesModel::hasKeyValueGroups() const {
    return !keyValueGroups(heads_, kvHeads_).empty();
}

int HeadRolesModel::keyValueHeadAt(int row) const {
    if (!hasKeyValueGroups() || row < 0 || row >= rowCount()) {
        return -1;
    }
    return keyValueHeadOf(table_.heads[std::size_t(row)].head, heads_, kvHeads_);
}

void HeadRolesModel::setSinkShares(std::vector<std::vector<double>> shares) {
    sinkShares_ = std::move(shares);
    if (!table_.heads.empty()) {
        emit dataChanged(index(0, SinkShareColumn), index(rowCount() - 1, SinkShareColumn));
    }
}

int HeadRolesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(table_.heads.size());
}

int HeadRolesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

// The relation whose score beats its baseline by the most; the same choice the label makes
// when the margin is large enough, shown here for every head.
HeadRolesModel::BestRelation HeadRolesModel::bestRelation(const HeadProfile& profile) const {
    BestRelation best;
    double bestGain = 0;
    for (const auto& [name, score] : profile.relations) {
        const auto baseline = table_.baselines.find(name);
        const double base = baseline == table_.baselines.end() ? 0.0 : baseline->second.score;
        if (score.arcs < kMinimumArcs) {
            continue;
        }
        if (best.name.isEmpty() || score.score - base > bestGain) {
            best.name = QString::fromStdString(name);
            best.direction = score.direction;
            best.score = score.score;
            best.baseline = base;
            bestGain = score.score - base;
        }
    }
    return best;
}

QVariant HeadRolesModel::cellValue(const HeadProfile& profile, int column) const {
    switch (column) {
        case HeadColumn:
            return profile.layer * 1000 + profile.head;
        case MeasureColumn:
            return measure_.isEmpty() ? QVariant() : QVariant(measureValue(profile, measure_));
        case PrevColumn:
            return profile.prev;
        case NextColumn:
            return profile.next;
        case SelfColumn:
            return profile.self;
        case FirstColumn:
            return profile.first;
        case SinkShareColumn: {
            const auto layer = std::size_t(profile.layer);
            const auto head = std::size_t(profile.head);
            if (layer < sinkShares_.size() && head < sinkShares_[layer].size()) {
                return sinkShares_[layer][head];
            }
            return {};
        }
        case KeyValueColumn: {
            if (!hasKeyValueGroups()) {
                return {};
            }
            // Sorting by this column groups the heads by KV head, then layer, then head.
            const int kv = keyValueHeadOf(profile.head, heads_, kvHeads_);
            return kv * 1'000'000 + profile.layer * 1000 + profile.head;
        }
        case EntropyColumn:
            return profile.entropy;
        case DistanceColumn:
            return profile.mean_distance;
        case InductionColumn:
            return profile.induction ? QVariant(*profile.induction) : QVariant();
        case DuplicateColumn:
            return profile.duplicate_token ? QVariant(*profile.duplicate_token) : QVariant();
        default:
            break;
    }
    const BestRelation best = bestRelation(profile);
    if (best.name.isEmpty()) {
        return column == RelationColumn || column == PlainRelationColumn ? QVariant(QString())
                                                                         : QVariant();
    }
    switch (column) {
        case RelationColumn:
            return best.name;
        case PlainRelationColumn:
            return plainRelationText(best.name, best.direction);
        case ScoreColumn:
            return best.score;
        case BaselineColumn:
            return best.baseline;
        case GainColumn:
            return best.score - best.baseline;
        default:
            return {};
    }
}

// Label and relation cells name the relation in plain words.
QVariant HeadRolesModel::cellToolTip(int row, int column) const {
    if (column != LabelColumn && column != RelationColumn && column != PlainRelationColumn) {
        return {};
    }
    const HeadProfile& profile = table_.heads[std::size_t(row)];
    const BestRelation best = bestRelation(profile);
    if (column == LabelColumn) {
        const QString label = labels_.value(row);
        const QString relation = label.section(QLatin1Char(' '), 0, 0);
        const auto found = profile.relations.find(relation.toStdString());
        if (found != profile.relations.end()) {
            const QString plain = plainRelationText(relation, found->second.direction);
            if (!plain.isEmpty()) {
                return tr("%1: %2").arg(label, plain);
            }
        }
        return {};
    }
    if (best.name.isEmpty()) {
        return {};
    }
    return tr("%1: %2 (%3 % of the arcs, baseline %4 %)")
        .arg(best.name, plainRelationText(best.name, best.direction))
        .arg(best.score * 100, 0, 'f', 0)
        .arg(best.baseline * 100, 0, 'f', 0);
}

QVariant HeadRolesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const HeadProfile& profile = table_.heads[index.row()];
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole: {
            if (column == HeadColumn) {
                return QStringLiteral("L%1:H%2").arg(profile.layer).arg(profile.head);
            }
            if (column == LabelColumn) {
                return labels_.value(index.row());
            }
            if (column == KeyValueColumn) {
                const int kv = keyValueHeadAt(index.row());
                return kv < 0 ? QString() : QString::number(kv);
            }
            const QVariant value = cellValue(profile, column);
            if (value.typeId() == QMetaType::Double) {
                return column == GainColumn && value.toDouble() > 0
                           ? QLatin1Char('+') + number(value.toDouble())
                           : number(value.toDouble());
            }
            return value;
        }
        case SortRole:
            if (column == LabelColumn) {
                return labels_.value(index.row());
            }
            return cellValue(profile, column);
        case MeasureRole:
            return measureValue(profile, measure_);
        case Qt::ToolTipRole:
            return cellToolTip(index.row(), column);
        case Qt::TextAlignmentRole:
            return column == LabelColumn || column == RelationColumn ||
                           column == PlainRelationColumn
                       ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                       : QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
    }
}

QVariant HeadRolesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
            case HeadColumn:
                return tr("Head");
            case LabelColumn:
                return tr("Role");
            case MeasureColumn:
                return measure_.isEmpty() ? tr("Chosen") : measure_;
            case PrevColumn:
                return tr("prev");
            case NextColumn:
                return tr("next");
            case SelfColumn:
                return tr("self");
            case FirstColumn:
                return tr("first");
            case KeyValueColumn:
                return tr("KV head");
            case SinkShareColumn:
                return tr("Sink share");
            case EntropyColumn:
                return tr("Entropy");
            case DistanceColumn:
                return tr("Distance");
            case InductionColumn:
                return tr("Induction");
            case DuplicateColumn:
                return tr("Duplicate");
            case RelationColumn:
                return tr("Best relation");
            case PlainRelationColumn:
                return tr("In plain words");
            case ScoreColumn:
                return tr("Score");
            case BaselineColumn:
                return tr("Baseline");
            case GainColumn:
                return tr("Gain");
            default:
                break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case MeasureColumn:
                return tr("The measure chosen above");
            case PrevColumn:
                return tr("Mean attention to the previous token");
            case NextColumn:
                return tr("Mean attention to the next token");
            case SelfColumn:
                return tr("Mean attention to the token itself");
            case FirstColumn:
                return tr("Mean attention to the first token");
            case KeyValueColumn:
                return tr(
                    "The key/value head this query head shares with the others of its "
                    "group (grouped-query attention)");
            case SinkShareColumn:
                return tr(
                    "Mean attention on the first token (the attention sink) in the text "
                    "shown now; “first” is the same measure over the treebank");
            case EntropyColumn:
                return tr("Mean entropy of a row, in nats");
            case DistanceColumn:
                return tr("Mean distance attended over, in tokens");
            case InductionColumn:
                return tr(
                    "On a random sequence repeated twice, the mean attention from a token "
                    "to the one after its earlier occurrence (an induction head copies "
                    "what came next)");
            case DuplicateColumn:
                return tr(
                    "On a random sequence repeated twice, the mean attention from a token "
                    "to its earlier occurrence");
            case RelationColumn:
                return tr("The syntactic relation this head finds most above its baseline");
            case PlainRelationColumn:
                return tr(
                    "The best relation in plain words: from the word that attends to the "
                    "word it finds");
            case BaselineColumn:
                return tr("How often the word at the best fixed offset is the answer");
            case GainColumn:
                return tr("Score minus baseline");
            default:
                break;
        }
    }
    return {};
}

}  // namespace atlas::ui

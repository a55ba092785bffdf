// Differences of head maps, and the background worker that computes them.
#include "modes/DifferenceMaps.h"

#include <algorithm>

#include <QCoreApplication>

#include "Error.h"
#include "common/ColorMaps.h"

namespace atlas::ui {

namespace {

// The head columns of a snapshot in head order: [L][H].
std::vector<std::vector<const Matrix*>> headMaps(const AttentionSnapshot& snapshot) {
    std::vector<std::vector<const Matrix*>> heads(snapshot.layerCount());
    for (int l = 0; l < snapshot.layerCount(); ++l) {
        for (int c = 0; c < snapshot.columnCount(); ++c) {
            if (snapshot.columns[c].kind == ColumnKind::Head) {
                heads[l].push_back(&snapshot.maps[l][c]);
            }
        }
    }
    return heads;
}

}  // namespace

DifferenceMaps differenceOf(const AttentionSnapshot& a, const AttentionSnapshot& b,
                            const QString& titleA, const QString& titleB) {
    if (a.mapsOnDemand() || b.mapsOnDemand()) {
        // A difference keeps a map per head: as much memory as the maps a long text leaves out.
        throw AtlasError(QCoreApplication::translate("atlas::ui::DifferenceMaps",
                                                     "A difference keeps every head's map: “%1” "
                                                     "(%2 tokens) and “%3” (%4 tokens) are too "
                                                     "long for it.")
                             .arg(titleA)
                             .arg(a.tokenCount())
                             .arg(titleB)
                             .arg(b.tokenCount())
                             .toStdString());
    }
    const auto headsA = headMaps(a);
    const auto headsB = headMaps(b);
    if (a.tokenCount() != b.tokenCount()) {
        throw AtlasError(QCoreApplication::translate("atlas::ui::DifferenceMaps",
                                                     "A difference needs the same number of "
                                                     "tokens: “%1” has %2, “%3” has %4.")
                             .arg(titleA)
                             .arg(a.tokenCount())
                             .arg(titleB)
                             .arg(b.tokenCount())
                             .toStdString());
    }
    if (headsA.size() != headsB.size() ||
        (!headsA.empty() && headsA[0].size() != headsB[0].size())) {
        throw AtlasError(QCoreApplication::translate("atlas::ui::DifferenceMaps",
                                                     "A difference needs models of the same "
                                                     "shape (layers and heads).")
                             .toStdString());
    }
    DifferenceMaps difference;
    difference.titleA = titleA;
    difference.titleB = titleB;
    difference.tokenLabelsA = a.tokenLabels;
    difference.tokenLabelsB = b.tokenLabels;
    difference.predictionsA = a.predictions;
    difference.predictionsB = b.predictions;
    difference.causal = a.causal;
    difference.maps.resize(headsA.size());
    for (std::size_t l = 0; l < headsA.size(); ++l) {
        for (std::size_t h = 0; h < headsA[l].size(); ++h) {
            Matrix delta = *headsA[l][h] - *headsB[l][h];
            difference.maxMagnitude = std::max(difference.maxMagnitude, largestMagnitude(delta));
            difference.maps[l].push_back(std::move(delta));
        }
    }
    return difference;
}

std::shared_ptr<const DifferenceMaps> computeDifference(const DifferenceRequest& request) {
    std::shared_ptr<const Model> modelA = request.modelA;
    std::shared_ptr<const Model> modelB = request.modelB;
    if (!request.folderA.isEmpty()) {
        modelA = Model::load(request.folderA.toStdString());
    }
    if (!request.folderB.isEmpty()) {
        modelB = Model::load(request.folderB.toStdString());
    }
    if (!modelA || !modelB) {
        throw AtlasError("difference: no model");
    }
    SnapshotOptions optionsA = request.optionsA;
    SnapshotOptions optionsB = request.optionsB;
    for (SnapshotOptions* options : {&optionsA, &optionsB}) {
        options->mean = false;  // only the heads are compared
        options->rollout = false;
        options->flow = false;
        // Two sentences group into different units: the difference is taken token by token.
        options->units = UnitLevel::Tokens;
    }
    const auto a = computeSnapshot(*modelA, request.textA, optionsA);
    const auto b = computeSnapshot(*modelB, request.textB, optionsB);
    return std::make_shared<const DifferenceMaps>(
        differenceOf(*a, *b, request.titleA, request.titleB));
}

DifferenceWorker::DifferenceWorker(QObject* parent) : QObject(parent) {
    job_.onResult([this](std::shared_ptr<const DifferenceMaps> difference) {
        emit ready(std::move(difference));
    });
    job_.onError([this](const QString& message) { emit failed(message); });
}

void DifferenceWorker::request(DifferenceRequest request) {
    job_.start(
        [request = std::move(request)](const JobControl&) { return computeDifference(request); });
}

void DifferenceWorker::cancel() {
    job_.cancel();
}

}  // namespace atlas::ui

// Step titles and captions written for a class: what the step does, in one sentence, with the
// head's own sizes in it.
#include "walkthrough/WalkthroughText.h"

#include <QCoreApplication>

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct WalkthroughTextText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::WalkthroughText)
};

}  // namespace

QString walkthroughStepTitle(const HeadWalkthrough& walk, int step) {
    if (step < 0 || step >= int(walk.steps.size())) {
        return {};
    }
    switch (walk.steps[step].kind) {
        case WalkthroughStepKind::Embeddings:
            return walk.bert ? WalkthroughTextText::tr("Token embeddings + positions + type")
                             : WalkthroughTextText::tr("Token embeddings + positions");
        case WalkthroughStepKind::LayerInput:
            return WalkthroughTextText::tr("What layer %1 reads").arg(walk.layer);
        case WalkthroughStepKind::Projections:
            return WalkthroughTextText::tr("Queries, keys and values");
        case WalkthroughStepKind::Scores:
            return WalkthroughTextText::tr("Scores: Q Kᵀ");
        case WalkthroughStepKind::Scaled:
            return WalkthroughTextText::tr("Divided by √d_head");
        case WalkthroughStepKind::Mask:
            return WalkthroughTextText::tr("Causal mask");
        case WalkthroughStepKind::Softmax:
            return WalkthroughTextText::tr("Softmax: the attention map");
        case WalkthroughStepKind::WeightedSum:
            return WalkthroughTextText::tr("Weighted sum of the values");
        case WalkthroughStepKind::OutputProjection:
            return WalkthroughTextText::tr("Into W_O: the head's share of the output");
    }
    return {};
}

QString walkthroughStepCaption(const HeadWalkthrough& walk, int step) {
    if (step < 0 || step >= int(walk.steps.size())) {
        return {};
    }
    switch (walk.steps[step].kind) {
        case WalkthroughStepKind::Embeddings:
            return walk.bert
                       ? WalkthroughTextText::tr(
                             "Each token becomes a vector of %1 numbers: its row of the token "
                             "table plus the row of its position and of token type 0.")
                             .arg(walk.d_model)
                       : WalkthroughTextText::tr(
                             "Each token becomes a vector of %1 numbers: its row of the token "
                             "table plus the row of its position in the sentence.")
                             .arg(walk.d_model);
        case WalkthroughStepKind::LayerInput:
            if (walk.bert) {
                return walk.layer == 0
                           ? WalkthroughTextText::tr(
                                 "BERT normalises the sum (LayerNorm) and layer 0 reads it as it "
                                 "is.")
                           : WalkthroughTextText::tr(
                                 "The layers before it have changed the vectors; layer %1 "
                                 "reads them as they are (BERT normalises after each block).")
                                 .arg(walk.layer);
            }
            return walk.layer == 0
                       ? WalkthroughTextText::tr(
                             "Before attention, LayerNorm centres each token's vector, scales it "
                             "to spread 1 and applies a learned scale and shift.")
                       : WalkthroughTextText::tr(
                             "The layers before it have changed the vectors; layer %1 reads "
                             "them after LayerNorm (centred, scaled to spread 1, then a learned "
                             "scale and shift).")
                             .arg(walk.layer);
        case WalkthroughStepKind::Projections:
            return WalkthroughTextText::tr(
                       "Three learned matrices of head %1 turn each vector into a query Q, a key "
                       "K and a value V of %2 numbers each.")
                .arg(walk.head)
                .arg(walk.d_head);
        case WalkthroughStepKind::Scores:
            return WalkthroughTextText::tr(
                "Every query is compared with every key by a dot product: row i, column "
                "j is how well token i's query matches token j's key.");
        case WalkthroughStepKind::Scaled:
            return WalkthroughTextText::tr(
                       "Each score is divided by √%1 = %2, so the scores stay moderate however "
                       "long the vectors are.")
                .arg(walk.d_head)
                .arg(double(walk.sqrt_d_head), 0, 'f', 2);
        case WalkthroughStepKind::Mask:
            return WalkthroughTextText::tr(
                "GPT may only look back: scores of later tokens become −∞, so they will get "
                "no weight at all.");
        case WalkthroughStepKind::Softmax:
            return WalkthroughTextText::tr(
                "Softmax turns each row into weights between 0 and 1 that sum to 1: this "
                "is the head's heatmap.");
        case WalkthroughStepKind::WeightedSum:
            return WalkthroughTextText::tr(
                "Each token's output is the average of all value vectors, weighted by its "
                "row of A.");
        case WalkthroughStepKind::OutputProjection:
            return WalkthroughTextText::tr(
                       "The output times the head's %1 rows of W_O is its share of the layer's "
                       "output; the heads' shares and a bias are added to the stream.")
                .arg(walk.d_head);
    }
    return {};
}

QString walkthroughMatrixName(const HeadWalkthrough& walk, const WalkthroughMatrix& matrix) {
    switch (matrix.role) {
        case WalkthroughMatrixRole::TokenEmbedding:
            return WalkthroughTextText::tr("token embedding");
        case WalkthroughMatrixRole::PositionEmbedding:
            return WalkthroughTextText::tr("position embedding");
        case WalkthroughMatrixRole::TypeEmbedding:
            return WalkthroughTextText::tr("type embedding");
        case WalkthroughMatrixRole::EmbeddingSum:
            return WalkthroughTextText::tr("sum x₀");
        case WalkthroughMatrixRole::LayerStream:
            return WalkthroughTextText::tr("stream entering layer %1").arg(walk.layer);
        case WalkthroughMatrixRole::HeadInput:
            return walk.bert ? WalkthroughTextText::tr("stream entering layer %1").arg(walk.layer)
                             : WalkthroughTextText::tr("after LayerNorm");
        case WalkthroughMatrixRole::Query:
            return WalkthroughTextText::tr("queries Q");
        case WalkthroughMatrixRole::Key:
            return WalkthroughTextText::tr("keys K");
        case WalkthroughMatrixRole::Value:
            return WalkthroughTextText::tr("values V");
        case WalkthroughMatrixRole::RawScores:
            return WalkthroughTextText::tr("scores Q Kᵀ");
        case WalkthroughMatrixRole::ScaledScores:
            return WalkthroughTextText::tr("scores / √%1").arg(walk.d_head);
        case WalkthroughMatrixRole::MaskedScores:
            return WalkthroughTextText::tr("masked scores");
        case WalkthroughMatrixRole::Attention:
            return WalkthroughTextText::tr("attention A");
        case WalkthroughMatrixRole::HeadOutput:
            return WalkthroughTextText::tr("head output A V");
        case WalkthroughMatrixRole::OutputWeights:
            return WalkthroughTextText::tr("W_O rows %1–%2")
                .arg(walk.head * walk.d_head)
                .arg((walk.head + 1) * walk.d_head - 1);
        case WalkthroughMatrixRole::OutputContribution:
            return WalkthroughTextText::tr("share of the output");
    }
    return {};
}

}  // namespace atlas::ui

// Checking a lesson's claims: each runs the step's sentence through the model and reads the
// attention or the predictions, the same numbers the window draws.
#include "classroom/LessonClaims.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include "analysis/InductionScore.h"
#include "attribution/AttributionData.h"
#include "classroom/Lessons.h"
#include "model/Model.h"
#include "model/TrainingSnapshots.h"
#include "train/TrainingPresets.h"
#include "train/TrainingRun.h"

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct LessonClaimText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::LessonClaims)
};

QString plain(const std::string& tokenText) {
    return QString::fromStdString(tokenText).trimmed();
}

bool sameWord(const std::string& tokenText, const QString& word) {
    return plain(tokenText).compare(word.trimmed(), Qt::CaseInsensitive) == 0;
}

bool isSpecial(const Token& token) {
    const QString text = plain(token.text);
    return text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']'));
}

RunResult runStep(const Model& model, const QString& text, const std::vector<int>& masked) {
    RunOptions options;
    options.forward.top_k = 10;
    options.masked_tokens = masked;
    return model.run(text.toStdString(), options);
}

double meanEntropy(const Forward& forward) {
    double total = 0;
    long long rows = 0;
    for (const auto& layer : forward.attention) {
        for (const Matrix& map : layer) {
            for (Eigen::Index i = 0; i < map.rows(); ++i) {
                double entropy = 0;
                for (Eigen::Index j = 0; j < map.cols(); ++j) {
                    const double a = map(i, j);
                    if (a > 0) {
                        entropy -= a * std::log(a);
                    }
                }
                total += entropy;
                ++rows;
            }
        }
    }
    return rows > 0 ? total / double(rows) : 0;
}

LessonClaimCheck checkAttends(const LessonStep& step, const LessonClaim& claim, const Model& model,
                              int layer, int head) {
    LessonClaimCheck check;
    std::vector<int> masked;
    if (claim.masked && step.token >= 0) {
        masked.push_back(step.token);
    }
    const RunResult run = runStep(model, claim.compareText ? step.compareText : step.text, masked);
    const std::vector<Token>& tokens = run.encoded.tokens;
    const Matrix& map = run.forward.attention.at(std::size_t(layer)).at(std::size_t(head));
    int from = -1;
    for (int i = 0; i < int(tokens.size()); ++i) {
        if (sameWord(tokens[std::size_t(i)].text, claim.from)) {
            from = i;
            break;
        }
    }
    if (from < 0) {
        check.observed = LessonClaimText::tr("no token '%1' in the sentence").arg(claim.from);
        return check;
    }
    Eigen::Index top = 0;
    map.row(from).maxCoeff(&top);
    const Token& topToken = tokens[std::size_t(top)];
    check.holds = sameWord(topToken.text, claim.to);
    check.observed = LessonClaimText::tr("from '%1' the most weight (%2) is on '%3', token %4")
                         .arg(claim.from)
                         .arg(double(map(from, top)), 0, 'f', 2)
                         .arg(plain(topToken.text))
                         .arg(top);
    return check;
}

LessonClaimCheck checkOffset(const LessonStep& step, const LessonClaim& claim, const Model& model,
                             int layer, int head) {
    LessonClaimCheck check;
    const RunResult run = runStep(model, step.text, {});
    const std::vector<Token>& tokens = run.encoded.tokens;
    const Matrix& map = run.forward.attention.at(std::size_t(layer)).at(std::size_t(head));
    int rows = 0;
    int hits = 0;
    for (int i = 0; i < int(tokens.size()); ++i) {
        const int target = i + claim.offset;
        if (target < 0 || target >= int(tokens.size()) || isSpecial(tokens[std::size_t(i)]) ||
            isSpecial(tokens[std::size_t(target)])) {
            continue;
        }
        Eigen::Index top = 0;
        map.row(i).maxCoeff(&top);
        ++rows;
        hits += top == target ? 1 : 0;
    }
    const double share = rows > 0 ? double(hits) / rows : 0;
    check.holds = rows > 0 && share >= claim.share;
    check.observed =
        LessonClaimText::tr("%1 of %2 words have their largest weight %3 tokens away (%4 %)")
            .arg(hits)
            .arg(rows)
            .arg(claim.offset)
            .arg(share * 100, 0, 'f', 0);
    return check;
}

LessonClaimCheck checkDirection(const LessonStep& step, const LessonClaim& claim,
                                const Model& model) {
    LessonClaimCheck check;
    const RunResult run = runStep(model, step.text, {});
    double largestAbove = 0;
    double later = 0;
    long long rows = 0;
    for (const auto& layer : run.forward.attention) {
        for (const Matrix& map : layer) {
            for (Eigen::Index i = 0; i + 1 < map.rows(); ++i) {
                const double above = map.row(i).tail(map.cols() - i - 1).sum();
                largestAbove =
                    std::max(largestAbove, double(map.row(i).tail(map.cols() - i - 1).maxCoeff()));
                later += above;
                ++rows;
            }
        }
    }
    const double meanLater = rows > 0 ? later / double(rows) : 0;
    if (claim.kind == LessonClaimKind::Causal) {
        check.holds = largestAbove == 0;
        check.observed =
            LessonClaimText::tr("the largest weight above the diagonal is %1").arg(largestAbove);
    } else {
        check.holds = meanLater >= claim.share;
        check.observed = LessonClaimText::tr("on average %1 % of a row's weight is on later tokens")
                             .arg(meanLater * 100, 0, 'f', 0);
    }
    return check;
}

LessonClaimCheck checkPredicts(const LessonStep& step, const LessonClaim& claim,
                               const Model& model) {
    LessonClaimCheck check;
    // GPT: the guesses after token `position` (-1: the last); BERT: the filler of `position`,
    // masked.
    const int position = claim.position >= 0 ? claim.position : step.token;
    const bool causal = model.config().causal();
    const int last = int(model.encode(step.text.toStdString()).tokens.size()) - 1;
    const int at = position < 0 ? last : position;
    RunOptions options;
    options.forward.top_k = claim.top;
    options.forward.predict_positions = {at};
    if (!causal) {
        options.masked_tokens = {at};
    }
    const RunResult run = model.run(step.text.toStdString(), options);
    QStringList seen;
    for (const PositionPredictions& predictions : run.forward.predictions) {
        if (predictions.position != at) {
            continue;
        }
        for (const TopToken& top : predictions.top) {
            seen << plain(top.text);
            for (const QString& word : claim.anyOf) {
                if (sameWord(top.text, word)) {
                    check.holds = true;
                }
            }
        }
    }
    check.observed = LessonClaimText::tr("the top %1 at token %2: %3")
                         .arg(claim.top)
                         .arg(at)
                         .arg(seen.join(QStringLiteral(", ")));
    return check;
}

LessonClaimCheck checkEntropy(const LessonStep& step, const LessonClaim& claim,
                              const Model& model) {
    LessonClaimCheck check;
    const std::vector<TrainingSnapshotFolder> points = listTrainingSnapshots(model.folder);
    if (points.size() < 2) {
        check.observed = LessonClaimText::tr("the model has no training snapshots");
        return check;
    }
    auto entropyAt = [&](int point) {
        const int index =
            point < 0 ? int(points.size()) - 1 : std::min(point, int(points.size()) - 1);
        const std::unique_ptr<Model> snapshot = Model::load(points[std::size_t(index)].folder);
        return meanEntropy(runStep(*snapshot, step.text, {}).forward);
    };
    const double here = entropyAt(step.timelinePoint);
    const double there = entropyAt(claim.comparedWith);
    check.holds = claim.higher ? here > there : here < there;
    check.observed =
        LessonClaimText::tr("mean attention entropy %1 nats here, %2 at the other point")
            .arg(here, 0, 'f', 2)
            .arg(there, 0, 'f', 2);
    return check;
}

struct BestInductionHead {
    double score = 0;
    int layer = 0;
    int head = 0;
};

// The head with the highest induction score in layers `firstLayer` and up.
BestInductionHead bestInductionHead(const Model& model, int firstLayer) {
    const InductionScores scores = scoreInductionHeads(model);
    BestInductionHead best;
    for (int layer = firstLayer; layer < int(scores.induction.size()); ++layer) {
        for (int head = 0; head < int(scores.induction[layer].size()); ++head) {
            if (scores.induction[layer][head] > best.score) {
                best = {scores.induction[layer][head], layer, head};
            }
        }
    }
    return best;
}

LessonClaimCheck checkInduction(const LessonClaim& claim, const Model& model) {
    LessonClaimCheck check;
    const BestInductionHead best = bestInductionHead(model, 0);
    check.holds = (claim.below < 0 || best.score < claim.below) &&
                  (claim.atLeast < 0 || best.score >= claim.atLeast);
    check.observed = LessonClaimText::tr("the best induction score is %1 (head %2.%3)")
                         .arg(best.score, 0, 'f', 2)
                         .arg(best.layer)
                         .arg(best.head);
    return check;
}

LessonClaimCheck checkPreset(const LessonStep& step, const LessonClaim& claim) {
    LessonClaimCheck check;
    const TrainingPreset preset = trainingPreset(step.preset.toStdString(), shippedTrainingText());
    const TrainingRunOptions& options = preset.options;
    const QString target = preset.target == PresetTarget::Induction
                               ? QStringLiteral("induction")
                               : QStringLiteral("previous-token");
    const QString data = options.data == TrainingData::RepeatedRandomTokens
                             ? QStringLiteral("repeated_spans")
                             : QStringLiteral("text");
    check.holds = (claim.target.isEmpty() || claim.target == target) &&
                  (claim.data.isEmpty() || claim.data == data) &&
                  (claim.layers < 0 || claim.layers == options.n_layer) &&
                  (claim.steps < 0 || claim.steps == options.training.steps) &&
                  (claim.vocabSize < 0 || claim.vocabSize == options.vocab_size);
    check.observed = LessonClaimText::tr(
                         "the preset '%1' grows a %2 head, %3 layers, %4 steps, "
                         "%5 tokens, data: %6")
                         .arg(step.preset, target)
                         .arg(options.n_layer)
                         .arg(options.training.steps)
                         .arg(options.vocab_size)
                         .arg(data);
    return check;
}

// The first `belowBy` steps of the preset, exactly as the full run takes them (the schedule is
// the full run's; the run is stopped there), in a scratch folder.
LessonClaimCheck checkLoss(const LessonStep& step, const LessonClaim& claim) {
    LessonClaimCheck check;
    const TrainingPreset preset = trainingPreset(step.preset.toStdString(), shippedTrainingText());
    QTemporaryDir scratch;
    if (!scratch.isValid() || claim.aboveUntil < 20 || claim.belowBy <= claim.aboveUntil) {
        check.observed = LessonClaimText::tr("the claim's steps or a scratch folder are missing");
        return check;
    }
    TrainingRunOptions options = preset.options;
    options.output = std::filesystem::path(scratch.path().toStdString()) / "run";
    options.snapshot_fractions.clear();
    options.checkpoint_minutes = 0;
    options.progress_seconds = 0;
    TrainingControl control;
    options.control = &control;
    const TrainingRunResult result = runTraining(options,
                                                 [&](const TrainingProgress& progress) {
                                                     if (progress.last.step + 1 >= claim.belowBy) {
                                                         control.stop = true;
                                                     }
                                                 },
                                                 {});
    auto meanUpTo = [&](int steps) {
        double sum = 0;
        int count = 0;
        for (const StepRecord& record : result.history) {
            if (record.step < steps && record.step >= steps - 20) {
                sum += record.train_loss;
                ++count;
            }
        }
        return count > 0 ? sum / count : 0.0;
    };
    const double chance = std::log(double(options.vocab_size));
    const double above = claim.lossAbove > 0 ? claim.lossAbove : chance;
    const double below = claim.lossBelow > 0 ? claim.lossBelow : chance;
    const double early = meanUpTo(claim.aboveUntil);
    const double late = meanUpTo(claim.belowBy);
    check.holds = int(result.history.size()) >= claim.belowBy && early > above && late < below;
    check.observed =
        LessonClaimText::tr("the loss is %1 at step %2 and %3 at step %4 (a blind guess: %5)")
            .arg(early, 0, 'f', 2)
            .arg(claim.aboveUntil)
            .arg(late, 0, 'f', 2)
            .arg(claim.belowBy)
            .arg(chance, 0, 'f', 2);
    if (claim.inductionAtLeast >= 0) {
        // A layer-0 head cannot copy from the token after an earlier occurrence (docs/models.md).
        const double best = bestInductionHead(*Model::load(options.output), 1).score;
        check.holds = check.holds && best >= claim.inductionAtLeast;
        check.observed += LessonClaimText::tr("; the best induction score past layer 0 is %1")
                              .arg(best, 0, 'f', 2);
    }
    return check;
}

// The attribution views' numbers for the step's sentence, as the window computes them.
std::shared_ptr<const AttributionData> stepAttribution(const LessonStep& step, const Model& model) {
    return computeAttribution(model, model.encode(step.text.toStdString()).tokens, {});
}

LessonClaimCheck checkLens(const LessonStep& step, const LessonClaim& claim, const Model& model) {
    LessonClaimCheck check;
    const auto data = stepAttribution(step, model);
    const int position = data->chosen.position;
    int first = -1;
    QString finalTop;
    QStringList tops;
    for (const LensLayer& layer : data->lens.layers) {
        for (const LensCell& cell : layer.positions) {
            if (cell.position != position || cell.top.empty()) {
                continue;
            }
            const QString top = plain(cell.top.front().text);
            tops << top;
            finalTop = top;
            if (first < 0 && sameWord(cell.top.front().text, claim.word)) {
                first = layer.layer;
            }
        }
    }
    // Only a word the model ends on counts: one that shows early and is dropped is not "formed".
    check.holds =
        finalTop.compare(claim.word, Qt::CaseInsensitive) == 0 && first == claim.fromLayer;
    check.observed = LessonClaimText::tr("the top guess after each layer: %1")
                         .arg(tops.join(QStringLiteral(", ")));
    return check;
}

LessonClaimCheck checkWrites(const LessonStep& step, const LessonClaim& claim, const Model& model,
                             int layer, int head) {
    LessonClaimCheck check;
    const auto data = stepAttribution(step, model);
    struct Share {
        double value;
        int layer;
        int head;
    };
    std::vector<Share> shares;
    for (int l = 0; l < data->layerCount(); ++l) {
        for (int h = 0; h < data->headCount(); ++h) {
            // BERT's is the change in log p with the head off: a helper's is negative.
            const double value = data->heads[l][h];
            shares.push_back({data->byAblation ? -value : value, l, h});
        }
    }
    std::sort(shares.begin(), shares.end(),
              [](const Share& a, const Share& b) { return a.value > b.value; });
    QStringList leaders;
    for (int i = 0; i < int(shares.size()) && i < std::max(claim.top, 3); ++i) {
        const Share& share = shares[std::size_t(i)];
        if (i < claim.top && share.layer == layer && share.head == head) {
            check.holds = true;
        }
        leaders << QStringLiteral("%1.%2 (%3)")
                       .arg(share.layer)
                       .arg(share.head)
                       .arg(share.value, 0, 'f', 2);
    }
    check.observed = LessonClaimText::tr("for “%1” the heads adding most are %2")
                         .arg(QString::fromStdString(data->chosen.target_text).trimmed(),
                              leaders.join(QStringLiteral(", ")));
    return check;
}

LessonClaimCheck checkAttribution(const LessonStep& step, const LessonClaim& claim,
                                  const Model& model) {
    LessonClaimCheck check;
    const auto data = stepAttribution(step, model);
    const TokenAttribution& occlusion = data->occlusion;
    std::vector<int> order;
    for (int i = 0; i < int(occlusion.scores.size()); ++i) {
        if (occlusion.attributed[std::size_t(i)]) {
            order.push_back(i);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return occlusion.scores[std::size_t(a)] > occlusion.scores[std::size_t(b)];
    });
    if (int(order.size()) < claim.rank) {
        check.observed = LessonClaimText::tr("no token is attributed");
        return check;
    }
    const Token& token = data->chosen.tokens[std::size_t(order[std::size_t(claim.rank - 1)])];
    check.holds = sameWord(token.text, claim.to);
    QStringList leaders;
    for (std::size_t i = 0; i < order.size() && i < 3; ++i) {
        leaders << QStringLiteral("'%1' (%2)")
                       .arg(plain(data->chosen.tokens[std::size_t(order[i])].text))
                       .arg(occlusion.scores[std::size_t(order[i])], 0, 'f', 2);
    }
    check.observed = LessonClaimText::tr("for “%1” the tokens that help most are %2")
                         .arg(QString::fromStdString(data->chosen.target_text).trimmed(),
                              leaders.join(QStringLiteral(", ")));
    return check;
}

}  // namespace

std::vector<LessonClaim> lessonClaimsFromJson(const QJsonArray& claims, QString* error) {
    std::vector<LessonClaim> all;
    for (const QJsonValue value : claims) {
        const QJsonObject json = value.toObject();
        const QString kind = json.value("kind").toString();
        LessonClaim claim;
        if (kind == QLatin1String("attends")) {
            claim.kind = LessonClaimKind::Attends;
        } else if (kind == QLatin1String("offset")) {
            claim.kind = LessonClaimKind::Offset;
        } else if (kind == QLatin1String("causal")) {
            claim.kind = LessonClaimKind::Causal;
        } else if (kind == QLatin1String("looks_ahead")) {
            claim.kind = LessonClaimKind::LooksAhead;
        } else if (kind == QLatin1String("predicts")) {
            claim.kind = LessonClaimKind::Predicts;
        } else if (kind == QLatin1String("entropy")) {
            claim.kind = LessonClaimKind::Entropy;
        } else if (kind == QLatin1String("induction")) {
            claim.kind = LessonClaimKind::Induction;
        } else if (kind == QLatin1String("preset")) {
            claim.kind = LessonClaimKind::Preset;
        } else if (kind == QLatin1String("lens")) {
            claim.kind = LessonClaimKind::Lens;
        } else if (kind == QLatin1String("writes")) {
            claim.kind = LessonClaimKind::Writes;
        } else if (kind == QLatin1String("attribution")) {
            claim.kind = LessonClaimKind::Attribution;
        } else if (kind == QLatin1String("loss")) {
            claim.kind = LessonClaimKind::Loss;
        } else {
            if (error) {
                *error = QStringLiteral("lessons.json: claim kind '%1' is unknown").arg(kind);
            }
            continue;
        }
        claim.from = json.value("from").toString();
        claim.to = json.value("to").toString();
        claim.compareText = json.value("compare_text").toBool();
        claim.masked = json.value("masked").toBool();
        claim.offset = json.value("offset").toInt();
        claim.share = json.value("share").toDouble();
        claim.position = json.value("position").toInt(-1);
        for (const QJsonValue word : json.value("any_of").toArray()) {
            claim.anyOf << word.toString();
        }
        claim.top = json.value("top").toInt(5);
        claim.comparedWith = json.value("compared_with").toInt(-1);
        claim.higher = json.value("is").toString() != QLatin1String("lower");
        claim.below = json.value("below").toDouble(-1);
        claim.atLeast = json.value("at_least").toDouble(-1);
        claim.target = json.value("target").toString();
        claim.data = json.value("data").toString();
        claim.layers = json.value("layers").toInt(-1);
        claim.steps = json.value("steps").toInt(-1);
        claim.vocabSize = json.value("vocab_size").toInt(-1);
        claim.word = json.value("word").toString();
        claim.fromLayer = json.value("from_layer").toInt(-1);
        claim.aboveUntil = json.value("above_until").toInt(-1);
        claim.belowBy = json.value("below_by").toInt(-1);
        claim.lossAbove = json.value("loss_above").toDouble(-1);
        claim.lossBelow = json.value("loss_below").toDouble(-1);
        claim.inductionAtLeast = json.value("induction_at_least").toDouble(-1);
        claim.rank = std::max(1, json.value("rank").toInt(1));
        all.push_back(claim);
    }
    return all;
}

QString lessonClaimText(const LessonClaim& claim, int layer, int head) {
    const QString headName = LessonClaimText::tr("Head %1.%2").arg(layer).arg(head);
    switch (claim.kind) {
        case LessonClaimKind::Attends:
            return claim.masked ? LessonClaimText::tr(
                                      "%1, with the mask, puts most weight from "
                                      "“%2” on “%3”.")
                                      .arg(headName, claim.from, claim.to)
                                : LessonClaimText::tr("%1 puts most weight from “%2” on “%3”.")
                                      .arg(headName, claim.from, claim.to);
        case LessonClaimKind::Offset:
            return LessonClaimText::tr(
                       "%1: for at least %2 % of the words, the most weight is "
                       "%3 tokens away.")
                .arg(headName)
                .arg(claim.share * 100, 0, 'f', 0)
                .arg(claim.offset);
        case LessonClaimKind::Causal:
            return LessonClaimText::tr("Every head gives weight 0 to every later token.");
        case LessonClaimKind::LooksAhead:
            return LessonClaimText::tr(
                       "On average at least %1 % of a row's weight is on later "
                       "tokens.")
                .arg(claim.share * 100, 0, 'f', 0);
        case LessonClaimKind::Predicts:
            return LessonClaimText::tr("The top %1 guesses include one of: %2.")
                .arg(claim.top)
                .arg(claim.anyOf.join(QStringLiteral(", ")));
        case LessonClaimKind::Entropy:
            return claim.higher ? LessonClaimText::tr(
                                      "Attention is more spread out here than in the "
                                      "final model.")
                                : LessonClaimText::tr(
                                      "Attention is more focused here than at the start "
                                      "of training.");
        case LessonClaimKind::Induction:
            return claim.below >= 0
                       ? LessonClaimText::tr("No head has an induction score of %1 or more.")
                             .arg(claim.below, 0, 'f', 2)
                       : LessonClaimText::tr("A head has an induction score of at least %1.")
                             .arg(claim.atLeast, 0, 'f', 2);
        case LessonClaimKind::Preset:
            return LessonClaimText::tr(
                       "The preset trains %1 layers with %2 tokens for %3 steps on %4.")
                .arg(claim.layers)
                .arg(claim.vocabSize)
                .arg(claim.steps)
                .arg(claim.data == QLatin1String("repeated_spans")
                         ? LessonClaimText::tr("spans of random tokens, repeated")
                         : LessonClaimText::tr("the shipped books"));
        case LessonClaimKind::Lens:
            return LessonClaimText::tr(
                       "The model's guess after the text is “%1”, first on top after layer %2.")
                .arg(claim.word)
                .arg(claim.fromLayer);
        case LessonClaimKind::Writes:
            return claim.top == 1
                       ? LessonClaimText::tr("%1 adds more to the guess than any other head.")
                             .arg(headName)
                       : LessonClaimText::tr("%1 is among the %2 heads adding most to the guess.")
                             .arg(headName)
                             .arg(claim.top);
        case LessonClaimKind::Attribution:
            return claim.rank == 1
                       ? LessonClaimText::tr("Of the words, “%1” supports the guess most.")
                             .arg(claim.to)
                       : LessonClaimText::tr(
                             "Of the words, “%1” is number %2 among the words supporting the "
                             "guess.")
                             .arg(claim.to)
                             .arg(claim.rank);
        case LessonClaimKind::Loss: {
            auto level = [](double loss) {
                return loss < 0 ? LessonClaimText::tr("a blind guess")
                                : QString::number(loss, 'f', 1);
            };
            QString text = LessonClaimText::tr(
                               "Training the preset, the loss is above %1 at step %2 and below "
                               "%3 by step %4")
                               .arg(level(claim.lossAbove))
                               .arg(claim.aboveUntil)
                               .arg(level(claim.lossBelow))
                               .arg(claim.belowBy);
            if (claim.inductionAtLeast >= 0) {
                text += LessonClaimText::tr(
                            ", and a head past the first layer then has an induction score of "
                            "at least %1")
                            .arg(claim.inductionAtLeast, 0, 'f', 1);
            }
            return text + QStringLiteral(".");
        }
    }
    return {};
}

LessonClaimCheck checkLessonClaim(const LessonStep& step, const LessonClaim& claim,
                                  const Model& model, int layer, int head) {
    try {
        switch (claim.kind) {
            case LessonClaimKind::Attends:
                return checkAttends(step, claim, model, layer, head);
            case LessonClaimKind::Offset:
                return checkOffset(step, claim, model, layer, head);
            case LessonClaimKind::Causal:
            case LessonClaimKind::LooksAhead:
                return checkDirection(step, claim, model);
            case LessonClaimKind::Predicts:
                return checkPredicts(step, claim, model);
            case LessonClaimKind::Entropy:
                return checkEntropy(step, claim, model);
            case LessonClaimKind::Induction:
                return checkInduction(claim, model);
            case LessonClaimKind::Preset:
                return checkPreset(step, claim);
            case LessonClaimKind::Lens:
                return checkLens(step, claim, model);
            case LessonClaimKind::Writes:
                return checkWrites(step, claim, model, layer, head);
            case LessonClaimKind::Attribution:
                return checkAttribution(step, claim, model);
            case LessonClaimKind::Loss:
                return checkLoss(step, claim);
        }
    } catch (const std::exception& failure) {
        LessonClaimCheck check;
        check.observed = QString::fromUtf8(failure.what());
        return check;
    }
    return {};
}

}  // namespace atlas::ui

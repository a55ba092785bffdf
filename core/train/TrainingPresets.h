// The training presets: small runs that grow one kind of head within minutes on a laptop, with
// the data shipped in resources/training-text (no files needed from the user).
//
//   previous-token  a causal model on the shipped books; grows a previous-token head
//   induction       a two-layer causal model on spans of random tokens repeated; aims at an
//                   induction head (analysis/InductionScore.h), which it does not grow yet
//                   (docs/models.md)
//   masked          a BERT-style masked-LM model on the shipped books
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "train/TrainingRun.h"

namespace atlas {

// The head a preset aims at, and how the app scores it while training.
enum class PresetTarget {
    PreviousToken,  // HeadProfile::prev
    Induction,      // InductionScores::induction
};

struct TrainingPreset {
    std::string name;         // "previous-token", "induction", "masked"
    std::string description;  // one line, for --help and the Train dialog
    PresetTarget target = PresetTarget::PreviousToken;
    TrainingRunOptions options;  // every setting but `output`; `corpus` is the shipped text
};

// The folder of the shipped training text: <resources>/training-text. Throws AtlasError when the
// resources folder cannot be found or lacks it.
std::filesystem::path shippedTrainingText();

// The presets in menu order. `corpus` is the text they train on (normally shippedTrainingText()).
std::vector<TrainingPreset> trainingPresets(const std::filesystem::path& corpus);

// The preset called `name`; throws AtlasError listing the names if there is none.
TrainingPreset trainingPreset(const std::string& name, const std::filesystem::path& corpus);

}  // namespace atlas

// "--ablate L:H,L:H" for the commands that switch heads off (export; run has its own parser).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/Forward.h"
#include "model/ModelConfig.h"

namespace atlas::cli {

// "12" -> 12; nullopt for anything but a whole non-negative decimal number within int.
std::optional<int> parseNonNegativeInt(const std::string& text);

// "1:3,0:0" -> heads. Throws UsageError for a malformed entry (naming the option).
std::vector<HeadIndex> parseHeadList(const std::string& text, const std::string& option);
// Throws AtlasError for a head the model does not have, naming the option and the model's range.
void checkHeadsInModel(const std::vector<HeadIndex>& heads, const ModelConfig& config,
                       const std::string& model_name, const std::string& option);

}  // namespace atlas::cli

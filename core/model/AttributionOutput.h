// The JSON and CSV of the logit lens (run --lens), of the heads' share of a prediction
// (run --dla) and of token attribution (attribute); docs/cli.md describes each.
#pragma once

#include <string>
#include <vector>

#include "model/LogitAttribution.h"
#include "model/LogitLens.h"
#include "model/PredictionTarget.h"
#include "model/RunOutput.h"
#include "model/TokenAttribution.h"

namespace atlas {

// {"layers": [{"layer": L, "positions": [{"position": I, "top": [...], "final_probability": p}]}]}
std::string lensJson(const LogitLens& lens);

// {"method": "direct", "position", "target": {"id", "text"}, "logit", "sum_of_parts",
//  "embedding", "bias", "mlp": [L], "heads": [L][NH]} (note: the masking, when one was made).
std::string directAttributionJson(const DirectLogitAttribution& parts,
                                  const PredictionTarget& chosen);
// {"method": "ablation", "position", "target", "log_probability", "heads": [L][NH], "about"}.
std::string ablationJson(const HeadAblationEffects& effects, const PredictionTarget& chosen);

// attribute --format json: the model, the prediction explained, the method's figures and the
// tokens with their scores (null where a token is not attributed).
std::string tokenAttributionJson(const RunOutputModel& model, const PredictionTarget& chosen,
                                 const TokenAttribution& attribution,
                                 const std::string& replacement_text);
// attribute --format csv: index,id,text,begin,end,score (empty where not attributed).
std::string tokenAttributionCsv(const PredictionTarget& chosen,
                                const TokenAttribution& attribution);

}  // namespace atlas

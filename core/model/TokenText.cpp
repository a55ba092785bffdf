#include "model/TokenText.h"

#include "Error.h"

namespace atlas {

std::string tokenDisplayText(const Tokenizer& tokenizer, int id) {
    if (id < tokenizer.vocabSize()) {
        try {
            return tokenizer.displayText(id);
        } catch (const AtlasError&) {
        }
    }
    std::string number = "[";  // appended piecewise: GCC 12 warns on "[" + ... (-Wrestrict)
    number += std::to_string(id);
    number += ']';
    return number;
}

std::string tokenDisplayText(const Model& model, int id) {
    return tokenDisplayText(model.tokenizer(), id);
}

int specialTokenId(const Model& model, std::string_view token) {
    const std::optional<int> id = model.tokenizer().idOf(token);
    return id ? *id : -1;
}

}  // namespace atlas

// Universal Dependencies relations in plain words, for a class that does not know the labels:
// `det` is a determiner attached to its noun, so a head that finds it reads "determiner → noun"
// (from the dependent to its head word) or "noun → determiner" (the other way).
#pragma once

#include <string>
#include <vector>

#include "analysis/HeadProfile.h"

namespace atlas {

struct RelationWords {
    const char* dependent = "";  // "determiner"
    const char* head = "";       // "noun"
};

// The words for a UD relation ("det", "nmod:poss", "obl:tmod"); a subtype without its own
// words takes its base relation's. Empty words for a relation not in the list.
RelationWords relationWords(const std::string& relation);

// Every relation with words of its own, in alphabetical order.
std::vector<std::string> relationsWithWords();

// "determiner → noun" for DependentToHead, "noun → determiner" for HeadToDependent, "" when the
// relation has no words.
std::string plainRelationName(const std::string& relation, RelationDirection direction);

}  // namespace atlas

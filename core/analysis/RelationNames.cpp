// The plain words of the relations in the UD English treebanks. The user interface translates
// each word (its RelationNames context lists them for lupdate).
#include "analysis/RelationNames.h"

#include <map>

namespace atlas {

namespace {

const std::map<std::string, RelationWords>& relationTable() {
    static const std::map<std::string, RelationWords> table = {
        {"acl", {"clause", "noun"}},
        {"acl:relcl", {"relative clause", "noun"}},
        {"advcl", {"adverbial clause", "verb"}},
        {"advmod", {"adverb", "word it modifies"}},
        {"amod", {"adjective", "noun"}},
        {"appos", {"apposition", "noun"}},
        {"aux", {"auxiliary", "verb"}},
        {"aux:pass", {"passive auxiliary", "verb"}},
        {"case", {"preposition", "noun"}},
        {"cc", {"conjunction", "conjunct"}},
        {"ccomp", {"clausal complement", "verb"}},
        {"compound", {"compound part", "noun"}},
        {"compound:prt", {"particle", "verb"}},
        {"conj", {"conjunct", "first conjunct"}},
        {"cop", {"copula", "predicate"}},
        {"csubj", {"clausal subject", "verb"}},
        {"dep", {"dependent", "head word"}},
        {"det", {"determiner", "noun"}},
        {"det:predet", {"predeterminer", "noun"}},
        {"discourse", {"discourse word", "clause"}},
        {"expl", {"expletive", "verb"}},
        {"fixed", {"fixed expression part", "first part"}},
        {"flat", {"name part", "first name part"}},
        {"iobj", {"indirect object", "verb"}},
        {"mark", {"subordinator", "verb"}},
        {"nmod", {"noun modifier", "noun"}},
        {"nmod:poss", {"possessor", "noun"}},
        {"nmod:tmod", {"time modifier", "noun"}},
        {"nsubj", {"subject", "verb"}},
        {"nsubj:pass", {"passive subject", "verb"}},
        {"nummod", {"number", "noun"}},
        {"obj", {"object", "verb"}},
        {"obl", {"oblique phrase", "verb"}},
        {"obl:npmod", {"noun phrase modifier", "verb"}},
        {"obl:tmod", {"time phrase", "verb"}},
        {"parataxis", {"parallel clause", "verb"}},
        {"punct", {"punctuation", "word"}},
        {"vocative", {"addressee", "verb"}},
        {"xcomp", {"open complement", "verb"}},
    };
    return table;
}

}  // namespace

RelationWords relationWords(const std::string& relation) {
    const auto& table = relationTable();
    if (const auto found = table.find(relation); found != table.end()) {
        return found->second;
    }
    if (const auto colon = relation.find(':'); colon != std::string::npos) {
        if (const auto found = table.find(relation.substr(0, colon)); found != table.end()) {
            return found->second;
        }
    }
    return {};
}

std::vector<std::string> relationsWithWords() {
    std::vector<std::string> names;
    for (const auto& [name, words] : relationTable()) {
        names.push_back(name);
    }
    return names;
}

std::string plainRelationName(const std::string& relation, RelationDirection direction) {
    const RelationWords words = relationWords(relation);
    if (*words.dependent == '\0') {
        return {};
    }
    const bool fromDependent = direction == RelationDirection::DependentToHead;
    return std::string(fromDependent ? words.dependent : words.head) + " → " +
           (fromDependent ? words.head : words.dependent);
}

}  // namespace atlas

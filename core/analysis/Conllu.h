// Reads CoNLL-U treebanks (Universal Dependencies) into sentences of words with gold heads.
//
// Multiword-token lines ("1-2") and empty nodes ("8.1") are not words: they are skipped, except
// that a multiword token's surface form and SpaceAfter decide the reconstructed text. Comments
// ("# ...") are skipped, except "# sent_id =" which is kept for messages.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

struct ConlluWord {
    int id = 0;  // 1-based, as in the file
    std::string form;
    int head = -1;          // 0 for the root, -1 when the file leaves it unannotated ("_")
    std::string deprel;     // full relation, subtype included ("nmod:poss")
    std::size_t begin = 0;  // byte span [begin, end) in ConlluSentence::text
    std::size_t end = 0;
    int line = 0;  // 1-based line in the file
};

struct ConlluSentence {
    std::string sent_id;            // from "# sent_id =", empty if absent
    std::string text;               // reconstructed from the forms and SpaceAfter=No
    std::string text_comment;       // "# text =" as the file gives it, empty if absent
    std::vector<ConlluWord> words;  // words[k].id == k + 1
    int line = 0;                   // line of the first word
};

// Parses CoNLL-U text; `source` names the file in errors, which read "SOURCE:LINE: what".
// Throws AtlasError on a malformed line: not 10 tab-separated columns, an ID that is not an
// integer (or range or decimal), IDs out of sequence, an empty FORM, a HEAD that is not an
// integer or points outside the sentence, or a missing DEPREL.
std::vector<ConlluSentence> parseConllu(std::string_view content, const std::string& source);

// Reads and parses a file; throws AtlasError naming the path if it cannot be read.
std::vector<ConlluSentence> readConllu(const std::filesystem::path& path);

// The relation names an arc counts under: its deprel without subtype ("nmod"), and the full
// deprel too when it has a subtype ("nmod:poss"). Empty for the root and unannotated words.
std::vector<std::string> relationNames(const ConlluWord& word);

}  // namespace atlas

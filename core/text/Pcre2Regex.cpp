// A compiled PCRE2 pattern that lists the matches in a UTF-8 text.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "text/Pcre2Regex.h"

#include <pcre2.h>

#include "Error.h"

namespace atlas {

namespace {

pcre2_code* asCode(void* code) {
    return static_cast<pcre2_code*>(code);
}

struct MatchDataDeleter {
    void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};

}  // namespace

void Pcre2Regex::CodeDeleter::operator()(void* code) const {
    pcre2_code_free(asCode(code));
}

Pcre2Regex::Pcre2Regex(std::string_view pattern, bool literal, const std::string& where) {
    int error_code = 0;
    PCRE2_SIZE error_offset = 0;
    // PCRE2_LITERAL allows no other options but UTF.
    const std::uint32_t options = literal ? (PCRE2_UTF | PCRE2_LITERAL) : (PCRE2_UTF | PCRE2_UCP);
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     options, &error_code, &error_offset, nullptr);
    if (code == nullptr) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error_code, message, sizeof(message));
        throw AtlasError(where + ": the regular expression does not compile at offset " +
                         std::to_string(error_offset) + ": " +
                         reinterpret_cast<const char*>(message));
    }
    code_.reset(code);
    // Without JIT (another architecture or a build without it) the interpreter gives the same
    // matches, only slower.
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
}

std::vector<Pcre2Regex::Match> Pcre2Regex::findAll(std::string_view text) const {
    std::vector<Match> matches;
    std::unique_ptr<pcre2_match_data, MatchDataDeleter> data(
        pcre2_match_data_create_from_pattern(asCode(code_.get()), nullptr));
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    std::size_t start = 0;
    while (start <= text.size()) {
        const int result = pcre2_match(asCode(code_.get()), subject, text.size(), start,
                                       PCRE2_NO_UTF_CHECK, data.get(), nullptr);
        if (result < 0) {
            // PCRE2_ERROR_NOMATCH, or a resource limit on a pathological text: no further
            // matches, the rest of the text stays one piece.
            break;
        }
        const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data.get());
        const std::size_t begin = ovector[0];
        const std::size_t end = ovector[1];
        if (end > begin) {
            matches.push_back({begin, end});
            start = end;
        } else {
            if (begin >= text.size()) {
                break;
            }
            // An empty match: step over one whole character.
            std::size_t next = begin + 1;
            while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) {
                ++next;
            }
            start = next;
        }
    }
    return matches;
}

}  // namespace atlas

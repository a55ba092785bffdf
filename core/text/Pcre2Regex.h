// A compiled PCRE2 pattern (UTF and Unicode-property mode, JIT where available) that lists the
// non-overlapping matches in a valid UTF-8 text, as tokenizer.json's Split and Replace need.
//
// Thread safety: findAll may be called from several threads at once (each call has its own
// match data).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

class Pcre2Regex {
  public:
    struct Match {
        std::size_t begin = 0;
        std::size_t end = 0;
    };

    // `pattern` is a regular expression, or a literal string when `literal`. Throws AtlasError
    // "`where`: ..." with PCRE2's message and offset when the pattern does not compile.
    Pcre2Regex(std::string_view pattern, bool literal, const std::string& where);

    // Matches left to right in `text` (valid UTF-8); an empty match advances one character.
    std::vector<Match> findAll(std::string_view text) const;

  private:
    struct CodeDeleter {
        void operator()(void* code) const;
    };
    std::unique_ptr<void, CodeDeleter> code_;
};

}  // namespace atlas

// ICU's word break iterator over UTF-8 through UText, so boundaries come back as byte offsets.
#include "text/WordBreak.h"

#include <climits>
#include <memory>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

namespace atlas {

namespace {

struct BreakIteratorClose {
    void operator()(UBreakIterator* iterator) const { ubrk_close(iterator); }
};
struct TextClose {
    void operator()(UText* text) const { utext_close(text); }
};

bool isDictionaryWord(int32_t rule_status) {
    // Kana and ideographic words are the ones the CJK dictionary segments.
    return rule_status >= UBRK_WORD_KANA && rule_status < UBRK_WORD_IDEO_LIMIT;
}

}  // namespace

std::vector<TextSegment> wordSegments(std::string_view text) {
    std::vector<TextSegment> segments;
    if (text.empty()) {
        return segments;
    }
    const auto whole = [&] { return std::vector<TextSegment>{{0, text.size(), false}}; };
    if (text.size() > std::size_t(INT32_MAX)) {
        return whole();
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UText, TextClose> utf8(
        utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
    if (U_FAILURE(status)) {
        return whole();
    }
    // The root locale's rules already use the CJK dictionary; "zh" only names the intent.
    std::unique_ptr<UBreakIterator, BreakIteratorClose> words(
        ubrk_open(UBRK_WORD, "zh", nullptr, 0, &status));
    if (U_FAILURE(status)) {
        return whole();
    }
    ubrk_setUText(words.get(), utf8.get(), &status);
    if (U_FAILURE(status)) {
        return whole();
    }
    int32_t begin = ubrk_first(words.get());
    for (int32_t end = ubrk_next(words.get()); end != UBRK_DONE;
         begin = end, end = ubrk_next(words.get())) {
        segments.push_back({std::size_t(begin), std::size_t(end),
                            isDictionaryWord(ubrk_getRuleStatus(words.get()))});
    }
    if (segments.empty() || segments.back().end != text.size()) {
        return whole();
    }
    return segments;
}

}  // namespace atlas

// A vocabulary's strings by id, all in one buffer, and a flat hash index from spelling to id.
//
// Each id has a spelling (as the vocabulary file writes it), the raw bytes it stands for and the
// text shown for it. Building GPT-2's 50,257 entries this way takes a handful of allocations
// instead of several per entry, which is most of what loading a tokenizer used to cost.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

class TokenStrings {
  public:
    // Ids 0..count-1, all unused (empty spelling); `text_bytes` is a hint for the buffer. At most
    // `spelled` of them (all if 0) will get a spelling: the index is sized for that many.
    explicit TokenStrings(std::size_t count = 0, std::size_t text_bytes = 0,
                          std::size_t spelled = 0);

    std::size_t size() const { return spellings_.size(); }

    // Gives `id` its spelling (not empty). Returns false, and changes nothing, if `id` has one
    // already, another id has this spelling (`spelledBy` then names that id) or `spelled` ids
    // have theirs.
    bool setSpelling(int id, std::string_view spelling);
    // Raw bytes and display text of an id; display text not set reads as the bytes.
    void setBytes(int id, std::string_view bytes);
    void setDisplay(int id, std::string_view display);

    // Views into the buffer; valid until the next set* call. "" for an unused id.
    std::string_view spelling(int id) const { return view(spellings_[std::size_t(id)]); }
    std::string_view bytes(int id) const { return view(bytes_[std::size_t(id)]); }
    std::string_view display(int id) const { return view(displays_[std::size_t(id)]); }

    // The id spelled `spelling`, or spelled `left` followed by `right`.
    std::optional<int> spelledBy(std::string_view spelling) const;
    std::optional<int> spelledBy(std::string_view left, std::string_view right) const;

  private:
    struct Span {
        std::uint32_t begin = 0;
        std::uint32_t size = 0;
    };
    struct Slot {
        std::uint32_t hash = 0;
        std::int32_t id = -1;  // -1: empty
    };

    std::string_view view(Span span) const { return {text_.data() + span.begin, span.size}; }
    Span append(std::string_view text);
    // The slot holding `spelling`, or the empty slot where it would go.
    std::size_t slotOf(std::string_view left, std::string_view right, std::uint32_t hash) const;

    std::string text_;             // every spelling, byte string and display text, back to back
    std::vector<Span> spellings_;  // [count] into text_
    std::vector<Span> bytes_;      // [count]
    std::vector<Span> displays_;   // [count]
    std::vector<Slot> slots_;      // [power of two >= 2 count] open addressing, linear probing
    std::size_t mask_ = 0;
    std::size_t spelled_limit_ = 0;  // the index stays at most half full
    std::size_t spelled_count_ = 0;
};

}  // namespace atlas

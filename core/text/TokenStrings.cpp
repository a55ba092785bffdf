// Token strings in one buffer, indexed by an open-addressing table of (hash, id).
#include "text/TokenStrings.h"

namespace atlas {

namespace {

// FNV-1a over the bytes of `left` then `right`: the same value for a spelling whole or in two
// parts, so a merge's result is found without building the joined string.
std::uint64_t hashBytes(std::uint64_t hash, std::string_view text) {
    for (const char byte : text) {
        hash = (hash ^ static_cast<std::uint8_t>(byte)) * 0x100000001B3ull;
    }
    return hash;
}

std::uint32_t hashOf(std::string_view left, std::string_view right) {
    const std::uint64_t hash = hashBytes(hashBytes(0xCBF29CE484222325ull, left), right);
    return static_cast<std::uint32_t>(hash ^ (hash >> 32));
}

}  // namespace

TokenStrings::TokenStrings(std::size_t count, std::size_t text_bytes, std::size_t spelled)
    : spellings_(count),
      bytes_(count),
      displays_(count),
      spelled_limit_(spelled == 0 ? count : spelled) {
    text_.reserve(text_bytes);
    std::size_t slot_count = 16;
    while (slot_count < 2 * spelled_limit_) {
        slot_count *= 2;
    }
    slots_.assign(slot_count, Slot{});
    mask_ = slot_count - 1;
}

TokenStrings::Span TokenStrings::append(std::string_view text) {
    const Span span{static_cast<std::uint32_t>(text_.size()),
                    static_cast<std::uint32_t>(text.size())};
    text_.append(text);
    return span;
}

std::size_t TokenStrings::slotOf(std::string_view left, std::string_view right,
                                 std::uint32_t hash) const {
    for (std::size_t index = hash & mask_;; index = (index + 1) & mask_) {
        const Slot& slot = slots_[index];
        if (slot.id < 0) {
            return index;
        }
        if (slot.hash != hash) {
            continue;
        }
        const std::string_view spelling = view(spellings_[std::size_t(slot.id)]);
        if (spelling.size() == left.size() + right.size() &&
            spelling.substr(0, left.size()) == left && spelling.substr(left.size()) == right) {
            return index;
        }
    }
}

bool TokenStrings::setSpelling(int id, std::string_view spelling) {
    if (spelling.empty() || spellings_[std::size_t(id)].size != 0 ||
        spelled_count_ == spelled_limit_) {
        return false;
    }
    const std::uint32_t hash = hashOf(spelling, {});
    const std::size_t index = slotOf(spelling, {}, hash);
    if (slots_[index].id >= 0) {
        return false;
    }
    slots_[index] = {hash, id};
    ++spelled_count_;
    spellings_[std::size_t(id)] = append(spelling);
    return true;
}

void TokenStrings::setBytes(int id, std::string_view bytes) {
    bytes_[std::size_t(id)] = append(bytes);
    displays_[std::size_t(id)] = bytes_[std::size_t(id)];
}

void TokenStrings::setDisplay(int id, std::string_view display) {
    displays_[std::size_t(id)] = append(display);
}

std::optional<int> TokenStrings::spelledBy(std::string_view spelling) const {
    return spelledBy(spelling, {});
}

std::optional<int> TokenStrings::spelledBy(std::string_view left, std::string_view right) const {
    const Slot& slot = slots_[slotOf(left, right, hashOf(left, right))];
    if (slot.id < 0) {
        return std::nullopt;
    }
    return slot.id;
}

}  // namespace atlas

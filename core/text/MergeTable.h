// The BPE merge lookup: (left id, right id) -> (rank, merged id), an open-addressing hash table,
// because this lookup is the inner loop of encoding (several per byte of text).
#pragma once

#include <cstdint>
#include <vector>

namespace atlas {

class MergeTable {
  public:
    struct Merge {
        int rank = 0;
        int merged_id = 0;
    };

    // Inserts, or replaces the merge of a pair already present. Ids are >= 0.
    void insertOrAssign(int left, int right, Merge merge) {
        if ((count_ + 1) * 2 > slots_.size()) {
            grow();
        }
        Slot& slot = slotOf(keyOf(left, right));
        if (slot.key == kEmpty) {
            ++count_;
        }
        slot = {keyOf(left, right), merge};
    }

    // Makes room for `count` merges at once, so that filling a large table does not rehash.
    void reserve(std::size_t count) {
        std::size_t size = slots_.empty() ? 64 : slots_.size();
        while (size < count * 2) {
            size *= 2;
        }
        if (size > slots_.size()) {
            rehash(size);
        }
    }

    const Merge* find(int left, int right) const {
        if (slots_.empty()) {
            return nullptr;
        }
        const std::uint64_t key = keyOf(left, right);
        for (std::size_t index = indexOf(key);; index = (index + 1) & mask_) {
            const Slot& slot = slots_[index];
            if (slot.key == key) {
                return &slot.merge;
            }
            if (slot.key == kEmpty) {
                return nullptr;
            }
        }
    }

    std::size_t size() const { return count_; }

  private:
    static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);
    struct Slot {
        std::uint64_t key = kEmpty;
        Merge merge;
    };

    static std::uint64_t keyOf(int left, int right) {
        return (std::uint64_t(std::uint32_t(left)) << 32) | std::uint32_t(right);
    }
    std::size_t indexOf(std::uint64_t key) const {
        return std::size_t((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
    }
    Slot& slotOf(std::uint64_t key) {
        std::size_t index = indexOf(key);
        while (slots_[index].key != key && slots_[index].key != kEmpty) {
            index = (index + 1) & mask_;
        }
        return slots_[index];
    }
    void grow() { rehash(slots_.empty() ? 64 : slots_.size() * 2); }
    void rehash(std::size_t size) {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(size, Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.key != kEmpty) {
                slotOf(slot.key) = slot;
            }
        }
    }

    std::vector<Slot> slots_;  // [power of two], at most half full
    std::size_t mask_ = 0;
    std::size_t count_ = 0;
};

}  // namespace atlas

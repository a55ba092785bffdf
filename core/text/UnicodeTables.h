// The generated Unicode tables behind the character classes of Utf8.h (see UnicodeTables.cpp).
#pragma once

#include <span>

namespace atlas::unicode {

struct CodePointRange {
    char32_t first;
    char32_t last;  // inclusive
};

// Every `stride`-th code point from first to last lowercases to itself + delta.
struct LowercaseRun {
    char32_t first;
    char32_t last;
    int delta;
    int stride;
};

// A precomposed letter and what NFD with its nonspacing marks removed leaves (0-padded).
struct AccentStrip {
    char32_t code_point;
    char32_t stripped[2];
};

// Sorted, disjoint ranges of the general categories L*, N*, P*, Mn, and Cc + Cf + Co.
std::span<const CodePointRange> letterRanges();
std::span<const CodePointRange> numberRanges();
std::span<const CodePointRange> punctuationRanges();
std::span<const CodePointRange> nonspacingMarkRanges();
std::span<const CodePointRange> controlRanges();
std::span<const LowercaseRun> lowercaseRuns();  // sorted by first
std::span<const AccentStrip> accentStrips();    // sorted by code_point

}  // namespace atlas::unicode

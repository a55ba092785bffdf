// A range of bytes in a text, [begin, end): what pre-tokenizers hand to the tokenizers.
#pragma once

#include <cstddef>

namespace atlas {

struct ByteRange {
    std::size_t begin = 0;  // [begin, end) in bytes
    std::size_t end = 0;
};

}  // namespace atlas

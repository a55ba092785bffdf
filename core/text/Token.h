// One token of an input text: its id, what to show for it, and the bytes of the input it covers.
#pragma once

#include <cstddef>
#include <string>

namespace atlas {

struct Token {
    int id = 0;
    std::string text;        // display text (UTF-8): spaces as spaces, no 'Ġ', no '##'
    std::size_t begin = 0;   // byte span [begin, end) in the input text;
    std::size_t end = 0;     // special tokens ([CLS], [SEP]) have begin == end
    bool special = false;    // [CLS], [SEP], [MASK], <|endoftext|>
    bool continuation = false;  // WordPiece "##" piece or BPE piece not starting a word
};

}  // namespace atlas

// Fuzz target "tokenizer_files": arbitrary bytes as a model folder's tokenizer files, loaded,
// used, saved and loaded again.
//
// Input: one byte that picks the kind ('b': byte-level BPE, vocab.json then merges.txt; anything
// else: WordPiece, vocab.txt then tokenizer_config.json), then the first file, a NUL byte, and the
// second file. Without a NUL the second file is absent (for BPE that is itself an error path).
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "Error.h"
#include "FuzzScratch.h"
#include "FuzzTargets.h"
#include "TokenizerChecks.h"
#include "text/ByteLevelBpe.h"
#include "text/TokenizerFiles.h"
#include "text/WordPiece.h"

namespace atlas::fuzz {

namespace {

namespace fs = std::filesystem;

// A tokenizer folder holding exactly the given files, nothing left from the input before.
fs::path freshFolder(const char* name) {
    const fs::path folder = scratchFolder() / name;
    std::error_code error;
    fs::remove_all(folder, error);
    fs::create_directories(folder);
    return folder;
}

void writeFile(const fs::path& path, std::string_view bytes) {
    const fs::path written = writeScratchFile("file", bytes);
    fs::rename(written, path);
}

constexpr std::string_view kSample = "The cat sat on the mat. Ünïcödé, 日本語 and 🙂 too!";

}  // namespace

int fuzzTokenizerFiles(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const bool bpe = data[0] == 'b';
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t nul = rest.find('\0');
    const std::string_view first = rest.substr(0, nul);
    const bool has_second = nul != std::string_view::npos;
    const std::string_view second = has_second ? rest.substr(nul + 1) : std::string_view();

    const fs::path folder = freshFolder("tokenizer");
    writeFile(folder / (bpe ? "vocab.json" : "vocab.txt"), first);
    if (has_second) {
        writeFile(folder / (bpe ? "merges.txt" : "tokenizer_config.json"), second);
    }
    try {
        const auto tokenizer = loadTokenizer(folder);
        checkTokenizer(*tokenizer, kSample);
        checkTokenizer(*tokenizer, first.substr(0, 256));

        // What is saved loads again into a tokenizer that encodes the same.
        const fs::path saved = freshFolder("saved");
        if (const auto* byte_level = dynamic_cast<const ByteLevelBpe*>(tokenizer.get())) {
            byte_level->save(saved);
        } else if (const auto* word_piece = dynamic_cast<const WordPiece*>(tokenizer.get())) {
            word_piece->save(saved);
        }
        const auto reloaded = loadTokenizer(saved);
        check(reloaded->vocabSize() == tokenizer->vocabSize(),
              "saved tokenizer reloads with another vocabulary size");
        const auto ids = [](const Tokenizer& t, std::string_view text) {
            std::vector<int> result;
            for (const Token& token : t.encode(text))
                result.push_back(token.id);
            return result;
        };
        check(ids(*reloaded, kSample) == ids(*tokenizer, kSample),
              "saved tokenizer reloads and encodes differently");
    } catch (const AtlasError&) {
    }
    return 0;
}

}  // namespace atlas::fuzz

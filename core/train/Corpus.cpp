// Reading, splitting and tokenizing the training corpus, and the GPT-2 and BERT batch sources.
#include "train/Corpus.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <fstream>
#include <sstream>
#include <thread>

#include "Error.h"
#include "io/GzipFile.h"
#include "text/ByteLevelBpe.h"
#include "text/WordBreak.h"
#include "train/TrainingRandom.h"

namespace atlas {

namespace {

// Runs work(i) for i in [0, count) on `threads` threads; each i exactly once.
template <typename Work>
void parallelFor(std::size_t count, int threads, Work&& work) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            work(i);
        }
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < std::max(1, threads); ++t) {
        helpers.emplace_back(worker);
    }
    worker();
    for (auto& helper : helpers) {
        helper.join();
    }
}

std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {  // a final "\n" ends the last line, it does not start one
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(begin, end - begin);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        begin = end + 1;
    }
    return lines;
}

bool isUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::string stripGutenbergFrame(std::string_view text) {
    const auto lines = splitLines(text);
    std::size_t first = 0;
    std::size_t last = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind("*** START OF", 0) == 0 || lines[i].rfind("***START OF", 0) == 0) {
            first = i + 1;
            break;
        }
    }
    for (std::size_t i = first; i < lines.size(); ++i) {
        if (lines[i].rfind("*** END OF", 0) == 0 || lines[i].rfind("***END OF", 0) == 0) {
            last = i;
            break;
        }
    }
    std::string result;
    for (std::size_t i = first; i < last; ++i) {
        result.append(lines[i]);
        result.push_back('\n');
    }
    return result;
}

namespace {

bool isTextFile(const std::filesystem::path& file) {
    const std::string name = file.filename().string();
    auto endsWith = [&](std::string_view suffix) {
        return name.size() > suffix.size() &&
               name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return endsWith(".txt") || endsWith(".txt.gz");
}

std::string readWholeFile(const std::filesystem::path& file) {
    if (file.extension() == ".gz") {
        return readGzipFile(file);
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw AtlasError(file.string() + ": cannot read");
    }
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

// Every *.txt below `folder` (at any depth), sorted.
std::vector<std::filesystem::path> textFilesBelow(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (std::filesystem::recursive_directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
        if (it->is_regular_file() && isTextFile(it->path())) {
            files.push_back(it->path());
        }
    }
    if (error) {
        throw AtlasError(folder.string() + ": cannot list the corpus folder: " + error.message());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<CorpusBook> readManifestBooks(const std::filesystem::path& folder,
                                          const std::filesystem::path& manifest, int* skipped) {
    const std::string content = readWholeFile(manifest);
    const auto lines = splitLines(content);
    auto columns = [](std::string_view line) {
        std::vector<std::string_view> fields;
        for (std::size_t begin = 0;;) {
            const std::size_t tab = line.find('\t', begin);
            fields.push_back(
                line.substr(begin, tab == std::string_view::npos ? line.npos : tab - begin));
            if (tab == std::string_view::npos) {
                return fields;
            }
            begin = tab + 1;
        }
    };
    if (lines.empty()) {
        throw AtlasError(manifest.string() + ": empty (expected a header with source and file)");
    }
    const auto header = columns(lines[0]);
    const auto column = [&](std::string_view name) {
        const auto found = std::find(header.begin(), header.end(), name);
        if (found == header.end()) {
            throw AtlasError(manifest.string() + ":1: no column '" + std::string(name) + "'");
        }
        return static_cast<std::size_t>(found - header.begin());
    };
    const std::size_t source_column = column("source");
    const std::size_t file_column = column("file");
    std::vector<CorpusBook> books;
    int missing = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].empty()) {
            continue;
        }
        const auto fields = columns(lines[i]);
        if (fields.size() <= std::max(source_column, file_column)) {
            throw AtlasError(manifest.string() + ":" + std::to_string(i + 1) + ": " +
                             std::to_string(fields.size()) + " columns, the header has " +
                             std::to_string(header.size()));
        }
        const std::string relative(fields[file_column]);
        const std::filesystem::path file = folder / relative;
        std::error_code error;
        if (!std::filesystem::is_regular_file(file, error)) {
            ++missing;
            continue;
        }
        books.push_back({relative, stripGutenbergFrame(readWholeFile(file)),
                         std::string(fields[source_column])});
    }
    if (skipped != nullptr) {
        *skipped = missing;
    }
    std::sort(books.begin(), books.end(),
              [](const CorpusBook& a, const CorpusBook& b) { return a.name < b.name; });
    return books;
}

// The last `share` of a book's lines (at least one) as a validation book; the rest stays.
void holdOutTail(CorpusBook& book, double share, CorpusSplit& split) {
    const auto lines = splitLines(book.text);
    const std::size_t tail = std::max<std::size_t>(
        1, static_cast<std::size_t>(share * static_cast<double>(lines.size())));
    const std::size_t cut = lines.size() - std::min(tail, lines.size());
    CorpusBook head{book.name, "", book.source};
    CorpusBook rest{book.name, "", book.source};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CorpusBook& target = i < cut ? head : rest;
        target.text.append(lines[i]);
        target.text.push_back('\n');
    }
    split.train.push_back(std::move(head));
    split.validation.push_back(std::move(rest));
}

// A random permutation of 0 .. count-1 (Fisher-Yates), a pure function of (seed, stream).
std::vector<std::size_t> shuffledIndices(std::size_t count, std::uint64_t seed,
                                         std::uint64_t stream) {
    std::vector<std::size_t> order(count);
    for (std::size_t i = 0; i < count; ++i) {
        order[i] = i;
    }
    TrainingRandom random(seed, 0, stream);
    for (std::size_t i = count; i > 1; --i) {
        std::swap(order[i - 1], order[random.below(i)]);
    }
    return order;
}

// The sources in order of first appearance, each with the indices of its books.
std::vector<std::pair<std::string, std::vector<std::size_t>>> booksBySource(
    const std::vector<CorpusBook>& books) {
    std::vector<std::pair<std::string, std::vector<std::size_t>>> groups;
    for (std::size_t i = 0; i < books.size(); ++i) {
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const auto& g) { return g.first == books[i].source; });
        if (group == groups.end()) {
            groups.push_back({books[i].source, {}});
            group = groups.end() - 1;
        }
        group->second.push_back(i);
    }
    return groups;
}

}  // namespace

std::vector<CorpusBook> readCorpusBooks(const std::filesystem::path& folder, int* skipped) {
    std::error_code error;
    if (skipped != nullptr) {
        *skipped = 0;
    }
    if (std::filesystem::is_regular_file(folder, error)) {
        // One text file is a corpus of one book.
        return {{folder.filename().string(), stripGutenbergFrame(readWholeFile(folder)), ""}};
    }
    if (!std::filesystem::is_directory(folder, error)) {
        throw AtlasError(folder.string() + ": corpus folder or file not found");
    }
    std::vector<CorpusBook> books;
    const std::filesystem::path manifest = folder / "MANIFEST.tsv";
    if (std::filesystem::is_regular_file(manifest, error)) {
        books = readManifestBooks(folder, manifest, skipped);
    } else {
        std::vector<std::filesystem::path> entries;
        for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
            entries.push_back(entry.path());
        }
        if (error) {
            throw AtlasError(folder.string() +
                             ": cannot list the corpus folder: " + error.message());
        }
        std::sort(entries.begin(), entries.end());
        for (const auto& path : entries) {
            if (std::filesystem::is_directory(path, error)) {
                const std::string source = path.filename().string();
                for (const auto& file : textFilesBelow(path)) {
                    books.push_back({std::filesystem::relative(file, folder).generic_string(),
                                     stripGutenbergFrame(readWholeFile(file)), source});
                }
            } else if (isTextFile(path) && std::filesystem::is_regular_file(path, error)) {
                books.push_back(
                    {path.filename().string(), stripGutenbergFrame(readWholeFile(path)), ""});
            }
        }
    }
    if (books.empty()) {
        throw AtlasError(folder.string() + ": the corpus folder holds no .txt or .txt.gz file");
    }
    return books;
}

CorpusSplit splitByBook(std::vector<CorpusBook> books, int held_out, std::uint64_t seed) {
    CorpusSplit split;
    if (held_out <= 0) {
        split.train = std::move(books);
        return split;
    }
    if (static_cast<int>(books.size()) <= held_out) {
        // Too few books to hold whole ones out: the last tenth of each book's lines.
        for (auto& book : books) {
            holdOutTail(book, 0.1, split);
        }
        return split;
    }
    TrainingRandom random(seed, 0, 77);
    std::vector<bool> chosen(books.size(), false);
    for (int picked = 0; picked < held_out;) {
        const std::size_t index = random.below(books.size());
        if (!chosen[index]) {
            chosen[index] = true;
            ++picked;
        }
    }
    for (std::size_t i = 0; i < books.size(); ++i) {
        (chosen[i] ? split.validation : split.train).push_back(std::move(books[i]));
    }
    return split;
}

CorpusSplit splitBySource(std::vector<CorpusBook> books, double share, std::uint64_t seed) {
    CorpusSplit split;
    if (!(share > 0)) {
        split.train = std::move(books);
        return split;
    }
    std::vector<bool> chosen(books.size(), false);
    std::vector<bool> by_tail(books.size(), false);
    std::uint64_t stream = 79;
    for (const auto& [source, indices] : booksBySource(books)) {
        double total = 0;
        for (std::size_t i : indices) {
            total += static_cast<double>(books[i].text.size());
        }
        double held = 0;
        for (std::size_t k : shuffledIndices(indices.size(), seed, stream++)) {
            const std::size_t i = indices[k];
            const double size = static_cast<double>(books[i].text.size());
            if (held >= share * total) {
                break;
            }
            if (held + size <= 2 * share * total) {
                chosen[i] = true;
                held += size;
            }
        }
        if (held == 0) {
            for (std::size_t i : indices) {
                by_tail[i] = true;
            }
        }
    }
    for (std::size_t i = 0; i < books.size(); ++i) {
        if (by_tail[i]) {
            holdOutTail(books[i], share, split);
        } else {
            (chosen[i] ? split.validation : split.train).push_back(std::move(books[i]));
        }
    }
    return split;
}

std::vector<CorpusBook> capSourceShares(std::vector<CorpusBook> books, double max_share,
                                        std::uint64_t seed) {
    if (!(max_share > 0 && max_share < 1)) {
        return books;
    }
    const auto groups = booksBySource(books);
    std::vector<double> sizes;
    for (const auto& group : groups) {
        double size = 0;
        for (std::size_t i : group.second) {
            size += static_cast<double>(books[i].text.size());
        }
        sizes.push_back(size);
    }
    // The capped sources: add the largest over the cap until none of the rest is over it. With
    // k capped sources the result totals U / (1 - k max_share), U the uncapped sources' bytes.
    std::vector<bool> capped(groups.size(), false);
    double target = 0;  // bytes each capped source keeps
    for (;;) {
        double uncapped = 0;
        int capped_count = 0;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (capped[g]) {
                ++capped_count;
            } else {
                uncapped += sizes[g];
            }
        }
        const double room = 1 - capped_count * max_share;
        if (room <= 0 || (capped_count > 0 && uncapped == 0)) {
            // The cap cannot hold: the capped sources keep as much as the smallest of them.
            target = 1e300;
            for (std::size_t g = 0; g < groups.size(); ++g) {
                if (capped[g]) {
                    target = std::min(target, sizes[g]);
                }
            }
            break;
        }
        const double limit = max_share * uncapped / room;
        std::size_t largest = groups.size();
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (!capped[g] && sizes[g] > limit &&
                (largest == groups.size() || sizes[g] > sizes[largest])) {
                largest = g;
            }
        }
        if (largest == groups.size()) {
            target = limit;
            break;
        }
        capped[largest] = true;
    }
    std::vector<bool> keep(books.size(), true);
    std::uint64_t stream = 83;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto& indices = groups[g].second;
        const auto order = shuffledIndices(indices.size(), seed, stream++);
        if (!capped[g] || sizes[g] <= target) {
            continue;
        }
        double kept = 0;
        for (std::size_t k : order) {
            CorpusBook& book = books[indices[k]];
            const double size = static_cast<double>(book.text.size());
            if (kept >= target) {
                keep[indices[k]] = false;
            } else if (kept + size > target) {
                // Cut at the end of the line that reaches the target.
                std::size_t cut = book.text.find('\n', static_cast<std::size_t>(target - kept));
                book.text.resize(cut == std::string::npos ? book.text.size() : cut + 1);
                kept += static_cast<double>(book.text.size());
            } else {
                kept += size;
            }
        }
    }
    std::vector<CorpusBook> result;
    for (std::size_t i = 0; i < books.size(); ++i) {
        if (keep[i]) {
            result.push_back(std::move(books[i]));
        }
    }
    return result;
}

std::vector<std::string> splitSentences(std::string_view paragraph) {
    static const std::array<std::string_view, 16> abbreviations = {
        "Mr", "Mrs", "Ms",   "Dr",   "St",  "Mme", "Mlle", "Messrs",
        "Jr", "Sr",  "Prof", "Capt", "Col", "Gen", "Rev",  "Lt"};
    std::vector<std::string> sentences;
    std::size_t start = 0;
    const std::size_t size = paragraph.size();
    static const std::array<std::string_view, 3> cjk_stops = {"\u3002", "\uFF01", "\uFF1F"};
    static const std::array<std::string_view, 8> cjk_closers = {
        "\u3002", "\uFF01", "\uFF1F", "\u201D", "\u2019", "\u300D", "\u300F", "\uFF09"};
    auto startsWithAny = [&](std::size_t at, const auto& list) -> std::size_t {
        for (std::string_view item : list) {
            if (paragraph.substr(at, item.size()) == item) {
                return item.size();
            }
        }
        return 0;
    };
    for (std::size_t i = 0; i < size; ++i) {
        const char c = paragraph[i];
        if (static_cast<unsigned char>(c) >= 0xE2 && startsWithAny(i, cjk_stops) > 0) {
            std::size_t end = i;
            for (std::size_t length; (length = startsWithAny(end, cjk_closers)) > 0;) {
                end += length;
            }
            std::size_t next = end;
            while (next < size && paragraph[next] == ' ') {
                ++next;
            }
            if (next >= size) {
                break;
            }
            sentences.emplace_back(paragraph.substr(start, end - start));
            start = next;
            i = next - 1;
            continue;
        }
        if (c != '.' && c != '!' && c != '?') {
            continue;
        }
        std::size_t end = i + 1;  // past the punctuation and any closing quotes or brackets
        while (end < size &&
               (paragraph[end] == '.' || paragraph[end] == '!' || paragraph[end] == '?' ||
                paragraph[end] == '"' || paragraph[end] == '\'' || paragraph[end] == ')' ||
                paragraph[end] == ']')) {
            ++end;
        }
        if (end >= size || paragraph[end] != ' ') {
            i = end - 1;
            continue;
        }
        std::size_t next = end;
        while (next < size && paragraph[next] == ' ') {
            ++next;
        }
        if (next >= size) {
            break;
        }
        const char following = paragraph[next];
        if (!(isUpper(following) || isDigit(following) || following == '"' || following == '\'' ||
              following == '(')) {
            i = end - 1;
            continue;
        }
        if (c == '.') {
            // The word before the full stop: an abbreviation or an initial does not end a sentence.
            std::size_t word_begin = i;
            while (word_begin > start && paragraph[word_begin - 1] != ' ' &&
                   paragraph[word_begin - 1] != '"' && paragraph[word_begin - 1] != '(') {
                --word_begin;
            }
            const std::string_view word = paragraph.substr(word_begin, i - word_begin);
            const bool initial = word.size() == 1 && isUpper(word[0]);
            if (initial || std::find(abbreviations.begin(), abbreviations.end(), word) !=
                               abbreviations.end()) {
                i = end - 1;
                continue;
            }
        }
        sentences.emplace_back(paragraph.substr(start, end - start));
        start = next;
        i = next - 1;
    }
    if (start < size) {
        std::string_view rest = paragraph.substr(start);
        while (!rest.empty() && rest.back() == ' ') {
            rest.remove_suffix(1);
        }
        if (!rest.empty()) {
            sentences.emplace_back(rest);
        }
    }
    return sentences;
}

// ----------------------------------------------------------------------------------------------
// GPT-2

GptBatchSource::GptBatchSource(std::vector<int> tokens, std::uint64_t seed)
    : tokens_(std::move(tokens)), seed_(seed) {}

TrainingBatch GptBatchSource::batch(std::int64_t step, int shard, int /*shard_count*/,
                                    int sequences, int context) const {
    if (tokens_.size() < static_cast<std::size_t>(context) + 2) {
        throw AtlasError("corpus: " + std::to_string(tokens_.size()) +
                         " tokens are too few for windows of " + std::to_string(context + 1));
    }
    TrainingRandom random(seed_, static_cast<std::uint64_t>(step),
                          static_cast<std::uint64_t>(shard));
    TrainingBatch batch;
    batch.batch_size = sequences;
    batch.context = context;
    batch.inputs.reserve(static_cast<std::size_t>(sequences) * context);
    batch.targets.reserve(static_cast<std::size_t>(sequences) * context);
    for (int b = 0; b < sequences; ++b) {
        const std::size_t start = random.below(tokens_.size() - context - 1);
        batch.inputs.insert(batch.inputs.end(), tokens_.begin() + start,
                            tokens_.begin() + start + context);
        batch.targets.insert(batch.targets.end(), tokens_.begin() + start + 1,
                             tokens_.begin() + start + context + 1);
    }
    return batch;
}

std::vector<int> tokenizeForGpt(const std::vector<CorpusBook>& books, const Tokenizer& tokenizer,
                                int threads) {
    const auto* bpe = dynamic_cast<const ByteLevelBpe*>(&tokenizer);
    const std::optional<int> end_of_text = tokenizer.idOf("<|endoftext|>");
    std::vector<std::vector<int>> per_book(books.size());
    parallelFor(books.size(), threads, [&](std::size_t index) {
        std::vector<int>& ids = per_book[index];
        std::string line_with_newline;
        for (std::string_view line : splitLines(books[index].text)) {
            if (line.empty()) {
                continue;
            }
            line_with_newline.assign(line);
            line_with_newline.push_back('\n');
            if (bpe != nullptr) {
                const auto line_ids = bpe->encodeIds(line_with_newline);
                ids.insert(ids.end(), line_ids.begin(), line_ids.end());
            } else {
                for (const Token& token : tokenizer.encode(line_with_newline)) {
                    ids.push_back(token.id);
                }
            }
        }
    });
    std::vector<int> stream;
    for (const auto& ids : per_book) {
        stream.insert(stream.end(), ids.begin(), ids.end());
        if (end_of_text) {
            stream.push_back(*end_of_text);
        }
    }
    return stream;
}

// ----------------------------------------------------------------------------------------------
// BERT

std::vector<BertSequence> buildBertSequences(const std::vector<CorpusBook>& books,
                                             const Tokenizer& tokenizer,
                                             const BertSpecialIds& special, int pack_length,
                                             int threads, bool dictionary_words) {
    if (pack_length < 3) {
        throw AtlasError("corpus: BERT sequences need room for [CLS], a token and [SEP]");
    }
    const std::size_t room = static_cast<std::size_t>(pack_length) - 2;  // tokens between specials
    std::vector<std::vector<BertSequence>> per_book(books.size());
    parallelFor(books.size(), threads, [&](std::size_t index) {
        std::vector<BertSequence>& sequences = per_book[index];
        BertSequence current;
        auto flush = [&] {
            if (!current.ids.empty()) {
                current.ids.insert(current.ids.begin(), special.cls);
                current.word_start.insert(current.word_start.begin(), 1);
                current.ids.push_back(special.sep);
                current.word_start.push_back(1);
                sequences.push_back(std::move(current));
                current = BertSequence();
            }
        };
        for (std::string_view line : splitLines(books[index].text)) {
            for (const std::string& sentence : splitSentences(line)) {
                std::vector<int> ids;
                std::vector<std::uint8_t> starts;
                std::vector<std::size_t> boundaries;  // byte offsets where a word begins
                if (dictionary_words) {
                    for (const TextSegment& segment : wordSegments(sentence)) {
                        boundaries.push_back(segment.begin);
                    }
                }
                for (const Token& token : tokenizer.encode(sentence)) {
                    ids.push_back(token.id);
                    const bool boundary =
                        !dictionary_words ||
                        std::binary_search(boundaries.begin(), boundaries.end(), token.begin);
                    starts.push_back(!token.continuation && boundary ? 1 : 0);
                }
                if (ids.empty()) {
                    continue;
                }
                if (current.ids.size() + ids.size() > room) {
                    flush();
                }
                // A sentence longer than the room is cut into pieces of the room.
                for (std::size_t offset = 0; offset < ids.size(); offset += room) {
                    const std::size_t count = std::min(room, ids.size() - offset);
                    if (current.ids.size() + count > room) {
                        flush();
                    }
                    current.ids.insert(current.ids.end(), ids.begin() + offset,
                                       ids.begin() + offset + count);
                    current.word_start.insert(current.word_start.end(), starts.begin() + offset,
                                              starts.begin() + offset + count);
                }
            }
        }
        flush();
    });
    std::vector<BertSequence> all;
    for (auto& sequences : per_book) {
        for (auto& sequence : sequences) {
            all.push_back(std::move(sequence));
        }
    }
    return all;
}

BertBatchSource::BertBatchSource(std::vector<BertSequence> sequences, BertSpecialIds special,
                                 MaskingOptions masking, std::uint64_t seed)
    : sequences_(std::move(sequences)), special_(special), masking_(masking), seed_(seed) {}

std::size_t BertBatchSource::tokenCount() const {
    std::size_t count = 0;
    for (const auto& sequence : sequences_) {
        count += sequence.ids.size();
    }
    return count;
}

TrainingBatch BertBatchSource::batch(std::int64_t step, int shard, int /*shard_count*/,
                                     int sequences, int context) const {
    if (sequences_.empty()) {
        throw AtlasError("corpus: no BERT sequences to draw batches from");
    }
    TrainingRandom random(seed_, static_cast<std::uint64_t>(step),
                          static_cast<std::uint64_t>(shard));
    std::vector<const BertSequence*> chosen;
    int longest = 0;
    for (int b = 0; b < sequences; ++b) {
        chosen.push_back(&sequences_[random.below(sequences_.size())]);
        longest = std::max(longest, static_cast<int>(chosen.back()->ids.size()));
    }
    TrainingBatch batch;
    batch.batch_size = sequences;
    batch.context = std::min(context, longest);
    const int T = batch.context;
    batch.inputs.assign(static_cast<std::size_t>(sequences) * T, special_.pad);
    batch.targets.assign(static_cast<std::size_t>(sequences) * T, -1);
    batch.lengths.resize(sequences);
    std::vector<int> candidates;  // positions (or word starts) that may be masked
    for (int b = 0; b < sequences; ++b) {
        const BertSequence& sequence = *chosen[b];
        int length = std::min(T, static_cast<int>(sequence.ids.size()));
        batch.lengths[b] = length;
        int* inputs = batch.inputs.data() + static_cast<std::size_t>(b) * T;
        int* targets = batch.targets.data() + static_cast<std::size_t>(b) * T;
        std::copy(sequence.ids.begin(), sequence.ids.begin() + length, inputs);
        if (length < static_cast<int>(sequence.ids.size())) {
            inputs[length - 1] = special_.sep;  // a cut sequence still ends with [SEP]
        }
        // Choose whole words or single tokens among the real ones (not [CLS] / [SEP]).
        candidates.clear();
        int maskable = 0;
        for (int t = 1; t < length - 1; ++t) {
            ++maskable;
            if (!masking_.whole_words || sequence.word_start[t] || t == 1) {
                candidates.push_back(t);
            }
        }
        if (maskable == 0) {
            continue;
        }
        const int wanted = std::max(
            1, static_cast<int>(std::lround(masking_.rate * static_cast<double>(maskable))));
        // Partial Fisher-Yates: the first picks of a random permutation of the candidates.
        int masked = 0;
        for (std::size_t i = 0; i < candidates.size() && masked < wanted; ++i) {
            const std::size_t j = i + random.below(candidates.size() - i);
            std::swap(candidates[i], candidates[j]);
            int t = candidates[i];
            // A span of 1 .. max_span consecutive words (or tokens) from the pick; no draw for
            // spans of 1, so such runs see the same masks as before spans existed.
            const int span = masking_.max_span > 1
                                 ? 1 + static_cast<int>(random.below(
                                           static_cast<std::uint64_t>(masking_.max_span)))
                                 : 1;
            for (int unit = 0; unit < span && t < length - 1 && masked < wanted; ++unit) {
                do {                       // the word's first token and its ## pieces
                    if (targets[t] < 0) {  // not yet masked by an earlier span
                        targets[t] = sequence.ids[t];
                        const double draw = random.uniform();
                        if (draw < masking_.mask_share) {
                            inputs[t] = special_.mask;
                        } else if (draw < masking_.mask_share + masking_.random_share) {
                            inputs[t] = special_.first_regular +
                                        static_cast<int>(random.below(static_cast<std::uint64_t>(
                                            special_.vocab_size - special_.first_regular)));
                        }
                        ++masked;
                    }
                    ++t;
                } while (masking_.whole_words && t < length - 1 && !sequence.word_start[t]);
            }
        }
    }
    return batch;
}

}  // namespace atlas

// Reads CoNLL-U: one word per line, ten tab-separated columns, sentences separated by blank lines.
#include "analysis/Conllu.h"

#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include "Error.h"

namespace atlas {

namespace {

constexpr int kColumnCount = 10;
enum Column { kId = 0, kForm = 1, kHead = 6, kDeprel = 7, kMisc = 9 };

std::optional<int> parseInt(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::vector<std::string_view> splitTabs(std::string_view line) {
    std::vector<std::string_view> columns;
    std::size_t start = 0;
    while (true) {
        std::size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) {
            columns.push_back(line.substr(start));
            return columns;
        }
        columns.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
}

bool spaceAfter(std::string_view misc) {
    std::size_t start = 0;
    while (start <= misc.size()) {
        std::size_t bar = misc.find('|', start);
        std::string_view item = misc.substr(
            start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
        if (item == "SpaceAfter=No") {
            return false;
        }
        if (bar == std::string_view::npos) {
            break;
        }
        start = bar + 1;
    }
    return true;
}

// The value of a "# key = value" comment, without the spaces after "=".
std::optional<std::string_view> commentValue(std::string_view line, std::string_view prefix) {
    if (line.substr(0, prefix.size()) != prefix) {
        return std::nullopt;
    }
    std::string_view value = line.substr(prefix.size());
    while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);
    }
    return value;
}

// A multiword token ("3-4 didn't"): its words follow it; its form is what the text shows.
struct MultiwordToken {
    int first = 0;
    int last = 0;
    std::string form;
    bool space_after = true;
    int line = 0;
};

// Builds one sentence line by line and reconstructs its text with each word's byte span.
class SentenceBuilder {
  public:
    explicit SentenceBuilder(const std::string& source) : source_(source) {}

    bool empty() const { return sentence_.words.empty() && !multiword_; }

    void comment(std::string_view line) {
        if (auto id = commentValue(line, "# sent_id =")) {
            sentence_.sent_id = std::string(*id);
        } else if (auto text = commentValue(line, "# text =")) {
            sentence_.text_comment = std::string(*text);
        }
    }

    void multiword(int first, int last, std::string_view form, std::string_view misc, int line) {
        if (multiword_) {
            fail(line, "multiword token inside the range of the one on line " +
                           std::to_string(multiword_->line));
        }
        int expected = static_cast<int>(sentence_.words.size()) + 1;
        if (first != expected || last <= first) {
            fail(line, "multiword token range " + std::to_string(first) + "-" +
                           std::to_string(last) + " does not start at the next word ID " +
                           std::to_string(expected));
        }
        multiword_ = MultiwordToken{first, last, std::string(form), spaceAfter(misc), line};
        multiword_words_.clear();
    }

    void word(int id, std::string_view form, int head, std::string_view deprel,
              std::string_view misc, int line) {
        int expected = static_cast<int>(sentence_.words.size()) + 1;
        if (id != expected) {
            fail(line, "word ID " + std::to_string(id) + " out of sequence, expected " +
                           std::to_string(expected));
        }
        if (sentence_.words.empty()) {
            sentence_.line = line;
        }
        ConlluWord word;
        word.id = id;
        word.form = std::string(form);
        word.head = head;
        word.deprel = std::string(deprel);
        word.line = line;
        sentence_.words.push_back(std::move(word));

        if (multiword_) {
            multiword_words_.push_back(id - 1);
            if (id == multiword_->last) {
                placeMultiword();
            }
            return;
        }
        ConlluWord& placed = sentence_.words.back();
        placed.begin = append(placed.form);
        placed.end = sentence_.text.size();
        space_pending_ = spaceAfter(misc);
    }

    // Checks the heads and hands the sentence over; the builder is then empty again.
    ConlluSentence finish(int line) {
        if (multiword_) {
            fail(multiword_->line, "multiword token " + std::to_string(multiword_->first) + "-" +
                                       std::to_string(multiword_->last) +
                                       " is not followed by all of its words before line " +
                                       std::to_string(line));
        }
        const int word_count = static_cast<int>(sentence_.words.size());
        for (const ConlluWord& word : sentence_.words) {
            if (word.head > word_count) {
                fail(word.line, "HEAD " + std::to_string(word.head) +
                                    " points outside the sentence of " +
                                    std::to_string(word_count) + " words");
            }
            if (word.head == word.id) {
                fail(word.line, "HEAD " + std::to_string(word.head) + " is the word itself");
            }
        }
        ConlluSentence done = std::move(sentence_);
        sentence_ = {};
        space_pending_ = false;
        return done;
    }

    [[noreturn]] void fail(int line, const std::string& message) const {
        throw AtlasError(source_ + ":" + std::to_string(line) + ": " + message);
    }

  private:
    // Appends a surface form after a space if the previous unit asked for one; returns its start.
    std::size_t append(std::string_view form) {
        if (space_pending_) {
            sentence_.text += ' ';
        }
        std::size_t begin = sentence_.text.size();
        sentence_.text += form;
        return begin;
    }

    // The text shows the multiword token's form. If its words spell it exactly ("did" + "n't"
    // = "didn't") each word gets its own bytes; otherwise ("del" = "de" + "el") every word
    // gets the whole token's span.
    void placeMultiword() {
        std::string joined;
        for (int index : multiword_words_) {
            joined += sentence_.words[index].form;
        }
        std::size_t begin = append(multiword_->form);
        std::size_t end = sentence_.text.size();
        std::size_t cursor = begin;
        for (int index : multiword_words_) {
            ConlluWord& word = sentence_.words[index];
            if (joined == multiword_->form) {
                word.begin = cursor;
                cursor += word.form.size();
                word.end = cursor;
            } else {
                word.begin = begin;
                word.end = end;
            }
        }
        space_pending_ = multiword_->space_after;
        multiword_.reset();
        multiword_words_.clear();
    }

    const std::string& source_;
    ConlluSentence sentence_;
    std::optional<MultiwordToken> multiword_;
    std::vector<int> multiword_words_;  // indices into sentence_.words
    bool space_pending_ = false;
};

}  // namespace

std::vector<ConlluSentence> parseConllu(std::string_view content, const std::string& source) {
    std::vector<ConlluSentence> sentences;
    SentenceBuilder builder(source);
    int line_number = 0;
    std::size_t position = 0;
    while (position < content.size()) {
        std::size_t newline = content.find('\n', position);
        std::string_view line =
            content.substr(position, newline == std::string_view::npos ? std::string_view::npos
                                                                       : newline - position);
        position = newline == std::string_view::npos ? content.size() : newline + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            if (!builder.empty()) {
                sentences.push_back(builder.finish(line_number));
            }
            continue;
        }
        if (line.front() == '#') {
            builder.comment(line);
            continue;
        }

        std::vector<std::string_view> columns = splitTabs(line);
        if (static_cast<int>(columns.size()) != kColumnCount) {
            builder.fail(line_number, "expected 10 tab-separated columns, found " +
                                          std::to_string(columns.size()));
        }
        std::string_view id = columns[kId];
        if (id.find('.') != std::string_view::npos) {
            // An empty node (enhanced dependencies only): not a word of the basic tree.
            std::size_t dot = id.find('.');
            if (!parseInt(id.substr(0, dot)) || !parseInt(id.substr(dot + 1))) {
                builder.fail(line_number,
                             "ID '" + std::string(id) + "' is not a valid empty-node ID");
            }
            continue;
        }
        if (std::size_t dash = id.find('-'); dash != std::string_view::npos && dash > 0) {
            auto first = parseInt(id.substr(0, dash));
            auto last = parseInt(id.substr(dash + 1));
            if (!first || !last) {
                builder.fail(line_number, "ID '" + std::string(id) + "' is not a valid range");
            }
            builder.multiword(*first, *last, columns[kForm], columns[kMisc], line_number);
            continue;
        }
        auto word_id = parseInt(id);
        if (!word_id || *word_id < 1) {
            builder.fail(line_number, "ID '" + std::string(id) + "' is not a positive integer");
        }
        if (columns[kForm].empty()) {
            builder.fail(line_number, "FORM is empty");
        }
        int head = -1;
        if (columns[kHead] != "_") {
            auto parsed = parseInt(columns[kHead]);
            if (!parsed || *parsed < 0) {
                builder.fail(line_number,
                             "HEAD '" + std::string(columns[kHead]) + "' is not a word ID or 0");
            }
            head = *parsed;
            if (columns[kDeprel].empty() || columns[kDeprel] == "_") {
                builder.fail(line_number,
                             "DEPREL missing for a word with HEAD " + std::string(columns[kHead]));
            }
            // "nmod:poss" is a relation and its subtype; ":poss" or "nmod:" name nothing.
            if (columns[kDeprel].front() == ':' || columns[kDeprel].back() == ':') {
                builder.fail(line_number, "DEPREL '" + std::string(columns[kDeprel]) +
                                              "' is not a relation name");
            }
        }
        builder.word(*word_id, columns[kForm], head, columns[kDeprel], columns[kMisc], line_number);
    }
    if (!builder.empty()) {
        sentences.push_back(builder.finish(line_number + 1));
    }
    return sentences;
}

std::vector<ConlluSentence> readConllu(const std::filesystem::path& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw AtlasError(path.string() + ": is a folder, not a CoNLL-U file");
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw AtlasError(path.string() + ": cannot open the CoNLL-U file");
    }
    std::ostringstream content;
    content << file.rdbuf();
    if (file.bad()) {
        throw AtlasError(path.string() + ": cannot read the CoNLL-U file");
    }
    return parseConllu(content.str(), path.string());
}

std::vector<std::string> relationNames(const ConlluWord& word) {
    if (word.head <= 0 || word.deprel.empty() || word.deprel == "_") {
        return {};
    }
    std::size_t colon = word.deprel.find(':');
    if (colon == std::string::npos) {
        return {word.deprel};
    }
    return {word.deprel.substr(0, colon), word.deprel};
}

}  // namespace atlas

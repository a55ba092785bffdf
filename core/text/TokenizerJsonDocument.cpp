// tokenizer.json parsed in one pass, the vocabulary and merges as flat lists.
#include "text/TokenizerJsonDocument.h"

#include <limits>
#include <optional>

#include "Error.h"

namespace atlas {

namespace {

using nlohmann::json;

// SAX events build the tree for everything but model.vocab and model.merges, which are read
// directly. The first problem found is kept and reported after the parse stops.
class DocumentBuilder : public nlohmann::json_sax<json> {
  public:
    explicit DocumentBuilder(TokenizerJsonDocument& document) : document_(document) {}

    std::optional<std::string> problem;

    bool null() override { return value(json()); }
    bool boolean(bool v) override { return value(json(v)); }
    bool number_integer(number_integer_t v) override {
        if (mode_ == Mode::Vocab) {
            return vocabEntry(v);
        }
        return value(json(v));
    }
    bool number_unsigned(number_unsigned_t v) override {
        if (mode_ == Mode::Vocab) {
            if (v > number_unsigned_t(std::numeric_limits<long long>::max())) {
                return fail("model.vocab." + vocab_key_,
                            "id " + std::to_string(v) + " is too large");
            }
            return vocabEntry(static_cast<long long>(v));
        }
        return value(json(v));
    }
    bool number_float(number_float_t v, const string_t&) override { return value(json(v)); }
    // Merges are read here without a JSON value each: there are hundreds of thousands.
    bool string(string_t& v) override {
        if (mode_ == Mode::Merges) {
            return mergeText(v);
        }
        if (mode_ == Mode::MergePair) {
            if (pair_.size() >= 2) {
                return fail(placeName(), "expected \"a b\" or a pair [a, b] of strings");
            }
            pair_.push_back(std::move(v));
            return true;
        }
        return value(json(std::move(v)));
    }
    bool binary(binary_t&) override { return fail("", "unexpected binary value"); }

    bool start_object(std::size_t) override {
        if (mode_ == Mode::Vocab || mode_ == Mode::Merges || mode_ == Mode::MergePair) {
            return fail(placeName(), "unexpected object");
        }
        if (isModelField("vocab")) {
            mode_ = Mode::Vocab;
            document_.has_vocab = true;
            return true;
        }
        return open(json::object());
    }
    bool key(string_t& name) override {
        if (mode_ == Mode::Vocab) {
            vocab_key_ = std::move(name);
            return true;
        }
        keys_.back() = std::move(name);
        return true;
    }
    bool end_object() override {
        if (mode_ == Mode::Vocab) {
            mode_ = Mode::Tree;
            return value(json::object());
        }
        return close();
    }
    bool start_array(std::size_t) override {
        if (mode_ == Mode::Vocab) {
            return fail("model.vocab." + vocab_key_, "expected an integer id");
        }
        if (mode_ == Mode::Merges) {
            mode_ = Mode::MergePair;
            pair_.clear();
            return true;
        }
        if (mode_ == Mode::MergePair) {
            return fail(placeName(), "expected \"a b\" or a pair [a, b] of strings");
        }
        if (isModelField("merges")) {
            mode_ = Mode::Merges;
            document_.has_merges = true;
            return true;
        }
        return open(json::array());
    }
    bool end_array() override {
        if (mode_ == Mode::MergePair) {
            if (pair_.size() != 2) {
                return fail(placeName(), "expected \"a b\" or a pair [a, b] of strings");
            }
            document_.merges.emplace_back(std::move(pair_[0]), std::move(pair_[1]));
            mode_ = Mode::Merges;
            return true;
        }
        if (mode_ == Mode::Merges) {
            mode_ = Mode::Tree;
            return value(json::array());
        }
        return close();
    }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& error) override {
        if (!problem) {
            problem = "not valid JSON at byte " + std::to_string(position) + ": " + error.what();
        }
        return false;
    }

  private:
    enum class Mode { Tree, Vocab, Merges, MergePair };

    std::string placeName() const {
        return "model.merges[" + std::to_string(document_.merges.size()) + "]";
    }
    bool fail(const std::string& where, const std::string& message) {
        if (!problem) {
            problem = (where.empty() ? std::string() : where + ": ") + message;
        }
        return false;
    }
    // Whether the value about to start is root.model.`name`.
    bool isModelField(const char* name) const {
        return stack_.size() == 2 && keys_[0] == "model" && stack_[1]->is_object() &&
               keys_[1] == name;
    }
    bool vocabEntry(long long id) {
        document_.vocab.emplace_back(std::move(vocab_key_), id);
        return true;
    }
    // "a b": the two tokens (a third part, which no tokenizer writes, is ignored).
    bool mergeText(const std::string& text) {
        const std::size_t space = text.find(' ');
        if (space == std::string::npos) {
            return fail(placeName(), "expected two tokens separated by a space");
        }
        const std::size_t second_end = text.find(' ', space + 1);
        document_.merges.emplace_back(
            text.substr(0, space),
            text.substr(space + 1, second_end == std::string::npos ? std::string::npos
                                                                   : second_end - space - 1));
        return true;
    }
    bool value(json&& item) {
        switch (mode_) {
            case Mode::Vocab:
                return fail("model.vocab." + vocab_key_, "expected an integer id");
            case Mode::Merges:
            case Mode::MergePair:
                return fail(placeName(), "expected \"a b\" or a pair [a, b] of strings");
            case Mode::Tree:
                break;
        }
        if (stack_.empty()) {
            document_.rest = std::move(item);
            return true;
        }
        json& container = *stack_.back();
        if (container.is_object()) {
            container[keys_.back()] = std::move(item);
        } else {
            container.push_back(std::move(item));
        }
        return true;
    }
    bool open(json&& container) {
        json* slot = nullptr;
        if (stack_.empty()) {
            document_.rest = std::move(container);
            slot = &document_.rest;
        } else if (stack_.back()->is_object()) {
            slot = &((*stack_.back())[keys_.back()] = std::move(container));
        } else {
            stack_.back()->push_back(std::move(container));
            slot = &stack_.back()->back();
        }
        stack_.push_back(slot);
        keys_.emplace_back();
        return true;
    }
    bool close() {
        stack_.pop_back();
        keys_.pop_back();
        return true;
    }

    TokenizerJsonDocument& document_;
    std::vector<json*> stack_;       // open containers, outermost first
    std::vector<std::string> keys_;  // [stack_] the current key of each open object
    Mode mode_ = Mode::Tree;
    std::string vocab_key_;
    std::vector<std::string> pair_;
};

}  // namespace

TokenizerJsonDocument TokenizerJsonDocument::parse(std::string_view text, const std::string& name) {
    TokenizerJsonDocument document;
    DocumentBuilder builder(document);
    bool complete = false;
    try {
        complete = json::sax_parse(text, &builder);
    } catch (const json::exception& error) {
        throw AtlasError(name + ": not valid JSON: " + error.what());
    }
    if (builder.problem) {
        throw AtlasError(name + ": " + *builder.problem);
    }
    if (!complete) {
        throw AtlasError(name + ": not valid JSON");
    }
    return document;
}

}  // namespace atlas

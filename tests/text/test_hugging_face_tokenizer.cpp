// HuggingFaceTokenizer on small tokenizer.json files written by the test: byte spans through
// normalization and byte fallback, added tokens and their flags, each pre-tokenizer behaviour,
// decoders, tokenizer_config.json's BOS, and the errors for malformed files.
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "Error.h"
#include "text/ByteLevelAlphabet.h"
#include "text/ByteLevelBpe.h"
#include "text/HuggingFaceTokenizer.h"
#include "text/TokenizerFiles.h"
#include "text/TokenizerJsonNormalizers.h"
#include "text/TokenizerJsonPreTokenizers.h"
#include "text/Utf8.h"

using namespace atlas;
using nlohmann::json;

namespace {

// A Llama 2 style sentencepiece BPE: Prepend "▁" and spaces as "▁", byte fallback, <unk> fused.
json sentencepieceTokenizer() {
    json vocab = {{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}};
    for (int byte = 0; byte < 256; ++byte) {
        char name[8];
        std::snprintf(name, sizeof(name), "<0x%02X>", byte);
        vocab[name] = int(vocab.size());
    }
    for (const char* piece : {"\u2581", "a", "b", "c", "\u2581a", "\u2581ab", "ab"}) {
        vocab[piece] = int(vocab.size());
    }
    json added = json::array();
    for (const auto& [content, id] : {std::pair{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}}) {
        added.push_back({{"id", id},
                         {"content", content},
                         {"special", true},
                         {"lstrip", false},
                         {"rstrip", false},
                         {"single_word", false},
                         {"normalized", false}});
    }
    return {{"added_tokens", added},
            {"normalizer",
             {{"type", "Sequence"},
              {"normalizers",
               {{{"type", "Prepend"}, {"prepend", "\u2581"}},
                {{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", "\u2581"}}}}}},
            {"pre_tokenizer", nullptr},
            {"decoder",
             {{"type", "Sequence"},
              {"decoders",
               {{{"type", "Replace"}, {"pattern", {{"String", "\u2581"}}}, {"content", " "}},
                {{"type", "ByteFallback"}},
                {{"type", "Fuse"}},
                {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}}}}},
            {"model",
             {{"type", "BPE"},
              {"unk_token", "<unk>"},
              {"fuse_unk", true},
              {"byte_fallback", true},
              {"vocab", vocab},
              {"merges", {"\u2581 a", "a b", "\u2581a b"}}}}};
}

// A GPT-2 style byte-level BPE with merges given as pairs.
json byteLevelTokenizer() {
    json vocab = json::object();
    for (int byte = 0; byte < 256; ++byte) {
        vocab[utf8::encode(byte_level::symbolOf(std::uint8_t(byte)))] = byte;
    }
    vocab["\u0120t"] = 256;
    vocab["he"] = 257;
    vocab["\u0120the"] = 258;
    return {{"added_tokens",
             {{{"id", 259}, {"content", "<|endoftext|>"}, {"special", true}},
              {{"id", 260},
               {"content", "<tool>"},
               {"special", false},
               {"lstrip", true},
               {"rstrip", true}},
              {{"id", 261}, {"content", "cat"}, {"special", false}, {"single_word", true}}}},
            {"normalizer", {{"type", "NFC"}}},
            {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}}},
            {"decoder", {{"type", "ByteLevel"}}},
            {"model",
             {{"type", "BPE"},
              {"vocab", vocab},
              {"merges", json::array({json::array({"\u0120", "t"}), json::array({"h", "e"}),
                                      json::array({"\u0120t", "he"})})}}}};
}

std::unique_ptr<HuggingFaceTokenizer> build(const json& tokenizer, const json& config = nullptr) {
    return HuggingFaceTokenizer::fromText(tokenizer.dump(), config.is_null() ? "" : config.dump());
}

std::vector<int> idsOf(const std::vector<Token>& tokens) {
    std::vector<int> ids;
    for (const Token& token : tokens) {
        ids.push_back(token.id);
    }
    return ids;
}

// The pieces a pre-tokenizer cuts `text` into.
std::vector<std::string> piecesOf(const json& config, const std::string& text) {
    const auto pre_tokenizer = parsePreTokenizer(config, {"tokenizer.json", "pre_tokenizer"});
    std::vector<NormalizedText> pieces{NormalizedText::fromOriginal(text, 0)};
    pre_tokenizer->apply(pieces);
    std::vector<std::string> texts;
    for (const NormalizedText& piece : pieces) {
        texts.push_back(piece.text);
    }
    return texts;
}

}  // namespace

class HuggingFaceTokenizerTest : public QObject {
    Q_OBJECT

  private slots:
    // "▁" is prepended and spans the first character; byte-fallback pieces span their character.
    void spansThroughPrependAndByteFallback() {
        const auto tokenizer = build(sentencepieceTokenizer());
        const std::string text = "ab \u4F60c";
        const std::vector<Token> tokens = tokenizer->encode(text);
        const int first_piece = 256 + 3;  // "▁"
        QCOMPARE(idsOf(tokens), (std::vector<int>{first_piece + 5, first_piece, 3 + 0xE4, 3 + 0xBD,
                                                  3 + 0xA0, first_piece + 3}));
        QCOMPARE(tokens[0].begin, 0u);  // "▁ab": the prepended ▁ takes the span of 'a'
        QCOMPARE(tokens[0].end, 2u);
        QCOMPARE(tokens[1].begin, 2u);  // "▁" for the space
        QCOMPARE(tokens[1].end, 3u);
        for (int i = 2; i < 5; ++i) {  // the three bytes of 你 each span all of it
            QCOMPARE(tokens[std::size_t(i)].begin, 3u);
            QCOMPARE(tokens[std::size_t(i)].end, 6u);
        }
        QCOMPARE(tokens[5].begin, 6u);
        QCOMPARE(tokens[5].end, 7u);
        QCOMPARE(tokens[0].text, std::string(" ab"));
        QCOMPARE(tokenizer->decode(idsOf(tokens)), text);
    }

    // Without byte pieces, characters the vocabulary lacks become one fused <unk>.
    void unknownCharactersFuse() {
        json config = sentencepieceTokenizer();
        config["model"]["byte_fallback"] = false;
        const auto tokenizer = build(config);
        const std::vector<Token> tokens = tokenizer->encode("a\u4F60\u597Db");
        QCOMPARE(idsOf(tokens), (std::vector<int>{256 + 3 + 4, 0, 256 + 3 + 2}));
        QCOMPARE(tokens[1].begin, 1u);
        QCOMPARE(tokens[1].end, 7u);
    }

    void specialTokensAreNeverSplitAndHaveEmptySpans() {
        const auto tokenizer = build(sentencepieceTokenizer());
        const std::vector<Token> tokens = tokenizer->encode("a<s>b</s>");
        QCOMPARE(idsOf(tokens), (std::vector<int>{256 + 3 + 4, 1, 256 + 3 + 0, 256 + 3 + 2, 2}));
        QVERIFY(tokens[1].special);
        QCOMPARE(tokens[1].begin, 1u);
        QCOMPARE(tokens[1].end, 1u);
        QVERIFY(!tokens[2].special);
        QCOMPARE(tokens[4].begin, tokens[4].end);
    }

    // lstrip/rstrip eat the white space beside the token; single_word matches whole words only;
    // a non-special added token spans its text.
    void addedTokenFlags() {
        const auto tokenizer = build(byteLevelTokenizer());
        const std::vector<Token> stripped = tokenizer->encode("a  <tool>  b");
        QCOMPARE(idsOf(stripped), (std::vector<int>{'a', 260, 'b'}));
        QVERIFY(!stripped[1].special);
        QCOMPARE(stripped[1].begin, 3u);
        QCOMPARE(stripped[1].end, 9u);
        QCOMPARE(idsOf(tokenizer->encode("a cat")).back(), 261);
        QVERIFY(!idsOf(tokenizer->encode("cats")).empty());
        QVERIFY(idsOf(tokenizer->encode("cats")).front() != 261);
        QCOMPARE(idsOf(tokenizer->encode("x<|endoftext|>"))[1], 259);
    }

    void byteLevelRoundTripsAndMerges() {
        const auto tokenizer = build(byteLevelTokenizer());
        const std::string text = "the the\t\u00E9\U0001F642";
        const std::vector<Token> tokens = tokenizer->encode(text);
        QCOMPARE(tokens[0].id, int('t'));  // "the": t + he
        QCOMPARE(tokens[1].id, 257);
        QVERIFY(tokens[1].continuation);
        QCOMPARE(tokens[2].id, 258);  // " the"
        QCOMPARE(tokens[2].text, std::string(" the"));
        QVERIFY(!tokens[2].continuation);
        QCOMPARE(tokenizer->decode(idsOf(tokens)), text);
        for (std::size_t i = 1; i < tokens.size(); ++i) {
            QCOMPARE(tokens[i].begin, tokens[i - 1].end);  // no normalization: spans tile
        }
        QCOMPARE(tokenizer->idOf(" the"), std::optional<int>(258));
    }

    // NFC composes "e" + U+0301; the composed character spans both original characters.
    void normalizationKeepsSpans() {
        const auto nfc = parseNormalizer({{"type", "NFC"}}, {"tokenizer.json", "normalizer"});
        NormalizedText text = NormalizedText::fromOriginal("cafe\u0301!", 0);
        nfc->apply(text);
        QCOMPARE(text.text, std::string("caf\u00E9!"));
        QCOMPARE(text.spanOf(3, 5).begin, 3u);
        QCOMPARE(text.spanOf(3, 5).end, 6u);
        QCOMPARE(text.spanOf(5, 6).begin, 6u);
        const auto lower =
            parseNormalizer({{"type", "Lowercase"}}, {"tokenizer.json", "normalizer"});
        NormalizedText upper = NormalizedText::fromOriginal("\u00C9A", 0);
        lower->apply(upper);
        QCOMPARE(upper.text, std::string("\u00E9a"));
    }

    // Hugging Face's example: "the-final--countdown" split on "-".
    void splitBehaviors() {
        const auto split = [](const char* behavior) {
            return piecesOf({{"type", "Split"},
                             {"pattern", {{"String", "-"}}},
                             {"behavior", behavior},
                             {"invert", false}},
                            "the-final--countdown");
        };
        using Pieces = std::vector<std::string>;
        QCOMPARE(split("Removed"), (Pieces{"the", "final", "countdown"}));
        QCOMPARE(split("Isolated"), (Pieces{"the", "-", "final", "-", "-", "countdown"}));
        QCOMPARE(split("MergedWithPrevious"), (Pieces{"the-", "final-", "-", "countdown"}));
        QCOMPARE(split("MergedWithNext"), (Pieces{"the", "-final", "-", "-countdown"}));
        QCOMPARE(split("Contiguous"), (Pieces{"the", "-", "final", "--", "countdown"}));
        QCOMPARE(piecesOf({{"type", "Split"},
                           {"pattern", {{"Regex", "\\p{L}+"}}},
                           {"behavior", "Removed"},
                           {"invert", true}},
                          "ab, \u4F60\u597D!"),
                 (Pieces{"ab", "\u4F60\u597D"}));
        QCOMPARE(piecesOf({{"type", "Digits"}, {"individual_digits", true}}, "a12b"),
                 (Pieces{"a", "1", "2", "b"}));
        QCOMPARE(piecesOf({{"type", "Metaspace"},
                           {"replacement", "\u2581"},
                           {"prepend_scheme", "first"},
                           {"split", true}},
                          "hi  there"),
                 (Pieces{"\u2581hi", "\u2581", "\u2581there"}));
        QCOMPARE(piecesOf({{"type", "WhitespaceSplit"}}, " a\tb  c"), (Pieces{"a", "b", "c"}));
        QCOMPARE(piecesOf({{"type", "Whitespace"}}, "a, b!"), (Pieces{"a", ",", "b", "!"}));
    }

    void invalidUtf8NeverThrows() {
        const auto sentencepiece = build(sentencepieceTokenizer());
        const auto byte_level = build(byteLevelTokenizer());
        for (const std::string text : {"\xFF", "a\xE4\xB8", "\xED\xA0\x80", "<s\xFF>", "\x80 b"}) {
            for (const auto* tokenizer : {static_cast<const Tokenizer*>(sentencepiece.get()),
                                          static_cast<const Tokenizer*>(byte_level.get())}) {
                const std::vector<Token> tokens = tokenizer->encode(text);
                QVERIFY(!tokens.empty());
                for (const Token& token : tokens) {
                    QVERIFY(token.end <= text.size());
                    QVERIFY(token.special || token.begin < token.end);
                }
            }
        }
    }

    void bosFromTokenizerConfig() {
        QCOMPARE(build(sentencepieceTokenizer(), {{"add_bos_token", true}, {"bos_token", "<s>"}})
                     ->bosTokenToPrepend(),
                 std::optional<int>(1));
        QCOMPARE(build(sentencepieceTokenizer(),
                       {{"add_bos_token", true}, {"bos_token", {{"content", "</s>"}}}})
                     ->bosTokenToPrepend(),
                 std::optional<int>(2));
        QCOMPARE(build(sentencepieceTokenizer(), {{"add_bos_token", false}})->bosTokenToPrepend(),
                 std::optional<int>());
        QCOMPARE(build(byteLevelTokenizer())->bosTokenToPrepend(), std::optional<int>());
        // No add_bos_token: the special token a TemplateProcessing puts first.
        json with_template = sentencepieceTokenizer();
        with_template["post_processor"] = {{"type", "TemplateProcessing"},
                                           {"single",
                                            {{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}},
                                             {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}}}};
        QCOMPARE(build(with_template)->bosTokenToPrepend(), std::optional<int>(1));
    }

    void malformedFilesNameFileAndField_data() {
        QTest::addColumn<QString>("tokenizer");
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, const json& tokenizer, const json& config,
                            const char* expected) {
            QTest::newRow(name) << QString::fromStdString(tokenizer.dump())
                                << QString::fromStdString(config.is_null() ? "" : config.dump())
                                << expected;
        };
        json tokenizer = sentencepieceTokenizer();
        QTest::newRow("not JSON") << "{\"model\": "
                                  << ""
                                  << "tokenizer.json: not valid JSON";
        json unigram = tokenizer;
        unigram["model"]["type"] = "Unigram";
        row("Unigram", unigram, nullptr, "tokenizer.json: model.type: model \"Unigram\"");
        json bad_merge = tokenizer;
        bad_merge["model"]["merges"] = {"\u2581 a", "ab"};
        row("merge without space", bad_merge, nullptr, "tokenizer.json: model.merges[1]");
        json unknown_merge = tokenizer;
        unknown_merge["model"]["merges"] = {"a zz"};
        row("merge of unknown token", unknown_merge, nullptr,
            "tokenizer.json: model.merges[0]: \"zz\" is not in model.vocab");
        json negative = tokenizer;
        negative["model"]["vocab"]["a"] = -4;
        row("negative id", negative, nullptr, "tokenizer.json: model.vocab.a: id -4");
        json no_vocab = tokenizer;
        no_vocab["model"].erase("vocab");
        row("no vocab", no_vocab, nullptr, "tokenizer.json: model.vocab: missing");
        json normalizer = tokenizer;
        normalizer["normalizer"]["normalizers"][1]["type"] = "Precompiled";
        row("unknown normalizer", normalizer, nullptr,
            "tokenizer.json: normalizer.normalizers[1].type: normalizer \"Precompiled\"");
        json regex = byteLevelTokenizer();
        regex["pre_tokenizer"] = {
            {"type", "Split"}, {"pattern", {{"Regex", "(unclosed"}}}, {"behavior", "Isolated"}};
        row("bad regex", regex, nullptr, "tokenizer.json: pre_tokenizer.pattern.Regex");
        json behavior = byteLevelTokenizer();
        behavior["pre_tokenizer"] = {
            {"type", "Split"}, {"pattern", {{"String", "x"}}}, {"behavior", "Sideways"}};
        row("bad behavior", behavior, nullptr, "tokenizer.json: pre_tokenizer.behavior");
        json added = tokenizer;
        added["added_tokens"][0]["id"] = "zero";
        row("added token id", added, nullptr, "tokenizer.json: added_tokens[0].id");
        json decoder = tokenizer;
        decoder["decoder"] = {{"type", "CTC"}};
        row("unknown decoder", decoder, nullptr, "tokenizer.json: decoder.type");
        json nested = tokenizer;
        json normalizer_chain = {{"type", "NFC"}};
        for (int level = 0; level < 100; ++level) {
            normalizer_chain = {{"type", "Sequence"}, {"normalizers", {normalizer_chain}}};
        }
        nested["normalizer"] = normalizer_chain;
        row("nested too deeply", nested, nullptr, "tokenizer.json: normalizer.normalizers[0]");
        row("bos missing", tokenizer, {{"add_bos_token", true}},
            "tokenizer_config.json: bos_token");
        row("bos unknown", tokenizer, {{"add_bos_token", true}, {"bos_token", "<bos>"}},
            "tokenizer_config.json: bos_token: \"<bos>\" is not in");
    }
    void malformedFilesNameFileAndField() {
        QFETCH(QString, tokenizer);
        QFETCH(QString, config);
        QFETCH(QString, expected);
        QString message = "no error";
        try {
            HuggingFaceTokenizer::fromText(tokenizer.toStdString(), config.toStdString());
        } catch (const AtlasError& error) {
            message = QString::fromUtf8(error.what());
        }
        QVERIFY2(message.startsWith(expected), qPrintable(message));
    }

    // Folders with GPT-2's or BERT's files keep their readers; tokenizer.json is read otherwise.
    void loadTokenizerPrefersTheOlderFiles() {
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.path().toStdString();
        std::ofstream(folder / "tokenizer.json") << byteLevelTokenizer().dump();
        QVERIFY(dynamic_cast<HuggingFaceTokenizer*>(loadTokenizer(folder).get()) != nullptr);
        json vocab = json::object();
        for (int byte = 0; byte < 256; ++byte) {
            vocab[utf8::encode(byte_level::symbolOf(std::uint8_t(byte)))] = byte;
        }
        std::ofstream(folder / "vocab.json") << vocab.dump();
        std::ofstream(folder / "merges.txt") << "#version: 0.2\n";
        QVERIFY(dynamic_cast<ByteLevelBpe*>(loadTokenizer(folder).get()) != nullptr);
        std::filesystem::remove(folder / "merges.txt");
        QVERIFY(dynamic_cast<HuggingFaceTokenizer*>(loadTokenizer(folder).get()) != nullptr);
    }
};

QTEST_GUILESS_MAIN(HuggingFaceTokenizerTest)
#include "test_hugging_face_tokenizer.moc"

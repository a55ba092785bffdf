// tokenizer.json parity with a real peer: our HuggingFaceTokenizer must give the same ids as
// transformers.js (npm's @lenml/tokenizers, encode(text, {add_special_tokens: false})) on the real
// Llama 2, Llama 3 and Qwen3 tokenizer.json files, and on stories260K's (a Llama 2 style
// sentencepiece BPE with byte fallback) when ../shared/data has it.
//
// The listed strings cover each kind of text; 200 generated ones join fragments in many ways.
// Invalid UTF-8 is given to us as bytes and to transformers.js as the same text with each bad byte
// replaced by U+FFFD (JSON cannot carry the bytes). Left out on purpose: U+0085, U+180E and
// U+FEFF, where JavaScript's \s and PCRE2's differ.
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "RealHubTokenizers.h"
#include "text/Tokenizer.h"
#include "text/TokenizerFiles.h"
#include "text/Utf8.h"

using namespace atlas;

namespace {

// One or more strings of each kind; the special-token literals of all three families are in
// every list (they are plain text to the families that lack them).
std::vector<std::string> parityStrings() {
    return {
        // English
        "Hello world",
        "Hello world!",
        "The quick brown fox jumps over the lazy dog.",
        "Once upon a time, there was a little girl named Lily.",
        "I'm sure they'll say it's fine, but we've seen what you'd do.",
        "DON'T SHOUT, it's ALL CAPS",
        "supercalifragilisticexpialidocious antidisestablishmentarianism",
        "https://example.com/path?query=1&b=2#frag",
        "def main(argc, argv):\n    return 0\n",
        "for (int i = 0; i < n; ++i) { sum += a[i] * b[i]; }",
        "a",
        " a",
        "x y z",
        // Chinese and other scripts
        "\u4F60\u597D\uFF0C\u4E16\u754C\uFF01",
        "\u6211\u7231\u81EA\u7136\u8BED\u8A00\u5904\u7406\u3002",
        "\u6CE8\u610F\u529B\u673A\u5236\u662F\u4EC0\u4E48\uFF1F\u8BF7\u7528\u4E00\u53E5\u8BDD\u56DE"
        "\u7B54\u3002",
        "\u3053\u3093\u306B\u3061\u306F\u4E16\u754C",
        "\uC548\uB155\uD558\uC138\uC694",
        "\u041F\u0440\u0438\u0432\u0435\u0442, \u043C\u0438\u0440!",
        "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
        "\u0928\u092E\u0938\u094D\u0924\u0947 \u0926\u0941\u0928\u093F\u092F\u093E",
        // mixed
        "English \u4E2D\u6587 mixed \u65E5\u672C\u8A9E text",
        "Tokyo\u6771\u4EAC2020\u5E74",
        "GPT-2\u548CLlama\u7684\u533A\u522B",
        "price: \u20AC12,50 / \u00A310 / \u00A51000",
        // emoji
        "\U0001F600",
        "I \u2764\uFE0F NY",
        "pizza \U0001F355\U0001F355\U0001F355",
        "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 family",
        "\U0001F1EB\U0001F1F7 \U0001F44D\U0001F3FD",
        "rocket\U0001F680launch",
        // whitespace runs
        " ",
        "  ",
        "   leading spaces",
        "trailing spaces   ",
        "two  spaces  between   three",
        "tab\tseparated\tvalues",
        "\t\tleading tabs",
        "new\nline",
        "double\n\nnewline",
        "windows\r\nline\r\nends",
        "mixed \t \n whitespace",
        "\n\n\n",
        " \n ",
        "word\n",
        "    indented code\n        more",
        "\u00A0non-breaking\u00A0space",
        "ideographic\u3000space",
        // numbers
        "0",
        "42",
        "3.14159",
        "1,000,000",
        "12345678901234567890",
        "2023-10-05T14:48:00Z",
        "+1 (555) 123-4567",
        "1st 2nd 3rd 4th",
        "\u0661\u0662\u0663 \u00BD \u2460",
        // punctuation
        "...",
        "!!!???",
        "Wait... what?!",
        "\"Yes,\" he said, \"it is.\"",
        "~`!@#$%^&*()_+-={}|[]\\:\";'<>?,./",
        "\u2014em dash\u2013en dash\u2026",
        "\u201Ccurly quotes\u201D and \u2018single\u2019",
        "\u00A1Hola! \u00BFQu\u00E9 tal?",
        // accents, composed (NFC) and decomposed (NFD)
        "caf\u00E9",
        "cafe\u0301",
        "Caf\u00E9 cr\u00E8me br\u00FBl\u00E9e",
        "Cafe\u0301 cre\u0300me bru\u0302le\u0301e",
        "na\u00EFve r\u00E9sum\u00E9",
        "\u00C5ngstr\u00F6m A\u030Angstro\u0308m",
        "Ti\u1EBFng Vi\u1EC7t",
        "\u1100\u1161\u11A8 jamo",
        "\uFB01 ligature \u2126 ohm",
        // added and special token literals
        "<s>",
        "</s>",
        "<unk>",
        "<s>Hello</s>",
        "a <s> b </s> c",
        "<|begin_of_text|>Hello<|end_of_text|>",
        "<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>",
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
        "<|endoftext|>",
        "<think>\nlet me see\n</think>\n\nanswer",
        "<tool_call>{}</tool_call>",
        "<|im_start|><|im_end|>",
        "text<|endoftext|>text",
        "<<s>>",
        // invalid UTF-8 (the peer sees U+FFFD for each bad byte)
        "\xFF",
        "abc\xE4\xB8",
        "\xC3\x28 bad pair",
        "\xED\xA0\x80 surrogate",
        "emoji cut \xF0\x9F\x98",
        "\x80\x80\x80",
        "mixed \xFE good \xE4\xBD\xA0\xE5\xA5\xBD",
    };
}

// Strings assembled from fragments by a seeded generator, with every kind of separator, so
// fragments meet in many ways (after a space, a tab, a newline, an added token, nothing).
std::vector<std::string> generatedStrings(std::size_t count) {
    const std::vector<std::string> fragments = {"the",
                                                "The",
                                                "of",
                                                "and",
                                                "I'm",
                                                "don't",
                                                "it's",
                                                "we'll",
                                                "'re",
                                                "'",
                                                "\"",
                                                "42",
                                                "3.5",
                                                "1,000",
                                                "2024",
                                                "12345",
                                                "...",
                                                "!",
                                                "?",
                                                ",",
                                                "--",
                                                "()",
                                                "caf\u00E9",
                                                "cafe\u0301",
                                                "\u00DCber",
                                                "\U0001F600",
                                                "\U0001F44D\U0001F3FD",
                                                "\u4E2D\u6587",
                                                "\u6CE8\u610F\u529B",
                                                "\u65E5\u672C",
                                                "\uD55C\uAD6D",
                                                "\u041F\u0440\u0438",
                                                "hello",
                                                "world",
                                                "tokenizer",
                                                "attention",
                                                "x",
                                                "QUICK",
                                                "naming_convention",
                                                "camelCase",
                                                "<s>",
                                                "</s>",
                                                "<|endoftext|>",
                                                "<|im_start|>",
                                                "<|begin_of_text|>",
                                                "<think>",
                                                "\u2581",
                                                "\xFF",
                                                "\xE4\xB8"};
    const std::vector<std::string> separators = {" ",    " ",   " ",   "",    "  ",   "\t",    "\n",
                                                 "\n\n", " \n", "\t ", "   ", "\r\n", "\u3000"};
    std::mt19937 random(2020);
    std::vector<std::string> strings;
    while (strings.size() < count) {
        std::string text;
        const std::size_t pieces = 1 + random() % 9;
        if (random() % 6 == 0) {
            text += separators[random() % separators.size()];
        }
        for (std::size_t i = 0; i < pieces; ++i) {
            if (i > 0) {
                text += separators[random() % separators.size()];
            }
            text += fragments[random() % fragments.size()];
        }
        if (random() % 6 == 0) {
            text += separators[random() % separators.size()];
        }
        strings.push_back(std::move(text));
    }
    return strings;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << stream.rdbuf();
    return bytes.str();
}

// transformers.js's ids for `strings` (sanitized) with the tokenizer in `folder`.
std::optional<nlohmann::json> peerIds(const QString& node,
                                      const atlas::test::RealHubTokenizers& hub,
                                      const std::filesystem::path& folder,
                                      const std::vector<std::string>& strings, QString* error) {
    QTemporaryDir dir;
    std::vector<std::string> sanitized;
    for (const std::string& text : strings) {
        sanitized.push_back(utf8::sanitize(text));
    }
    const QString input = dir.filePath("strings.json");
    const QString output = dir.filePath("ids.json");
    std::ofstream(input.toStdString(), std::ios::binary) << nlohmann::json(sanitized).dump();
    QProcess encode;
    encode.setProcessChannelMode(QProcess::MergedChannels);
    encode.start(
        node, {ATLAS_HUB_ENCODE_SCRIPT, QString::fromStdString(hub.library.string()),
               QString::fromStdString((folder / "tokenizer.json").string()),
               QString::fromStdString((folder / "tokenizer_config.json").string()), input, output});
    if (!encode.waitForFinished(5 * 60 * 1000) || encode.exitStatus() != QProcess::NormalExit ||
        encode.exitCode() != 0) {
        *error = "node failed: " + QString::fromLocal8Bit(encode.readAll());
        return std::nullopt;
    }
    return nlohmann::json::parse(readFile(output.toStdString()));
}

// Every token has a span inside the text: special tokens an empty one, the others a non-empty
// one; spans start in order (they may overlap).
bool checkSpans(const std::vector<Token>& tokens, const std::string& text) {
    std::size_t previous_begin = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        const bool ok = token.end <= text.size() && token.begin >= previous_begin &&
                        (token.special ? token.begin == token.end : token.begin < token.end);
        if (!ok) {
            qWarning().noquote() << "token" << i << "id" << token.id << "span" << token.begin
                                 << token.end << "special" << token.special << "in"
                                 << QString::fromStdString(
                                        nlohmann::json(utf8::sanitize(text)).dump());
            return false;
        }
        previous_begin = token.begin;
    }
    return true;
}

}  // namespace

class HubTokenizerParityTest : public QObject {
    Q_OBJECT

  private:
    void compareWithPeer(const std::filesystem::path& folder, const char* name) {
        ATLAS_REAL_HUB_TOKENIZERS_OR_SKIP(hub);
        const QString node = QStandardPaths::findExecutable("node");
        if (node.isEmpty()) {
            if (qEnvironmentVariableIsSet("ATLAS_REQUIRE_NPM")) {
                QFAIL("node is not installed");
            }
            QSKIP("node is not installed: cannot run transformers.js's tokenizers");
        }
        const std::filesystem::path tokenizer_folder =
            folder.empty() ? std::filesystem::path(name) : folder;
        std::vector<std::string> strings = parityStrings();
        const std::size_t listed = strings.size();
        for (std::string& text : generatedStrings(200)) {
            strings.push_back(std::move(text));
        }
        QString error;
        const auto expected = peerIds(node, hub, tokenizer_folder, strings, &error);
        QVERIFY2(expected, qPrintable(error));
        QCOMPARE(expected->size(), strings.size());

        const auto tokenizer = loadTokenizer(tokenizer_folder);
        int mismatches = 0;
        for (std::size_t i = 0; i < strings.size(); ++i) {
            const std::vector<Token> tokens = tokenizer->encode(strings[i]);
            std::vector<int> ids;
            for (const Token& token : tokens) {
                ids.push_back(token.id);
            }
            if (nlohmann::json(ids) != (*expected)[i] && ++mismatches <= 10) {
                qWarning().noquote()
                    << name << "mismatch on string" << i
                    << (i < listed ? "(listed)" : "(generated)")
                    << QString::fromStdString(nlohmann::json(utf8::sanitize(strings[i])).dump())
                    << "\n  ours:          " << QString::fromStdString(nlohmann::json(ids).dump())
                    << "\n  transformers.js:" << QString::fromStdString((*expected)[i].dump());
            }
            QVERIFY(checkSpans(tokens, strings[i]));
        }
        QVERIFY2(mismatches == 0,
                 qPrintable(QString("%1: %2 of %3 strings differ from transformers.js")
                                .arg(name)
                                .arg(mismatches)
                                .arg(strings.size())));
        qInfo("%s: %zu strings (%zu listed) give transformers.js's ids", name, strings.size(),
              listed);
    }

  private slots:
    void llama2() {
        ATLAS_REAL_HUB_TOKENIZERS_OR_SKIP(hub);
        compareWithPeer(hub.llama2, "llama2");
    }
    void llama3() {
        ATLAS_REAL_HUB_TOKENIZERS_OR_SKIP(hub);
        compareWithPeer(hub.llama3, "llama3");
    }
    void qwen3() {
        ATLAS_REAL_HUB_TOKENIZERS_OR_SKIP(hub);
        compareWithPeer(hub.qwen3, "qwen3");
    }
    void stories260K() {
        const std::filesystem::path folder =
            std::filesystem::path(ATLAS_SHARED_DIR) / "data" / "models" / "stories260K";
        if (!std::filesystem::exists(folder / "tokenizer.json")) {
            QSKIP("../shared/data/models/stories260K is not here");
        }
        compareWithPeer(folder, "stories260K");
        QCOMPARE(loadTokenizer(folder)->bosTokenToPrepend(), std::optional<int>(1));
    }
    // Llama 2 style folders ask for <s> before every text; Qwen3's does not.
    void bosTokenToPrepend() {
        ATLAS_REAL_HUB_TOKENIZERS_OR_SKIP(hub);
        QCOMPARE(loadTokenizer(hub.llama2)->bosTokenToPrepend(), std::optional<int>(1));
        QCOMPARE(loadTokenizer(hub.qwen3)->bosTokenToPrepend(), std::optional<int>());
    }
};

QTEST_GUILESS_MAIN(HubTokenizerParityTest)
#include "test_hub_tokenizer_parity.moc"

// The shipped built-in models (resources/models/*) against the double-precision reference
// forward written from Hugging Face's GPT2LMHeadModel / BertForMaskedLM semantics
// (ReferenceForward.h): every head's attention within 1e-4, on an English sentence for the
// English models and a Chinese one for the Chinese models. The Chinese models also keep their
// promise about tokens: gpt-zh never gives more tokens than characters on ordinary Chinese, and
// bert-zh gives one token per Han character.
#include <QTest>

#include "ReferenceForward.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"
#include "model/WeightPanels.h"
#include "text/Utf8.h"

using namespace atlas;

namespace {

const char* const kChinese = "老师说学生们明天要去北京参观博物馆，因为那里有很多古老的书。";
const char* const kEnglish = "The teacher said the students would visit the museum tomorrow.";

std::size_t characterCount(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t position = 0; position < text.size(); ++count) {
        position += utf8::decodeAt(text, position).length;
    }
    return count;
}

}  // namespace

class BuiltinModelsTest : public QObject {
    Q_OBJECT

  private slots:
    void attentionMatchesTheReference_data();
    void attentionMatchesTheReference();
    void chineseTokens();
};

void BuiltinModelsTest::attentionMatchesTheReference_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::addRow("gpt") << "gpt" << kEnglish;
    QTest::addRow("bert") << "bert" << kEnglish;
    QTest::addRow("gpt-zh") << "gpt-zh" << QString::fromUtf8(kChinese);
    QTest::addRow("bert-zh") << "bert-zh" << QString::fromUtf8(kChinese);
}

void BuiltinModelsTest::attentionMatchesTheReference() {
    QFETCH(QString, name);
    QFETCH(QString, text);
    const auto model = Model::load(resolveModelFolder(name.toStdString()));
    const EncodedText encoded = model->encode(text.toStdString());
    std::vector<int> ids;
    for (const Token& token : encoded.tokens) {
        ids.push_back(token.id);
    }
    const Forward forward = model->forward(ids, ForwardOptions{});
    const test::ReferenceForward reference =
        test::referenceForward(model->config(), unpackedCopy(model->weights()), ids);
    double largest = 0;
    for (int layer = 0; layer < model->config().n_layer; ++layer) {
        for (int head = 0; head < model->config().n_head; ++head) {
            largest = std::max(largest, (forward.attention[layer][head].cast<double>() -
                                         reference.attention[layer][head])
                                            .cwiseAbs()
                                            .maxCoeff());
        }
    }
    QVERIFY2(largest <= 1e-4,
             qPrintable(QStringLiteral("%1: largest difference %2").arg(name).arg(largest)));
}

void BuiltinModelsTest::chineseTokens() {
    const std::size_t characters = characterCount(kChinese);
    QCOMPARE(characters, std::size_t(30));
    const auto gpt = Model::load(resolveModelFolder("gpt-zh"));
    const EncodedText pieces = gpt->encode(kChinese);
    QVERIFY2(pieces.tokens.size() <= characters,
             qPrintable(QStringLiteral("%1 tokens").arg(pieces.tokens.size())));
    // No character lost: the tokens cover the text byte for byte.
    std::size_t end = 0;
    for (const Token& token : pieces.tokens) {
        QCOMPARE(token.begin, end);
        end = token.end;
    }
    QCOMPARE(end, std::string_view(kChinese).size());

    const auto bert = Model::load(resolveModelFolder("bert-zh"));
    const EncodedText chars = bert->encode(kChinese);
    QCOMPARE(chars.tokens.size(), characters + 2);  // [CLS] ... [SEP]
    for (std::size_t t = 1; t + 1 < chars.tokens.size(); ++t) {
        QCOMPARE(chars.tokens[t].end - chars.tokens[t].begin, std::size_t(3));
        QVERIFY(chars.tokens[t].id != *bert->tokenizer().idOf("[UNK]"));
    }
}

QTEST_GUILESS_MAIN(BuiltinModelsTest)
#include "tst_builtin_models.moc"

// safetensors: round trips in F32/F16/BF16, rounding, and every kind of corrupt file.
#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "Error.h"
#include "io/Safetensors.h"

using namespace atlas;

Q_DECLARE_METATYPE(atlas::DType)

namespace {

std::string readBytes(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
    // Remove first: truncating a file that has data costs milliseconds on ext4 (it flushes).
    std::filesystem::remove(path);
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string lengthPrefix(std::uint64_t length) {
    std::string prefix(8, '\0');
    for (int i = 0; i < 8; ++i) {
        prefix[i] = static_cast<char>((length >> (8 * i)) & 0xFF);
    }
    return prefix;
}

// A file made by hand: 8-byte length, `header` as given, `data_size` bytes of data.
std::string rawFile(const std::string& header, std::size_t data_size) {
    return lengthPrefix(header.size()) + header + std::string(data_size, '\x01');
}

// The nearest half to `value` by search over every finite half, ties to even: the reference the
// bit-twiddling conversion is checked against.
std::uint16_t nearestHalfReference(float value) {
    const double magnitude = std::fabs(static_cast<double>(value));
    const std::uint16_t sign = std::signbit(value) ? 0x8000 : 0;
    if (magnitude >= 65520.0) {
        return sign | 0x7C00;
    }
    // Positive finite halves 0x0000..0x7BFF increase with their bit pattern.
    std::uint16_t low = 0, high = 0x7BFF;
    while (high - low > 1) {
        const auto middle = static_cast<std::uint16_t>((low + high) / 2);
        (static_cast<double>(halfToFloat(middle)) <= magnitude ? low : high) = middle;
    }
    const double below = halfToFloat(low), above = halfToFloat(high);
    std::uint16_t nearest;
    if (magnitude - below < above - magnitude) {
        nearest = low;
    } else if (magnitude - below > above - magnitude) {
        nearest = high;
    } else {
        nearest = (low & 1) == 0 ? low : high;
    }
    if (magnitude >= above) {
        nearest = high;
    }
    return sign | nearest;
}

}  // namespace

class SafetensorsTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QVERIFY(directory_.isValid()); }

    // ----- conversions

    void halfRoundTripsEveryValue() {
        for (std::uint32_t bits = 0; bits < 0x10000; ++bits) {
            const auto half = static_cast<std::uint16_t>(bits);
            const float value = halfToFloat(half);
            if (std::isnan(value)) {
                QVERIFY(std::isnan(halfToFloat(floatToHalf(value))));
                continue;
            }
            QCOMPARE(floatToHalf(value), half);
        }
        QCOMPARE(halfToFloat(0x3C00), 1.0f);
        QCOMPARE(halfToFloat(0x7BFF), 65504.0f);
        QCOMPARE(halfToFloat(0x0001), std::ldexp(1.0f, -24));
        QVERIFY(std::isinf(halfToFloat(0xFC00)) && halfToFloat(0xFC00) < 0);
    }

    void halfRoundsToNearestEven() {
        QCOMPARE(floatToHalf(1.0f + std::ldexp(1.0f, -11)), std::uint16_t(0x3C00));  // tie, down
        QCOMPARE(floatToHalf(1.0f + 3 * std::ldexp(1.0f, -11)), std::uint16_t(0x3C02));  // tie, up
        QCOMPARE(floatToHalf(65519.0f), std::uint16_t(0x7BFF));
        QCOMPARE(floatToHalf(65520.0f), std::uint16_t(0x7C00));
        QCOMPARE(floatToHalf(std::ldexp(1.0f, -25)), std::uint16_t(0x0000));      // tie to zero
        QCOMPARE(floatToHalf(3 * std::ldexp(1.0f, -25)), std::uint16_t(0x0002));  // tie to even
        QCOMPARE(floatToHalf(-0.0f), std::uint16_t(0x8000));
        QCOMPARE(floatToHalf(-INFINITY), std::uint16_t(0xFC00));
        QVERIFY(std::isnan(halfToFloat(floatToHalf(NAN))));
        // Random bit patterns across every exponent against the search reference.
        std::mt19937 generator(7);
        for (int i = 0; i < 200000; ++i) {
            const float value = std::bit_cast<float>(static_cast<std::uint32_t>(generator()));
            if (std::isnan(value)) {
                continue;
            }
            const std::uint16_t expected = nearestHalfReference(value);
            if (floatToHalf(value) != expected) {
                QFAIL(qPrintable(QString("floatToHalf(%1) = %2, expected %3")
                                     .arg(double(value), 0, 'g', 9)
                                     .arg(floatToHalf(value), 0, 16)
                                     .arg(expected, 0, 16)));
            }
        }
    }

    void bfloat16RoundsToNearestEven() {
        for (std::uint32_t bits = 0; bits < 0x10000; ++bits) {
            const float value = bfloat16ToFloat(static_cast<std::uint16_t>(bits));
            if (!std::isnan(value)) {
                QCOMPARE(floatToBfloat16(value), std::uint16_t(bits));
            }
        }
        QCOMPARE(floatToBfloat16(1.0f + std::ldexp(1.0f, -8)), std::uint16_t(0x3F80));
        QCOMPARE(floatToBfloat16(1.0f + 3 * std::ldexp(1.0f, -8)), std::uint16_t(0x3F82));
        QCOMPARE(floatToBfloat16(1.0f + std::ldexp(1.0f, -8) + std::ldexp(1.0f, -20)),
                 std::uint16_t(0x3F81));
        QVERIFY(std::isnan(bfloat16ToFloat(floatToBfloat16(NAN))));
        QVERIFY(std::isinf(bfloat16ToFloat(floatToBfloat16(3.4e38f * 2))));
    }

    // ----- round trip

    void roundTrip_data() {
        QTest::addColumn<DType>("storage");
        QTest::addColumn<double>("relativeError");  // half a unit in the last place
        QTest::addRow("F32") << DType::F32 << 0.0;
        QTest::addRow("F16") << DType::F16 << std::ldexp(1.0, -11);
        QTest::addRow("BF16") << DType::BF16 << std::ldexp(1.0, -8);
    }

    void roundTrip() {
        QFETCH(DType, storage);
        QFETCH(double, relativeError);
        std::mt19937 generator(3);
        std::normal_distribution<float> normal(0.0f, 2.0f);
        std::vector<float> matrix(3 * 5), vector(7), scalar{0.25f};
        for (float& value : matrix)
            value = normal(generator);
        for (float& value : vector)
            value = normal(generator) * 100.0f;
        vector[0] = 0.0f;
        vector[1] = -1.0f;
        const std::vector<TensorToWrite> tensors = {
            {"layer.weight", {3, 5}, matrix.data()},
            {"layer.bias", {7}, vector.data()},
            {"scalar", {}, scalar.data()},
            {"empty", {0, 4}, nullptr},
        };
        const auto path = file("model.safetensors");
        writeSafetensors(path, tensors, storage, {{"format", "pt"}});

        // The header is padded with spaces so the data section starts 8-byte aligned.
        const std::string bytes = readBytes(path);
        std::uint64_t header_length = 0;
        std::memcpy(&header_length, bytes.data(), 8);
        QCOMPARE(header_length % 8, std::uint64_t(0));

        const SafetensorsFile file = SafetensorsFile::open(path);
        QCOMPARE(file.tensors().size(), std::size_t(4));
        QCOMPARE(file.metadata().at("format"), std::string("pt"));
        for (const TensorToWrite& written : tensors) {
            const TensorInfo* info = file.find(written.name);
            QVERIFY2(info != nullptr, written.name.c_str());
            QCOMPARE(info->dtype, storage);
            QCOMPARE(info->shape, written.shape);
            std::vector<float> read(static_cast<std::size_t>(info->elementCount()));
            file.readFloat(*info, read.data());
            for (std::size_t i = 0; i < read.size(); ++i) {
                const double expected = written.data[i];
                if (relativeError == 0.0) {
                    QCOMPARE(read[i], written.data[i]);
                } else {
                    QVERIFY2(std::fabs(read[i] - expected) <= relativeError * std::fabs(expected),
                             qPrintable(QString("%1[%2]: %3 vs %4")
                                            .arg(written.name.c_str())
                                            .arg(i)
                                            .arg(read[i])
                                            .arg(expected)));
                }
            }
            file.release(*info);
        }
        QVERIFY(file.find("absent") == nullptr);
    }

    void writerRefusesBadTensors() {
        const float value = 1.0f;
        QVERIFY_THROWS_EXCEPTION(
            AtlasError,
            writeSafetensors(file("a.safetensors"), {{"x", {1}, &value}, {"x", {1}, &value}}));
        QVERIFY_THROWS_EXCEPTION(AtlasError,
                                 writeSafetensors(file("b.safetensors"), {{"x", {2}, nullptr}}));
        QVERIFY_THROWS_EXCEPTION(
            AtlasError, writeSafetensors(file("c.safetensors"), {{"__metadata__", {1}, &value}}));
        QVERIFY(!std::filesystem::exists(file("a.safetensors")));
    }

    // ----- corrupt files

    void corrupt_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");  // part of the message
        auto raw = [](const std::string& header, std::size_t data) {
            const std::string bytes = rawFile(header, data);
            return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
        };
        const std::string good = R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})";
        QTest::addRow("empty file") << QByteArray() << "too short";
        QTest::addRow("seven bytes") << QByteArray(7, '\0') << "too short";
        QTest::addRow("header longer than file")
            << QByteArray::fromStdString(lengthPrefix(1000) + good) << "exceeds the file size";
        QTest::addRow("1 GB header length")
            << QByteArray::fromStdString(lengthPrefix(1ull << 30) + good) << "100 MB";
        QTest::addRow("2^64-1 header length")
            << QByteArray::fromStdString(lengthPrefix(~0ull) + good) << "100 MB";
        QTest::addRow("malformed JSON") << raw(R"({"a":{"dtype":"F32",)", 16) << "not valid JSON";
        QTest::addRow("not an object") << raw("[1, 2, 3]", 0) << "JSON object";
        QTest::addRow("entry not an object") << raw(R"({"a": 5})", 0) << "tensor a";
        QTest::addRow("unknown dtype")
            << raw(R"({"a":{"dtype":"Q7","shape":[4],"data_offsets":[0,16]}})", 16)
            << "dtype \"Q7\"";
        QTest::addRow("dtype missing")
            << raw(R"({"a":{"shape":[4],"data_offsets":[0,16]}})", 16) << "\"dtype\" missing";
        QTest::addRow("shape missing")
            << raw(R"({"a":{"dtype":"F32","data_offsets":[0,16]}})", 16) << "\"shape\" missing";
        QTest::addRow("offsets missing")
            << raw(R"({"a":{"dtype":"F32","shape":[4]}})", 16) << "\"data_offsets\" missing";
        QTest::addRow("range outside data")
            << raw(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})", 16)
            << "outside the data section";
        QTest::addRow("begin after end")
            << raw(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[16,0]}})", 16)
            << "outside the data section";
        QTest::addRow("overlapping ranges")
            << raw(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                   R"("b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})",
                   24)
            << "overlapping";
        QTest::addRow("size not shape x dtype")
            << raw(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}})", 16)
            << "has shape [3] of F32 but 16 bytes";
        QTest::addRow("F16 size as F32")
            << raw(R"({"a":{"dtype":"F16","shape":[4],"data_offsets":[0,16]}})", 16)
            << "has shape [4] of F16 but 16 bytes";
        QTest::addRow("negative extent")
            << raw(R"({"a":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}})", 16)
            << "non-negative";
        QTest::addRow("fractional extent")
            << raw(R"({"a":{"dtype":"F32","shape":[4.5],"data_offsets":[0,16]}})", 16)
            << "non-negative integer";
        QTest::addRow("overflowing shape")
            << raw(R"({"a":{"dtype":"F32","shape":[4611686018427387904,4611686018427387904,16],)"
                   R"("data_offsets":[0,16]}})",
                   16)
            << "bytes of data";
        QTest::addRow("shape wraps to the range")
            << raw(R"({"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,16]}})",
                   16)
            << "bytes of data";
        QTest::addRow("offsets not numbers")
            << raw(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":["0","16"]}})", 16)
            << "data_offsets";
        QTest::addRow("metadata not strings")
            << raw(R"({"__metadata__":{"format":1}})", 0) << "__metadata__";
    }

    void corrupt() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const auto path = file("corrupt.safetensors");
        writeBytes(path, bytes.toStdString());
        try {
            SafetensorsFile::open(path);
            QFAIL("no error");
        } catch (const AtlasError& error) {
            const QString message = error.what();
            QVERIFY2(message.startsWith(QString::fromStdString(path.string())), error.what());
            QVERIFY2(message.contains(expected), error.what());
        }
    }

    void unreadableDtypeIsListedNotConverted() {
        const auto path = file("ids.safetensors");
        writeBytes(path, rawFile(R"({"ids":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},)"
                                 R"("w":{"dtype":"F32","shape":[2],"data_offsets":[16,24]}})",
                                 24));
        const SafetensorsFile file = SafetensorsFile::open(path);
        QVERIFY(file.find("ids") == nullptr);
        QVERIFY(file.find("w") != nullptr);
        QCOMPARE(file.unreadTensors().at("ids"), std::string("I64"));
    }

    void missingFileAndFolder() {
        QVERIFY_THROWS_EXCEPTION(AtlasError, SafetensorsFile::open(file("absent.safetensors")));
        QVERIFY_THROWS_EXCEPTION(
            AtlasError,
            SafetensorsFile::open(std::filesystem::path(directory_.path().toStdString())));
    }

    void everyTruncationIsAnError() {
        std::vector<float> values(6, 1.5f);
        const auto path = file("full.safetensors");
        writeSafetensors(path, {{"a", {2, 3}, values.data()}, {"b", {6}, values.data()}});
        const std::string bytes = readBytes(path);
        for (std::size_t length = 0; length < bytes.size(); ++length) {
            const auto cut = file("cut.safetensors");
            writeBytes(cut, bytes.substr(0, length));
            QVERIFY_THROWS_EXCEPTION(AtlasError, SafetensorsFile::open(cut));
        }
    }

    void bitFlipsNeverCrash() {
        std::vector<float> values(12);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = float(i) - 5.5f;
        const auto path = file("flip.safetensors");
        writeSafetensors(path,
                         {{"h.0.attn.c_attn.weight", {2, 3}, values.data()},
                          {"h.0.ln_1.bias", {6}, values.data() + 6},
                          {"wte.weight", {3, 2}, values.data()}},
                         DType::F16, {{"format", "pt"}});
        const std::string bytes = readBytes(path);
        std::uint64_t header_length = 0;
        std::memcpy(&header_length, bytes.data(), 8);
        int opened = 0, refused = 0;
        for (std::size_t at = 0; at < 8 + header_length; ++at) {
            for (int bit = 0; bit < 8; ++bit) {
                std::string flipped = bytes;
                flipped[at] = static_cast<char>(flipped[at] ^ (1 << bit));
                const auto damaged = file("damaged.safetensors");
                writeBytes(damaged, flipped);
                try {
                    const SafetensorsFile file = SafetensorsFile::open(damaged);
                    for (const TensorInfo& info : file.tensors()) {
                        std::vector<float> out(static_cast<std::size_t>(info.elementCount()));
                        file.readFloat(info, out.data());
                    }
                    ++opened;
                } catch (const AtlasError&) {
                    ++refused;
                } catch (const std::exception& other) {
                    QFAIL(qPrintable(
                        QString("byte %1 bit %2: %3").arg(at).arg(bit).arg(other.what())));
                }
            }
        }
        // Most flips must be caught; some (inside a name, or in padding) legitimately open.
        QVERIFY(refused > opened);
        qInfo("bit flips: %d refused, %d opened", refused, opened);
    }

  private:
    std::filesystem::path file(const char* name) const {
        return std::filesystem::path(directory_.path().toStdString()) / name;
    }

    QTemporaryDir directory_;
};

QTEST_GUILESS_MAIN(SafetensorsTest)
#include "tst_safetensors.moc"

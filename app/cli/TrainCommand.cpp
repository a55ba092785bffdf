// attention-atlas-cli train: trains a GPT-2 or BERT model on a folder of books (core/train), with
// a progress line, checkpoints, --resume, snapshots, and a loss curve as CSV and PNG.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "CliArguments.h"
#include "Commands.h"
#include "Error.h"
#include "train/TrainingPresets.h"
#include "train/TrainingRun.h"

#ifdef ATLAS_HAVE_UI
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>
#endif

namespace atlas::cli {

namespace {

const char* kTrainUsage =
    "usage: attention-atlas-cli train --arch gpt|bert --corpus DIR --out DIR [options]\n"
    "       attention-atlas-cli train --preset previous-token|induction|masked --out DIR "
    "[options]\n"
    "\n"
    "A --preset sets every option below to a small run that grows one kind of head in minutes\n"
    "on two cores, trained on the books shipped with the app (no --corpus needed; one given\n"
    "replaces them); options given after it override its settings:\n"
    "  previous-token  gpt, 2 layers x 4 heads, d_model 128, context 32, 500-entry BPE,\n"
    "                  2,000 steps of 16 sequences, lr 3e-3, PyTorch's initialisation:\n"
    "                  a previous-token head\n"
    "  induction       gpt, 2 layers x 4 heads, d_model 128, d_ff 16, context 64,\n"
    "                  300-entry BPE, 1,500 steps of 32 windows of random-token spans\n"
    "                  said twice, mostly short ones (loss on the repeats only), lr 2e-3,\n"
    "                  GPT-2's initialisation: a previous-token head in layer 0 and an\n"
    "                  induction head in layer 1, after a sudden drop of the loss\n"
    "  masked          bert, 2 layers x 4 heads, d_model 128, context 64, 1,000-entry\n"
    "                  WordPiece, 1,500 steps, 25% whole-word masking\n"
    "\n"
    "Trains a small GPT-2 (causal LM) or BERT (masked LM) on the text of --corpus (Project\n"
    "Gutenberg header and footer stripped where present). A flat --corpus: every .txt in it is a\n"
    "book, whole books held out for validation. A --corpus of sources: each top-level subfolder\n"
    "is a source (its .txt files at any depth), or a MANIFEST.tsv lists the files with their\n"
    "source; each source holds out whole files (or, with few long books, their last lines) for\n"
    "validation, and --max-source-share balances them. --corpus may also be one text file (a\n"
    "book; its last tenth held out). Books may be gzip-compressed (.txt.gz). --out receives\n"
    "a Hugging Face model folder (config.json, model.safetensors, tokenizer files), loss.csv,\n"
    "loss.png, checkpoints/latest.safetensors and snapshots/step-NNNNNN/ folders.\n"
    "\n"
    "model:\n"
    "  --layers N              transformer layers (default 4)\n"
    "  --heads N               attention heads per layer (default 8)\n"
    "  --d-model N             hidden size, a multiple of --heads (default 256)\n"
    "  --d-ff N                feed-forward width (default 4 d_model)\n"
    "  --text-share X          induction preset: share of each batch that is book text\n"
    "  --span-pairs            induction preset: each span said exactly twice, pairs in a row\n"
    "  --min-span N            induction preset: the shortest span (default 4)\n"
    "  --short-span-power X    induction preset: span lengths min + u^X (longest - min + 1),\n"
    "                          u uniform; X > 1 favours short spans (default 1)\n"
    "  --context N             positions of the model and of training sequences (default 128)\n"
    "  --vocab-size N          tokenizer entries when training one (default 8000)\n"
    "  --tokenizer DIR         use this folder's vocab.json+merges.txt / vocab.txt instead\n"
    "  --alphabet N            bert: characters kept in the trained WordPiece vocabulary, the\n"
    "                          most frequent; rarer ones are [UNK] (default 1000; Chinese needs\n"
    "                          thousands)\n"
    "training:\n"
    "  --batch N               sequences per step (default 32; a multiple of 2)\n"
    "  --steps N               optimisation steps (default 2000)\n"
    "  --lr X                  peak learning rate (default 1e-3 gpt, 5e-4 bert)\n"
    "  --warmup N              linear warm-up steps (default 5% of --steps)\n"
    "  --min-lr-ratio X        cosine decay ends at lr * X (default 0.1)\n"
    "  --weight-decay X        AdamW decoupled weight decay on matrices (default 0.1)\n"
    "  --clip X                global gradient-norm clip, 0 = off (default 1.0)\n"
    "  --no-embedding-decay    no weight decay on the embeddings\n"
    "  --position-init-std X   initial position-embedding std (default 0.01 gpt, 0.02 bert)\n"
    "  --sinusoidal-positions  start the learned positions from the sine/cosine table\n"
    "  --token-init-std X      initial token-embedding std (default 0.02)\n"
    "  --pytorch-linear-init   matrices and biases uniform in +-1/sqrt(fan_in), as PyTorch's\n"
    "                          nn.Linear (default: normal(0, 0.02), zero biases)\n"
    "  --seed N                seed of initialisation, data order, masks, split (default 1)\n"
    "  --threads N             worker threads (default 2); results do not depend on it\n"
    "bert data:\n"
    "  --mask-rate X           share of tokens predicted (default 0.15; 80% [MASK], 10% random,\n"
    "                          10% kept)\n"
    "  --whole-word-mask       mask whole words (a token and its ## pieces) together\n"
    "  --dictionary-words      with --whole-word-mask: Chinese words from ICU's dictionary,\n"
    "                          all their characters masked together (Chinese BERT-wwm)\n"
    "  --mask-span N           each pick masks 1..N consecutive words or tokens, uniformly\n"
    "                          (n-gram masking, for Chinese characters; default 1)\n"
    "  --pack-length N         tokens per packed sequence of whole sentences (default --context)\n"
    "run:\n"
    "  --held-out-books N      flat corpus: books held out for validation (default 2)\n"
    "  --held-out-share X      corpus of sources: share of each source held out (default 0.05)\n"
    "  --max-source-share X    corpus of sources: no source above this share of the training\n"
    "                          (and validation) text; a larger source keeps whole files chosen\n"
    "                          by --seed up to its cap (e.g. 0.4; default: no cap)\n"
    "  --eval-every N          steps between validation losses (default 200)\n"
    "  --checkpoint-minutes X  minutes between checkpoints (default 5)\n"
    "  --snapshots F,F,...     also save model folders at these fractions of --steps\n"
    "                          (e.g. 0.005,0.03,0.1,0.3,1.0)\n"
    "  --storage f16|f32       dtype of saved model folders (default f16)\n"
    "  --time-limit-minutes X  stop cleanly with a checkpoint after X minutes (default none)\n"
    "  --resume DIR            continue the run whose --out was DIR exactly where it stopped\n"
    "                          (its own settings and corpus are reused; --steps with --resume\n"
    "                          sets a new total and stretches the schedule)\n";

std::vector<double> parseFractions(const std::string& text) {
    std::vector<double> fractions;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        try {
            std::size_t used = 0;
            const double value = std::stod(item, &used);
            if (used != item.size() || !(value > 0) || value > 1) {
                throw std::invalid_argument("range");
            }
            fractions.push_back(value);
        } catch (const std::exception&) {
            throw UsageError(
                "option --snapshots expects fractions in (0, 1] separated by commas, "
                "got '" +
                item + "'");
        }
    }
    return fractions;
}

std::string formatDuration(double seconds) {
    const long total = std::lround(std::max(0.0, seconds));
    char text[32];
    std::snprintf(text, sizeof text, "%ldh%02ldm%02lds", total / 3600, (total / 60) % 60,
                  total % 60);
    return text;
}

#ifdef ATLAS_HAVE_UI
// Train and validation loss against step, drawn with QPainter; written through QSaveFile.
void drawLossCurve(const std::vector<StepRecord>& history, const std::filesystem::path& file) {
    std::unique_ptr<QGuiApplication> application;
    if (QCoreApplication::instance() == nullptr) {
        if (std::getenv("QT_QPA_PLATFORM") == nullptr) {
            setenv("QT_QPA_PLATFORM", "offscreen", 1);
        }
        static int argc = 1;
        static char name[] = "attention-atlas-cli";
        static char* argv[] = {name, nullptr};
        application = std::make_unique<QGuiApplication>(argc, argv);
    }
    const int width = 900;
    const int height = 520;
    const QRectF plot(70, 30, width - 100, height - 90);
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    double low = 1e30;
    double high = -1e30;
    for (const auto& record : history) {
        if (std::isfinite(record.train_loss)) {
            low = std::min(low, record.train_loss);
            high = std::max(high, record.train_loss);
        }
        if (record.val_loss >= 0) {
            low = std::min(low, record.val_loss);
            high = std::max(high, record.val_loss);
        }
    }
    if (history.empty() || !(high > low)) {
        low = 0;
        high = 1;
    }
    const double steps = std::max<double>(1, static_cast<double>(history.size()));
    auto point = [&](double step, double loss) {
        return QPointF(plot.left() + plot.width() * step / steps,
                       plot.bottom() - plot.height() * (loss - low) / (high - low));
    };
    painter.setPen(QPen(QColor(200, 200, 200), 1));
    painter.drawRect(plot);
    painter.setPen(Qt::black);
    for (int tick = 0; tick <= 5; ++tick) {
        const double loss = low + (high - low) * tick / 5.0;
        const QPointF at = point(0, loss);
        painter.drawText(QRectF(0, at.y() - 8, plot.left() - 6, 16),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(loss, 'f', 2));
        const double step = steps * tick / 5.0;
        painter.drawText(QRectF(point(step, low).x() - 40, plot.bottom() + 4, 80, 16),
                         Qt::AlignCenter, QString::number(std::lround(step)));
    }
    painter.drawText(QRectF(plot.left(), height - 30, plot.width(), 20), Qt::AlignCenter, "step");
    // Train loss, smoothed over a window so the curve is readable, and validation points.
    QPainterPath train;
    const int window = std::max(1, static_cast<int>(history.size() / 200));
    double sum = 0;
    for (std::size_t i = 0; i < history.size(); ++i) {
        sum += history[i].train_loss;
        if (i >= static_cast<std::size_t>(window)) {
            sum -= history[i - window].train_loss;
        }
        const double mean = sum / std::min<double>(static_cast<double>(i + 1), window);
        const QPointF at = point(static_cast<double>(i + 1), mean);
        if (i == 0) {
            train.moveTo(at);
        } else {
            train.lineTo(at);
        }
    }
    painter.setPen(QPen(QColor(31, 119, 180), 1.5));
    painter.drawPath(train);
    QPainterPath validation;
    bool first = true;
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (history[i].val_loss >= 0) {
            const QPointF at = point(static_cast<double>(i + 1), history[i].val_loss);
            first ? validation.moveTo(at) : validation.lineTo(at);
            first = false;
            painter.setBrush(QColor(214, 39, 40));
            painter.setPen(Qt::NoPen);
            painter.drawEllipse(at, 3, 3);
        }
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(214, 39, 40), 1.5));
    painter.drawPath(validation);
    painter.setPen(QColor(31, 119, 180));
    painter.drawText(QPointF(plot.right() - 190, plot.top() + 20), "train loss (cross-entropy)");
    painter.setPen(QColor(214, 39, 40));
    painter.drawText(QPointF(plot.right() - 190, plot.top() + 38), "validation loss");
    painter.end();
    QSaveFile out(QString::fromStdString(file.string()));
    if (!out.open(QIODevice::WriteOnly) || !image.save(&out, "PNG") || !out.commit()) {
        throw AtlasError(file.string() + ": cannot write the loss curve");
    }
}
#endif

}  // namespace

int trainCommand(const std::vector<std::string>& arguments) {
    for (const auto& argument : arguments) {
        if (argument == "--help" || argument == "-h") {
            std::cout << kTrainUsage;
            return 0;
        }
    }
    const CliArguments args(arguments,
                            {"arch",
                             "preset",
                             "corpus",
                             "out",
                             "resume",
                             "layers",
                             "heads",
                             "d-model",
                             "d-ff",
                             "text-share",
                             "min-span",
                             "short-span-power",
                             "context",
                             "vocab-size",
                             "tokenizer",
                             "batch",
                             "steps",
                             "lr",
                             "warmup",
                             "min-lr-ratio",
                             "weight-decay",
                             "clip",
                             "seed",
                             "position-init-std",
                             "token-init-std",
                             "threads",
                             "mask-rate",
                             "pack-length",
                             "mask-span",
                             "held-out-books",
                             "held-out-share",
                             "max-source-share",
                             "alphabet",
                             "eval-every",
                             "checkpoint-minutes",
                             "snapshots",
                             "storage",
                             "time-limit-minutes"},
                            {"whole-word-mask", "dictionary-words", "no-embedding-decay",
                             "sinusoidal-positions", "pytorch-linear-init", "span-pairs"});
    const bool resuming = args.has("resume");
    if (!resuming && !args.has("preset")) {
        args.value("arch");  // a fresh run needs --arch or --preset
    }
    if (args.has("preset") && (resuming || args.has("arch"))) {
        throw UsageError("option --preset cannot be combined with --resume or --arch");
    }
    // The defaults: a preset's settings, or the plain ones below; the options given override them.
    TrainingRunOptions base;
    if (args.has("preset")) {
        const std::filesystem::path corpus = args.has("corpus")
                                                 ? std::filesystem::path(args.value("corpus"))
                                                 : shippedTrainingText();
        std::vector<std::string> names;
        for (const auto& preset : trainingPresets(corpus)) {
            names.push_back(preset.name);
        }
        base = trainingPreset(args.choice("preset", names, ""), corpus).options;
    } else {
        const std::string arch = resuming ? args.choice("arch", {"gpt", "bert"}, "gpt")
                                          : args.choice("arch", {"gpt", "bert"}, "");
        base.architecture = arch == "bert" ? Architecture::Bert : Architecture::Gpt2;
        const bool bert = base.architecture == Architecture::Bert;
        base.n_layer = 4;
        base.n_head = 8;
        base.d_model = 256;
        base.n_ctx = 128;
        base.vocab_size = 8000;
        base.training.batch_size = 32;
        base.training.steps = 2000;
        base.training.learning_rate = bert ? 5e-4 : 1e-3;
        base.training.warmup_steps = -1;  // 5% of the steps, below
        base.training.adamw.beta2 = bert ? 0.98 : 0.95;
        base.held_out_books = 2;
        base.eval_every = 200;
        base.checkpoint_minutes = 5;
        base.storage = DType::F16;
        if (!resuming) {
            base.corpus = args.value("corpus");
        }
    }
    TrainingRunOptions options = base;
    options.corpus = args.valueOr("corpus", base.corpus.string());
    options.output = resuming ? args.valueOr("out", args.value("resume")) : args.value("out");
    if (resuming) {
        options.resume = args.value("resume");
    }
    options.tokenizer = args.valueOr("tokenizer", "");
    auto positive = [&](const std::string& key, int fallback) {
        const int value = args.intValue(key, fallback);
        if (value <= 0) {
            throw UsageError("option --" + key + " must be positive");
        }
        return value;
    };
    options.n_layer = positive("layers", base.n_layer);
    options.n_head = positive("heads", base.n_head);
    options.d_model = positive("d-model", base.d_model);
    if (options.d_model % options.n_head != 0) {
        throw UsageError("option --d-model must be a multiple of --heads");
    }
    if (args.has("d-ff")) {
        options.d_ff = positive("d-ff", 0);
    }
    options.span_pairs = base.span_pairs || args.has("span-pairs");
    options.min_span = positive("min-span", base.min_span);
    options.short_span_power = args.doubleValue("short-span-power", base.short_span_power);
    if (!(options.short_span_power > 0 && options.short_span_power <= 16)) {
        throw UsageError("option --short-span-power must be above 0 and at most 16");
    }
    options.text_share = args.doubleValue("text-share", base.text_share);
    if (options.text_share < 0 || options.text_share > 1) {
        throw UsageError("option --text-share must be between 0 and 1");
    }
    options.n_ctx = positive("context", base.n_ctx);
    options.vocab_size = positive("vocab-size", base.vocab_size);
    if (options.vocab_size < 300) {
        throw UsageError("option --vocab-size must be at least 300");
    }
    TrainingOptions& training = options.training;
    training.context = options.n_ctx;
    training.batch_size = positive("batch", base.training.batch_size);
    training.shards = 2;
    if (training.batch_size % training.shards != 0) {
        throw UsageError("option --batch must be even (the batch is split into 2 shards)");
    }
    training.steps = positive("steps", static_cast<int>(base.training.steps));
    training.learning_rate = args.doubleValue("lr", base.training.learning_rate);
    training.warmup_steps = args.intValue(
        "warmup", base.training.warmup_steps >= 0 ? static_cast<int>(base.training.warmup_steps)
                                                  : static_cast<int>(training.steps / 20));
    training.min_learning_ratio =
        args.doubleValue("min-lr-ratio", base.training.min_learning_ratio);
    training.adamw.weight_decay =
        args.doubleValue("weight-decay", base.training.adamw.weight_decay);
    training.gradient_clip = args.doubleValue("clip", base.training.gradient_clip);
    training.adamw.decay_embeddings =
        base.training.adamw.decay_embeddings && !args.has("no-embedding-decay");
    options.initialisation.position_std =
        args.doubleValue("position-init-std", base.initialisation.position_std);
    options.initialisation.token_std =
        args.doubleValue("token-init-std", base.initialisation.token_std);
    options.initialisation.pytorch_linear =
        base.initialisation.pytorch_linear || args.has("pytorch-linear-init");
    options.initialisation.sinusoidal_positions =
        base.initialisation.sinusoidal_positions || args.has("sinusoidal-positions");
    training.threads = positive("threads", base.training.threads);
    options.seed = static_cast<std::uint64_t>(args.intValue("seed", static_cast<int>(base.seed)));
    options.masking.rate = args.doubleValue("mask-rate", base.masking.rate);
    if (!(options.masking.rate > 0 && options.masking.rate < 1)) {
        throw UsageError("option --mask-rate must be between 0 and 1");
    }
    options.masking.whole_words = base.masking.whole_words || args.has("whole-word-mask");
    options.masking.dictionary_words =
        base.masking.dictionary_words || args.has("dictionary-words");
    if (options.masking.dictionary_words && !options.masking.whole_words) {
        throw UsageError("option --dictionary-words needs --whole-word-mask");
    }
    options.masking.max_span = positive("mask-span", base.masking.max_span);
    options.pack_length = args.intValue("pack-length", base.pack_length);
    if (options.pack_length < 0 || options.pack_length > options.n_ctx) {
        throw UsageError("option --pack-length must be between 3 and --context");
    }
    options.held_out_books = args.intValue("held-out-books", base.held_out_books);
    options.held_out_share = args.doubleValue("held-out-share", base.held_out_share);
    if (!(options.held_out_share >= 0 && options.held_out_share < 1)) {
        throw UsageError("option --held-out-share must be at least 0 and below 1");
    }
    options.max_source_share = args.doubleValue("max-source-share", base.max_source_share);
    if (!(options.max_source_share >= 0 && options.max_source_share <= 1)) {
        throw UsageError("option --max-source-share must be between 0 and 1");
    }
    options.max_alphabet = positive("alphabet", base.max_alphabet);
    options.eval_every = positive("eval-every", base.eval_every);
    options.checkpoint_minutes = args.doubleValue("checkpoint-minutes", base.checkpoint_minutes);
    if (args.has("snapshots")) {
        options.snapshot_fractions = parseFractions(args.value("snapshots"));
    }
    options.storage =
        args.choice("storage", {"f16", "f32"}, base.storage == DType::F16 ? "f16" : "f32") == "f16"
            ? DType::F16
            : DType::F32;
    options.time_limit_minutes = args.doubleValue("time-limit-minutes", base.time_limit_minutes);
    if (resuming && args.has("steps")) {
        options.resume_total_steps = training.steps;  // a deliberate change of the schedule
    }

    auto progress = [](const TrainingProgress& report) {
        char line[256];
        char validation[32] = "";
        if (report.last.val_loss >= 0) {
            std::snprintf(validation, sizeof validation, "  val %.4f", report.last.val_loss);
        }
        std::snprintf(line, sizeof line,
                      "step %lld/%lld  loss %.4f%s  lr %.2e  %.0f tokens/s  ETA %s",
                      static_cast<long long>(report.last.step + 1),
                      static_cast<long long>(report.total_steps), report.last.train_loss,
                      validation, report.last.learning_rate, report.mean_tokens_per_second,
                      formatDuration(report.eta_seconds).c_str());
        std::cerr << line << std::endl;
    };
    auto message = [](const std::string& text) { std::cerr << text << std::endl; };
    const TrainingRunResult result = runTraining(options, progress, message);
#ifdef ATLAS_HAVE_UI
    drawLossCurve(result.history, options.output / "loss.png");
#endif
    std::cerr << (result.finished ? "finished" : "stopped") << " after " << result.steps_done
              << " steps; outputs in " << options.output.string() << std::endl;
    return 0;
}

}  // namespace atlas::cli

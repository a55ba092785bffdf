// The distance profile: computed from the snapshot's map at once, the rotary bands of every head
// in the background from one run of the model with its internals (q and k after the rotation);
// over a treebank, read from every head's profiles measured once (head/TreebankDistanceRunner).
#include "head/DistanceProfileView.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <qcustomplot.h>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QLabel>
#include <QLocale>
#include <QPdfWriter>
#include <QProgressBar>
#include <QPushButton>
#include <QSvgGenerator>
#include <QVBoxLayout>

#include "common/AtomicSave.h"
#include "common/FigureStyle.h"
#include "head/TreebankDistanceRunner.h"

namespace atlas::ui {

namespace {
// The run with internals keeps q, k, v and the scores of every head: above this many tokens
// the bands are not measured (the distance profile still is).
constexpr int kMaximumBandTokens = 1024;

// The mean of profiles measured over the same maps (the heads of one layer): at each distance
// they pool the same cells.
DistanceProfile meanProfile(const std::vector<const DistanceProfile*>& profiles) {
    DistanceProfile mean;
    if (profiles.empty()) {
        return mean;
    }
    mean = *profiles.front();
    for (std::size_t p = 1; p < profiles.size(); ++p) {
        for (std::size_t k = 0; k < mean.mean_attention.size(); ++k) {
            mean.mean_attention[k] += profiles[p]->mean_attention[k];
        }
    }
    for (double& value : mean.mean_attention) {
        value /= double(profiles.size());
    }
    return mean;
}
// The largest distance that at least `share` of the maps pooled reach. A map of T tokens has
// T - d cells at distance d >= 0, so the cells at d less those at d + 1 count the maps longer
// than d.
int distanceReach(const DistanceProfile& profile, double share) {
    auto cellsAt = [&profile](int distance) -> long long {
        const auto at = std::find(profile.distances.begin(), profile.distances.end(), distance);
        return at == profile.distances.end()
                   ? 0
                   : profile.cells[std::size_t(at - profile.distances.begin())];
    };
    const long long maps = cellsAt(0) - cellsAt(1);
    int reach = 0;
    for (int distance = 1; cellsAt(distance) > 0; ++distance) {
        if (double(cellsAt(distance) - cellsAt(distance + 1)) >= share * double(maps)) {
            reach = distance;
        }
    }
    return reach;
}
}  // namespace

DistanceProfileView::DistanceProfileView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* sourceRow = new QHBoxLayout;
    sourceLabel_ = new QLabel(this);
    source_ = new QComboBox(this);
    source_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    sourceLabel_->setBuddy(source_);
    progress_ = new QProgressBar(this);
    progress_->setTextVisible(true);
    cancel_ = new QPushButton(this);
    sourceRow->addWidget(sourceLabel_);
    sourceRow->addWidget(source_);
    sourceRow->addStretch(1);
    sourceRow->addWidget(progress_, 2);
    sourceRow->addWidget(cancel_);
    progress_->hide();
    cancel_->hide();
    layout->addLayout(sourceRow);
    connect(source_, &QComboBox::activated, this, &DistanceProfileView::onSourceActivated);
    connect(cancel_, &QPushButton::clicked, this, &DistanceProfileView::cancelRequested);
    plot_ = new QCustomPlot(this);
    plot_->setBackground(style::background());
    plot_->setMinimumSize(200, 120);
    plot_->plotLayout()->clear();
    // Only the distance lines belong in the legend, not the rotary bands.
    plot_->setAutoAddPlottableToLegend(false);
    title_ = new QCPTextElement(plot_, QString(), style::font(14, true));
    title_->setTextColor(style::text());
    plot_->plotLayout()->addElement(0, 0, title_);
    // The two plots side by side in a grid of their own, under the title, so the title's width
    // does not decide the first column's.
    auto* plots = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(1, 0, plots);
    distanceRect_ = new QCPAxisRect(plot_);
    plots->addElement(0, 0, distanceRect_);
    distanceGraph_ = plot_->addGraph(distanceRect_->axis(QCPAxis::atBottom),
                                     distanceRect_->axis(QCPAxis::atLeft));
    distanceGraph_->setPen(QPen(style::highlight(), 2));
    // The text's line under the treebank's, in the same colour but faint and dashed.
    plot_->addLayer(QStringLiteral("faint"), plot_->layer(QStringLiteral("main")),
                    QCustomPlot::limBelow);
    textGraph_ = plot_->addGraph(distanceRect_->axis(QCPAxis::atBottom),
                                 distanceRect_->axis(QCPAxis::atLeft));
    textGraph_->setLayer(QStringLiteral("faint"));
    QColor faint = style::highlight();
    faint.setAlpha(110);
    textGraph_->setPen(QPen(faint, 1.5, Qt::DashLine));
    legend_ = new QCPLegend;
    distanceRect_->insetLayout()->addElement(legend_, Qt::AlignTop | Qt::AlignRight);
    legend_->setLayer(QStringLiteral("legend"));
    legend_->setBrush(QBrush(style::background()));
    legend_->setBorderPen(QPen(style::panelBorder()));
    legend_->setTextColor(style::text());
    legend_->setVisible(false);
    distanceGraph_->addToLegend(legend_);
    textGraph_->addToLegend(legend_);
    bandsRect_ = new QCPAxisRect(plot_);
    // Out of the layout until a rotary head has bands; hidden, or its axis titles would be
    // drawn in the corner.
    bandsRect_->setVisible(false);
    bandsGraph_ =
        plot_->addGraph(bandsRect_->axis(QCPAxis::atBottom), bandsRect_->axis(QCPAxis::atLeft));
    bandsGraph_->setPen(QPen(QColor(0x1f, 0x6f, 0xff), 1.5));
    bandsGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    bandsRect_->axis(QCPAxis::atBottom)->setScaleType(QCPAxis::stLogarithmic);
    bandsRect_->axis(QCPAxis::atBottom)
        ->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    applyFonts();
    layout->addWidget(plot_, 1);
    note_ = new QLabel(this);
    note_->setWordWrap(true);
    layout->addWidget(note_);
    save_ = new QPushButton(this);
    retranslate();
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(save_);
    layout->addLayout(row);
    connect(save_, &QPushButton::clicked, this, &DistanceProfileView::chooseSaveFile);
    connect(plot_, &QCustomPlot::afterReplot, this, [this]() {
        if (fitTitles()) {
            plot_->replot(QCustomPlot::rpQueuedReplot);
        }
    });
    bandsJob_.onResult([this](std::shared_ptr<const HeadBands> bands) {
        headBands_ = std::move(bands);
        bandsPending_ = false;
        replotFigure();
        emit bandsReady();
    });
    bandsJob_.onError([this](const QString&) {
        bandsPending_ = false;
        replotFigure();
        emit bandsReady();
    });
    recompute();
}

DistanceProfileView::~DistanceProfileView() = default;

void DistanceProfileView::retranslate() {
    sourceLabel_->setText(tr("Over:"));
    source_->setToolTip(
        tr("Take the profile over the text shown, or pool it over every sentence of a CoNLL-U "
           "treebank"));
    cancel_->setText(tr("Cancel"));
    save_->setText(tr("Save plot…"));
    save_->setToolTip(tr("Save this plot as PNG, SVG or PDF, or its numbers as CSV"));
    fillSourceBox();
}

void DistanceProfileView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        replotFigure();
    }
    QWidget::changeEvent(event);
}

void DistanceProfileView::fillSourceBox() {
    const QSignalBlocker blocker(source_);
    source_->clear();
    source_->addItem(tr("this text"));
    if (!knownTreebank_.isEmpty()) {
        source_->addItem(tr("the treebank %1").arg(knownTreebank_));
        source_->addItem(tr("another treebank…"));
    } else {
        source_->addItem(tr("a treebank…"));
    }
    source_->setCurrentIndex(overTreebank_ && !knownTreebank_.isEmpty() ? 1 : 0);
}

void DistanceProfileView::onSourceActivated(int index) {
    // The box shows what is plotted until the hooks change it: a file dialog may be cancelled,
    // a treebank may fail to read.
    const int known = knownTreebank_.isEmpty() ? -1 : 1;
    fillSourceBox();
    if (index == 0) {
        emit textChosen();
    } else if (index == known) {
        emit knownTreebankChosen();
    } else {
        emit treebankFileRequested();
    }
}

void DistanceProfileView::setKnownTreebank(const QString& fileName) {
    knownTreebank_ = fileName;
    fillSourceBox();
}

void DistanceProfileView::showTreebank(std::shared_ptr<const TreebankDistance> treebank) {
    treebank_ = std::move(treebank);
    overTreebank_ = treebank_ != nullptr;
    extraNote_.clear();
    if (treebank_) {
        knownTreebank_ = treebank_->fileName();
    }
    fillSourceBox();
    recomputeTreebank();
    replotFigure();
}

void DistanceProfileView::showText() {
    overTreebank_ = false;
    extraNote_.clear();
    fillSourceBox();
    replotFigure();
}

bool DistanceProfileView::showsTreebank() const {
    return overTreebank_ && treebank_ && model_ && treebank_->model.lock() == model_;
}

void DistanceProfileView::showProgress(const QString& fileName, int done, int all) {
    progress_->setMaximum(std::max(0, all));
    progress_->setValue(std::clamp(done, 0, std::max(0, all)));
    progress_->setFormat(all > 0 ? tr("%1: sentence %2 of %3").arg(fileName).arg(done).arg(all)
                                 : tr("Reading %1…").arg(fileName));
    progress_->show();
    cancel_->show();
}

void DistanceProfileView::hideProgress() {
    progress_->hide();
    cancel_->hide();
}

void DistanceProfileView::setNote(const QString& note) {
    extraNote_ = note;
    replotFigure();
}

QString DistanceProfileView::treebankCaption() const {
    const int sentences = treebank_ ? treebank_->profiles.sentences : 0;
    const QString name = treebank_ ? treebank_->fileName() : QString();
    return sentences == 1 ? tr("%1, 1 sentence").arg(name)
                          : tr("%1, %2 sentences").arg(name, QLocale().toString(sentences));
}

void DistanceProfileView::setTextScale(double scale) {
    textScale_ = std::max(0.5, scale);
    applyFonts();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void DistanceProfileView::applyFonts() {
    title_->setFont(style::font(14 * textScale_, true));
    legend_->setFont(style::font(11 * textScale_));
    for (QCPAxisRect* rect : {distanceRect_, bandsRect_}) {
        for (QCPAxis* axis : rect->axes()) {
            axis->setTickLabelFont(style::font(11 * textScale_));
            axis->setLabelFont(style::font(12 * textScale_));
        }
    }
}

bool DistanceProfileView::fitTitles() {
    bool changed = false;
    for (QCPAxisRect* rect : {distanceRect_, bandsRect_}) {
        if (!rect->visible()) {
            continue;
        }
        for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
            const double length =
                axis == rect->axis(QCPAxis::atLeft) ? rect->height() : rect->width();
            if (!axis->label().isEmpty() &&
                QFontMetricsF(axis->labelFont()).horizontalAdvance(axis->label()) > length) {
                axis->setLabel(QString());
                changed = true;
            }
        }
    }
    // The numbers up the side at least 1.6 lines apart.
    for (QCPAxisRect* rect : {distanceRect_, bandsRect_}) {
        QCPAxis* side = rect->axis(QCPAxis::atLeft);
        const double line = QFontMetricsF(side->tickLabelFont()).height();
        const int ticks = std::clamp(int(rect->height() / (1.6 * line)), 2, 5);
        if (rect->visible() && side->ticker()->tickCount() != ticks) {
            side->ticker()->setTickCount(ticks);
            changed = true;
        }
    }
    QFont titleFont = title_->font();
    const double room = plot_->width() - 8;
    while (titleFont.pixelSize() > 10 &&
           QFontMetricsF(titleFont).horizontalAdvance(title_->text()) > room) {
        titleFont.setPixelSize(titleFont.pixelSize() * 9 / 10);
        changed = true;
    }
    title_->setFont(titleFont);
    return changed;
}

void DistanceProfileView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    replotFigure();  // the titles fitted to the old size may fit again
}

void DistanceProfileView::setModel(std::shared_ptr<const Model> model) {
    if (model != model_) {
        headBands_.reset();
    }
    model_ = std::move(model);
    recomputeTreebank();
}

void DistanceProfileView::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    recomputeTreebank();
    recompute();
    requestBands();
}

void DistanceProfileView::setFocusedMap(int layer, int column) {
    layer_ = layer;
    column_ = column;
    recomputeTreebank();
    recompute();
}

std::vector<RotaryBand> DistanceProfileView::bands() const {
    if (!headBands_ || headBands_->snapshot != snapshot_ || !snapshot_ ||
        !snapshot_->contains(layer_, column_) ||
        snapshot_->columns[column_].kind != ColumnKind::Head) {
        return {};
    }
    const int head = snapshot_->columns[column_].head;
    if (layer_ >= int(headBands_->bands.size()) ||
        head >= int(headBands_->bands[std::size_t(layer_)].size())) {
        return {};
    }
    return headBands_->bands[std::size_t(layer_)][std::size_t(head)];
}

void DistanceProfileView::recompute() {
    profile_ = {};
    if (snapshot_ && snapshot_->contains(layer_, column_)) {
        profile_ = distanceProfile(snapshot_->map(layer_, column_));
    }
    replotFigure();
}

void DistanceProfileView::recomputeTreebank() {
    treebankProfile_ = {};
    if (!treebank_ || !model_ || treebank_->model.lock() != model_ || !snapshot_ ||
        !snapshot_->contains(layer_, column_)) {
        return;
    }
    const TreebankDistanceProfiles& profiles = treebank_->profiles;
    const GridColumn& column = snapshot_->columns[column_];
    if (layer_ >= profiles.layers || profiles.heads_per_layer <= 0) {
        return;
    }
    const std::size_t first = std::size_t(layer_) * std::size_t(profiles.heads_per_layer);
    if (column.kind == ColumnKind::Head && column.head < profiles.heads_per_layer) {
        treebankProfile_ = profiles.heads[first + std::size_t(column.head)];
    } else if (column.kind == ColumnKind::LayerMean) {
        std::vector<const DistanceProfile*> heads;
        for (int h = 0; h < profiles.heads_per_layer; ++h) {
            heads.push_back(&profiles.heads[first + std::size_t(h)]);
        }
        treebankProfile_ = meanProfile(heads);
    }
}

void DistanceProfileView::requestBands() {
    bandsPending_ = false;
    if (!model_ || !snapshot_ || snapshot_->empty() || !model_->config().decoder() ||
        snapshot_->tokenCount() > kMaximumBandTokens) {
        bandsJob_.cancel();
        return;
    }
    if (headBands_ && headBands_->snapshot == snapshot_) {
        return;
    }
    bandsPending_ = true;
    bandsJob_.start([model = model_, snapshot = snapshot_](const JobControl& control) {
        RunOptions options;
        options.forward.capture_internals = true;
        options.forward.ablated_heads = snapshot->ablatedHeads;
        options.forward.top_k = 1;
        const QByteArray utf8 = snapshot->text.toUtf8();
        const RunResult result =
            model->run(std::string_view(utf8.constData(), std::size_t(utf8.size())), options);
        if (control.stopRequested()) {
            throw JobStopped{};
        }
        auto bands = std::make_shared<HeadBands>();
        bands->snapshot = snapshot;
        for (const LayerInternals& layer : result.forward.internals) {
            bands->bands.emplace_back();
            for (const HeadInternals& head : layer.heads) {
                bands->bands.back().push_back(rotaryBands(model->config(), head.q, head.k));
            }
        }
        return std::shared_ptr<const HeadBands>(std::move(bands));
    });
}

void DistanceProfileView::showTitles() const {
    title_->setFont(style::font(14 * textScale_, true));
    for (QCPAxisRect* rect : {distanceRect_, bandsRect_}) {
        rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(5);
    }
    distanceRect_->axis(QCPAxis::atBottom)->setLabel(tr("Distance i − j (tokens)"));
    distanceRect_->axis(QCPAxis::atLeft)->setLabel(tr("Mean attention"));
    bandsRect_->axis(QCPAxis::atBottom)->setLabel(tr("RoPE wavelength (tokens)"));
    bandsRect_->axis(QCPAxis::atLeft)->setLabel(tr("Share of the head's |q|·|k|"));
}

void DistanceProfileView::replotFigure() {
    showTitles();
    const bool causal = snapshot_ ? snapshot_->causal : true;
    // A causal model never looks ahead: the means at negative distances are all 0.
    auto points = [causal](const DistanceProfile& profile, QVector<double>& x, QVector<double>& y) {
        for (std::size_t k = 0; k < profile.distances.size(); ++k) {
            if ((causal && profile.distances[k] < 0) || profile.cells[k] == 0) {
                continue;
            }
            x.append(profile.distances[k]);
            y.append(profile.mean_attention[k]);
        }
    };
    const bool overTreebank = showsTreebank() && !treebankProfile_.distances.empty();
    QVector<double> x;
    QVector<double> y;
    QVector<double> textX;
    QVector<double> textY;
    points(overTreebank ? treebankProfile_ : profile_, x, y);
    if (overTreebank) {
        points(profile_, textX, textY);
    }
    distanceGraph_->setData(x, y, true);
    textGraph_->setData(textX, textY, true);
    legend_->setVisible(overTreebank);
    if (overTreebank) {
        distanceGraph_->setName(treebankCaption());
        textGraph_->setName(tr("the text shown"));
    }
    QCPAxis* distanceX = distanceRect_->axis(QCPAxis::atBottom);
    QCPAxis* distanceY = distanceRect_->axis(QCPAxis::atLeft);
    treebankReach_ = -1;
    if (!x.isEmpty()) {
        double lowest = std::min(x.front(), textX.isEmpty() ? x.front() : textX.front());
        double highest = std::max(x.back(), textX.isEmpty() ? x.back() : textX.back());
        if (overTreebank) {
            // A treebank's longest sentence stretches the axis far past where its means rest on
            // many sentences: the axis ends where one sentence in ten still reaches (the text's
            // line still whole).
            treebankReach_ = distanceReach(treebankProfile_, 0.1);
            const double textHighest = textX.isEmpty() ? 0.0 : textX.back();
            const double textLowest = textX.isEmpty() ? 0.0 : textX.front();
            highest = std::min(highest, std::max<double>(treebankReach_, textHighest));
            lowest = std::max(lowest, std::min<double>(-treebankReach_, textLowest));
        }
        distanceX->setRange(lowest - 0.5, highest + 0.5);
        double top = 0;
        for (const auto* values : {&x, &textX}) {
            const QVector<double>& ys = values == &x ? y : textY;
            for (int k = 0; k < values->size(); ++k) {
                if ((*values)[k] >= lowest && (*values)[k] <= highest) {
                    top = std::max(top, ys[k]);
                }
            }
        }
        // Room above the lines for the legend's two rows.
        distanceY->setRange(0, std::max(1e-3, top * (overTreebank ? 1.3 : 1.08)));
    }

    const std::vector<RotaryBand> shown = bands();
    const bool withBands = !shown.empty();
    auto* plots = qobject_cast<QCPLayoutGrid*>(plot_->plotLayout()->element(1, 0));
    const bool inLayout = plots->hasElement(0, 1);
    if (withBands && !inLayout) {
        plots->addElement(0, 1, bandsRect_);
        plots->setColumnStretchFactors({3, 2});
        bandsRect_->setVisible(true);
    } else if (!withBands && inLayout) {
        plots->take(bandsRect_);
        plots->simplify();
        bandsRect_->setVisible(false);
    }
    if (withBands) {
        double total = 0;
        for (const RotaryBand& band : shown) {
            total += band.weight;
        }
        QVector<double> wavelength;
        QVector<double> share;
        for (const RotaryBand& band : shown) {
            wavelength.append(band.wavelength);
            share.append(total > 0 ? band.weight / total : 0.0);
        }
        // Long wavelengths first on a log axis read left to right as short to long.
        QVector<int> order(wavelength.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return wavelength[a] < wavelength[b]; });
        QVector<double> sortedX;
        QVector<double> sortedY;
        for (int i : order) {
            sortedX.append(wavelength[i]);
            sortedY.append(share[i]);
        }
        bandsGraph_->setData(sortedX, sortedY, true);
        QCPAxis* bandsX = bandsRect_->axis(QCPAxis::atBottom);
        QCPAxis* bandsY = bandsRect_->axis(QCPAxis::atLeft);
        bandsX->setRange(sortedX.front() / 1.5, sortedX.back() * 1.5);
        const double top = *std::max_element(sortedY.begin(), sortedY.end());
        bandsY->setRange(0, std::max(1e-3, top * 1.1));
    }

    if (snapshot_ && snapshot_->contains(layer_, column_)) {
        const QString map = snapshot_->mapTitle(layer_, column_);
        QString note;
        if (overTreebank) {
            title_->setText(
                tr("%1 · attention by distance over %2").arg(map, treebank_->fileName()));
            const int sentences = treebank_->profiles.sentences;
            note =
                (sentences == 1 ? tr("Mean of the weight at each distance over the sentence "
                                     "of %1")
                                      .arg(treebank_->fileName())
                                : tr("Mean of the weight at each distance over the %1 "
                                     "sentences of %2")
                                      .arg(QLocale().toString(sentences), treebank_->fileName())) +
                tr(" (dashed: the %1 of the text shown).")
                    .arg(tokenCountText(snapshot_->tokenCount()));
            const int longest = int(treebankProfile_.distances.size() / 2);
            if (treebankReach_ >= 0 && treebankReach_ < longest) {
                note += QLatin1Char(' ') +
                        tr("The axis ends at distance %1, which one sentence in ten reaches; the "
                           "saved numbers go on to %2.")
                            .arg(treebankReach_)
                            .arg(longest);
            }
            if (treebank_->profiles.truncated_sentences > 0) {
                note += QLatin1Char(' ') + tr("%1 sentences longer than the model's context "
                                              "were cut.")
                                               .arg(treebank_->profiles.truncated_sentences);
            }
        } else {
            title_->setText(tr("%1 · attention by distance").arg(map));
            note = tr("Mean over the %1 of the text shown of the weight at each distance.")
                       .arg(tokenCountText(snapshot_->tokenCount()));
            if (showsTreebank()) {
                note += QLatin1Char(' ') +
                        tr("Over a treebank the profile is measured for each head and the "
                           "layer's mean: choose one of them.");
            }
        }
        if (withBands) {
            note += QLatin1Char(' ') +
                    tr("Right: each rotary dimension pair of this head turns once per wavelength; "
                       "its share is how much of q·k that pair carries in this text.");
        } else if (bandsPending_) {
            note += QLatin1Char(' ') + tr("Measuring the rotary bands…");
        }
        if (!extraNote_.isEmpty()) {
            note += QLatin1Char(' ') + extraNote_;
        }
        note_->setText(note);
    } else {
        title_->setText(tr("No attention to show yet."));
        note_->setText(extraNote_);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString DistanceProfileView::saveTo(const QString& path, int widthPixels) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) {
        return saveAtomically(path, [this](QSaveFile& file) -> QString {
            auto table = [](const DistanceProfile& profile) {
                QByteArray rows;
                for (std::size_t k = 0; k < profile.distances.size(); ++k) {
                    rows += QByteArray::number(profile.distances[k]) + ',' +
                            QByteArray::number(profile.mean_attention[k], 'g', 9) + ',' +
                            QByteArray::number(profile.cells[k]) + '\n';
                }
                return rows;
            };
            // Over a treebank its profile first (the plotted line), then the text's.
            const bool overTreebank = showsTreebank() && !treebankProfile_.distances.empty();
            QByteArray text = "distance,mean_attention,cells\n";
            text += table(overTreebank ? treebankProfile_ : profile_);
            if (overTreebank) {
                text += "\ntext_distance,text_mean_attention,text_cells\n" + table(profile_);
            }
            const std::vector<RotaryBand> shown = bands();
            if (!shown.empty()) {
                text += "\nrotary_pair,inverse_frequency,wavelength,weight\n";
                for (const RotaryBand& band : shown) {
                    text += QByteArray::number(band.pair) + ',' +
                            QByteArray::number(band.inverse_frequency, 'g', 9) + ',' +
                            QByteArray::number(band.wavelength, 'g', 9) + ',' +
                            QByteArray::number(band.weight, 'g', 9) + '\n';
                }
            }
            file.write(text);
            return {};
        });
    }
    const int width = std::max(16, widthPixels);
    const int height = std::max(16, int(width * 0.5));
    // The figure has the room for every title the tab may have left out; the tab fits its
    // own again at the next event-loop turn.
    showTitles();
    plot_->replot(QCustomPlot::rpQueuedReplot);
    if (suffix == QLatin1String("png")) {
        return saveAtomically(path, [&](QSaveFile& file) -> QString {
            const QPixmap pixmap = plot_->toPixmap(width, height);
            return pixmap.save(&file, "PNG") ? QString() : tr("%1: cannot write PNG").arg(path);
        });
    }
    if (suffix == QLatin1String("pdf")) {
        return saveAtomically(path, [&](QSaveFile& file) -> QString {
            QPdfWriter writer(&file);
            writer.setCreator(QStringLiteral("Attention Atlas"));
            writer.setResolution(96);
            // One page the size of the figure (96 logical px per inch, 72 pt per inch).
            writer.setPageSize(QPageSize(QSizeF(width, height) * 72.0 / 96.0, QPageSize::Point,
                                         QString(), QPageSize::ExactMatch));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            QCPPainter painter;
            if (!painter.begin(&writer)) {
                return tr("%1: cannot start the PDF").arg(path);
            }
            painter.setMode(QCPPainter::pmVectorized);
            const double scale = double(writer.width()) / width;
            painter.scale(scale, scale);
            plot_->toPainter(&painter, width, height);
            painter.end();
            return {};
        });
    }
    if (suffix == QLatin1String("svg")) {
        return saveAtomically(path, [&](QSaveFile& file) -> QString {
            QSvgGenerator generator;
            generator.setOutputDevice(&file);
            generator.setSize(QSize(width, height));
            generator.setViewBox(QRect(0, 0, width, height));
            QCPPainter painter;
            if (!painter.begin(&generator)) {
                return tr("%1: cannot start the SVG").arg(path);
            }
            painter.setMode(QCPPainter::pmVectorized);
            plot_->toPainter(&painter, width, height);
            painter.end();
            return {};
        });
    }
    return tr("%1: choose a .png, .svg, .pdf or .csv file").arg(path);
}

void DistanceProfileView::chooseSaveFile() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save plot"), QStringLiteral("distance-profile.png"),
        tr("PNG image (*.png);;SVG image (*.svg);;PDF (*.pdf);;CSV numbers (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    const QString error = saveTo(path);
    note_->setText(error.isEmpty() ? tr("Saved %1").arg(QFileInfo(path).fileName()) : error);
}

}  // namespace atlas::ui

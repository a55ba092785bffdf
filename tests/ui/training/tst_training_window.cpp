// File ▸ Train a model…: the presets fill the form, and a few-seconds custom run driven through
// the window trains, refreshes the grid from its snapshots, pauses, stops with a checkpoint,
// saves a model folder that loads, and resumes from the checkpoint.
#include <fstream>

#include <qcustomplot.h>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QFontMetrics>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "grid/HeadGridView.h"
#include "model/Model.h"
#include "training/TrainingSettingsForm.h"
#include "training/TrainingWindow.h"

using namespace atlas;
using namespace atlas::ui;

class TestTrainingWindow : public QObject {
    Q_OBJECT

  private slots:
    void presetsFillTheForm() {
        QTemporaryDir runs;
        TrainingWindow window(runs.path().toStdString());
        TrainingSettingsForm* form = window.settings();
        form->setChoice("induction");
        QCOMPARE(form->layersBox()->value(), 2);
        QCOMPARE(form->dModelBox()->value(),
                 trainingPreset("induction", shippedTrainingText()).options.d_model);
        QVERIFY(!form->layersBox()->isEnabled());
        QVERIFY(form->outputEdit()->text().endsWith("induction"));
        QCOMPARE(form->target(), PresetTarget::Induction);
        form->setChoice("custom");
        QVERIFY(form->layersBox()->isEnabled());
        QVERIFY(form->corpusEdit()->text().isEmpty());
        // Custom without a text file is refused with the field's name.
        try {
            form->runOptions();
            QFAIL("a custom run without a text file was accepted");
        } catch (const std::exception& error) {
            QVERIFY(QString(error.what()).startsWith("Text file"));
        }
        window.startTraining();
        QVERIFY(!window.training());
        QVERIFY(window.statusText().startsWith("Text file"));
    }

    // A 1280 x 720 screen less a window manager's title bar: the window opens inside it, for
    // every preset and with a lesson's caption, and the score plot's axis label is not cut.
    void fitsA720PixelScreen() {
        QTemporaryDir runs;
        TrainingWindow window(runs.path().toStdString());
        window.setCaption(
            "Watch the loss: it falls as the model learns to copy the repeats, "
            "and the outlined head's score rises.");
        window.show();
        for (const char* preset : {"previous-token", "induction", "masked", "custom"}) {
            window.settings()->setChoice(preset);
            QApplication::processEvents();
            QVERIFY2(window.minimumSizeHint().height() <= 690,
                     qPrintable(
                         QString("%1: %2 px").arg(preset).arg(window.minimumSizeHint().height())));
            QVERIFY(window.minimumSizeHint().width() <= 1280);
            QVERIFY2(window.height() <= 690, qPrintable(QString::number(window.height())));
            QCustomPlot* score = window.scorePlot();
            score->replot();
            const QFontMetrics metrics(score->yAxis->labelFont());
            QVERIFY2(metrics.horizontalAdvance(score->yAxis->label()) < score->axisRect()->height(),
                     qPrintable(score->yAxis->label()));
        }
        window.settings()->setChoice("induction");
        QVERIFY(window.scorePlot()->graph(0)->name().contains("induction"));
    }

    void customRunLiveThroughTheWindow() {
        QTemporaryDir runs;
        const QString text = runs.filePath("story.txt");
        {
            std::ofstream out(text.toStdString());
            for (int i = 0; i < 300; ++i) {
                out << "The cat sat on the mat and the dog ran to the door. "
                    << "A bird sang in the tree " << i % 17 << " times.\n";
            }
        }
        TrainingWindow window(runs.path().toStdString());
        TrainingSettingsForm* form = window.settings();
        form->setChoice("custom");
        form->layersBox()->setValue(1);
        form->headsBox()->setValue(2);
        form->dModelBox()->setValue(16);
        form->contextBox()->setValue(16);
        form->stepsBox()->setValue(100000);  // stopped long before the end
        form->corpusEdit()->setText(text);
        window.refreshSecondsBox()->setValue(0.3);
        window.show();
        QSignalSpy refreshed(&window, &TrainingWindow::liveRefreshed);
        QSignalSpy ended(&window, &TrainingWindow::trainingEnded);
        QTest::mouseClick(window.startButton(), Qt::LeftButton);
        QVERIFY(window.training());

        // The grid shows the current weights, then newer ones.
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 60000);
        QVERIFY(window.gridView()->snapshot() != nullptr);
        QVERIFY(window.gridView()->snapshot()->tokenCount() > 3);
        QCOMPARE(window.gridView()->snapshot()->layerCount(), 1);
        const auto firstSnapshot = window.gridView()->snapshot();
        const qint64 firstStep = refreshed.last().at(0).toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.last().at(0).toLongLong() > firstStep, 60000);
        QVERIFY(window.gridView()->snapshot() != firstSnapshot);
        QCOMPARE(window.gridView()->highlightedHeads().size(), 1);
        QVERIFY(window.scorePlot()->graph(0)->dataCount() >= 2);
        QTRY_VERIFY_WITH_TIMEOUT(window.lossPlot()->graph(0)->dataCount() > 2, 30000);

        // Pause: no more steps arrive; resume: they do again.
        QTest::mouseClick(window.pauseButton(), Qt::LeftButton);
        QTest::qWait(600);  // the step in flight lands
        const int pausedCount = window.lossPlot()->graph(0)->dataCount();
        QTest::qWait(800);
        QCOMPARE(window.lossPlot()->graph(0)->dataCount(), pausedCount);
        QTest::mouseClick(window.pauseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.lossPlot()->graph(0)->dataCount() > pausedCount, 30000);

        // Stop: a checkpoint, and the window offers to resume.
        QTest::mouseClick(window.stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, 60000);
        QCOMPARE(ended.last().at(0).toBool(), false);
        const std::filesystem::path output = form->outputFolder();
        QVERIFY(std::filesystem::exists(output / "checkpoints" / "latest.safetensors"));
        QCOMPARE(window.startButton()->text(), QString("Resume"));
        const int stoppedAt = window.lossPlot()->graph(0)->dataCount();

        // Save model…: a folder the app opens.
        const QString saved = runs.filePath("saved-model");
        QCOMPARE(window.saveModel(saved), QString());
        const auto model = Model::load(saved.toStdString());
        QCOMPARE(model->config().n_layer, 1);
        QCOMPARE(model->config().d_model, 16);
        QVERIFY(!std::filesystem::exists(saved.toStdString() + "/snapshots"));

        // Resume continues the step count from the checkpoint.
        QTest::mouseClick(window.startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.lossPlot()->graph(0)->dataCount() > stoppedAt + 2, 60000);
        const double lastStep = (window.lossPlot()->graph(0)->data()->constEnd() - 1)->key;
        QVERIFY(lastStep > stoppedAt);
        window.stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 2, 60000);
    }
};

QTEST_MAIN(TestTrainingWindow)
#include "tst_training_window.moc"

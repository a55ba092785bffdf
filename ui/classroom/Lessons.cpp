// The lessons, read from lessons.json in the resources: each step says one thing about
// attention, in a sentence a class can read.
#include "classroom/Lessons.h"

#include <filesystem>
#include <fstream>

#include <QCoreApplication>
#include <QJsonArray>
#include <nlohmann/json.hpp>

#include "classroom/ClassroomData.h"
#include "model/Model.h"

namespace atlas::ui {

namespace {

LessonView lessonViewFromName(const QString& name) {
    for (LessonView view :
         {LessonView::Head, LessonView::Lines, LessonView::Predictions, LessonView::Compare,
          LessonView::Timeline, LessonView::Lens, LessonView::Contributions,
          LessonView::Attribution, LessonView::Training}) {
        if (lessonViewName(view) == name) {
            return view;
        }
    }
    return LessonView::Head;
}

// Titles and captions are looked up in the context the .ts file has them under.
QString translated(const QJsonValue& source) {
    return QCoreApplication::translate("atlas::ui::Lessons",
                                       source.toString().toUtf8().constData());
}

LessonStep stepFromJson(const QJsonObject& json) {
    LessonStep step;
    step.caption = translated(json.value("caption"));
    step.model = json.value("model").toString();
    step.text = json.value("text").toString();
    step.view = lessonViewFromName(json.value("view").toString());
    step.role = json.value("role").toString();
    step.layer = json.value("layer").toInt();
    step.head = json.value("head").toInt();
    step.token = json.value("token").toInt(-1);
    step.compareText = json.value("compare_text").toString();
    step.timelinePoint = json.value("timeline_point").toInt();
    step.preset = json.value("preset").toString();
    step.claims = lessonClaimsFromJson(json.value("claims").toArray(), nullptr);
    return step;
}

}  // namespace

std::vector<Lesson> lessons() {
    std::vector<Lesson> all;
    for (const QJsonValue lesson :
         readClassroomData(QStringLiteral("lessons.json"))["lessons"].toArray()) {
        Lesson& added = all.emplace_back();
        added.name = lesson["name"].toString();
        added.englishTitle = lesson["title"].toString();
        added.title = translated(lesson["title"]);
        for (const QJsonValue step : lesson["steps"].toArray()) {
            added.steps.push_back(stepFromJson(step.toObject()));
        }
    }
    return all;
}

int lessonIndex(const std::vector<Lesson>& all, const QString& name) {
    const QString wanted = name.trimmed();
    for (int l = 0; l < int(all.size()); ++l) {
        const Lesson& lesson = all[std::size_t(l)];
        if (lesson.name.compare(wanted, Qt::CaseInsensitive) == 0 ||
            lesson.englishTitle.compare(wanted, Qt::CaseInsensitive) == 0 ||
            lesson.title.compare(wanted, Qt::CaseInsensitive) == 0) {
            return l;
        }
    }
    return -1;
}

QString lessonViewName(LessonView view) {
    switch (view) {
        case LessonView::Head:
            return QStringLiteral("head");
        case LessonView::Lines:
            return QStringLiteral("lines");
        case LessonView::Predictions:
            return QStringLiteral("predictions");
        case LessonView::Compare:
            return QStringLiteral("compare");
        case LessonView::Timeline:
            return QStringLiteral("timeline");
        case LessonView::Lens:
            return QStringLiteral("lens");
        case LessonView::Contributions:
            return QStringLiteral("contributions");
        case LessonView::Attribution:
            return QStringLiteral("attribution");
        case LessonView::Training:
            return QStringLiteral("training");
    }
    return {};
}

std::optional<std::pair<int, int>> bestHeadFor(const HeadRoleTable& table, const QString& measure) {
    const std::string name = measure.toStdString();
    std::optional<std::pair<int, int>> best;
    double bestScore = -1;
    for (const HeadProfile& profile : table.heads) {
        double score = -1;
        if (name == "prev") {
            score = profile.prev;
        } else if (name == "next") {
            score = profile.next;
        } else if (name == "self") {
            score = profile.self;
        } else if (name == "first") {
            score = profile.first;
        } else if (name == "induction") {
            score = profile.induction.value_or(-1);
        } else if (auto found = profile.relations.find(name); found != profile.relations.end()) {
            score = found->second.score;
        }
        if (score > bestScore) {
            bestScore = score;
            best = std::make_pair(profile.layer, profile.head);
        }
    }
    return bestScore >= 0 ? best : std::nullopt;
}

HeadRoleTable modelHeadRoles(const Model& model) {
    if (model.folder.empty()) {
        return {};
    }
    const std::filesystem::path path = model.folder / "head-roles.json";
    try {
        std::ifstream in(path);
        if (!in) {
            return {};
        }
        return headRolesFromJson(nlohmann::json::parse(in), path.string());
    } catch (const std::exception&) {
        return {};  // the window already reports a bad table
    }
}

std::pair<int, int> lessonHead(const LessonStep& step, const HeadRoleTable& table) {
    if (!step.role.isEmpty()) {
        if (auto best = bestHeadFor(table, step.role)) {
            return *best;
        }
    }
    return {step.layer, step.head};
}

}  // namespace atlas::ui

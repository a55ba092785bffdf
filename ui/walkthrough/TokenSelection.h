// Which tokens a walkthrough shows as query rows and as key columns, written the way a teacher
// types them: "8", "0-12", "1,3,5-8" (token indices from 0; "–" works like "-").
#pragma once

#include <optional>
#include <vector>

#include <QString>

namespace atlas::ui {

// The indices `text` lists, ascending and without repeats. An empty text is an empty list.
// nullopt when the text is malformed, or names a token at or past `tokenCount` (when
// tokenCount >= 0); `error` then says which part and why, naming `option` ("--rows").
std::optional<std::vector<int>> parseTokenIndices(const QString& text, int tokenCount,
                                                  const QString& option, QString* error);

// The list written back compactly: {0,1,2,3,7} -> "0–3, 7".
QString tokenIndicesText(const std::vector<int>& indices);

}  // namespace atlas::ui

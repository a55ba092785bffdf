// Small wordless drawings for the glossary: an attention map, a query row, a key column, the
// causal mask, the softmax, the heads of a layer.
#pragma once

#include <QImage>
#include <QString>

namespace atlas::ui {

// The picture called `name` ("attention", "query", "key", "mask", "softmax", "head"), or a null
// image for an unknown name.
QImage glossaryPicture(const QString& name);

}  // namespace atlas::ui

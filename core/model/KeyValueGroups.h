// Grouped-query attention: which query heads share one key/value head. Query head h reads KV
// head h / (H / KV) (Hugging Face's repeat_kv). With KV = H (multi-head attention) every head
// has its own and there are no groups to show; with KV = 1 (multi-query) all heads form one.
#pragma once

#include <string>
#include <vector>

#include "model/ModelConfig.h"

namespace atlas {

struct KeyValueGroup {
    int kv_head = 0;
    int first_head = 0;  // the query heads first_head .. last_head, inclusive
    int last_head = 0;
};

// The groups of `heads` query heads over `kv_heads` key/value heads, KV head by KV head; empty
// when kv_heads == heads (no sharing) or when kv_heads does not divide heads (no such model
// loads; ModelConfig refuses it).
std::vector<KeyValueGroup> keyValueGroups(int heads, int kv_heads);
std::vector<KeyValueGroup> keyValueGroups(const ModelConfig& config);

// The KV head query head `head` reads.
int keyValueHeadOf(int head, int heads, int kv_heads);

// "KV head 0: heads 0-6" (one head: "KV head 3: head 3").
std::string keyValueGroupLabel(const KeyValueGroup& group);

}  // namespace atlas

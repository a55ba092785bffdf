// Query heads grouped by the key/value head they read.
#include "model/KeyValueGroups.h"

namespace atlas {

std::vector<KeyValueGroup> keyValueGroups(int heads, int kv_heads) {
    if (heads <= 0 || kv_heads <= 0 || kv_heads >= heads || heads % kv_heads != 0) {
        return {};
    }
    const int per_group = heads / kv_heads;
    std::vector<KeyValueGroup> groups;
    for (int g = 0; g < kv_heads; ++g) {
        groups.push_back({g, g * per_group, (g + 1) * per_group - 1});
    }
    return groups;
}

std::vector<KeyValueGroup> keyValueGroups(const ModelConfig& config) {
    return keyValueGroups(config.n_head, config.kvHeads());
}

int keyValueHeadOf(int head, int heads, int kv_heads) {
    if (heads <= 0 || kv_heads <= 0 || heads % kv_heads != 0) {
        return head;
    }
    return head / (heads / kv_heads);
}

std::string keyValueGroupLabel(const KeyValueGroup& group) {
    const std::string kv = "KV head " + std::to_string(group.kv_head) + ": ";
    if (group.first_head == group.last_head) {
        return kv + "head " + std::to_string(group.first_head);
    }
    return kv + "heads " + std::to_string(group.first_head) + "-" + std::to_string(group.last_head);
}

}  // namespace atlas

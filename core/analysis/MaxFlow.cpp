// Dinic's maximum flow: breadth-first levels, then blocking flows along level-increasing paths.
#include "analysis/MaxFlow.h"

#include <algorithm>
#include <limits>

namespace atlas {

namespace {
// Residual capacities below this are treated as saturated, so rounding never loops forever.
constexpr double kEpsilon = 1e-12;
}  // namespace

MaxFlowGraph::MaxFlowGraph(int node_count)
    : first_edge_(static_cast<std::size_t>(node_count), -1),
      level_(static_cast<std::size_t>(node_count)),
      current_(static_cast<std::size_t>(node_count)) {
    queue_.reserve(static_cast<std::size_t>(node_count));
}

void MaxFlowGraph::addEdge(int from, int to, double capacity) {
    if (!(capacity > kEpsilon)) {
        return;
    }
    edges_.push_back({to, first_edge_[from], capacity, capacity});
    first_edge_[from] = static_cast<int>(edges_.size()) - 1;
    edges_.push_back({from, first_edge_[to], 0.0, 0.0});
    first_edge_[to] = static_cast<int>(edges_.size()) - 1;
}

bool MaxFlowGraph::buildLevels(int source, int sink) {
    std::fill(level_.begin(), level_.end(), -1);
    queue_.clear();
    level_[source] = 0;
    queue_.push_back(source);
    for (std::size_t head = 0; head < queue_.size(); ++head) {
        const int node = queue_[head];
        if (node == sink) {
            continue;
        }
        for (int e = first_edge_[node]; e >= 0; e = edges_[e].next) {
            const Edge& edge = edges_[e];
            if (edge.capacity > kEpsilon && level_[edge.to] < 0) {
                level_[edge.to] = level_[node] + 1;
                queue_.push_back(edge.to);
            }
        }
    }
    return level_[sink] >= 0;
}

double MaxFlowGraph::push(int node, int sink, double limit) {
    if (node == sink) {
        return limit;
    }
    for (int& e = current_[node]; e >= 0; e = edges_[e].next) {
        Edge& edge = edges_[e];
        if (edge.capacity <= kEpsilon || level_[edge.to] != level_[node] + 1) {
            continue;
        }
        const double pushed = push(edge.to, sink, std::min(limit, edge.capacity));
        if (pushed > 0) {
            edge.capacity -= pushed;
            edges_[e ^ 1].capacity += pushed;
            return pushed;
        }
    }
    return 0;
}

double MaxFlowGraph::maxFlow(int source, int sink) {
    for (Edge& edge : edges_) {
        edge.capacity = edge.original;
    }
    if (source == sink) {
        return 0;
    }
    double total = 0;
    while (buildLevels(source, sink)) {
        std::copy(first_edge_.begin(), first_edge_.end(), current_.begin());
        while (true) {
            const double pushed = push(source, sink, std::numeric_limits<double>::infinity());
            if (pushed <= 0) {
                break;
            }
            total += pushed;
        }
    }
    return total;
}

}  // namespace atlas

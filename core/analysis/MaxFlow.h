// Maximum flow on a small directed graph with real capacities (Dinic's algorithm), for attention
// flow (Aggregates.h). Kept separate so tests can check it on graphs worked out by hand.
#pragma once

#include <vector>

namespace atlas {

class MaxFlowGraph {
  public:
    explicit MaxFlowGraph(int node_count);

    int nodeCount() const { return static_cast<int>(first_edge_.size()); }
    // Adds an edge from -> to; capacities at or below zero are ignored.
    void addEdge(int from, int to, double capacity);
    // The maximum flow from `source` to `sink`. Clears the flow of any earlier call first, so
    // one graph serves many source/sink pairs.
    double maxFlow(int source, int sink);

  private:
    struct Edge {
        int to;
        int next;         // next edge leaving the same node, -1 at the end
        double capacity;  // residual capacity
        double original;  // capacity as added (0 for the reverse edge)
    };
    bool buildLevels(int source, int sink);
    double push(int node, int sink, double limit);

    std::vector<int> first_edge_;  // [nodes] first edge leaving the node, -1 if none
    std::vector<Edge> edges_;      // forward edge 2k, its reverse 2k+1
    std::vector<int> level_;       // [nodes] BFS distance from the source in the residual graph
    std::vector<int> current_;     // [nodes] next edge to try (Dinic's current-arc)
    std::vector<int> queue_;
};

}  // namespace atlas

// Dropping the first key column and renormalising, in double precision per row.
#include "analysis/AttentionSink.h"

namespace atlas {

Matrix withoutAttentionSink(const Matrix& map) {
    Matrix result = Matrix::Zero(map.rows(), map.cols());
    for (Eigen::Index i = 0; i < map.rows(); ++i) {
        double rest = 0;
        for (Eigen::Index j = 1; j < map.cols(); ++j) {
            rest += map(i, j);
        }
        // A row with nothing left (all its mass on key 0, or an all-zero row) stays zero.
        if (!(rest > 0)) {
            continue;
        }
        for (Eigen::Index j = 1; j < map.cols(); ++j) {
            result(i, j) = static_cast<float>(map(i, j) / rest);
        }
    }
    return result;
}

void dropAttentionSink(Forward& forward) {
    for (auto& layer : forward.attention) {
        for (Matrix& map : layer) {
            map = withoutAttentionSink(map);
        }
    }
}

double sinkShare(const Matrix& map) {
    if (map.rows() == 0 || map.cols() == 0) {
        return 0;
    }
    double sum = 0;
    for (Eigen::Index i = 0; i < map.rows(); ++i) {
        sum += map(i, 0);
    }
    return sum / static_cast<double>(map.rows());
}

std::vector<std::vector<double>> sinkShares(const Forward& forward) {
    std::vector<std::vector<double>> shares(forward.attention.size());
    for (std::size_t l = 0; l < forward.attention.size(); ++l) {
        for (const Matrix& map : forward.attention[l]) {
            shares[l].push_back(sinkShare(map));
        }
    }
    return shares;
}

}  // namespace atlas

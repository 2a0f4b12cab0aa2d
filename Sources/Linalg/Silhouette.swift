/// Cluster quality by the mean silhouette with cosine distance d(v, w) = 1 - cos(v, w), as
/// sklearn's `silhouette_score(X, labels, metric="cosine")` defines it: for each point, a is
/// the mean distance to the other points of its cluster, b the smallest mean distance to the
/// points of another cluster, s = (b - a) / max(a, b), and s = 0 for a point alone in its
/// cluster; the score is the mean of s over all points, in [-1, 1]. A zero vector has cosine 0
/// with everything.
public enum Silhouette {
    /// `points` row-major `[n, dimension]`; `labels[i]` the cluster of point i.
    public static func cosine(_ points: [Double], dimension: Int, labels: [Int]) -> Double {
        let n = labels.count
        precondition(points.count == n * dimension, "silhouette: \(points.count) values for \(n) points of \(dimension)")
        guard n > 0 else { return 0 }
        let norms = (0..<n).map { i in (0..<dimension).reduce(0.0) { $0 + points[i * dimension + $1] * points[i * dimension + $1] }.squareRoot() }
        var distance = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                var dot = 0.0
                for k in 0..<dimension { dot += points[i * dimension + k] * points[j * dimension + k] }
                let cos = norms[i] > 0 && norms[j] > 0 ? dot / (norms[i] * norms[j]) : 0
                distance[i * n + j] = 1 - cos
                distance[j * n + i] = 1 - cos
            }
        }
        let clusters = Array(Set(labels)).sorted()
        let sizes = Dictionary(uniqueKeysWithValues: clusters.map { c in (c, labels.filter { $0 == c }.count) })
        var total = 0.0
        for i in 0..<n {
            var sums = [Int: Double]()
            for j in 0..<n where j != i { sums[labels[j], default: 0] += distance[i * n + j] }
            let own = sizes[labels[i]]!
            guard own > 1, clusters.count > 1 else { continue }
            let a = sums[labels[i], default: 0] / Double(own - 1)
            let b = clusters.filter { $0 != labels[i] }.map { sums[$0, default: 0] / Double(sizes[$0]!) }.min()!
            let top = max(a, b)
            total += top > 0 ? (b - a) / top : 0
        }
        return total / Double(n)
    }
}

import Linalg

/// Greedy curation of L chains whose minimum pairwise distance (Div, row-mean l1) is close to
/// a target (spec B.2): from a Dirichlet pool, each restart starts at a random chain and adds
/// the candidate whose distance to the chosen set is the smallest one still >= target (the
/// farthest one when none reaches it); the restart whose Div is closest to the target wins.
public struct ChainSelection {
    public let chains: [MarkovChain]
    /// Div of the chosen set under each of the three norms.
    public let div: ChainDistance

    public init(count: Int, states: Int, alpha: Double, target: Double, pool: Int, restarts: Int, _ rng: inout RNG) {
        precondition(count >= 2 && pool >= count)
        var candidates: [MarkovChain] = []
        for _ in 0..<pool { candidates.append(.dirichlet(states: states, alpha: alpha, &rng)) }
        var distance = [Double](repeating: 0, count: pool * pool)
        for a in 0..<pool {
            for b in (a + 1)..<pool {
                let d = ChainDistance(candidates[a], candidates[b]).rowMean
                distance[a * pool + b] = d; distance[b * pool + a] = d
            }
        }
        var best: [Int] = [], bestDiv = Double.infinity
        for _ in 0..<restarts {
            let chosen = Self.greedy(count: count, pool: pool, distance: distance, target: target, &rng)
            let div = Self.minimumDistance(chosen, pool: pool, distance: distance)
            if best.isEmpty || abs(div - target) < abs(bestDiv - target) { best = chosen; bestDiv = div }
        }
        chains = best.map { candidates[$0] }
        var div = ChainDistance(chains[0], chains[1])
        for a in 0..<count {
            for b in (a + 1)..<count {
                let d = ChainDistance(chains[a], chains[b])
                div.rowMean = min(div.rowMean, d.rowMean)
                div.entrywise = min(div.entrywise, d.entrywise)
                div.induced = min(div.induced, d.induced)
            }
        }
        self.div = div
    }

    private static func greedy(count: Int, pool: Int, distance: [Double], target: Double, _ rng: inout RNG) -> [Int] {
        var chosen = [rng.int(below: pool)]
        // Distance of every candidate to the chosen set, updated as the set grows.
        var toSet = (0..<pool).map { distance[chosen[0] * pool + $0] }
        var taken = [Bool](repeating: false, count: pool)
        taken[chosen[0]] = true
        while chosen.count < count {
            var pick = -1, pickDistance = Double.infinity, farthest = -1
            for c in 0..<pool where !taken[c] {
                let d = toSet[c]
                if d >= target && d < pickDistance { pick = c; pickDistance = d }
                if farthest < 0 || d > toSet[farthest] { farthest = c }
            }
            let next = pick >= 0 ? pick : farthest
            chosen.append(next)
            taken[next] = true
            for c in 0..<pool { toSet[c] = min(toSet[c], distance[next * pool + c]) }
        }
        return chosen
    }

    private static func minimumDistance(_ set: [Int], pool: Int, distance: [Double]) -> Double {
        var m = Double.infinity
        for a in 0..<set.count { for b in (a + 1)..<set.count { m = min(m, distance[set[a] * pool + set[b]]) } }
        return m
    }
}

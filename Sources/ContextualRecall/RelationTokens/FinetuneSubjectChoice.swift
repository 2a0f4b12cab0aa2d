/// Which finetuning subjects a §4 finetuning run sees. Paper 002 Fig. 13 plots held-out ICL
/// accuracy against the number of distinct attribute values seen in finetuning, at a fixed number
/// of finetuning subjects, without saying how that number was varied [A]. We choose the subjects
/// greedily from the finetuning pool (spec B.10): each pick is the pool subject whose new values
/// come closest to an even share of what the target still lacks, so the set ends near the target
/// where the world allows it. The achieved count, not the target, is what the figure plots.
public enum FinetuneSubjectChoice {
    /// Mean over attribute types of the distinct values `subjects` hold.
    public static func uniqueValuesPerType(_ world: RelationWorld, subjects: [Int]) -> Double {
        var total = 0
        for l in 0..<world.types { total += Set(subjects.map { world.attribute(subject: $0, type: l) }).count }
        return Double(total) / Double(world.types)
    }

    /// `count` subjects of the finetuning pool holding about `target` distinct values per type.
    /// Deterministic: of equally close subjects the one bringing more new values wins (so the
    /// set does not fall short at the end), then the one first in the pool's (seeded) order.
    public static func greedy(_ world: RelationWorld, count: Int, uniqueValues target: Double) -> [Int] {
        let pool = world.finetuneSubjects, types = world.types
        precondition(count >= 1 && count <= pool.count, "finetune subject choice: count outside the pool")
        var seen = Set<Int32>(), chosen: [Int] = [], used = [Bool](repeating: false, count: pool.count)
        let targetTotal = target * Double(types)
        for pick in 0..<count {
            let share = (targetTotal - Double(seen.count)) / Double(count - pick)
            var best = -1, bestDistance = Double.infinity, bestNew = -1
            for (i, subject) in pool.enumerated() where !used[i] {
                var new = 0
                for l in 0..<types where !seen.contains(world.attribute(subject: subject, type: l)) { new += 1 }
                let distance = abs(Double(new) - share)
                if distance < bestDistance || (distance == bestDistance && new > bestNew) { best = i; bestDistance = distance; bestNew = new }
            }
            used[best] = true
            chosen.append(pool[best])
            for l in 0..<types { seen.insert(world.attribute(subject: pool[best], type: l)) }
        }
        return chosen
    }
}

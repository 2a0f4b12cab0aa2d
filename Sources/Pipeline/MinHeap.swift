/// A binary min-heap of integers (the ready stages of a topological sort, by file position).
struct MinHeap {
    private var items: [Int] = []

    init(_ values: [Int]) { for v in values { insert(v) } }

    mutating func insert(_ value: Int) {
        items.append(value)
        var i = items.count - 1
        while i > 0, items[(i - 1) / 2] > items[i] { items.swapAt(i, (i - 1) / 2); i = (i - 1) / 2 }
    }

    mutating func popMin() -> Int? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return first }
        items[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < items.count, items[l] < items[smallest] { smallest = l }
            if r < items.count, items[r] < items[smallest] { smallest = r }
            if smallest == i { return first }
            items.swapAt(i, smallest)
            i = smallest
        }
    }
}

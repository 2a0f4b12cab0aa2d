import Foundation

/// Element-wise comparison of two same-shaped datasets.
public struct NumericComparison: Equatable {
    public var elementCount = 0
    public var maxAbsDiff = 0.0
    /// Largest |a-b|/|b| over elements with b != 0; infinite when a != b where b == 0.
    public var maxRelDiff = 0.0
    /// Elements with NOT(|a-b| <= atol + rtol*|b|); NaN matches only NaN.
    public var outsideTolerance = 0

    mutating func add(_ a: Double, _ b: Double, rtol: Double, atol: Double) {
        elementCount += 1
        if a.isNaN || b.isNaN {
            if a.isNaN != b.isNaN {
                outsideTolerance += 1
                maxAbsDiff = .infinity
                maxRelDiff = .infinity
            }
            return
        }
        if a == b { return }   // also equal infinities, whose difference would be NaN
        let absDiff = abs(a - b)
        maxAbsDiff = max(maxAbsDiff, absDiff)
        maxRelDiff = max(maxRelDiff, b == 0 ? .infinity : absDiff / abs(b))
        if !(absDiff <= atol + rtol * abs(b)) { outsideTolerance += 1 }
    }
}

public struct DatasetDiff: Equatable {
    public enum Status: Equatable {
        case onlyInA, onlyInB
        case dtypeMismatch(DType, DType)
        case shapeMismatch([Int], [Int])
        case compared(DType, [Int], NumericComparison)
    }

    public let path: String
    public let status: Status

    public var isSame: Bool {
        if case .compared(_, _, let comparison) = status { return comparison.outsideTolerance == 0 }
        return false
    }
}

public struct AttributeDiff: Equatable {
    /// Object path ("" for the root) and attribute name; a nil side means the attribute is absent.
    public let objectPath: String
    public let name: String
    public let a: AttributeValue?
    public let b: AttributeValue?
}

public struct DiffReport: Equatable {
    public let fileA: URL
    public let fileB: URL
    public let rtol: Double
    public let atol: Double
    /// One entry per dataset path in either file (provenance excluded), sorted by path.
    public let datasets: [DatasetDiff]
    public let attributes: [AttributeDiff]

    public var isSame: Bool { datasets.allSatisfy(\.isSame) && attributes.isEmpty }

    /// Aligned text table: one row per dataset, then differing attributes.
    public func render() -> String {
        var rows: [[String]] = [["dataset", "status", "dtype", "shape", "elements", "max |a-b|", "max rel", "outside tol"]]
        for diff in datasets {
            switch diff.status {
            case .onlyInA: rows.append([diff.path, "only in A", "", "", "", "", "", ""])
            case .onlyInB: rows.append([diff.path, "only in B", "", "", "", "", "", ""])
            case .dtypeMismatch(let a, let b):
                rows.append([diff.path, "dtype differs", "\(a.rawValue) vs \(b.rawValue)", "", "", "", "", ""])
            case .shapeMismatch(let a, let b):
                rows.append([diff.path, "shape differs", "", "\(a) vs \(b)", "", "", "", ""])
            case .compared(let dtype, let shape, let c):
                rows.append([diff.path, c.outsideTolerance == 0 ? "same" : "differs", dtype.rawValue, "\(shape)",
                             "\(c.elementCount)", Self.number(c.maxAbsDiff), Self.number(c.maxRelDiff), "\(c.outsideTolerance)"])
            }
        }
        var lines = ["A: \(fileA.path)", "B: \(fileB.path)", "tolerance: |a-b| <= \(atol) + \(rtol)*|b|", ""]
        lines += Self.align(rows)
        if !attributes.isEmpty {
            var attributeRows = [["object", "attribute", "A", "B"]]
            for diff in attributes {
                attributeRows.append([diff.objectPath.isEmpty ? "/" : diff.objectPath, diff.name,
                                      Self.shorten(diff.a?.description ?? "(absent)"),
                                      Self.shorten(diff.b?.description ?? "(absent)")])
            }
            lines += [""] + Self.align(attributeRows)
        }
        lines += ["", isSame ? "SAME" : "DIFFERENT"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.3g", value)
    }

    static func shorten(_ text: String, limit: Int = 60) -> String {
        let singleLine = text.replacingOccurrences(of: "\n", with: "\\n")
        return singleLine.count <= limit ? singleLine : String(singleLine.prefix(limit - 1)) + "…"
    }

    static func align(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}

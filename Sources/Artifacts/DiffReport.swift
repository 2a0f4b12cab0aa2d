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

/// One column of a figure table that differs between two files.
public struct ColumnDiff: Equatable {
    public let column: String
    public let comparison: NumericComparison
    /// The rows outside tolerance, each named by the table's first column where both files
    /// agree on it (`step=12800`), else by index (`row 3`).
    public let rows: [String]
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
    /// For a figure table that differs: the columns that do.
    public var columns: [ColumnDiff] = []

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

/// A parameter the two files' provenance records differently (nil: absent on that side).
public struct ParameterDiff: Equatable {
    public let name: String
    public let a: String?
    public let b: String?
}

public struct DiffReport: Equatable {
    public let fileA: URL
    public let fileB: URL
    public let rtol: Double
    public let atol: Double
    /// One entry per dataset path in either file (provenance excluded), sorted by path.
    public let datasets: [DatasetDiff]
    public let attributes: [AttributeDiff]
    /// The parameters behind each file, from their provenance, where they differ. Shown, but
    /// not part of `isSame`: that is about content.
    public var parameters: [ParameterDiff] = []

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
        var lines = ["A: \(fileA.path)", "B: \(fileB.path)"]
        if !parameters.isEmpty {
            lines += ["made with other parameters:"]
            lines += Self.align([["parameter", "A", "B"]] + parameters.map { [$0.name, Self.shorten($0.a ?? "(absent)"), Self.shorten($0.b ?? "(absent)")] })
                .map { "  " + $0 }
        }
        lines += ["tolerance: |a-b| <= \(atol) + \(rtol)*|b|", ""]
        lines += Self.align(rows)
        for diff in datasets where !diff.columns.isEmpty {
            lines.append("")
            lines.append("\(diff.path): \(diff.columns.count) column\(diff.columns.count == 1 ? "" : "s") differ")
            for column in diff.columns {
                let c = column.comparison
                let shown = column.rows.prefix(6).joined(separator: ", ") + (column.rows.count > 6 ? ", … (+\(column.rows.count - 6))" : "")
                lines.append("  \(column.column): \(column.rows.count) of \(c.elementCount) rows (max |a-b| \(Self.number(c.maxAbsDiff)), max rel \(Self.number(c.maxRelDiff))): \(shown)")
            }
        }
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

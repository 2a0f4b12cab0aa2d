/// Why a figure could not be rendered.
public enum PlotError: Error, CustomStringConvertible {
    case gnuplotMissing
    case gnuplotFailed(script: String, status: Int32, message: String)
    case malformedTable(file: String, table: String, shape: [Int])
    case scriptMissing(String)
    case notAPlot(String)
    case malformedFigure(String)

    public var description: String {
        switch self {
        case .gnuplotMissing:
            return "gnuplot was not found on PATH (install gnuplot-nox)"
        case .gnuplotFailed(let script, let status, let message):
            return "gnuplot failed on \(script) (exit \(status)): \(message)"
        case .malformedTable(let file, let table, let shape):
            return "\(file): table \(table) must be 2-D, found shape \(shape)"
        case .scriptMissing(let path):
            return "figure script \(path) does not exist"
        case .malformedFigure(let why):
            return "gnuplot's output is \(why)"
        case .notAPlot(let path):
            return "\(path) is not a plot artifact of this toyworld version (no script, style or figure attribute); rerun its plot stage"
        }
    }
}

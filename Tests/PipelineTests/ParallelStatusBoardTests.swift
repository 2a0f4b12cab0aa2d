import XCTest
@testable import Pipeline

final class ParallelStatusBoardTests: XCTestCase {
    private var directory: URL!
    private var terminal = ""
    private var report: [String] = []

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("board-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func makeBoard(columns: Int = 200) -> ParallelStatusBoard {
        ParallelStatusBoard(width: { columns }, write: { self.terminal += $0 }, say: { self.report.append($0) })
    }

    private func log(_ name: String, _ text: String) throws -> URL {
        let url = directory.appendingPathComponent(name + ".log")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testEachRunningStageShowsTheLastLineOfItsLogWithoutTheChildsLabel() throws {
        let board = makeBoard()
        board.add("lds-r1", log: try log("lds-r1", "[1/1] lds-r1  started\n[1/1] lds-r1  6528/243200 examples (3%)  loss 0.8798\n\n"))
        board.add("lds-r3", log: try log("lds-r3", ""))
        terminal = ""
        board.refresh()
        // The redraw first moves up over the two lines drawn before, then draws both again.
        XCTAssertTrue(terminal.hasPrefix("\u{1B}[2A\r\u{1B}[J"), terminal.debugDescription)
        let lines = terminal.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasSuffix("lds-r1  6528/243200 examples (3%)  loss 0.8798"), lines[0])
        XCTAssertTrue(lines[1].contains("lds-r3  running "), lines[1])
    }

    func testAMessageGoesAboveTheBoardWhichIsThenRedrawnBelowIt() throws {
        let board = makeBoard()
        board.add("a", log: try log("a", "[1/1] a  10/20 steps (50%)\n"))
        terminal = ""
        board.message("b: ran in 1.2s")
        XCTAssertEqual(report, ["b: ran in 1.2s"])
        // Erased (one line up) before the message, then the one stage drawn fresh.
        XCTAssertEqual(terminal, "\u{1B}[1A\r\u{1B}[J" + "\r\u{1B}[J" + "a  10/20 steps (50%)\n")
    }

    func testRemovedStagesLeaveTheBoardAndCloseErasesIt() throws {
        let board = makeBoard()
        board.add("a", log: try log("a", "x\n"))
        board.add("b", log: try log("b", "y\n"))
        board.remove("a")
        XCTAssertTrue(terminal.hasSuffix("\u{1B}[2A\r\u{1B}[Jb  y\n"), terminal.debugDescription)
        terminal = ""
        board.close()
        XCTAssertEqual(terminal, "\u{1B}[1A\r\u{1B}[J")
    }

    func testLinesAreCutToTheTerminalWidthSoThatNoneWraps() throws {
        let board = makeBoard(columns: 30)
        board.add("stage", log: try log("stage", String(repeating: "z", count: 100) + "\n"))
        let drawn = terminal.split(separator: "\n").last.map(String.init) ?? ""
        let line = drawn.components(separatedBy: "\u{1B}[J").last ?? ""
        XCTAssertEqual(line.count, 29)
        XCTAssertTrue(line.hasSuffix("…"))
    }

    func testTheLastLineComesFromTheEndOfALongLog() throws {
        let body = (0..<5000).map { "line \($0)" }.joined(separator: "\n") + "\n"
        XCTAssertEqual(ParallelStatusBoard.lastLine(of: try log("long", body)), "line 4999")
        XCTAssertNil(ParallelStatusBoard.lastLine(of: directory.appendingPathComponent("missing.log")))
    }
}

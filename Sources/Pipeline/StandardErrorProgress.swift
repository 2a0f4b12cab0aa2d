import Foundation

/// How `toyworld repro` shows progress: an updating line when stderr is a terminal, a plain
/// log otherwise. stderr, so that progress stays out of the report on stdout.
public func standardErrorProgress() -> ProgressSink {
    isatty(STDERR_FILENO) != 0 ? TerminalProgressRenderer() : PlainLogProgressRenderer()
}

public func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

import XCTest
@testable import Artifacts

final class ErrorTests: ArtifactTestCase {
    private func expectOpenError(_ url: URL, _ matches: (ArtifactError.Kind) -> Bool,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ArtifactFile.open(url), file: file, line: line) { error in
            guard let artifactError = error as? ArtifactError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(artifactError.file, url.path, file: file, line: line)
            XCTAssertTrue(artifactError.description.contains(url.lastPathComponent), file: file, line: line)
            XCTAssertTrue(matches(artifactError.kind), "\(artifactError)", file: file, line: line)
        }
    }

    func testMissingFileCannotBeOpened() {
        expectOpenError(file("absent.h5")) { if case .cannotOpen = $0 { return true } else { return false } }
    }

    func testRandomBytesAreNotHDF5() throws {
        var generator = SystemRandomNumberGenerator()
        let url = file("random.h5")
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: url)
        expectOpenError(url) { $0 == .notHDF5 }
    }

    func testTruncatedFileIsCorrupt() throws {
        let valid = file("valid.h5"), truncated = file("truncated.h5")
        try DeterminismTests.writeSample(valid)
        let bytes = try Data(contentsOf: valid)
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        expectOpenError(truncated) { if case .corrupt = $0 { return true } else { return false } }
    }

    func testMissingDatasetAndWrongTypeAreNamed() throws {
        let url = file("small.h5")
        try ArtifactFile.create(url).write("a/b", [1, 2] as [Double], shape: [2])
        let artifact = try ArtifactFile.open(url)
        XCTAssertThrowsError(try artifact.read("a/c", as: Double.self)) { error in
            XCTAssertEqual(error as? ArtifactError, ArtifactError(file: url.path, .missingObject(path: "a/c")))
        }
        XCTAssertThrowsError(try artifact.read("a/b", as: Float.self)) { error in
            XCTAssertEqual((error as? ArtifactError)?.kind, .typeMismatch(path: "a/b", expected: "float32", found: "float64"))
        }
        XCTAssertThrowsError(try artifact.read("a", as: Double.self)) { error in
            XCTAssertEqual((error as? ArtifactError)?.kind, .typeMismatch(path: "a", expected: "dataset", found: "group"))
        }
    }

    func testWritingToReadOnlyFileIsAnHDF5Error() throws {
        let url = file("readonly.h5")
        try ArtifactFile.create(url).close()
        let artifact = try ArtifactFile.open(url)
        XCTAssertThrowsError(try artifact.write("x", [1] as [UInt8], shape: [1])) { error in
            guard case .hdf5 = (error as? ArtifactError)?.kind else { return XCTFail("\(error)") }
        }
        artifact.close()
        XCTAssertThrowsError(try artifact.datasetPaths())
    }
}

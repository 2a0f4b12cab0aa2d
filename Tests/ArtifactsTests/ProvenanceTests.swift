import XCTest
@testable import Artifacts

final class ProvenanceTests: ArtifactTestCase {
    private func sample(host: String, started: TimeInterval) -> Provenance {
        Provenance(stage: "train-small", kind: "train", kindVersion: 3, cacheKey: "c0ffee",
                   parametersJSON: #"{"lr":0.001,"steps":100}"#,
                   inputDigests: ["data": String(repeating: "a", count: 64), "init": String(repeating: "b", count: 64)],
                   gitCommit: "0123abcd", gitDirty: true, toolVersion: "0.1.0",
                   host: host, startedAt: Date(timeIntervalSince1970: started),
                   finishedAt: Date(timeIntervalSince1970: started + 12.5), wallSeconds: 12.5)
    }

    func testRoundTripAndVersionsFilledIn() throws {
        let url = file("p.h5")
        let provenance = sample(host: "node-1", started: 1_790_000_000.25)
        XCTAssertTrue(provenance.hdf5Version.hasPrefix("1."))
        do {
            let artifact = try ArtifactFile.create(url)
            XCTAssertNil(try Provenance.read(from: artifact))
            try provenance.write(to: artifact)
        }
        XCTAssertEqual(try Provenance.read(from: ArtifactFile.open(url)), provenance)
    }

    func testAnExperimentsAssignmentsRoundTripAndAreAbsentOtherwise() throws {
        let url = file("experiment.h5")
        var provenance = sample(host: "node-1", started: 1_790_000_000)
        provenance.experiment = #"{"name":"deep","set":["lds-r1.layers=4"]}"#
        do { try provenance.write(to: try ArtifactFile.create(url)) }
        let artifact = try ArtifactFile.open(url)
        XCTAssertEqual(try artifact.attribute("experiment", at: Provenance.group), .string(provenance.experiment!))
        XCTAssertEqual(try Provenance.read(from: artifact), provenance)
        let plain = file("plain.h5")
        do { try sample(host: "node-1", started: 1_790_000_000).write(to: try ArtifactFile.create(plain)) }
        XCTAssertNil(try ArtifactFile.open(plain).attribute("experiment", at: Provenance.group))
    }

    func testTheProductLibraryRoundTripsAndIsAbsentWhenUnsaid() throws {
        let url = file("library.h5")
        var provenance = sample(host: "node-1", started: 1_790_000_000)
        provenance.productLibrary = "OpenBLAS 0.3.21 DYNAMIC_ARCH Haswell MAX_THREADS=64"
        do { try provenance.write(to: try ArtifactFile.create(url)) }
        XCTAssertEqual(try Provenance.read(from: ArtifactFile.open(url)), provenance)
        let unsaid = file("unsaid.h5")
        do { try sample(host: "node-1", started: 1_790_000_000).write(to: try ArtifactFile.create(unsaid)) }
        XCTAssertNil(try ArtifactFile.open(unsaid).attribute("product_library", at: Provenance.group))
        XCTAssertNil(try Provenance.read(from: ArtifactFile.open(unsaid))?.productLibrary)
    }

    func testUnknownDirtyStateRoundTripsAsUnknown() throws {
        let url = file("unknown.h5")
        var provenance = sample(host: "node-1", started: 1_790_000_000)
        provenance.gitCommit = "unknown"
        provenance.gitDirty = nil
        do { try provenance.write(to: try ArtifactFile.create(url)) }
        let artifact = try ArtifactFile.open(url)
        XCTAssertEqual(try artifact.attribute("git_dirty", at: Provenance.group), .string("unknown"))
        XCTAssertEqual(try Provenance.read(from: artifact), provenance)
    }

    func testVolatileFieldsLiveUnderVolatileGroupAndLeaveDigestAlone() throws {
        let first = file("first.h5"), second = file("second.h5")
        for (url, host) in [(first, "node-1"), (second, "node-2")] {
            let artifact = try ArtifactFile.create(url)
            try artifact.write("x", [1, 2, 3] as [Double], shape: [3])
            try sample(host: host, started: host == "node-1" ? 0 : 99).write(to: artifact)
        }
        XCTAssertEqual(try ArtifactFile.open(first).attribute("host", at: "provenance/volatile"), .string("node-1"))
        XCTAssertNil(try ArtifactFile.open(first).attribute("host", at: "provenance"))
        XCTAssertEqual(try ContentDigest.of(first), try ContentDigest.of(second))
    }
}

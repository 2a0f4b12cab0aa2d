import XCTest
@testable import Artifacts

final class AttributeTests: ArtifactTestCase {
    private let samples: [String: AttributeValue] = [
        "text": .string("iteration total mech1 — ünïcode"),
        "empty_text": .string(""),
        "count": .int(-9_007_199_254_740_993),
        "rate": .double(1.0e-7),
        "dims": .ints([3, -4, 5]),
        "single": .ints([42]),
        "none": .ints([]),
        "weights": .doubles([0.5, -.infinity, 2.25]),
        "one_weight": .doubles([7.5]),
    ]

    func testEveryAttributeKindRoundTripsOnRootGroupsAndDatasets() throws {
        let url = file("attributes.h5")
        do {
            let artifact = try ArtifactFile.create(url)
            try artifact.createGroup("group/inner")
            try artifact.write("group/data", [1, 2] as [Float], shape: [2])
            for path in ["/", "group/inner", "group/data"] {
                for (name, value) in samples { try artifact.setAttribute(name, value, at: path) }
            }
            try artifact.setAttribute("rate", .double(2.5), at: "group/data")   // replacing keeps one value
        }
        let artifact = try ArtifactFile.open(url)
        XCTAssertEqual(try artifact.attributes(at: "/"), samples)
        XCTAssertEqual(try artifact.attributes(at: "/group/inner"), samples)
        var expectedOnData = samples
        expectedOnData["rate"] = .double(2.5)
        XCTAssertEqual(try artifact.attributes(at: "group/data"), expectedOnData)
        XCTAssertEqual(try artifact.attribute("dims", at: "group/inner"), .ints([3, -4, 5]))
        XCTAssertNil(try artifact.attribute("absent"))
        XCTAssertEqual(try artifact.groupPaths(), ["", "group", "group/inner"])
    }

    func testAttributeOnMissingObjectNamesTheObject() throws {
        let artifact = try ArtifactFile.create(file("missing.h5"))
        XCTAssertThrowsError(try artifact.setAttribute("a", .int(1), at: "nowhere/here")) { error in
            XCTAssertEqual((error as? ArtifactError)?.kind, .missingObject(path: "nowhere/here"))
        }
    }
}

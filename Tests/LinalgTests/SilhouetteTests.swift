import XCTest
@testable import Linalg

final class SilhouetteTests: XCTestCase {
    /// Worked by hand (the per-point values 0.99321, 0.99228, 0.84327, 0.86431 and 0, the last
    /// point sitting exactly between the two clusters), as sklearn's silhouette_score with
    /// metric="cosine" defines them.
    func testAHandComputedCase() {
        let points: [Double] = [1, 0, 1, 0.1, 0, 1, 0.1, 1, 1, 1]
        XCTAssertEqual(Silhouette.cosine(points, dimension: 2, labels: [0, 0, 1, 1, 1]), 0.7386157351562614, accuracy: 1e-12)
    }

    func testScaleDoesNotMatterAndOneClusterScoresZero() {
        let points: [Double] = [1, 0, 1, 0.1, 0, 1, 0.1, 1, 1, 1]
        XCTAssertEqual(Silhouette.cosine(points.map { $0 * 7 }, dimension: 2, labels: [0, 0, 1, 1, 1]),
                       Silhouette.cosine(points, dimension: 2, labels: [0, 0, 1, 1, 1]), accuracy: 1e-12)
        XCTAssertEqual(Silhouette.cosine(points, dimension: 2, labels: [3, 3, 3, 3, 3]), 0)
        // Swapped labels make every point closer to the other cluster: negative.
        XCTAssertLessThan(Silhouette.cosine([1, 0, 0, 1, 1, 0.1, 0.1, 1], dimension: 2, labels: [0, 0, 1, 1]), 0)
    }
}

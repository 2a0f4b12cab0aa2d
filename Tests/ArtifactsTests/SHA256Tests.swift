import XCTest
@testable import Artifacts

final class SHA256Tests: XCTestCase {
    func testFIPSVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testMillionAs() {
        XCTAssertEqual(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testStreamingInOddChunksEqualsOneShot() {
        let message = [UInt8]((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        var hasher = SHA256.Hasher()
        var offset = 0
        for size in [1, 63, 64, 65, 7, 200, 600] {
            hasher.update(Array(message[offset..<min(offset + size, message.count)]))
            offset = min(offset + size, message.count)
        }
        XCTAssertEqual(offset, message.count)
        XCTAssertEqual(hasher.finalizeHex(), SHA256.hex(message))
    }
}

import Foundation

/// SHA-256 (FIPS 180-4), self-written so artifact digests need no external crypto library.
public enum SHA256 {
    public static func hex(_ data: [UInt8]) -> String {
        var hasher = Hasher()
        hasher.update(data)
        return hasher.finalizeHex()
    }

    public static func hex(_ string: String) -> String {
        var hasher = Hasher()
        hasher.update(string)
        return hasher.finalizeHex()
    }

    /// Streaming hasher: feed any number of byte chunks, then finalize once.
    public struct Hasher {
        private var state: [UInt32] = SHA256.initialState
        private var block = [UInt8](repeating: 0, count: 64)
        private var blockFill = 0
        private var totalBytes: UInt64 = 0

        public init() {}

        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        public mutating func update(_ string: String) {
            var copy = string
            copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
        }

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            guard let source = bytes.baseAddress, bytes.count > 0 else { return }
            totalBytes &+= UInt64(bytes.count)
            var offset = 0
            if blockFill > 0 {
                let take = min(64 - blockFill, bytes.count)
                block.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: blockFill).copyMemory(from: source, byteCount: take) }
                blockFill += take
                offset = take
                guard blockFill == 64 else { return }
                compressBufferedBlock()
            }
            // Whole blocks are hashed straight from the input, without copying.
            while bytes.count - offset >= 64 {
                compress(source.advanced(by: offset))
                offset += 64
            }
            let rest = bytes.count - offset
            if rest > 0 {
                block.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: source.advanced(by: offset), byteCount: rest) }
            }
            blockFill = rest
        }

        /// Pads, processes the last block(s) and returns the digest as lowercase hex.
        public mutating func finalizeHex() -> String {
            let bitLength = totalBytes &* 8
            block[blockFill] = 0x80
            blockFill += 1
            if blockFill > 56 {
                for i in blockFill..<64 { block[i] = 0 }
                compressBufferedBlock()
            }
            for i in blockFill..<56 { block[i] = 0 }
            for i in 0..<8 { block[56 + i] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(i))) }
            compressBufferedBlock()
            let digits = Array("0123456789abcdef".utf8)
            var out = [UInt8]()
            out.reserveCapacity(64)
            for word in state {
                for shift in stride(from: 28, through: 0, by: -4) {
                    out.append(digits[Int((word >> UInt32(shift)) & 0xf)])
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        private mutating func compressBufferedBlock() {
            let buffered = block
            buffered.withUnsafeBytes { compress($0.baseAddress!) }
            blockFill = 0
        }

        /// Processes one 64-byte block starting at `input`.
        private mutating func compress(_ input: UnsafeRawPointer) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                for t in 0..<16 {
                    w[t] = UInt32(bigEndian: input.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
                }
                for t in 16..<64 {
                    let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                    let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                state.withUnsafeMutableBufferPointer { h in
                    SHA256.roundConstants.withUnsafeBufferPointer { k in
                        var a = h[0], b = h[1], c = h[2], d = h[3]
                        var e = h[4], f = h[5], g = h[6], hh = h[7]
                        for t in 0..<64 {
                            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                            let choose = (e & f) ^ (~e & g)
                            let t1 = hh &+ s1 &+ choose &+ k[t] &+ w[t]
                            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                            let majority = (a & b) ^ (a & c) ^ (b & c)
                            let t2 = s0 &+ majority
                            hh = g; g = f; f = e; e = d &+ t1
                            d = c; c = b; b = a; a = t1 &+ t2
                        }
                        h[0] &+= a; h[1] &+= b; h[2] &+= c; h[3] &+= d
                        h[4] &+= e; h[5] &+= f; h[6] &+= g; h[7] &+= hh
                    }
                }
            }
        }
    }

    static let initialState: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]

    static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}

@inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 - n))
}

extension SHA256 {
    /// The SHA-256 of a file's whole bytes, read in 1 MiB blocks, and its length.
    public static func ofFile(_ url: URL) throws -> (bytes: Int, hex: String) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ArtifactError(file: url.path, .cannotOpen(reason: "cannot read it to hash it"))
        }
        defer { try? handle.close() }
        var hasher = Hasher(), total = 0
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw ArtifactError(file: url.path, .fileSystem(operation: "read", reason: "\(error)"))
            }
            if chunk.isEmpty { break }
            total += chunk.count
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return (total, hasher.finalizeHex())
    }
}

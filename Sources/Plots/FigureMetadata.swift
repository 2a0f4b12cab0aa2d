import Foundation

/// What a rendered figure says about its origin, inside the file: PNG text chunks and PDF
/// document information (Title, Subject, Creator), so that a figure pasted into a draft can be traced
/// with `toyworld explain`. The commit is not written: it would change every figure's bytes at
/// every commit; the cache key leads to it (`toyworld explain` prints the commit that made it).
public enum FigureMetadata {
    /// The fields a figure carries: its title, and the stage, profile and cache key behind it.
    public static func fields(figure: String, stage: String, profile: String, key: String) -> [(String, String)] {
        [("Title", figure),
         ("Description", "toyworld stage \(stage), profile \(profile), cache key \(key); toyworld explain \(stage) --profile \(profile) traces it"),
         ("Software", "toyworld")]
    }

    /// `png` with a tEXt chunk per field after its header chunk.
    public static func stamp(png: [UInt8], fields: [(String, String)]) throws -> [UInt8] {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count > 33, Array(png.prefix(8)) == signature, Array(png[12..<16]) == Array("IHDR".utf8) else {
            throw PlotError.malformedFigure("not a PNG file with a header chunk")
        }
        var chunks: [UInt8] = []
        for (keyword, text) in fields {
            let data = Array(keyword.utf8) + [0] + Array(text.utf8)
            let body = Array("tEXt".utf8) + data
            chunks += bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
        }
        let headerEnd = 8 + 4 + 4 + 13 + 4
        return Array(png[..<headerEnd]) + chunks + Array(png[headerEnd...])
    }

    /// The PDF names of the PNG keywords `fields` uses.
    static let pdfNames = ["Title": "Title", "Description": "Subject", "Software": "Creator"]

    /// `pdf` with an incremental update that rewrites its document information dictionary with
    /// the fields added: the bytes cairo wrote stay as they are, offsets included.
    public static func stamp(pdf: [UInt8], fields: [(String, String)]) throws -> [UInt8] {
        let text = String(decoding: pdf, as: UTF8.self)
        guard let trailerStart = text.range(of: "trailer", options: .backwards),
              let startxref = text.range(of: "startxref", options: .backwards),
              let previous = Int(text[startxref.upperBound...].split(whereSeparator: \.isWhitespace).first ?? ""),
              let size = number(after: "/Size", in: text[trailerStart.upperBound...]),
              let root = number(after: "/Root", in: text[trailerStart.upperBound...]),
              let info = number(after: "/Info", in: text[trailerStart.upperBound...]),
              let object = text.range(of: "\n\(info) 0 obj"),
              let open = text.range(of: "<<", range: object.upperBound..<text.endIndex),
              let close = text.range(of: ">>", range: open.upperBound..<text.endIndex) else {
            throw PlotError.malformedFigure("not a PDF with a classic cross-reference table and document information")
        }
        let entries = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        let added = fields.map { "   /\(pdfNames[$0.0] ?? $0.0) (\(escaped($0.1)))" }.joined(separator: "\n")
        var update = "\n"
        let objectOffset = pdf.count + update.utf8.count
        update += "\(info) 0 obj\n<< \(entries)\n\(added)\n>>\nendobj\n"
        let xrefOffset = pdf.count + update.utf8.count
        update += "xref\n\(info) 1\n" + String(format: "%010d 00000 n \n", objectOffset)
        update += "trailer\n<< /Size \(size)\n   /Root \(root) 0 R\n   /Info \(info) 0 R\n   /Prev \(previous)\n>>\nstartxref\n\(xrefOffset)\n%%EOF\n"
        return pdf + Array(update.utf8)
    }

    /// Where a figure file toyworld rendered came from, read back from its metadata.
    public struct Origin: Equatable {
        public let stage, profile, key: String
    }

    /// The origin a PNG or PDF carries, or nil when it carries none.
    public static func origin(of file: URL) throws -> Origin? {
        let bytes = [UInt8](try Data(contentsOf: file))
        var description: String?
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            var i = 8
            while i + 12 <= bytes.count {
                let length = bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) }
                guard i + 12 + length <= bytes.count else { break }
                if Array(bytes[(i + 4)..<(i + 8)]) == Array("tEXt".utf8) {
                    let data = bytes[(i + 8)..<(i + 8 + length)]
                    if let zero = data.firstIndex(of: 0), String(decoding: data[..<zero], as: UTF8.self) == "Description" {
                        description = String(decoding: data[(zero + 1)...], as: UTF8.self)
                    }
                }
                i += 12 + length
            }
        } else if let range = String(decoding: bytes, as: UTF8.self).range(of: "/Subject (toyworld stage ", options: .backwards) {
            let text = String(decoding: bytes, as: UTF8.self)
            description = String(text[text.index(range.lowerBound, offsetBy: "/Subject (".count)...].prefix { $0 != ")" && $0 != "\n" })
        }
        guard let description, description.hasPrefix("toyworld stage ") else { return nil }
        let parts = description.dropFirst("toyworld stage ".count).split(separator: ";")[0].components(separatedBy: ", ")
        guard parts.count == 3, parts[1].hasPrefix("profile "), parts[2].hasPrefix("cache key ") else { return nil }
        return Origin(stage: parts[0], profile: String(parts[1].dropFirst("profile ".count)), key: String(parts[2].dropFirst("cache key ".count)))
    }

    /// The integer after `name` in a PDF dictionary (`/Size 21`, `/Root 20 0 R`).
    private static func number(after name: String, in text: Substring) -> Int? {
        guard let range = text.range(of: name) else { return nil }
        return Int(text[range.upperBound...].split(whereSeparator: \.isWhitespace).first ?? "")
    }

    /// A PDF literal string's content: backslashes and parentheses escaped, ASCII only.
    private static func escaped(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.isASCII ? Character($0) : "?" })
            .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// The CRC-32 (ISO 3309, as PNG uses) of `bytes`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

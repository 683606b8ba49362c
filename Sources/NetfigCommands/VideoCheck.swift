/// Whether a video file is whole, read from its own structure: ffmpeg's exit status alone
/// does not say (on a full disk it exits 0 with the file cut short).
///
/// ```swift
/// VideoCheck.mp4Problem(bytes)   // nil, or "the MP4 has no moov box (…)"
/// ```
enum VideoCheck {
    /// Whether a line of ffmpeg's stderr (at `-loglevel error`) reports a failure.
    static func isErrorLine(_ line: String) -> Bool {
        let lower = line.lowercased()
        return ["error", "no space left", "failed", "invalid", "could not", "cannot", "i/o"].contains { lower.contains($0) }
    }

    /// An MP4's problem, or nil: its top-level boxes must tile the file exactly and include
    /// `ftyp` and `moov` (the index ffmpeg writes last, so a cut file lacks it).
    static func mp4Problem(_ bytes: [UInt8]) -> String? {
        var offset = 0
        var types: Set<String> = []
        while offset < bytes.count {
            guard bytes.count - offset >= 8 else { return "the MP4 ends inside a box header (\(bytes.count) bytes)" }
            var size = bigEndian(bytes, at: offset, count: 4)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if size == 1 {
                guard bytes.count - offset >= 16 else { return "the MP4 ends inside a box header (\(bytes.count) bytes)" }
                size = bigEndian(bytes, at: offset + 8, count: 8)
            } else if size == 0 {
                size = UInt64(bytes.count - offset)
            }
            guard size >= 8, size <= UInt64(bytes.count - offset) else {
                return "the MP4 is cut short: its '\(printable(type))' box needs \(size) bytes, \(bytes.count - offset) are there"
            }
            types.insert(type)
            offset += Int(size)
        }
        guard types.contains("ftyp") else { return "not an MP4 file (no ftyp box)" }
        guard types.contains("moov") else { return "the MP4 has no moov box (the video's index): the file is incomplete" }
        return nil
    }

    /// A GIF's problem, or nil: its blocks are walked from the header to the trailer byte
    /// 0x3B, which must be the last byte.
    static func gifProblem(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 13, bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) else {
            return "not a GIF file"
        }
        let cut = "the GIF is cut short (no trailer): the file is incomplete"
        var offset = 13 + colorTableSize(bytes[10])
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x3B:
                return offset == bytes.count - 1 ? nil : "the GIF has \(bytes.count - offset - 1) bytes after its trailer"
            case 0x21:
                guard let next = skipSubBlocks(bytes, from: offset + 2) else { return cut }
                offset = next
            case 0x2C:
                guard offset + 10 <= bytes.count else { return cut }
                let table = colorTableSize(bytes[offset + 9])
                guard let next = skipSubBlocks(bytes, from: offset + 10 + table + 1) else { return cut }
                offset = next
            default:
                return "the GIF has an invalid block label 0x\(String(bytes[offset], radix: 16)) at byte \(offset)"
            }
        }
        return cut
    }

    /// Bytes of a colour table announced by a packed field (absent when its top bit is clear).
    private static func colorTableSize(_ packed: UInt8) -> Int {
        packed & 0x80 == 0 ? 0 : 3 << (Int(packed & 0x07) + 1)
    }

    /// The offset after a chain of sub-blocks (length byte, data) ended by a zero length;
    /// nil when the file ends first.
    private static func skipSubBlocks(_ bytes: [UInt8], from start: Int) -> Int? {
        var offset = start
        while offset < bytes.count {
            let length = Int(bytes[offset])
            if length == 0 { return offset + 1 }
            offset += 1 + length
        }
        return nil
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt64 {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func printable(_ type: String) -> String {
        String(type.unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }
}

import Foundation
import NetworkEngine

/// Reads numeric examples from a CSV file: one example per line (LF, CRLF or CR endings), the first `inputs` columns
/// the input, the rest the target. A first line that is not all numbers is a header; blank
/// lines and lines starting with `#` are skipped.
///
/// Hand-written rather than a CSV package: the files are numbers only (no quoting), and a
/// bad cell must be reported with its own line and column, which is simplest here.
///
/// ```swift
/// let (data, bytes) = try CSVData.read(url, displayPath: "points.csv", inputs: 2, targets: 1)
/// ```
enum CSVData {
    static func read(_ url: URL, displayPath: String, inputs: Int, targets: Int) throws -> (dataset: Dataset, bytes: Data) {
        let unreadable = SpecError(file: displayPath, field: "", message: "cannot read the data file; expected a readable UTF-8 CSV file")
        let text: String
        let bytes: Data
        switch (try? BoundedRead.contents(of: url.path, limit: SpecFile.maxDataBytes)) {
        case .contents(let data)?:
            guard let decoded = String(data: data, encoding: .utf8) else { throw unreadable }
            text = decoded
            bytes = data
        case .tooLarge(let size)?:
            throw SpecError(file: displayPath, field: "", message: "\(BoundedRead.describe(size, limit: SpecFile.maxDataBytes)); a data file may hold at most \(SpecFile.maxDataBytes) bytes (64 MiB)")
        case nil:
            throw unreadable
        }
        let width = inputs + targets
        var inputRows: [[Double]] = []
        var targetRows: [[Double]] = []
        var sawContent = false
        /// One line's cells (trimmed), numbered from 1; nil for a line to skip.
        func take(_ cells: [Substring], lineNumber: Int) throws {
            let numbers = cells.map { Double($0) }
            if !sawContent {
                sawContent = true
                if numbers.allSatisfy({ $0 == nil }) { return }
            }
            guard cells.count == width else {
                throw SpecError(file: displayPath, line: lineNumber, field: "", message: "\(cells.count) columns; expected \(width) (\(inputs) inputs, then \(targets) targets)")
            }
            for (column, value) in numbers.enumerated() where value == nil || !(value?.isFinite ?? false) {
                throw SpecError(file: displayPath, line: lineNumber, field: "column \(column + 1)", message: "'\(Echo.value(String(cells[column])))' is not a finite number")
            }
            let row = numbers.compactMap { $0 }
            inputRows.append(Array(row[..<inputs]))
            targetRows.append(Array(row[inputs...]))
        }
        if try !forEachASCIILine(bytes, take) {
            // Any line ending: "\n", "\r\n" (one Character in Swift, so splitting on "\n" misses it) or "\r".
            for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let line = trimmed(rawLine, .whitespacesAndNewlines)
                if line.isEmpty || line.hasPrefix("#") { continue }
                try take(line.split(separator: ",", omittingEmptySubsequences: false).map { trimmed($0, .whitespaces) }, lineNumber: index + 1)
            }
        }
        guard !inputRows.isEmpty else {
            throw SpecError(file: displayPath, field: "", message: "no examples; expected lines of \(width) comma-separated numbers")
        }
        return (Dataset(inputs: inputRows, targets: targetRows), bytes)
    }

    /// Calls `body` with each line's cells and its number (from 1), read byte by byte, when
    /// the file is ASCII without vertical tabs or form feeds (which Swift counts as line ends):
    /// the cells the reading of the text finds, a hundred times faster on a 30 MB file. Lines
    /// end at "\n", "\r\n" or "\r"; spaces and tabs around a line or a cell are trimmed;
    /// blank lines and `#` comments are skipped. Returns false, calling nothing, for any
    /// other file.
    static func forEachASCIILine(_ bytes: Data, _ body: ([Substring], Int) throws -> Void) throws -> Bool {
        try bytes.withUnsafeBytes { raw -> Bool in
            let b = raw.bindMemory(to: UInt8.self)
            for byte in b where byte >= 0x80 || byte == 0x0B || byte == 0x0C { return false }
            let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
            func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
            func trimmed(_ range: Range<Int>) -> Range<Int> {
                var start = range.lowerBound, end = range.upperBound
                while start < end, isBlank(b[start]) { start += 1 }
                while end > start, isBlank(b[end - 1]) { end -= 1 }
                return start..<end
            }
            func text(_ range: Range<Int>) -> Substring {
                Substring(String(decoding: UnsafeBufferPointer(rebasing: b[trimmed(range)]), as: UTF8.self))
            }
            var number = 0
            func line(_ range: Range<Int>) throws {
                number += 1
                let line = trimmed(range)
                guard !line.isEmpty, b[line.lowerBound] != UInt8(ascii: "#") else { return }
                var cells: [Substring] = []
                var cell = line.lowerBound
                for j in line where b[j] == comma {
                    cells.append(text(cell..<j))
                    cell = j + 1
                }
                cells.append(text(cell..<line.upperBound))
                try body(cells, number)
            }
            var start = 0, i = 0
            while i < b.count {
                if b[i] == newline || b[i] == carriage {
                    try line(start..<i)
                    i += b[i] == carriage && i + 1 < b.count && b[i + 1] == newline ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
            try line(start..<b.count)
            return true
        }
    }

    /// `text` without the scalars of `set` at either end, as `trimmingCharacters(in:)` leaves
    /// it, without its trip through NSString: that took half of reading a 30 MB file.
    static func trimmed(_ text: Substring, _ set: CharacterSet) -> Substring {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, set.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return Substring(scalars[start..<end])
    }
}

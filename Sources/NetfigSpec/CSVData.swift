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
        // Any line ending: "\n", "\r\n" (one Character in Swift, so splitting on "\n" misses it) or "\r".
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = cells.map { Double($0) }
            if !sawContent {
                sawContent = true
                if numbers.allSatisfy({ $0 == nil }) { continue }
            }
            let lineNumber = index + 1
            guard cells.count == width else {
                throw SpecError(file: displayPath, line: lineNumber, field: "", message: "\(cells.count) columns; expected \(width) (\(inputs) inputs, then \(targets) targets)")
            }
            for (column, value) in numbers.enumerated() where value == nil || !(value?.isFinite ?? false) {
                throw SpecError(file: displayPath, line: lineNumber, field: "column \(column + 1)", message: "'\(Echo.value(cells[column]))' is not a finite number")
            }
            let row = numbers.compactMap { $0 }
            inputRows.append(Array(row[..<inputs]))
            targetRows.append(Array(row[inputs...]))
        }
        guard !inputRows.isEmpty else {
            throw SpecError(file: displayPath, field: "", message: "no examples; expected lines of \(width) comma-separated numbers")
        }
        return (Dataset(inputs: inputRows, targets: targetRows), bytes)
    }
}

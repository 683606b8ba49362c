import Figures
import Foundation

/// One shard's file, `netfig surface SPEC … --shard i/n -o part.csv`: a contiguous band of the
/// grid's rows, as the very lines the whole grid's CSV has for them, under a comment line that
/// holds what `--from` checks before it puts the parts together:
///
/// ```
/// # netfig surface part: shard=2/3 rows=4-6 netfig=0.1.0 spec-hash=0e0bba046971b768 x=w1 x-range=-10.0:10.0 y=b1 y-range=-10.0:10.0 resolution=10 slice=spec plane=none
/// w1,b1,cost
/// -10.0,-3.333333333333334,2.4949191659071106
/// …
/// ```
///
/// Rows are counted from 1 at the y range's lower end, as the CSV lists them. Numbers are the
/// shortest text that reads back to the same bits, so the parts carry the grid exactly.
struct SurfacePart {
    static let marker = "# netfig surface part:"

    /// What the parts of one grid share, each field as written: netfig's version, the spec
    /// (its hash, which covers a data file it names), the two parameters, their ranges, the
    /// resolution, the network the grid slices (the spec's, or trained by `--train-all`), and
    /// the plane for directions (`none` for two parameters; else what the directions are and
    /// a hash of the plane's bits, so another `--seed`, `--normalize`, `--biases`, `toward:`
    /// file or training run never passes for this one). Parts agree when these texts agree.
    struct Grid: Equatable {
        struct Field: Equatable {
            let key: String
            let value: String
        }

        let fields: [Field]

        init(fields: [Field]) { self.fields = fields }

        /// - Parameters:
        ///   - x, y: the parameters' names as the CSV's header writes them.
        ///   - slice: `spec`, or how `--train-all` trained the network the grid goes through.
        ///   - plane: `none`, or the plane's description (`SurfacePlane.header`).
        init(x: String, xRange: ClosedRange<Double>, y: String, yRange: ClosedRange<Double>, resolution: Int,
             slice: String, specHash: String, plane: String = "none") {
            let values = [Netfig.version, specHash, x, Self.text(xRange), y, Self.text(yRange), "\(resolution)", slice, plane]
            fields = zip(Self.keys, values).map { Field(key: $0, value: $1) }
        }

        /// In the order written and compared: what makes parts of different runs differ most
        /// plainly comes first.
        static let keys = ["netfig", "spec-hash", "x", "x-range", "y", "y-range", "resolution", "slice", "plane"]

        static func text(_ range: ClosedRange<Double>) -> String { "\(range.lowerBound):\(range.upperBound)" }

        /// The first field in which `other` differs, with this grid's value and the other's.
        func difference(from other: Grid) -> (key: String, mine: String, theirs: String)? {
            for (mine, theirs) in zip(fields, other.fields) where mine != theirs {
                return (mine.key, mine.value, theirs.value)
            }
            return nil
        }
    }

    let path: String
    let shard: Shard
    /// The rows the part says it holds, 0-based.
    let rows: Range<Int>
    let grid: Grid
    /// The CSV's own header, `w1,b1,cost`.
    let header: String
    /// Where the rows' lines begin in the file.
    let bodyOffset: Int

    // MARK: Writing

    /// The part's text: the comment line, the CSV's header, then `values` (rows `rows`) as
    /// the lines the whole grid's CSV holds for those rows.
    ///
    /// - Parameters: xs, ys: the grid's x values and the band's y values.
    static func text(grid: Grid, shard: Shard, rows: Range<Int>, header: String,
                     xs: [Double], ys: [Double], values: [Double]) -> String {
        let fields = grid.fields.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        var out = "\(marker) shard=\(shard) rows=\(rowText(rows)) \(fields)\n" + header
        CostSurfaceFigure.appendCSVLines(xs: xs, ys: ys, values: values, to: &out)
        return out
    }

    /// Rows as a part's header and messages write them, counted from 1: `86-170`.
    static func rowText(_ rows: Range<Int>) -> String { "\(rows.lowerBound + 1)-\(rows.upperBound)" }

    // MARK: Reading

    /// Reads a part's first two lines (the rows come later, in `values`, one part at a time).
    ///
    /// - Throws: `FailureReport.usage` naming the file and line when it is not a part.
    init(reading path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FailureReport.usage("\(path): cannot be read; expected a part written by netfig surface --shard")
        }
        defer { try? handle.close() }
        // Both lines are short; a file whose first 64 KiB hold no two lines is not a part.
        let start = [UInt8]((try? handle.read(upToCount: 1 << 16)) ?? Data())
        let lines = start.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        let first = lines.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard first.hasPrefix(Self.marker + " "), lines.count == 3 else {
            throw FailureReport.usage("\(path):1: expected '\(Self.marker) shard=i/n rows=…' (a part written by netfig surface --shard)")
        }
        var fields: [(key: String, value: String)] = []
        for word in first.dropFirst(Self.marker.count + 1).split(separator: " ", omittingEmptySubsequences: false) {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw FailureReport.usage("\(path):1: '\(word.prefix(60))': expected key=value")
            }
            fields.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
        }
        let expectedKeys = ["shard", "rows"] + Grid.keys
        guard fields.map(\.key) == expectedKeys else {
            throw FailureReport.usage("\(path):1: expected the fields \(expectedKeys.joined(separator: ", ")) in this order (a part written by netfig surface --shard)")
        }
        guard let shard = Shard(argument: fields[0].value) else {
            throw FailureReport.usage("\(path):1: shard=\(fields[0].value.prefix(60)): expected i/n with 1 ≤ i ≤ n")
        }
        let bounds = fields[1].value.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low >= 1, high >= low - 1 else {
            throw FailureReport.usage("\(path):1: rows=\(fields[1].value.prefix(60)): expected FIRST-LAST, counted from 1")
        }
        self.shard = shard
        rows = (low - 1)..<high
        grid = Grid(fields: fields.dropFirst(2).map { Grid.Field(key: $0.key, value: $0.value) })
        header = String(decoding: lines[1], as: UTF8.self) + "\n"
        bodyOffset = lines[0].count + lines[1].count + 2
    }

    /// The part's costs, row by row, once every line is checked: three fields; x and y the
    /// grid's own values at that point, as the CSV writes them; the cost a number as netfig
    /// writes it (which reads back to the bits written); as many lines as its rows hold, the
    /// last one ended (a number cut short can still be a number).
    ///
    /// - Parameters:
    ///   - xs: the grid's x values as the CSV writes them, one a column.
    ///   - ys: the y values of every row of the grid, likewise.
    func values(xs: [String], ys: [String]) throws -> [Double] {
        let points = rows.count * xs.count
        let held = "rows \(Self.rowText(rows))"
        // A line holds three numbers of at most 24 characters (and NaN payloads) and two commas.
        let limit = bodyOffset + points * 100
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw FailureReport.usage("\(path): \(size) bytes, more than \(held) of \(xs.count) columns can take; expected a part written by netfig surface --shard")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FailureReport.usage("\(path): cannot be read; expected a part written by netfig surface --shard")
        }
        let xBytes = xs.map { Array($0.utf8) }
        var values: [Double] = []
        values.reserveCapacity(points)
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let newline = UInt8(ascii: "\n"), comma = UInt8(ascii: ",")
            var start = bodyOffset, line = 3
            for row in rows {
                let yBytes = Array(ys[row].utf8)
                for column in 0..<xs.count {
                    guard start < bytes.count else {
                        throw FailureReport.usage("\(path): ends after \(values.count) of the \(points) points of \(held); expected all of them (a part cut short?)")
                    }
                    guard let end = bytes[start...].firstIndex(of: newline) else {
                        throw FailureReport.usage("\(path):\(line): no end of line; expected one after every line (a part cut short?)")
                    }
                    let fields = bytes[start..<end].split(separator: comma, omittingEmptySubsequences: false)
                    guard fields.count == 3 else { throw FailureReport.usage("\(path):\(line): expected x,y,cost (three numbers)") }
                    guard fields[0].elementsEqual(xBytes[column]) else {
                        throw FailureReport.usage("\(path):\(line): x is '\(Self.text(fields[0]))', expected \(xs[column]) (column \(column + 1) of the grid)")
                    }
                    guard fields[1].elementsEqual(yBytes) else {
                        throw FailureReport.usage("\(path):\(line): y is '\(Self.text(fields[1]))', expected \(ys[row]) (row \(row + 1) of the grid)")
                    }
                    let text = Self.text(fields[2])
                    guard let cost = Double(text), "\(cost)" == text else {
                        throw FailureReport.usage("\(path):\(line): cost '\(text)': expected a number as netfig writes it")
                    }
                    values.append(cost)
                    start = end + 1
                    line += 1
                }
            }
            guard start == bytes.count else {
                throw FailureReport.usage("\(path):\(line): more lines than \(held) hold (\(points) points); expected a part written by netfig surface --shard")
            }
        }
        return values
    }

    /// A field as text for a message or a number, cut to 60 characters.
    private static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: bytes.prefix(60), as: UTF8.self)
    }
}

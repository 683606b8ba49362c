import Foundation
import NetworkEngine

/// `netfig surface SPEC … --from 'part-*.csv'`: the grid that `--shard` runs computed, put
/// back together once the parts are shown to be every shard of one run, each once, of the
/// grid that this spec and these options describe.
///
/// ```swift
/// let surface = try SurfaceMerge.surface(from: ["part-*.csv"], spec: "not.yaml", grid: grid, header: "w1,b1,cost\n",
///                                        x: w, y: b, xRange: -10...10, yRange: -10...10, resolution: 255)
/// ```
enum SurfaceMerge {
    /// Every file the patterns match (glob(3): `*`, `?`, `[…]`), sorted byte by byte, each once.
    ///
    /// - Throws: `FailureReport.usage` naming a pattern that matches nothing.
    static func files(matching patterns: [String]) throws -> [String] {
        var files: [String] = []
        for pattern in patterns {
            var matches = glob_t()
            defer { globfree(&matches) }
            guard glob(pattern, 0, nil, &matches) == 0 else {
                throw FailureReport.usage("--from '\(pattern)': no file matches; expected the parts written by netfig surface --shard")
            }
            let found = (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }
            files += found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    /// The merged grid.
    ///
    /// - Parameters:
    ///   - patterns: `--from`'s arguments.
    ///   - spec: the spec's path, for messages.
    ///   - grid: what this spec and these options give, which every part must hold.
    ///   - header: the CSV's header line for these options.
    /// - Throws: `FailureReport.usage`, one line naming the file and what was expected: parts
    ///   that are not parts, of different runs or grids, repeated, overlapping or missing.
    static func surface(
        from patterns: [String], spec: String, grid: SurfacePart.Grid, header: String,
        x: ParameterName, y: ParameterName, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: Int
    ) throws -> CostSurface {
        try surface(from: patterns, spec: spec, grid: grid, header: header, axes: (.parameter(x), .parameter(y)),
                    xRange: xRange, yRange: yRange, resolution: resolution)
    }

    /// The merged grid over any two axes (parameters, or a plane's directions).
    static func surface(
        from patterns: [String], spec: String, grid: SurfacePart.Grid, header: String,
        axes: (x: SurfaceAxis, y: SurfaceAxis), xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: Int
    ) throws -> CostSurface {
        let files = try files(matching: patterns)
        let parts = try files.map(SurfacePart.init(reading:))
        guard let first = parts.first else { throw FailureReport.usage("--from: expected the parts written by netfig surface --shard") }
        try checkOneRun(parts)
        if let difference = first.grid.difference(from: grid) {
            let key = difference.key
            throw FailureReport.usage("\(first.path): \(key)=\(difference.mine), but \(Provenance.fileName(spec)) with these options gives \(key)=\(difference.theirs); expected the spec and options the shards were run with (all but --shard and -o)")
        }
        let ordered = try inOrder(parts, resolution: resolution, from: patterns.count == 1 ? "'\(patterns[0])'" : "(\(files.count) files)")
        let xs = (0..<resolution).map { "\(CostSurface.coordinate($0, resolution, xRange))" }
        let ys = (0..<resolution).map { "\(CostSurface.coordinate($0, resolution, yRange))" }
        var values: [Double] = []
        values.reserveCapacity(resolution * resolution)
        for part in ordered {
            guard part.header == header else {
                throw FailureReport.usage("\(part.path):2: '\(part.header.dropLast().prefix(60))': expected '\(header.dropLast())'")
            }
            values += try part.values(xs: xs, ys: ys)
        }
        return CostSurface(axes: axes, xRange: xRange, yRange: yRange, columns: resolution, rows: resolution, values: values)
    }

    /// Parts of one run share their grid and their n.
    private static func checkOneRun(_ parts: [SurfacePart]) throws {
        guard let first = parts.first else { return }
        for part in parts.dropFirst() {
            if let difference = part.grid.difference(from: first.grid) {
                let key = difference.key
                throw FailureReport.usage("\(part.path): \(key)=\(difference.mine), but \(first.path) has \(key)=\(difference.theirs); expected the parts of one run (one spec, the same options)")
            }
            if part.shard.count != first.shard.count {
                throw FailureReport.usage("\(part.path): shard \(part.shard), but \(first.path) is shard \(first.shard); expected the parts of one --shard i/n run, all with the same n, whose rows do not overlap")
            }
        }
    }

    /// The parts by shard, once each checked to hold its shard's rows, none repeated and none missing.
    ///
    /// - Parameter from: the patterns as messages name them.
    private static func inOrder(_ parts: [SurfacePart], resolution: Int, from: String) throws -> [SurfacePart] {
        var byShard: [Int: SurfacePart] = [:]
        for part in parts {
            if let other = byShard[part.shard.index] {
                throw FailureReport.usage("\(part.path): shard \(part.shard) again (\(other.path) is shard \(other.shard) too); expected each shard once")
            }
            let rows = part.shard.rows(of: resolution)
            guard part.rows == rows else {
                throw FailureReport.usage("\(part.path):1: rows=\(SurfacePart.rowText(part.rows)), but shard \(part.shard) of a \(resolution)-row grid holds rows \(SurfacePart.rowText(rows)); expected a part written by netfig surface --shard")
            }
            byShard[part.shard.index] = part
        }
        let count = parts[0].shard.count
        let missing = (1...count).filter { byShard[$0] == nil }
        guard missing.isEmpty else {
            // Runs of neighbouring shards, and the rows they would have held.
            var runs: [ClosedRange<Int>] = []
            for index in missing {
                if let last = runs.last, last.upperBound == index - 1 { runs[runs.count - 1] = last.lowerBound...index } else { runs.append(index...index) }
            }
            let shards = runs.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            let rows = runs.map { run in
                SurfacePart.rowText(Shard(index: run.lowerBound, count: count).rows(of: resolution).lowerBound..<Shard(index: run.upperBound, count: count).rows(of: resolution).upperBound)
            }
            let noun = missing.count == 1 ? "shard" : "shards"
            throw FailureReport.usage("--from \(from): \(noun) \(shards.joined(separator: ", ")) of \(count) missing (rows \(rows.joined(separator: ", ")) of \(resolution)); expected every shard's part")
        }
        return (1...count).compactMap { byShard[$0] }
    }
}

import Drawing

/// A colour map: 256 colours from low (t = 0) to high (t = 1), looked up like matplotlib
/// (nearest of 256 equal bins, no interpolation), with a distinct colour for bad values.
///
/// Sequential maps: `viridis`, `magma`, `inferno`, `plasma`, `cividis` (matplotlib's tables),
/// `greys` (black to white). Diverging, colour-blind safe: `redBlue` (ColorBrewer RdBu:
/// red low, blue high) and `purpleOrange` (ColorBrewer PuOr: orange low, purple high).
///
/// ```swift
/// let map = ColorMap.viridis
/// let c = map.color(at: 0.25)
/// map.nearestIndex(to: c) // 64
/// ```
public struct ColorMap: Hashable, Sendable {
    public let name: String
    /// Low to high; 256 entries.
    public let colors: [Color]
    /// For NaN, ±∞ and values a log scale cannot show.
    public let badColor: Color
    public let isDiverging: Bool

    public init(name: String, colors: [Color], badColor: Color, isDiverging: Bool = false) {
        self.name = name
        self.colors = colors.isEmpty ? [.black, .white] : colors
        self.badColor = badColor
        self.isDiverging = isDiverging
    }

    /// The colour at `t` in 0...1 (clamped); NaN gives the bad colour.
    public func color(at t: Double) -> Color {
        guard !t.isNaN else { return badColor }
        let count = colors.count
        let clamped: Double = min(max(t, 0), 1)
        let index = min(Int(clamped * Double(count)), count - 1)
        return colors[index]
    }

    /// The table index whose colour is nearest (largest channel difference) to `color`.
    public func nearestIndex(to color: Color) -> Int {
        var best = 0
        var bestDistance = Double.infinity
        for (index, candidate) in colors.enumerated() {
            let distance = candidate.distance(to: color.withAlpha(1))
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return best
    }

    /// The inverse of `color(at:)` up to one bin: the centre of the nearest colour's bin.
    public func position(of color: Color) -> Double {
        (Double(nearestIndex(to: color)) + 0.5) / Double(colors.count)
    }

    /// The map reversed (high becomes low).
    public var reversed: ColorMap {
        ColorMap(name: name + "_r", colors: colors.reversed(), badColor: badColor, isDiverging: isDiverging)
    }

    /// A map by name (`viridis`, `magma`, `inferno`, `plasma`, `cividis`, `greys`,
    /// `rdbu`/`redblue`, `puor`/`purpleorange`; a `_r` suffix reverses), case-insensitively.
    public static func named(_ name: String) -> ColorMap? {
        let key = name.lowercased()
        if key.hasSuffix("_r") { return named(String(key.dropLast(2)))?.reversed }
        switch key {
        case "rdbu", "redblue": return redBlue
        case "puor", "purpleorange": return purpleOrange
        case "greys", "grays", "grey", "gray": return greys
        default: return all.first { $0.name == key }
        }
    }

    /// Every built-in map.
    public static let all: [ColorMap] = [viridis, magma, inferno, plasma, cividis, greys, redBlue, purpleOrange]

    private static let neutralBad = Color(hex: 0xA0A0A0)
    private static let vividBad = Color(hex: 0xE0115F)

    public static let viridis = ColorMap(name: "viridis", colors: parse(ColorMapTables.viridis), badColor: neutralBad)
    public static let magma = ColorMap(name: "magma", colors: parse(ColorMapTables.magma), badColor: neutralBad)
    public static let inferno = ColorMap(name: "inferno", colors: parse(ColorMapTables.inferno), badColor: neutralBad)
    public static let plasma = ColorMap(name: "plasma", colors: parse(ColorMapTables.plasma), badColor: neutralBad)
    // cividis passes through greys, so its bad colour must not be one.
    public static let cividis = ColorMap(name: "cividis", colors: parse(ColorMapTables.cividis), badColor: vividBad)
    public static let greys = ColorMap(
        name: "greys", colors: (0..<256).map { Color(red: Double($0) / 255, green: Double($0) / 255, blue: Double($0) / 255) },
        badColor: vividBad)
    public static let redBlue = ColorMap(
        name: "rdbu", colors: interpolate(parse(ColorMapTables.rdBu), count: 256), badColor: Color(hex: 0x7F7F7F),
        isDiverging: true)
    public static let purpleOrange = ColorMap(
        name: "puor", colors: interpolate(parse(ColorMapTables.puOr), count: 256), badColor: Color(hex: 0x7F7F7F),
        isDiverging: true)

    /// Reads "r g b" lines.
    static func parse(_ table: String) -> [Color] {
        let numbers = table.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 2, by: 3).map {
            Color(red: numbers[$0], green: numbers[$0 + 1], blue: numbers[$0 + 2])
        }
    }

    /// Spreads a few anchor colours evenly over `count` entries, interpolating in RGB.
    static func interpolate(_ anchors: [Color], count: Int) -> [Color] {
        guard anchors.count > 1 else { return anchors }
        return (0..<count).map { index in
            let position: Double = Double(index) / Double(count - 1) * Double(anchors.count - 1)
            let lower = min(Int(position), anchors.count - 2)
            let fraction: Double = position - Double(lower)
            return anchors[lower].mixed(with: anchors[lower + 1], fraction)
        }
    }
}

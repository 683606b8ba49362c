import Drawing

/// Colours and series styles for a chart: `light`, `dark` and `print` (greyscale-safe:
/// series also differ by dash pattern and marker).
///
/// Series colours are the Okabe–Ito palette, which stays distinguishable for the common
/// forms of colour blindness.
///
/// ```swift
/// let theme = Theme.named("dark") ?? .light
/// canvas.fillBackground(theme.background)
/// ```
public struct Theme: Hashable, Sendable {
    public var name: String
    public var background: Color
    /// Titles, tick labels, legend text.
    public var foreground: Color
    /// Subtitles and notes.
    public var secondaryText: Color
    /// Spines and ticks.
    public var axis: Color
    public var grid: Color
    /// Background of legend boxes and label halos.
    public var panel: Color
    public var palette: [Color]
    /// Dash patterns cycled with the palette, in line widths; `[]` is solid.
    public var dashes: [[Double]]
    public var markers: [MarkerShape]
    public var markersOnSeries: Bool
    /// The default sequential and diverging colour maps.
    public var colorMap: ColorMap
    public var divergingMap: ColorMap
    /// Contour line colour over heatmaps.
    public var contour: Color

    public init(name: String, background: Color, foreground: Color, secondaryText: Color, axis: Color,
                grid: Color, panel: Color, palette: [Color], dashes: [[Double]], markers: [MarkerShape],
                markersOnSeries: Bool, colorMap: ColorMap, divergingMap: ColorMap, contour: Color) {
        self.name = name
        self.background = background
        self.foreground = foreground
        self.secondaryText = secondaryText
        self.axis = axis
        self.grid = grid
        self.panel = panel
        self.palette = palette.isEmpty ? [foreground] : palette
        self.dashes = dashes.isEmpty ? [[]] : dashes
        self.markers = markers.isEmpty ? [.circle] : markers
        self.markersOnSeries = markersOnSeries
        self.colorMap = colorMap
        self.divergingMap = divergingMap
        self.contour = contour
    }

    /// The style of the series at `index`, cycling through palette, dashes and markers.
    public func seriesStyle(at index: Int) -> SeriesStyle {
        let i = max(index, 0)
        return SeriesStyle(color: palette[i % palette.count], dash: dashes[i % dashes.count],
                           marker: markers[i % markers.count], showsMarkers: markersOnSeries)
    }

    /// The diverging map for marks that must stand out from the background at full
    /// strength (a diagram's edges, a decision map's examples): the map itself on a light
    /// background; on a dark one without its darkest fifth at each end (dark red and dark
    /// blue vanish on near-black), so the strongest values are its bright reds and blues.
    public var vividDivergingMap: ColorMap {
        guard background.luminance < 0.5 else { return divergingMap }
        let count = 64
        let colors = (0..<count).map { i -> Color in
            let t: Double = (Double(i) + 0.5) / Double(count)
            return divergingMap.color(at: 0.5 + (t - 0.5) * 0.6)
        }
        return ColorMap(name: divergingMap.name + "_vivid", colors: colors, badColor: divergingMap.badColor, isDiverging: true)
    }

    /// `light`, `dark` or `print`, case-insensitively.
    public static func named(_ name: String) -> Theme? {
        [light, dark, print].first { $0.name == name.lowercased() }
    }

    private static let okabeIto: [Color] = [0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0xF0E442]
        .map { Color(hex: $0) }

    public static let light = Theme(
        name: "light", background: .white, foreground: Color(hex: 0x1F1F1F), secondaryText: Color(hex: 0x5A5A5A),
        axis: Color(hex: 0x3C3C3C), grid: Color(hex: 0xE3E3E3), panel: Color(hex: 0xFFFFFF, alpha: 0.88),
        palette: okabeIto, dashes: [[]], markers: [.circle], markersOnSeries: false,
        colorMap: .viridis, divergingMap: .redBlue, contour: Color(hex: 0x000000, alpha: 0.55))

    public static let dark = Theme(
        name: "dark", background: Color(hex: 0x16181D), foreground: Color(hex: 0xECECEC),
        secondaryText: Color(hex: 0xA8A8A8), axis: Color(hex: 0xB4B4B4), grid: Color(hex: 0x2E323A),
        panel: Color(hex: 0x16181D, alpha: 0.88),
        palette: [0x56B4E9, 0xE69F00, 0x009E73, 0xCC79A7, 0xF0E442, 0xD55E00, 0x0072B2].map { Color(hex: $0) },
        dashes: [[]], markers: [.circle], markersOnSeries: false,
        colorMap: .viridis, divergingMap: .redBlue, contour: Color(hex: 0xFFFFFF, alpha: 0.6))

    public static let print = Theme(
        name: "print", background: .white, foreground: .black, secondaryText: Color(hex: 0x404040),
        axis: .black, grid: Color(hex: 0xDDDDDD), panel: Color(hex: 0xFFFFFF, alpha: 0.92),
        palette: [0x000000, 0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7].map { Color(hex: $0) },
        dashes: [[], [4, 2], [1, 1.6], [6, 2, 1, 2], [8, 3]],
        markers: [.circle, .square, .triangle, .diamond, .cross], markersOnSeries: true,
        colorMap: .viridis, divergingMap: .purpleOrange, contour: Color(hex: 0x000000, alpha: 0.7))
}

import CCairo
import Foundation

/// Writes a scene as SVG that keeps text as text: `<text>` and `<tspan>` elements a reader
/// can select, search, edit in Inkscape or a slide program, and hear from a screen reader.
///
/// - Each label is one `<text>`; each of its runs a `<tspan>` at the x the layout measured
///   with cairo's metrics, so a viewer with the DejaVu fonts places every run where the PNG
///   has it. Sub- and superscripts move by `dy` and shrink by `font-size` (not
///   `baseline-shift`, which some viewers ignore); rotated labels carry a `transform`.
/// - Font families fall back from DejaVu to metric-alike and generic families.
/// - Images (heatmaps) are embedded PNGs at the size they were rendered; an image drawn
///   again is a `<use>` of the first. Clips are `<clipPath>` definitions, one per rectangle.
/// - Provenance is RDF with Dublin Core terms, which viewers know.
///
/// Numbers are written to 1/1000 of a unit, so the same scene gives the same bytes.
///
/// ```swift
/// let writer = SVGWriter(width: 960, height: 540)
/// writer.render(canvas.scene)
/// try FileOutput.write(try writer.encoded(metadata: ["Software": "netfig"]), to: "figure.svg")
/// ```
public final class SVGWriter: SceneRenderer {
    public let width: Double
    public let height: Double
    private var body = ""
    private var definitions = ""
    private var clipIDs: [Rect: String] = [:]
    private var imageIDs: [RGBAImage: String] = [:]
    private var indent = 1
    private var problem: DrawingError?
    /// Measures where each character goes, with the metrics the layout used.
    private let metrics: CairoContext?

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
        do {
            metrics = try CairoContext.measuring(format: .svg, scale: 1)
        } catch let error as DrawingError {
            metrics = nil
            problem = error
        } catch {
            metrics = nil
        }
    }

    // MARK: Primitives

    public func drawPath(_ path: ScenePath) {
        let data = Self.pathData(path.segments)
        guard !data.isEmpty else { return }
        var element = "<path d=\"\(data)\""
        switch path.paint {
        case .fill(let color):
            element += Self.colorAttributes(color, prefix: "fill")
        case .stroke(let color, let style):
            element += " fill=\"none\"" + Self.colorAttributes(color, prefix: "stroke")
            element += " stroke-width=\"\(Self.number(style.width))\""
            switch style.cap {
            case .butt: break
            case .round: element += " stroke-linecap=\"round\""
            case .square: element += " stroke-linecap=\"square\""
            }
            switch style.join {
            case .miter: break
            case .round: element += " stroke-linejoin=\"round\""
            case .bevel: element += " stroke-linejoin=\"bevel\""
            }
            let dashes = style.dash.filter { $0.isFinite && $0 >= 0 }
            if !dashes.isEmpty, !dashes.allSatisfy({ $0 == 0 }) {
                element += " stroke-dasharray=\"\(dashes.map(Self.number).joined(separator: ","))\""
            }
        }
        line(element + "/>")
    }

    public func drawText(_ text: SceneText) {
        guard !text.runs.isEmpty else { return }
        var element = "<text"
        if text.rotation != 0 {
            let degrees: Double = text.rotation * 180 / Double.pi
            element += " transform=\"translate(\(Self.number(text.origin.x)),\(Self.number(text.origin.y))) rotate(\(Self.number(degrees)))\""
        }
        let origin = text.rotation != 0 ? Point.zero : text.origin
        let base = text.runs[0].font
        element += Self.fontAttributes(base, relativeTo: nil) + Self.colorAttributes(text.color, prefix: "fill")
        element += " xml:space=\"preserve\">"
        // Every run starts at the x the layout measured; scripts rise and fall by dy.
        var previousY: Double?
        for run in text.runs {
            let x: Double = origin.x + text.offset.x + run.x
            // Every character where cairo puts it, so no viewer's kerning or hinted advances
            // move a label off the place its layout measured.
            let offsets = metrics?.characterOffsets(of: run.text, font: run.font) ?? [0]
            element += "<tspan x=\"\(offsets.map { Self.number(x + $0) }.joined(separator: " "))\""
            if let previousY {
                if run.y != previousY { element += " dy=\"\(Self.number(run.y - previousY))\"" }
            } else {
                element += " y=\"\(Self.number(origin.y + text.offset.y + run.y))\""
            }
            previousY = run.y
            element += Self.fontAttributes(run.font, relativeTo: base) + ">" + Self.escape(run.text) + "</tspan>"
        }
        line(element + "</text>")
    }

    public func drawImage(_ item: SceneImage) {
        let image = item.image, rect = item.rect
        guard image.width > 0, image.height > 0, rect.width > 0, rect.height > 0 else { return }
        let placement = "x=\"\(Self.number(rect.x))\" y=\"\(Self.number(rect.y))\" width=\"\(Self.number(rect.width))\" height=\"\(Self.number(rect.height))\""
        if let id = imageIDs[image] {
            // Only the size is the symbol's own; <use> places it.
            line("<use href=\"#\(id)\" xlink:href=\"#\(id)\" \(placement)/>")
            return
        }
        let png: [UInt8]
        do {
            png = try Self.png(image)
        } catch let error as DrawingError {
            if problem == nil { problem = error }
            return
        } catch {
            return
        }
        let id = "image\(imageIDs.count)"
        imageIDs[image] = id
        let rendering = item.smooth ? "" : " style=\"image-rendering:optimizeSpeed;image-rendering:pixelated\""
        line("<image id=\"\(id)\" \(placement) preserveAspectRatio=\"none\"\(rendering) href=\"data:image/png;base64,"
             + Data(png).base64EncodedString() + "\"/>")
    }

    public func paint(_ color: Color) {
        line("<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
             + Self.colorAttributes(color, prefix: "fill") + "/>")
    }

    public func beginGroup(_ group: SceneGroup) {
        var element = "<g"
        if let clip = group.clip { element += " clip-path=\"url(#\(clipID(for: clip)))\"" }
        if group.opacity < 1 { element += " opacity=\"\(Self.number(max(0, group.opacity)))\"" }
        line(element + ">")
        indent += 1
    }

    public func endGroup(_ group: SceneGroup) {
        indent -= 1
        line("</g>")
    }

    // MARK: Output

    /// The SVG document.
    ///
    /// - Parameter metadata: provenance as Dublin Core: `Title` as dc:title, `Software` as
    ///   dc:creator, every other pair as `key=value` in dc:description, in sorted key order.
    /// - Throws: `DrawingError` if an image could not be encoded.
    public func encoded(metadata: [String: String] = [:]) throws -> [UInt8] {
        if let problem { throw problem }
        var document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        document += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
        document += " width=\"\(Self.number(width))px\" height=\"\(Self.number(height))px\""
        document += " viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" version=\"1.1\">\n"
        document += Self.metadataElement(metadata)
        if !definitions.isEmpty { document += "<defs>\n" + definitions + "</defs>\n" }
        document += "<g>\n" + body + "</g>\n</svg>\n"
        return Array(document.utf8)
    }

    // MARK: Pieces

    private func line(_ text: String) {
        body += String(repeating: " ", count: indent) + text + "\n"
    }

    private func clipID(for rect: Rect) -> String {
        if let id = clipIDs[rect] { return id }
        let id = "clip\(clipIDs.count)"
        clipIDs[rect] = id
        definitions += "<clipPath id=\"\(id)\"><rect x=\"\(Self.number(rect.x))\" y=\"\(Self.number(rect.y))\""
            + " width=\"\(Self.number(rect.width))\" height=\"\(Self.number(rect.height))\"/></clipPath>\n"
        return id
    }

    static func metadataElement(_ metadata: [String: String]) -> String {
        guard !metadata.isEmpty else { return "" }
        var description = ""
        var terms = ""
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "Title": terms += "<dc:title>\(escape(value))</dc:title>"
            case "Software", "Creator": terms += "<dc:creator>\(escape(value))</dc:creator>"
            default: description += (description.isEmpty ? "" : "; ") + "\(key)=\(value)"
            }
        }
        if !description.isEmpty { terms += "<dc:description>\(escape(description))</dc:description>" }
        return "<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><rdf:Description rdf:about=\"\">"
            + "<dc:format>image/svg+xml</dc:format>" + terms + "</rdf:Description></rdf:RDF></metadata>\n"
    }

    /// SVG path data.
    static func pathData(_ segments: [ScenePath.Segment]) -> String {
        var parts: [String] = []
        parts.reserveCapacity(segments.count)
        func point(_ p: Point) -> String { number(p.x) + " " + number(p.y) }
        for segment in segments {
            switch segment {
            case .move(let p): parts.append("M" + point(p))
            case .line(let p): parts.append("L" + point(p))
            case .curve(let p, let c1, let c2): parts.append("C" + point(c1) + " " + point(c2) + " " + point(p))
            case .rectangle(let r):
                parts.append("M" + point(Point(x: r.x, y: r.y)) + "h" + number(r.width) + "v" + number(r.height)
                             + "h" + number(-r.width) + "Z")
            case .close: parts.append("Z")
            case .arc(let center, let radius, let start, let end):
                parts.append(arcData(center: center, radius: radius, start: start, end: end, point: point))
            }
        }
        return parts.joined(separator: " ")
    }

    /// An arc as the cubic Béziers cairo draws it with (cairo-arc.c): so many segments that
    /// none strays more than 0.1 unit from the circle, arcs over half a turn halved first,
    /// so a viewer that renders with cairo (librsvg) draws the very pixels of the PNG.
    static func arcData(center: Point, radius: Double, start: Double, end: Double, point: (Point) -> String) -> String {
        var end = end
        while end < start { end += 2 * Double.pi }
        func at(_ angle: Double) -> Point { Point(x: center.x + radius * cos(angle), y: center.y + radius * sin(angle)) }
        var data = "M" + point(at(start))
        func segments(from a: Double, to b: Double) {
            if b - a > Double.pi {
                let middle: Double = a + (b - a) / 2
                segments(from: a, to: middle)
                segments(from: middle, to: b)
                return
            }
            guard b != a else { return }
            let count = arcSegmentCount(angle: b - a, radius: radius)
            let step: Double = (b - a) / Double(count)
            var angle = a
            for k in 0..<count {
                // The last segment ends at b exactly, as cairo's does.
                let next: Double = k == count - 1 ? b : angle + step
                let h: Double = 4.0 / 3.0 * tan((next - angle) / 4.0)
                let rSinA: Double = radius * sin(angle), rCosA: Double = radius * cos(angle)
                let rSinB: Double = radius * sin(next), rCosB: Double = radius * cos(next)
                let c1 = Point(x: center.x + rCosA - h * rSinA, y: center.y + rSinA + h * rCosA)
                let c2 = Point(x: center.x + rCosB + h * rSinB, y: center.y + rSinB - h * rCosB)
                data += "C" + point(c1) + " " + point(c2) + " " + point(Point(x: center.x + rCosB, y: center.y + rSinB))
                angle += step
            }
        }
        segments(from: start, to: end)
        return data
    }

    /// cairo's segment count for an arc at its default tolerance of 0.1 unit.
    static func arcSegmentCount(angle: Double, radius: Double) -> Int {
        // The largest error of one Bézier segment spanning π/k of a unit circle (cairo's table).
        let errors: [Double] = [0.0185185185185185036127, 0.000272567143730179811158, 2.38647043651461047433e-05,
                                4.2455377443222443279e-06, 1.11281001494389081528e-06, 3.72662000942734705475e-07,
                                1.47783685574284411325e-07, 6.63240432022601149057e-08, 3.2715520137536980553e-08,
                                1.73863223499021216974e-08, 9.81410988043554039085e-09]
        let tolerance: Double = 0.1 / radius
        var maxAngle: Double = Double.pi / Double(errors.count)
        for (index, error) in errors.enumerated() where error < tolerance {
            maxAngle = Double.pi / Double(index + 1)
            break
        }
        return max(1, Int((abs(angle) / maxAngle).rounded(.up)))
    }

    static func fontAttributes(_ font: Font, relativeTo base: Font?) -> String {
        var attributes = ""
        if font.family != base?.family {
            let fallback = font.family == Font.mathFamily ? "'Bitstream Vera Serif', serif" : "'Bitstream Vera Sans', Verdana, sans-serif"
            attributes += " font-family=\"'\(font.family)', \(fallback)\""
        }
        if font.size != base?.size { attributes += " font-size=\"\(number(font.size))\"" }
        if font.slant != (base?.slant ?? .upright) { attributes += font.slant == .italic ? " font-style=\"italic\"" : " font-style=\"normal\"" }
        if font.weight != (base?.weight ?? .regular) { attributes += font.weight == .bold ? " font-weight=\"bold\"" : " font-weight=\"normal\"" }
        return attributes
    }

    static func colorAttributes(_ color: Color, prefix: String) -> String {
        let (r, g, b, _) = color.bytes
        var attributes = " \(prefix)=\"#" + [r, g, b].map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined() + "\""
        if color.alpha < 1 { attributes += " \(prefix)-opacity=\"\(number(max(0, color.alpha)))\"" }
        return attributes
    }

    /// A coordinate to 1/1000, without trailing zeros: `12.5`, `-3`, `0.125`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let thousandths = (value * 1000).rounded()
        if thousandths == 0 { return "0" }
        let whole = Int(thousandths)
        let sign = whole < 0 ? "-" : ""
        let magnitude = abs(whole)
        var text = sign + String(magnitude / 1000)
        let fraction = magnitude % 1000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// Text with XML's special characters escaped and the control characters XML 1.0
    /// forbids left out.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if scalar.value < 32 && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The image as PNG bytes, through the same pixel conversion and encoder as PNG figures.
    static func png(_ image: RGBAImage) throws -> [UInt8] {
        let surface = try CairoImageSurface(image: image)
        cairo_surface_flush(surface.pointer)
        guard let data = cairo_image_surface_get_data(surface.pointer) else {
            throw DrawingError.cairo(operation: "encoding an image", message: "no pixel data")
        }
        return try PNGEncoder.encode(pixels: data, width: image.width, height: image.height,
                                     stride: Int(cairo_image_surface_get_stride(surface.pointer)),
                                     alpha: true, text: [], level: 0)
    }
}

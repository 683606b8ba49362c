@testable import Drawing
import Foundation
// Foundation's XML parser ships with the toolchain and answers XPath, which is all these
// tests ask of an SVG; XMLCoder or SWXMLHash would add a dependency for no more.
import FoundationXML
import Testing

/// What SVGWriter writes: text as text, scripts by dy and font-size, rotation by transform,
/// clips and images as shared definitions, Dublin Core provenance.
struct SVGWriterTests {
    /// The sample drawing as an SVG document.
    static func sample(metadata: [String: String] = [:]) throws -> (XMLDocument, String) {
        let canvas = try Canvas(width: 200, height: 150, format: .svg)
        drawSample(on: canvas)
        let bytes = try canvas.encoded(metadata: metadata)
        return (try XMLDocument(data: Data(bytes)), String(decoding: bytes, as: UTF8.self))
    }

    static func attributes(_ node: XMLNode) -> [String: String] {
        // attribute(forName:) misses attributes of namespaced elements in swift-corelibs-foundation.
        guard let element = node as? XMLElement else { return [:] }
        return Dictionary(uniqueKeysWithValues: (element.attributes ?? []).map { ($0.name ?? "", $0.stringValue ?? "") })
    }

    @Test("the document's unit is the px, its view box the canvas")
    func units() throws {
        let (document, _) = try Self.sample()
        let root = try #require(document.rootElement())
        let attributes = Self.attributes(root)
        #expect(attributes["width"] == "200px")
        #expect(attributes["height"] == "150px")
        #expect(attributes["viewBox"] == "0 0 200 150")
    }

    @Test("every label is a <text> whose tspans spell it, and no glyph outlines are written")
    func textIsText() throws {
        let (document, source) = try Self.sample()
        let texts = try document.nodes(forXPath: "//*[local-name()='text']")
        #expect(texts.count == 2)
        let words = texts.map { $0.stringValue ?? "" }
        // The spaces around "=" are the layout's gaps (TeX's), not characters.
        #expect(words.contains("cost a(1)2=σ(z)"))
        #expect(words.contains("∂C/∂w"))
        #expect(!source.contains("glyph"))
        #expect(!source.contains("baseline-shift"))
    }

    @Test("a superscript rises and a subscript falls by dy, both smaller, and each run starts where the layout put it")
    func scripts() throws {
        let (document, _) = try Self.sample()
        let spans = try document.nodes(forXPath: "//*[local-name()='text'][1]/*[local-name()='tspan']")
        let byText = Dictionary(spans.map { ($0.stringValue ?? "", Self.attributes($0)) }, uniquingKeysWith: { first, _ in first })
        let base = try #require(byText["a"])
        let sup = try #require(byText["("])
        let sub = try #require(byText["2"])
        let supRise = try #require(Double(sup["dy"] ?? ""))
        let subDrop = try #require(Double(sub["dy"] ?? ""))
        #expect(supRise < 0, "the superscript rises")
        #expect(subDrop > -supRise, "the subscript, after the superscript, falls below the baseline")
        let scriptSize = try #require(Double(sup["font-size"] ?? ""))
        #expect(abs(scriptSize - 14 * TextLayout.scriptScale) < 0.001)
        #expect(base["font-style"] == "italic")
        #expect(base["font-family"]?.hasPrefix("'DejaVu Serif'") == true)
        // The sub- and superscript start at one x, as TextLayout stacks them.
        #expect(sup["x"]?.split(separator: " ").first == sub["x"]?.split(separator: " ").first)
    }

    @Test("each character sits at cairo's advance: the SVG's x list equals the measured offsets")
    func characterPositions() throws {
        let canvas = try Canvas(width: 300, height: 100, format: .svg)
        canvas.draw("Cost C", font: .sans(size: 20), color: .black, at: Point(x: 10, y: 50))
        let writer = SVGWriter(width: 300, height: 100)
        writer.render(canvas.scene)
        let document = try XMLDocument(data: Data(try writer.encoded()))
        let span = try #require(try document.nodes(forXPath: "//*[local-name()='tspan']").first)
        let xs = (Self.attributes(span)["x"] ?? "").split(separator: " ").compactMap { Double($0) }
        #expect(xs.count == 6)
        let measurer = try CairoContext.measuring(format: .svg, scale: 1)
        for k in 1...5 {
            let prefix = String("Cost C".prefix(k))
            let advance = measurer.metrics(of: prefix, font: .sans(size: 20)).advance
            #expect(abs(xs[k] - (10 + advance)) < 0.002, "\(prefix)")
        }
    }

    @Test("a rotated label is turned by a transform about its anchor")
    func rotation() throws {
        let (document, _) = try Self.sample()
        let texts = try document.nodes(forXPath: "//*[local-name()='text']")
        let rotated = try #require(texts.first { $0.stringValue == "∂C/∂w" })
        #expect(Self.attributes(rotated)["transform"] == "translate(20,140) rotate(-90)")
    }

    @Test("clips are clipPath definitions and a drawn image is an embedded PNG; the same image again is a <use>")
    func definitions() throws {
        let canvas = try Canvas(width: 100, height: 100, format: .svg)
        var image = RGBAImage(width: 2, height: 2, fill: .white)
        image[0, 0] = .black
        canvas.withState {
            canvas.clip(to: Rect(x: 0, y: 0, width: 50, height: 50))
            canvas.drawImage(image, in: Rect(x: 0, y: 0, width: 40, height: 40))
        }
        canvas.drawImage(image, in: Rect(x: 50, y: 50, width: 40, height: 40))
        let document = try XMLDocument(data: Data(try canvas.encoded()))
        let clip = try #require(try document.nodes(forXPath: "//*[local-name()='clipPath']/*[local-name()='rect']").first)
        #expect(Self.attributes(clip)["width"] == "50")
        let group = try #require(try document.nodes(forXPath: "//*[local-name()='g'][@clip-path]").first)
        #expect(Self.attributes(group)["clip-path"] == "url(#clip0)")
        let images = try document.nodes(forXPath: "//*[local-name()='image']")
        #expect(images.count == 1)
        let href = Self.attributes(images[0])["href"] ?? ""
        #expect(href.hasPrefix("data:image/png;base64,"))
        let png = try #require(Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count))))
        #expect(try RGBAImage(pngData: Array(png)) == image)
        let uses = try document.nodes(forXPath: "//*[local-name()='use']")
        #expect(uses.count == 1)
        #expect(Self.attributes(uses[0])["x"] == "50")
    }

    @Test("provenance is RDF with Dublin Core terms, escaped")
    func provenance() throws {
        let (document, _) = try Self.sample(metadata: ["Software": "netfig 0.1 & co", "Spec": "not.yaml", "Title": "A <title>"])
        let creator = try document.nodes(forXPath: "//*[local-name()='creator']").first?.stringValue
        #expect(creator == "netfig 0.1 & co")
        #expect(try document.nodes(forXPath: "//*[local-name()='title']").first?.stringValue == "A <title>")
        #expect(try document.nodes(forXPath: "//*[local-name()='description']").first?.stringValue == "Spec=not.yaml")
        let rdf = try #require(try document.nodes(forXPath: "//*[local-name()='RDF']").first as? XMLElement)
        #expect(rdf.uri == "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
    }

    @Test("a circle's path is cairo's Béziers for it, so librsvg draws the PNG's pixels")
    func arcs() throws {
        // A full circle of radius 10: two half turns, each in segments cairo's tolerance allows.
        let data = SVGWriter.pathData([.arc(center: Point(x: 50, y: 50), radius: 10, start: 0, end: 2 * Double.pi), .close])
        #expect(data.hasPrefix("M60 50C"))
        #expect(data.hasSuffix("60 50 Z"))
        let curves = data.filter { $0 == "C" }.count
        #expect(curves == 2 * SVGWriter.arcSegmentCount(angle: Double.pi, radius: 10))
        #expect(SVGWriter.arcSegmentCount(angle: Double.pi, radius: 10) == 2)
        #expect(SVGWriter.arcSegmentCount(angle: Double.pi, radius: 1000) == 3)
    }

    @Test("numbers are written to a thousandth without trailing zeros")
    func numbers() {
        #expect(SVGWriter.number(12.5) == "12.5")
        #expect(SVGWriter.number(-3) == "-3")
        #expect(SVGWriter.number(0.1254) == "0.125")
        #expect(SVGWriter.number(-0.0004) == "0")
        #expect(SVGWriter.number(1.0005) == "1.001")
        #expect(SVGWriter.number(-2.05) == "-2.05")
    }
}

import Drawing
import Foundation
import FoundationXML
import Testing

@Test(arguments: OutputFormat.allCases)
func rerunsGiveIdenticalBytes(format: OutputFormat) throws {
    func render() throws -> [UInt8] {
        let canvas = try Canvas(width: 200, height: 150, format: format)
        drawSample(on: canvas)
        return try canvas.encoded(metadata: ["Software": "netfig test", "spec-sha256": "abc123"])
    }
    let first = try render()
    let second = try render()
    #expect(!first.isEmpty)
    #expect(first == second)
}

@Test func svgUsesPixelsAndRenumberedIDs() throws {
    // Draw something first so the process-wide counters are not at their start.
    _ = try { () throws -> [UInt8] in
        let warmUp = try Canvas(width: 50, height: 50, format: .svg)
        drawSample(on: warmUp)
        return try warmUp.encoded()
    }()
    let canvas = try Canvas(width: 200, height: 150, format: .svg)
    drawSample(on: canvas)
    let bytes = try canvas.encoded(metadata: ["Software": "netfig 0.1 & co"])
    let document = try XMLDocument(data: Data(bytes))
    let root = try #require(document.rootElement())
    // attribute(forName:) misses attributes of namespaced elements in swift-corelibs-foundation.
    let attributes = Dictionary(uniqueKeysWithValues: (root.attributes ?? []).map { ($0.name ?? "", $0.stringValue ?? "") })
    #expect(attributes["width"] == "200px")
    #expect(attributes["height"] == "150px")
    let ids = try document.nodes(forXPath: "//@id").compactMap { $0.stringValue }
    #expect(!ids.isEmpty)
    for family in ["surface", "glyph", "clip", "image"] {
        let numbers = ids.filter { $0.hasPrefix(family) }
            .compactMap { Int($0.dropFirst(family.count).prefix { $0.isNumber }) }
        if let smallest = numbers.min() { #expect(smallest == 0, "\(family) ids start at 0: \(numbers)") }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("<metadata"))
    #expect(text.contains("netfig 0.1 &amp; co"))
}

@Test func pdfStartsWithMagicAndCarriesCreator() throws {
    let canvas = try Canvas(width: 200, height: 150, format: .pdf)
    drawSample(on: canvas)
    let bytes = try canvas.encoded(metadata: ["Software": "netfig 0.1", "spec": "abc"])
    #expect(Array(bytes.prefix(5)) == Array("%PDF-".utf8))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("netfig 0.1"))
    // Fixed dates, so reruns on another day give the same bytes.
    #expect(text.contains("/CreationDate (20000101000000Z)"))
    #expect(text.contains("/ModDate (20000101000000Z)"))
}

@Test func pngCarriesTextChunks() throws {
    let canvas = try Canvas(width: 20, height: 20, format: .png)
    canvas.fillBackground(.white)
    let bytes = try canvas.encoded(metadata: ["Software": "netfig 0.1", "spec-sha256": "abc", "Note": "∂C/∂w"])
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("tEXtSoftware\0netfig 0.1"))
    #expect(text.contains("tEXtspec-sha256\0abc"))
    #expect(text.contains("iTXtNote"))
    _ = try RGBAImage(pngData: bytes)
}

@Test func vectorCanvasEncodesOnlyOnce() throws {
    let canvas = try Canvas(width: 20, height: 20, format: .svg)
    _ = try canvas.encoded()
    #expect(throws: DrawingError.alreadyFinished(format: .svg)) { try canvas.encoded() }
}

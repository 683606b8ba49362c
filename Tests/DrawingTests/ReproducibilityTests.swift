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

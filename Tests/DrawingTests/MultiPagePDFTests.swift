import Drawing
import Foundation
import Testing

/// A scene of one size with a mark that tells pages apart.
private func scene(width: Double, height: Double, mark: Double) throws -> Scene {
    let canvas = try Canvas(width: width, height: height, format: .pdf)
    drawSample(on: canvas)
    canvas.rectangle(Rect(x: mark, y: 0, width: 5, height: 5))
    canvas.fill(.black)
    return canvas.scene
}

/// The page sizes a PDF written by cairo declares, in page order (cairo writes its page
/// objects as plain text: `/Type /Page % N` then `/MediaBox [ 0 0 W H ]`).
private func mediaBoxes(_ bytes: [UInt8]) -> [String] {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.split(separator: "\n").filter { $0.contains("/MediaBox") }.map {
        $0.replacingOccurrences(of: "/MediaBox", with: "").trimmingCharacters(in: .whitespaces)
    }
}

struct MultiPagePDFTests {
    @Test("pages come in the order added, each the size of its scene, with no page more")
    func pages() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/deck/frames.pdf"
        let document = try MultiPagePDF(path: path, width: 200, height: 160)
        try document.add(scene(width: 200, height: 160, mark: 10))
        try document.add(scene(width: 200, height: 160, mark: 20))
        try document.add(scene(width: 320, height: 180, mark: 30))
        #expect(document.pageCount == 3)
        #expect(!FileManager.default.fileExists(atPath: path), "the file appears only when finished")
        try document.finish(metadata: ["Software": "netfig test"])
        let bytes = try FileOutput.read(path)
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        #expect(mediaBoxes(bytes) == ["[ 0 0 200 160 ]", "[ 0 0 200 160 ]", "[ 0 0 320 180 ]"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/deck") == ["frames.pdf"])
    }

    @Test("the same pages give the same bytes")
    func reproducible() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var outputs: [[UInt8]] = []
        for name in ["a.pdf", "b.pdf"] {
            let document = try MultiPagePDF(path: folder + "/" + name, width: 200, height: 160)
            for mark in [10.0, 50.0] { try document.add(scene(width: 200, height: 160, mark: mark)) }
            try document.finish(metadata: ["Software": "netfig test"])
            outputs.append(try FileOutput.read(folder + "/" + name))
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test("a document dropped unfinished, or finished without a page, leaves no file and no folder made for it")
    func unfinished() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let document = try MultiPagePDF(path: folder + "/new/frames.pdf", width: 200, height: 160)
            try document.add(scene(width: 200, height: 160, mark: 10))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/new").count == 1, "the temporary file")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let empty = try MultiPagePDF(path: folder + "/empty.pdf", width: 200, height: 160)
        #expect(throws: DrawingError.self) { try empty.finish() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}

struct RasterCopyTests {
    @Test("an SVG or PDF canvas's PNG copy shows what a PNG canvas of the same drawing shows", arguments: [OutputFormat.svg, .pdf])
    func copy(format: OutputFormat) throws {
        let vector = try Canvas(width: 200, height: 160, format: format, scale: 2)
        drawSample(on: vector)
        let raster = try Canvas(width: 200, height: 160, format: .png, scale: 2)
        drawSample(on: raster)
        let copy = try RGBAImage(pngData: vector.encodedPNG())
        let reference = try raster.image()
        #expect(copy.width == 400 && copy.height == 320)
        let differences = zip(copy.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }
        let mean = Double(differences.reduce(0, +)) / Double(differences.count)
        #expect(mean < 0.5, "mean difference \(mean) of 255")
        // The measure tells pictures apart: the drawing against its background alone.
        let blank = try Canvas(width: 200, height: 160, format: .png, scale: 2)
        blank.fillBackground(.white)
        let far = zip(copy.pixels, try blank.image().pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        #expect(Double(far) / Double(differences.count) > 4 * 0.5, "blank: \(Double(far) / Double(differences.count))")
    }

    @Test("a vector canvas still encodes as itself after its PNG copy")
    func bothEncodings() throws {
        let canvas = try Canvas(width: 100, height: 80, format: .svg)
        drawSample(on: canvas)
        _ = try canvas.encodedPNG()
        let svg = try canvas.encoded()
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
    }
}

import Drawing
import Testing

@Test func formatFollowsExtension() throws {
    #expect(try OutputFormat(path: "out/a.png") == .png)
    #expect(try OutputFormat(path: "b.SVG") == .svg)
    #expect(try OutputFormat(path: "/x/y.z/c.pdf") == .pdf)
}

@Test(arguments: ["figure.jpg", "figure", "out.png/figure", "figure.csv"])
func badExtensionNamesAcceptedOnes(path: String) {
    do {
        _ = try OutputFormat(path: path)
        Issue.record("expected an error for \(path)")
    } catch {
        let message = String(describing: error)
        #expect(message.contains(".png, .svg, .pdf"))
        #expect(message.contains(path))
    }
}

import ArgumentParser
import Drawing
import Foundation
import NetfigSpec

/// `netfig demo [-o DIR]`: the gallery, every figure from a spec in `assets/`.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the gallery: every kind of figure, from the specs in assets/.",
        discussion: """
            The seed's numbers (as text), its three pictures as labelled diagrams, the
            NOT neuron's cost surfaces at the seed's three settings with their descent
            paths, the vector layer, the course's heart network trained (curve,
            surfaces, fit, diagram; its cost along random directions, on its training
            run's plane and along the line to the trained network), decision maps (XOR;
            the spiral with Playground's features and a held-out half, and what its
            features and neurons compute), a sine fitted
            with its residuals, a network drawn for its shape alone, and short animations of the NOT
            neuron and the heart network (with an MP4 when ffmpeg is installed). `make
            demo` runs it into output/.

            Examples:
              netfig demo                          # into output/
              netfig demo -o /tmp/gallery --assets ~/netfig/assets
              netfig demo --gallery -o assets/gallery   # the README's small copies
            """
    )

    @Option(name: .short, help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("The folder holding the example specs.", valueName: "dir"))
    var assets: String = "assets"

    @Flag(help: "Only the README's pictures, as small PNGs (scale 1), default folder assets/gallery.")
    var gallery = false

    /// One figure of the gallery: a netfig command line, with {assets} and {out} filled in.
    struct Item {
        let arguments: [String]
        let inGallery: Bool
    }

    static let items: [Item] = {
        var items: [Item] = []
        func add(_ arguments: String, gallery: Bool = false) {
            items.append(Item(arguments: arguments.split(separator: " ").map(String.init), inGallery: gallery))
        }
        add("train {assets}/heart.yaml -o {out}/heart-curve.png --save {out}/heart-trained.yaml", gallery: true)
        add("train {assets}/heart.yaml -o {out}/heart-curve.svg")
        add("train {assets}/heart.yaml -o {out}/heart-curve.pdf")
        add("train {assets}/not.yaml -o {out}/not-curve.png")
        for format in ["png", "svg"] {
            let gallery = format == "png"
            add("diagram {assets}/not.yaml -o {out}/not-diagram.\(format) --biases", gallery: gallery)
            add("diagram {assets}/vector-layer.yaml -o {out}/vector-layer-diagram.\(format)", gallery: gallery)
            add("diagram {assets}/hidden-layer.yaml -o {out}/hidden-layer-diagram.\(format)", gallery: gallery)
            add("diagram {assets}/vector-layer.yaml -o {out}/vector-layer-values.\(format) --labels values --biases --input 0.3,0.4,0.1", gallery: gallery)
            add("diagram {assets}/heart.yaml -o {out}/heart-diagram.\(format) --labels none", gallery: gallery)
            add("diagram {assets}/hidden-layer.yaml -o {out}/hidden-layer-backward.\(format) --color gradients --labels values", gallery: gallery)
        }
        for spec in ["not", "not-saturated", "not-trained"] {
            for format in ["png", "svg"] {
                add("surface {assets}/\(spec).yaml --x w1 --y b1 -o {out}/\(spec)-surface.\(format) --x-range -10:10 --y-range -10:10 --descent 200 --rate 0.5",
                    gallery: spec == "not" && format == "png")
            }
        }
        add("surface {out}/heart-trained.yaml --x W3[1,1] --y b3[1] -o {out}/heart-surface.png", gallery: true)
        add("surface {assets}/heart.yaml --x W3[1,1] --y b3[1] --descent 10000 --train-all -o {out}/heart-surface-trained.png")
        add("surface {assets}/not.yaml --x w1 --y b1 --descent 200 --compare gd,momentum,adam --rate 0.5 -o {out}/not-rivals.png", gallery: true)
        add("surface {assets}/not.yaml --x w1 --y b1 --x-range -4:4 --y-range -4:4 --gradient-field --descent 60 -o {out}/not-field.png")
        add("surface {assets}/not.yaml --x w1 --y b1 --view 3d --descent 200 --rate 0.5 --azimuth 30 --elevation 45 -o {out}/not-surface-3d.png", gallery: true)
        add("surface {out}/heart-trained.yaml --x random --y random -o {out}/heart-random-surface.png")
        add("surface {assets}/heart.yaml --plane pca -o {out}/heart-pca-surface.png", gallery: true)
        add("profile {assets}/heart.yaml --toward {out}/heart-trained.yaml -o {out}/heart-profile.png", gallery: true)
        add("fit {assets}/heart.yaml -o {out}/heart-fit-before.png")
        add("fit {assets}/heart.yaml --history 100 -o {out}/heart-fit.png", gallery: true)
        add("fit {assets}/heart.yaml --history 100 -o {out}/heart-fit.pdf")
        add("fit {assets}/xor.yaml --train -o {out}/xor-map.png", gallery: true)
        // Playground's features, sets and test examples; a network drawn for its shape alone.
        add("diagram {assets}/spiral.yaml -o {out}/spiral-diagram.png", gallery: true)
        add("fit {assets}/spiral.yaml --train --discretize -o {out}/spiral-map.png", gallery: true)
        add("train {assets}/spiral.yaml -o {out}/spiral-curve.png")
        add("fit {assets}/xor-features.yaml --train -o {out}/xor-features-map.png")
        add("fit {assets}/sine.yaml --train --residuals -o {out}/sine-fit.png", gallery: true)
        add("diagram {assets}/architecture.yaml -o {out}/architecture-diagram.png", gallery: true)
        add("diagram {assets}/architecture.yaml -o {out}/architecture-diagram.svg")
        add("chain {assets}/not-derivative.yaml --weight b1 -o {out}/not-chain.png", gallery: true)
        add("neurons {assets}/heart.yaml --train -o {out}/heart-neurons.png", gallery: true)
        add("neurons {assets}/xor.yaml --train -o {out}/xor-neurons.png", gallery: true)
        add("neurons {assets}/spiral.yaml --train -o {out}/spiral-neurons.png", gallery: true)
        add("chain {assets}/not-derivative.yaml --weight b1 -o {out}/not-chain.svg")
        add("chain {assets}/heart.yaml --weight W1[3,1] --example 40 -o {out}/heart-chain.png")
        add("animate {assets}/not.yaml -o {out}/not-animation --frames 60")
        add("animate {assets}/heart.yaml -o {out}/heart-animation --frames 100 --spacing log")
        return items
    }()

    /// The seed's specs whose numbers `eval` writes as text.
    static let evaluated = ["not", "not-saturated", "not-trained", "not-derivative", "vector-layer", "vector-cost", "hidden-layer", "heart"]

    func run() throws {
        let folder = output ?? (gallery ? "assets/gallery" : "output")
        // The gallery's trained spec is a stepping stone, kept out of the README's folder.
        let scratch = gallery ? NSTemporaryDirectory() + "netfig-gallery-\(getpid())" : folder
        defer { if gallery { try? FileManager.default.removeItem(atPath: scratch) } }
        if !gallery {
            for name in Self.evaluated {
                let loaded = try SpecFile.load("\(assets)/\(name).yaml", needs: .examples(for: "eval"))
                let report = EvalReport(loaded, data: try loaded.requireData(for: "eval"))
                try FileOutput.write(Array(report.text.utf8), to: "\(folder)/\(name)-eval.txt")
                try StandardOutput.write("\(folder)/\(name)-eval.txt\n")
            }
        }
        for item in Self.items where !gallery || item.inGallery {
            var arguments = item.arguments.map {
                $0.replacingOccurrences(of: "{assets}", with: assets).replacingOccurrences(of: "{out}", with: folder)
            }
            if gallery {
                arguments = arguments.map { $0.hasSuffix("heart-trained.yaml") ? $0.replacingOccurrences(of: folder, with: scratch) : $0 }
                if arguments[0] != "animate" { arguments += ["--scale", "1"] }
            }
            var command = try Netfig.parseAsRoot(arguments)
            try command.run()
            if let index = arguments.firstIndex(of: "-o") {
                // The README's folder holds pictures only: not the directions of a plane.
                if gallery, arguments[0] == "surface" { try? FileManager.default.removeItem(atPath: SurfacePlane.sidecarPath(for: arguments[index + 1])) }
                try StandardOutput.write(arguments[index + 1] + "\n")
            }
        }
        if gallery {
            // One frame stands for the animations in the README.
            let frames = "\(scratch)/heart-animation"
            var command = try Netfig.parseAsRoot(["animate", "\(assets)/heart.yaml", "-o", frames, "--frames", "40", "--spacing", "log"])
            try command.run()
            let names = try FileManager.default.contentsOfDirectory(atPath: frames).filter { $0.hasPrefix("frame_") }.sorted()
            if let last = names.last {
                let bytes = try FileOutput.read("\(frames)/\(last)")
                try FileOutput.write(bytes, to: "\(folder)/heart-animation-frame.png")
                try StandardOutput.write("\(folder)/heart-animation-frame.png\n")
            }
        }
        if !gallery {
            if Video.which("ffmpeg") != nil {
                let frames = "\(folder)/heart-animation"
                try Video.make("\(folder)/heart-animation.mp4", frames: try Manifest.frameFiles(in: frames), folder: frames,
                               timing: .standard)
                try StandardOutput.write("\(folder)/heart-animation.mp4\n")
            } else {
                try StandardOutput.write("(no MP4: ffmpeg is not installed; apt-get install ffmpeg, then netfig demo again)\n")
            }
        }
    }
}

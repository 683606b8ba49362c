/// A piece of a laid-out label: one string in one font at an offset from the label's origin.
///
/// `x` grows to the right; `y` is the baseline shift, negative for superscripts.
struct TextRun: Equatable {
    var text: String
    var font: Font
    var x: Double
    var y: Double
}

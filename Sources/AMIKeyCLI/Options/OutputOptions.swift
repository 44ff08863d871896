import ArgumentParser

/// How results are printed, spelled as the AWS CLI spells it.
struct OutputOptions: ParsableArguments {
    /// The two renderings.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .customLong("output"), help: "text (for people, the default) or json (field names fixed, see DESIGN.md).")
    var format: Format = .text

    @Flag(name: .customLong("no-color"), help: "Plain text without colour (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false
}

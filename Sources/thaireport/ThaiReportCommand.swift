import Foundation
import ArgumentParser
import ReportSyntax
import ReportTemplates
import ThaiReport

/// The `thaireport` command line: a thin layer over `ReportPipeline`.
/// Exit status: 0 done, 1 the description has errors, 2 the tool could not run.
@main
struct ThaiReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thaireport",
        abstract: "Turns a YAML description of a Thai government report into a print-ready PDF.",
        subcommands: [Render.self, Check.self, Templates.self, New.self, Expand.self])
}

/// Prints diagnostics to standard error, one per line, in file order.
func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
}

/// Runs `body`, mapping description errors to exit status 1 and tool failures to 2.
func runReporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let list as DiagnosticList {
        report(list.items)
        FileHandle.standardError.write(Data("\(plural(list.errors.count, "error")) in the description; nothing was written\n".utf8))
        throw ExitCode(1)
    } catch let error as ToolError {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(2)
    }
}

/// Prints a description, or writes it to `target` (checked before the work that made `text`; an
/// existing file is never overwritten) and says what to do `next` with it. `inputs` are the files read.
func printOrCreate(_ text: String, target: OutputFile?, reading inputs: [String], next: String) throws {
    guard let target else { return try OutputFile.writeStandardOutput(Data(text.utf8)) }
    try target.write(Data(text.utf8), reading: inputs)
    print("wrote \(target.path); \(next) \(target.path)")
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render a description to PDF (default: next to it, same name, .pdf).")

    @Argument(help: "The report description (YAML).")
    var input: String

    @Option(name: .shortAndLong, help: "Where to write the PDF.")
    var output: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        try runReporting {
            let summary = try ReportPipeline.render(input: input, output: output)
            report(summary.warnings)
            if !quiet {
                print("wrote \(output ?? ReportPipeline.defaultOutput(for: input)) (\(plural(summary.pages, "page")))")
            }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate a description (fonts, images and layout included) without writing anything; lists every error.")

    @Argument(help: "The report description (YAML).")
    var input: String

    func run() throws {
        try runReporting {
            report(try ReportPipeline.check(path: input))
            print("\(input): no errors")
        }
    }
}

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the official report templates and their variants.")

    func run() throws {
        try runReporting {
            let library = try ReportPipeline.templateLibrary()
            for name in library.names {
                let template = try library.template(named: name)
                print("\(name)  \(template.title)")
                for variant in template.variantNames {
                    print("    variant \(variant)" + (template.variantComment(variant).map { ": \($0)" } ?? ""))
                }
            }
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a fillable description for a template, with a comment on every field.",
        discussion: "Without -o the description is printed. An existing file is never overwritten.")

    @Argument(help: "The template's name (see `thaireport templates`).")
    var template: String

    @Option(name: .shortAndLong, help: "Where to write the description.")
    var output: String?

    @Option(name: .long, help: "The variant to fill (default: the template's first).")
    var variant: String?

    func run() throws {
        try runReporting {
            let chosen = try ReportPipeline.templateLibrary().template(named: template)
            if let variant, !chosen.variantNames.contains(variant) {
                throw ToolError("template \(template) has no variant \(variant); its variants are " + chosen.variantNames.joined(separator: ", "))
            }
            let target = try output.map { try OutputFile($0, mode: .create, inputs: [chosen.path]) }
            try printOrCreate(DescriptionWriter(template: chosen).text(variant: variant), target: target, reading: [chosen.path],
                              next: "fill it in, then run: thaireport render")
        }
    }
}

struct Expand: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a description with its template filled in: a plain description to edit freely.",
        discussion: """
            The result renders to the same PDF as the input and names no template. Relative paths (pictures, \
            CSV files, fonts) still refer to the input's folder, so keep the result beside it. Without -o the \
            description is printed. An existing file is never overwritten.
            """)

    @Argument(help: "The report description (YAML) that names a template.")
    var input: String

    @Option(name: .shortAndLong, help: "Where to write the expanded description.")
    var output: String?

    func run() throws {
        try runReporting {
            let target = try output.map { try OutputFile($0, mode: .create, inputs: [input]) }
            let (root, inputs, warnings) = try ReportPipeline.description(path: input)
            report(warnings)
            let text = "# \(URL(fileURLWithPath: input).lastPathComponent) with its template filled in (thaireport expand)\n"
                + YAMLText.document(root)
            try printOrCreate(text, target: target, reading: inputs, next: "render it with: thaireport render")
        }
    }
}

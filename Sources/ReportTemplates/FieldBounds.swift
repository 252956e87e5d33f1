import Foundation
import ReportSyntax
import ThaiText

/// The range a number field's value must be in: `min` and `max`, each a number or an expression
/// computed from the description's top-level fields (`max: ${count(dimensions)}`, the number of
/// dimensions the plan lists). A value outside is an error that names the range.
struct FieldBounds {
    /// One end of the range.
    enum Bound {
        case number(Decimal)
        /// Computed from the description when it is checked.
        case expression(CompiledExpression)
    }

    var minimum: Bound?
    var maximum: Bound?

    /// Computes an expression bound from the description being checked; nil when it cannot be.
    typealias Resolver = (CompiledExpression) -> Decimal?

    /// The bounds written in a field's description; a bound that is neither a number nor one
    /// `${expression}` is reported.
    static func read(min: SyntaxNode?, max: SyntaxNode?, field: String, kind: FieldSpec.Kind, diagnostics: DiagnosticCollector) -> FieldBounds {
        guard min != nil || max != nil else { return FieldBounds() }
        guard kind == .number || kind == .integer else {
            diagnostics.error((min ?? max)!.location, "only a `number` or `integer` field can have `min` and `max`, not `\(field)`",
                              hint: "give `\(field)` `type: number` or remove the bound")
            return FieldBounds()
        }
        return FieldBounds(minimum: min.flatMap { bound($0, diagnostics: diagnostics) },
                           maximum: max.flatMap { bound($0, diagnostics: diagnostics) })
    }

    private static func bound(_ node: SyntaxNode, diagnostics: DiagnosticCollector) -> Bound? {
        guard let text = node.scalar else {
            diagnostics.error(node.location, "a bound must be a number or `${…}`, found \(node.kindName)")
            return nil
        }
        if let value = ThaiFormatting.parseNumber(text) { return .number(value) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("${"), trimmed.hasSuffix("}"), trimmed.count > 3 else {
            diagnostics.error(node.location, "a bound must be a number or one `${…}` expression, found `\(text)`",
                              hint: "write `max: 4` or `max: ${count(dimensions)}`")
            return nil
        }
        let source = String(trimmed.dropFirst(2).dropLast())
        let location = SourceLocation(file: node.location.file, line: node.location.line,
                                      column: node.location.column + 2 + (node.isQuoted ? 1 : 0))
        return TemplateCompiler(diagnostics: diagnostics, limits: .standard).compileExpression(source, at: location).map(Bound.expression)
    }

    /// The expressions of the bounds, for the template's checks of the names they use.
    var expressions: [CompiledExpression] {
        [minimum, maximum].compactMap { bound in
            if case let .expression(compiled)? = bound { return compiled }
            return nil
        }
    }

    /// Reports `value` (written `written` at `location`) when it is outside the range.
    func check(_ value: Decimal, written: String, at location: SourceLocation, path: String, resolve: Resolver?, diagnostics: DiagnosticCollector) {
        func resolved(_ bound: Bound?) -> (value: Decimal, source: String?)? {
            switch bound {
            case let .number(number)?: return (number, nil)
            case let .expression(compiled)?: return resolve?(compiled).map { ($0, compiled.source) }
            case nil: return nil
            }
        }
        let low = resolved(minimum), high = resolved(maximum)
        guard low.map({ value < $0.value }) == true || high.map({ value > $0.value }) == true else { return }
        func show(_ number: Decimal) -> String { ThaiFormatting.number(number, decimals: TemplateValue.decimals(of: number), grouping: false, digits: .arabic) }
        let range: String
        switch (low, high) {
        case let (low?, high?): range = "from \(show(low.value)) to \(show(high.value))"
        case let (low?, nil): range = "at least \(show(low.value))"
        case let (nil, high?): range = "at most \(show(high.value))"
        case (nil, nil): return
        }
        let sources = [low?.source, high?.source].compactMap { $0 }.map { "`\($0)`" }
        let computed = sources.isEmpty ? "" : " (\(sources.joined(separator: ", ")) in this description)"
        diagnostics.error(location, "`\(path)` is \(written.trimmingCharacters(in: .whitespaces)), outside its range: it must be \(range)\(computed)",
                          hint: "write a number \(range)")
    }
}

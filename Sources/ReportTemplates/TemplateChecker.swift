import ReportSyntax

/// One `let` definition of a template or variant, compiled.
struct Definition {
    let name: String
    let value: TemplateNode
    /// Where the definition's name is written.
    let location: SourceLocation
}

/// What the checker knows of a value: the field it comes from, a list of such values, or nothing.
indirect enum Shape {
    case unknown
    case field(FieldSpec)
    case items(Shape)

    /// The shape of one item, when this is a list.
    var element: Shape {
        switch self {
        case let .field(spec) where spec.kind == .list: return spec.itemSpec.map(Shape.field) ?? .unknown
        case let .items(item): return item
        default: return .unknown
        }
    }

    /// The list a field of every item makes: lists of lists are flattened, as evaluation does.
    var flattened: Shape {
        switch self {
        case .items: return .items(element)
        case let .field(spec) where spec.kind == .list: return .items(element)
        default: return .items(self)
        }
    }
}

/// Checks a compiled template for one variant on every branch, taken or not, before any description
/// is filled in: each name an expression uses is a loop variable in scope, a field, a `let`
/// definition or `variant`; each field of a record it reads exists; definitions do not refer to
/// themselves nor nest too deep, and are used only where the loop variables they need are defined.
/// (Function names and argument counts are checked when expressions are parsed.)
final class TemplateChecker {
    /// A problem found, reported at its place.
    struct Problem: Hashable {
        var location: SourceLocation
        var message: String
        var hint: String?
    }

    /// What the walk of one definition found.
    private struct Facts {
        /// Definitions it uses, each with the names its own loops define around every use.
        var references: [String: Set<String>] = [:]
        /// Names it uses that only a loop around its use can define, with where each is first written.
        var freeNames: [(name: String, location: SourceLocation, quotedSource: String)] = []
        /// Whether it reads a name some loop gives (even one that is also a field) or counts with a
        /// `counter`: then its value may differ from one use to the next.
        var variesWithUse = false
        var shape = Shape.unknown
    }

    private let fields: FieldSpec
    private let definitions: [String: Definition]
    private let maximumDepth: Int
    /// Every name a loop anywhere in the template defines.
    private let loopNames: Set<String>
    private var facts: [String: Facts] = [:]
    private var walking: Set<String> = []
    private var requirementsFound: [String: (names: Set<String>, variesWithUse: Bool)] = [:]
    /// Whether no definition refers to itself or nests too deep, so their needs can be followed.
    private var nestingIsSound = true
    private(set) var problems: [Problem] = []
    private var reported: Set<Problem> = []

    init(fields: FieldSpec, definitions: [String: Definition], loopNames: Set<String>, limits: InputLimits) {
        self.fields = fields
        self.definitions = definitions
        self.loopNames = loopNames
        self.maximumDepth = limits.maximumDefinitionDepth
    }

    /// Checks the definitions and `body`; returns the definitions that read no name a loop gives and
    /// count nothing, whose value is the same wherever they are used.
    func check(body: TemplateNode) -> Set<String> {
        for name in definitions.keys.sorted() { _ = facts(of: name, depth: 0) }
        checkNesting()
        for name in definitions.keys.sorted() {
            for free in facts[name]?.freeNames ?? [] where !loopNames.contains(free.name) {
                report(free.location, "in \(free.quotedSource): nothing is called `\(free.name)`", hint: suggestion(for: free.name, scope: [:]))
            }
        }
        walk(body, scope: [:], definition: nil)
        // Bounds of fields are computed before any loop runs, from the top-level names only.
        for compiled in fields.boundExpressions { shape(of: compiled.expression, in: compiled, scope: [:], definition: nil) }
        guard nestingIsSound else { return [] }
        return Set(definitions.keys.filter { !requirements(of: $0).variesWithUse })
    }

    // MARK: Walking nodes and expressions

    /// The definition being walked, how deep definitions are nested there, and what its walk finds.
    private final class Walked {
        let depth: Int
        var facts = Facts()
        init(depth: Int) { self.depth = depth }
    }

    private func facts(of name: String, depth: Int) -> Facts? {
        if let known = facts[name] { return known }
        guard let definition = definitions[name], !walking.contains(name), depth <= maximumDepth else { return nil }
        walking.insert(name)
        defer { walking.remove(name) }
        let walked = Walked(depth: depth)
        walked.facts.shape = walk(definition.value, scope: [:], definition: walked)
        facts[name] = walked.facts
        return walked.facts
    }

    /// Walks a node with the loop variables in `scope`; returns the shape of an expression node.
    @discardableResult
    private func walk(_ node: TemplateNode, scope: [String: Shape], definition: Walked?) -> Shape {
        switch node {
        case .literal:
            return .unknown
        case let .expression(compiled, _):
            return shape(of: compiled.expression, in: compiled, scope: scope, definition: definition)
        case let .text(parts, _):
            for case let .expression(compiled) in parts { shape(of: compiled.expression, in: compiled, scope: scope, definition: definition) }
        case let .list(items, _):
            for item in items { walk(item, scope: scope, definition: definition) }
        case let .mapping(pairs, _):
            for pair in pairs { walk(pair.value, scope: scope, definition: definition) }
        case let .directive(directive):
            let subject = shape(of: directive.subject.expression, in: directive.subject, scope: scope, definition: definition)
            switch directive.kind {
            case let .loop(loop):
                var inner = scope
                inner[loop.item] = subject.element
                for name in [loop.index, loop.counter].compactMap({ $0 }) { inner[name] = .unknown }
                if loop.counter != nil { definition?.facts.variesWithUse = true }
                walk(loop.body, scope: inner, definition: definition)
            case let .condition(then, otherwise):
                walk(then, scope: scope, definition: definition)
                if let otherwise { walk(otherwise, scope: scope, definition: definition) }
            case .insert:
                return subject
            case let .warning(message, at):
                walk(message, scope: scope, definition: definition)
                if let at { shape(of: at.expression, in: at, scope: scope, definition: definition) }
            }
        }
        return .unknown
    }

    @discardableResult
    private func shape(of expression: Expression, in compiled: CompiledExpression, scope: [String: Shape], definition: Walked?) -> Shape {
        @discardableResult func inner(_ expression: Expression) -> Shape { shape(of: expression, in: compiled, scope: scope, definition: definition) }
        switch expression {
        case .literal:
            return .unknown
        case let .name(name, offset):
            return use(name, at: compiled.location(at: offset), in: compiled, scope: scope, definition: definition)
        case let .member(base, field, offset):
            return member(field, of: inner(base), at: compiled.location(at: offset), in: compiled)
        case let .index(base, index, _):
            inner(index)
            return inner(base).element
        case let .list(items):
            items.forEach { inner($0) }
            return .unknown
        case let .call(function, arguments, _):
            let shapes = arguments.map(inner)
            switch function.name {
            case "first", "last": return shapes[0].element
            case "if": return known(shapes.dropFirst())
            default: return .unknown
            }
        case let .not(operand), let .negate(operand, _):
            inner(operand)
            return .unknown
        case let .chain(first, operations):
            let shapes = [inner(first)] + operations.map { inner($0.operand) }
            return operations.allSatisfy { $0.symbol == .fallback } ? known(shapes[...]) : .unknown
        }
    }

    /// The first shape that is known.
    private func known(_ shapes: ArraySlice<Shape>) -> Shape {
        shapes.first { if case .unknown = $0 { return false } else { return true } } ?? .unknown
    }

    /// A name as evaluation resolves it: a loop variable in scope, a field, `variant`, a definition.
    private func use(_ name: String, at location: SourceLocation, in compiled: CompiledExpression, scope: [String: Shape],
                     definition: Walked?) -> Shape {
        if let shape = scope[name] { return shape }
        if loopNames.contains(name) { definition?.facts.variesWithUse = true }
        if let spec = fields.field(name) { return .field(spec) }
        if name == "variant" { return .unknown }
        if definitions[name] != nil {
            guard let definition else {
                for free in nestingIsSound ? requirements(of: name).names.sorted() : [] where scope[free] == nil && loopNames.contains(free) {
                    report(location, "in \(compiled.quotedSource): `\(name)` uses `\(free)`, which is not defined here",
                           hint: "use `\(name)` inside a `for-each` that names `\(free)`")
                }
                return facts(of: name, depth: 0)?.shape ?? .unknown
            }
            let bound = Set(scope.keys)
            definition.facts.references[name] = definition.facts.references[name].map { $0.intersection(bound) } ?? bound
            return facts(of: name, depth: definition.depth + 1)?.shape ?? .unknown
        }
        if let definition {
            if !definition.facts.freeNames.contains(where: { $0.name == name }) {
                definition.facts.freeNames.append((name, location, compiled.quotedSource))
            }
            return .unknown
        }
        report(location, "in \(compiled.quotedSource): nothing is called `\(name)`", hint: suggestion(for: name, scope: scope))
        return .unknown
    }

    /// The shape of `field` read from a value of `shape`; a record that has no such field is reported.
    private func member(_ field: String, of shape: Shape, at location: SourceLocation, in compiled: CompiledExpression) -> Shape {
        switch shape {
        case .unknown:
            return .unknown
        case let .items(item):
            return member(field, of: item, at: location, in: compiled).flattened
        case let .field(spec):
            if spec.kind == .list, let item = spec.itemSpec { return member(field, of: .field(item), at: location, in: compiled).flattened }
            guard spec.kind == .record else { return .unknown }
            if let found = spec.field(field) { return .field(found) }
            let names = spec.fields.map(\.name)
            report(location, "in \(compiled.quotedSource): there is no field `\(field)` here",
                   hint: Suggestion.nearest(to: field, in: names).map { "did you mean `\($0)`?" } ?? "the fields are " + names.joined(separator: ", "))
            return .unknown
        }
    }

    // MARK: Definitions using one another

    /// Reports definitions that refer to themselves, and those at the head of a chain of definitions
    /// used inside one another that is longer than the limit (once for a chain, where it starts).
    /// Walks the definitions without recursion, so any number of them is safe.
    private func checkNesting() {
        // How many definitions the longest chain from each holds (1: it uses none); nil: a circle.
        var heights: [String: Int?] = [:]
        for root in definitions.keys.sorted() where heights[root] == nil {
            var stack: [(name: String, pending: [String])] = [(root, references(of: root))]
            var onStack: Set<String> = [root]
            while let top = stack.last {
                if let next = top.pending.last {
                    stack[stack.count - 1].pending.removeLast()
                    if onStack.contains(next) {
                        let circle = stack.map(\.name).drop { $0 != next }
                        report(definitions[next]!.location, "`\(next)` refers to itself" + (circle.count > 1 ? " through "
                            + circle.dropFirst().map { "`\($0)`" }.joined(separator: ", ") : ""), hint: "a definition cannot use its own value")
                        for member in circle { heights[member] = .some(nil) }
                    } else if heights[next] == nil {
                        stack.append((next, references(of: next)))
                        onStack.insert(next)
                    }
                    continue
                }
                stack.removeLast()
                onStack.remove(top.name)
                if heights[top.name] != nil { continue }
                let below = references(of: top.name).map { heights[$0] ?? .some(0) }
                heights[top.name] = below.contains { $0 == nil } ? .some(nil) : 1 + (below.compactMap { $0 }.max() ?? 0)
            }
        }
        let tooDeep = Set(heights.compactMap { name, height in (height ?? 0) > maximumDepth ? name : nil })
        let usedByTooDeep = Set(tooDeep.flatMap(references(of:)))
        for name in tooDeep.subtracting(usedByTooDeep).sorted() {
            report(definitions[name]!.location, "`\(name)` uses `let` definitions inside one another more than \(maximumDepth) deep",
                   hint: "use fewer steps")
        }
        nestingIsSound = tooDeep.isEmpty && !heights.values.contains { $0 == nil }
    }

    /// The definitions `name` uses, in a fixed order.
    private func references(of name: String) -> [String] {
        (facts[name]?.references.keys).map { $0.sorted() } ?? []
    }

    /// The loop variables a definition needs where it is used (its own, and those the definitions it
    /// uses need where its own loops do not define them), and whether its value may differ from one
    /// use to the next. Called once definitions are known not to refer to themselves.
    private func requirements(of name: String) -> (names: Set<String>, variesWithUse: Bool) {
        if let known = requirementsFound[name] { return known }
        guard let found = facts[name] else { return ([], false) }
        var names = Set(found.freeNames.map(\.name)), variesWithUse = found.variesWithUse
        for (reference, bound) in found.references {
            let needed = requirements(of: reference)
            names.formUnion(needed.names.subtracting(bound))
            variesWithUse = variesWithUse || needed.variesWithUse
        }
        requirementsFound[name] = (names, variesWithUse)
        return (names, variesWithUse)
    }

    // MARK: Reporting

    private func report(_ location: SourceLocation, _ message: String, hint: String?) {
        let problem = Problem(location: location, message: message, hint: hint)
        if reported.insert(problem).inserted { problems.append(problem) }
    }

    private func suggestion(for name: String, scope: [String: Shape]) -> String? {
        let names = Array(scope.keys) + fields.fields.map(\.name) + definitions.keys.sorted() + ["variant"] + loopNames.sorted()
        return Suggestion.nearest(to: name, in: names).map { "did you mean `\($0)`?" }
    }
}

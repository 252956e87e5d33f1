import ReportSyntax

/// What filling in a template may still make and do, from `InputLimits`, counted as the expansion
/// grows and before it allocates. The description it makes may hold no more values and text than a
/// written one; the work is counted in steps (values a `let` makes among them), and the text it
/// builds (with `+`, `join` and texts with `${…}` in them) is bounded like the text it writes.
/// Running out ends the expansion with `ExpansionLimitReached`, located at `place`: the part of the
/// template being filled in.
final class ExpansionBudget {
    private let limits: InputLimits
    private var values = 0
    private var textBytes = 0
    private var builtTextBytes = 0
    private var steps = 0
    /// The template place being filled in, kept up to date by the expander.
    var place: SourceLocation
    /// Above zero while a `let` value is computed: what it makes is work, counted when it is used.
    var definitionsBeingComputed = 0
    /// How many lists and mappings hold the value being made.
    private var depth = 0

    init(limits: InputLimits, place: SourceLocation) {
        self.limits = limits
        self.place = place
    }

    /// Counts `count` steps: loop passes, parts of expressions computed, list items read, values a `let` makes.
    func step(_ count: Int = 1) throws {
        steps += count
        if steps > limits.maximumTemplateSteps {
            throw ExpansionLimitReached(place: place, message: "filling in the template takes more than \(limits.maximumTemplateSteps) steps",
                                        hint: "a loop or a computation over lists repeats too often; check nested `for-each` and lists that grow")
        }
    }

    /// Counts text about to be built, before it is made, so a text that doubles itself stops in time.
    func build(_ bytes: Int) throws {
        builtTextBytes += bytes
        if builtTextBytes > limits.maximumFileBytes {
            throw ExpansionLimitReached(place: place, message: "the template builds more than \(megabytes) MB of text",
                                        hint: "a loop or a definition joins long texts again and again; check what repeats here")
        }
    }

    /// Counts one value of the description being made (a list, a mapping, a key, a text) with its text.
    func add(text: String? = nil) throws {
        if definitionsBeingComputed > 0 { return try step() }
        values += 1
        textBytes += text?.utf8.count ?? 0
        if values > limits.maximumNodes {
            throw ExpansionLimitReached(place: place, message: "the template makes more than \(limits.maximumNodes) values, more than a description may hold",
                                        hint: "check nested `for-each` and `let` definitions that use others more than once")
        }
        if textBytes > limits.maximumFileBytes {
            throw ExpansionLimitReached(place: place, message: "the template writes more than \(megabytes) MB of text, more than a description may hold",
                                        hint: "a loop or a definition repeats long texts; check what repeats here")
        }
    }

    /// Counts a value inserted whole (from the description, or computed), with all it holds.
    func add(_ value: TemplateValue) throws {
        switch value {
        case let .data(node, _): try add(node)
        case let .list(items): try add(); try inside { for item in items { try add(item) } }
        case .null, .bool, .number, .text: try add(text: value.text)
        }
    }

    /// Counts a node with all it holds, walking only as far as the limits allow.
    func add(_ node: SyntaxNode) throws {
        switch node.value {
        case .null: try add()
        case let .scalar(text): try add(text: text)
        case let .sequence(items): try add(); try inside { for item in items { try add(item) } }
        case let .mapping(pairs): try add(); try inside { for pair in pairs { try add(pair.key); try add(pair.value) } }
        }
    }

    /// Makes what a list or mapping holds, one level deeper: no deeper than a written description may
    /// nest (a `let` value counts from where it is used, so its making is bounded too).
    func inside<Result>(_ make: () throws -> Result) throws -> Result {
        depth += 1
        defer { depth -= 1 }
        if depth > limits.maximumDepth {
            throw ExpansionLimitReached(place: place, message: "the template nests lists and mappings more than \(limits.maximumDepth) deep, more than a description may",
                                        hint: "insert flatter values here")
        }
        return try make()
    }

    private var megabytes: Int { limits.maximumFileBytes / 1_000_000 }
}

/// The expansion reached one of its limits at `place`; it stops there with this one error.
struct ExpansionLimitReached: Error {
    var place: SourceLocation
    var message: String
    var hint: String
}

/// YAML merge keys: `<<: *name` (or `<<: [*a, *b]`) in a mapping copies the pairs of the anchored
/// mappings that the mapping does not give itself, so a table layout or a record written once
/// with `&name` can be reused and changed in part. The copied pairs keep the places they were
/// written at, so a mistake inside them is reported at the anchor, where it can be fixed.
enum MergeKey {
    /// The key that merges, written plain (a quoted `"<<"` is an ordinary key).
    static let key = "<<"

    /// `pairs` with each merge key replaced, in its place, by the pairs it brings in: keys written
    /// in the mapping win over merged ones, and among merged mappings the first one listed wins.
    static func apply(_ pairs: [(key: SyntaxNode, value: SyntaxNode)], problems: inout [Diagnostic]) -> [(key: SyntaxNode, value: SyntaxNode)] {
        guard pairs.contains(where: isMerge) else { return pairs }
        var taken = Set(pairs.filter { !isMerge($0) }.compactMap { $0.key.scalar })
        var result: [(key: SyntaxNode, value: SyntaxNode)] = []
        for pair in pairs {
            guard isMerge(pair) else {
                result.append(pair)
                continue
            }
            for source in pair.value.sequence ?? [pair.value] {
                guard let merged = source.mapping else {
                    problems.append(Diagnostic(at: source.location, "`<<` merges a mapping, but this is \(source.kindName)",
                                               hint: "write `<<: *name` where `&name` marks a mapping, or a list of them: `<<: [*a, *b]`"))
                    continue
                }
                for item in merged where item.key.scalar.map({ taken.insert($0).inserted }) ?? true {
                    result.append(item)
                }
            }
        }
        return result
    }

    private static func isMerge(_ pair: (key: SyntaxNode, value: SyntaxNode)) -> Bool {
        pair.key.scalar == key && !pair.key.isQuoted
    }
}

import Foundation
import ReportSyntax

/// A horizontal extent: a length in points or a share (0…1) of the width it is measured in.
public enum Extent: Equatable {
    case length(Double)
    case fraction(Double)

    /// The extent in points within `width` (never more than `width`).
    public func resolved(in width: Double) -> Double {
        switch self {
        case let .length(points): return min(points, width)
        case let .fraction(share): return width * share
        }
    }
}

/// A horizontal rule: a solid line `thickness` thick, `width` long, aligned in the text width.
public struct RuleBlock {
    public var width: Extent
    public var thickness: Double
    public var align: HorizontalAlignment
    public var color: Color
    public var spaceBefore: Double
    public var spaceAfter: Double
    public var location: SourceLocation?
    public init(width: Extent, thickness: Double, align: HorizontalAlignment, color: Color, spaceBefore: Double, spaceAfter: Double,
                location: SourceLocation? = nil) {
        self.width = width
        self.thickness = thickness
        self.align = align
        self.color = color
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.location = location
    }
}

/// One label of a form line with its dotted line: `ที่ ……… ` filled with the value.
public struct LeaderField {
    public var label: [Span]
    public var value: [Span]
    /// Where the dotted line ends, from the left edge of the line; nil: the line's end.
    public var end: Extent?
    public init(label: [Span], value: [Span], end: Extent?) {
        self.label = label
        self.value = value
        self.end = end
    }
}

/// Where a form line's value goes: written over the dots (as typed on a printed form), or after the
/// label with the dots going on after it.
public enum LeaderPlacement: String, CaseIterable { case over, after }

/// Labels with dotted leaders on one line (ส่วนราชการ ……, ที่ …… วันที่ ……): each field starts where
/// the one before ended; a value too long for its field wraps under its own start.
public struct LeaderLine {
    public var fields: [LeaderField]
    public var style: String
    public var placement: LeaderPlacement
    public var location: SourceLocation?
    public init(fields: [LeaderField], style: String, placement: LeaderPlacement, location: SourceLocation? = nil) {
        self.fields = fields
        self.style = style
        self.placement = placement
        self.location = location
    }
}

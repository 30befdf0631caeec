import Foundation

/// A parsed XML element: enough of a tree to read the query and REST-XML protocols' answers
/// without a schema. Namespaces are ignored; names are local names.
public struct XMLNode: Sendable, Equatable {
    public var name: String
    public var text: String
    public var children: [XMLNode]

    public init(name: String, text: String = "", children: [XMLNode] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// Parses a whole document and returns its root element.
    ///
    /// A reader of our own rather than Foundation's `XMLParser`: that one needs FoundationXML and
    /// with it libxml2, which the Lambda runtime (`provided.al2023`) does not have.
    public static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLNode {
        var reader = XMLReader(bytes: bytes)
        return try reader.document()
    }

    /// The first direct child with this name.
    public func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    /// All direct children with this name.
    public func children(_ name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    /// Follows a path of direct children, e.g. `node.at("DescribeAlarmsResult", "MetricAlarms")`.
    public func at(_ path: String...) -> XMLNode? {
        var node: XMLNode? = self
        for name in path { node = node?.child(name) }
        return node
    }

    /// The text of a direct child, nil when the child is absent.
    public func string(_ name: String) -> String? {
        child(name)?.text
    }

    /// The first element with this name anywhere below (depth first), including this one.
    public func first(named name: String) -> XMLNode? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(named: name) { return found }
        }
        return nil
    }
}

/// The document was not well-formed XML.
public struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var detail: String
    public var line: Int
    public var description: String { "XML line \(line): \(detail)" }
}

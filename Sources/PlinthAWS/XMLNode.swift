import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

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
    public static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLNode {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        guard parser.parse(), let root = builder.root else {
            let detail = parser.parserError.map { String(describing: $0) } ?? "no root element"
            throw XMLParseError(detail: detail, line: parser.lineNumber)
        }
        return root
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

/// Collects parser events into `XMLNode`s; used once per document on one thread.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLNode] = []
    var root: XMLNode?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        stack.append(XMLNode(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard var node = stack.popLast() else { return }
        if !node.children.isEmpty { node.text = node.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }
}

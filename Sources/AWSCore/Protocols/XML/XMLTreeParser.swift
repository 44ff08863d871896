import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Builds an `XMLNode` tree with FoundationXML's SAX-style `XMLParser`.
///
/// Namespace processing is off and prefixes are cut from names by hand, so `<item>`, `<ec2:item>`
/// and `<item xmlns="…">` read the same on Linux (libxml2) and Darwin.
///
/// Documents with a `<!DOCTYPE` are refused before parsing: AWS never sends one, and a DTD is how a
/// hostile endpoint would declare external entities (XXE) or entity bombs. FoundationXML on Linux
/// also silently drops text around unexpanded entities, which would give a wrong tree rather than an
/// error. External entities are additionally never resolved (`shouldResolveExternalEntities = false`).
enum XMLTreeParser {
    static func parse(_ bytes: [UInt8]) throws -> XMLNode {
        // An XML declaration must be the first thing in the document; tolerate whitespace a proxy
        // or a test fixture put before it.
        let start = bytes.firstIndex { !$0.isXMLSpace } ?? bytes.endIndex
        let document = Data(bytes[start...])
        guard !document.isEmpty else {
            throw AWSDecodingError(path: "", reason: .malformed("the body is empty"))
        }
        if hasDoctype(document) {
            throw AWSDecodingError(path: "", reason: .malformed("a DOCTYPE declaration is not accepted"))
        }
        let builder = Builder()
        let parser = XMLParser(data: document)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let succeeded = parser.parse()
        guard succeeded, builder.failure == nil, let root = builder.root else {
            let reason =
                builder.failure ?? parser.parserError.map { $0.localizedDescription }
                ?? "no root element"
            throw AWSDecodingError(
                path: "",
                reason: .malformed("line \(parser.lineNumber), column \(parser.columnNumber): \(reason)"))
        }
        return root.node(path: root.name)
    }

    /// Whether `<!DOCTYPE` (any case) appears in the prolog, before the root element starts.
    static func hasDoctype(_ document: Data) -> Bool {
        let marker = Array("<!doctype".utf8)
        let bytes = Array(document)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next != UInt8(ascii: "!"), next != UInt8(ascii: "?") { return false }  // the root element
            if index + marker.count <= bytes.count,
                zip(bytes[index..<index + marker.count], marker).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) })
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// An element under construction; a class so the open-element stack can append to it in place.
    final class Element {
        let name: String
        let attributes: [String: String]
        var text = ""
        var children: [Element] = []

        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }

        /// The finished node; list entries and repeated names get `[i]` in their paths.
        func node(path: String) -> XMLNode {
            var counts: [String: Int] = [:]
            for child in children { counts[child.name, default: 0] += 1 }
            var seen: [String: Int] = [:]
            let childNodes = children.map { child -> XMLNode in
                let index = seen[child.name, default: 0]
                seen[child.name] = index + 1
                let indexed = child.name == "item" || child.name == "member" || counts[child.name, default: 0] > 1
                return child.node(path: path + "." + child.name + (indexed ? "[\(index)]" : ""))
            }
            return XMLNode(name: name, path: path, attributes: attributes, children: childNodes, text: text)
        }
    }

    final class Builder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?
        var failure: String?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict { attributes[XMLTreeParser.localName(key)] = value }
            let element = Element(name: XMLTreeParser.localName(elementName), attributes: attributes)
            if let parent = stack.last {
                parent.children.append(element)
            } else if root == nil {
                root = element
            } else {
                failure = "more than one root element"
                parser.abortParsing()
            }
            stack.append(element)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if failure == nil { failure = parseError.localizedDescription }
        }
    }

    /// `ec2:item` → `item`; `xmlns:ec2` stays as is so it cannot collide with a real attribute.
    static func localName(_ qualified: String) -> String {
        guard !qualified.hasPrefix("xmlns"), let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }
}

extension UInt8 {
    fileprivate var isXMLSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}

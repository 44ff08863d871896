import Foundation
import Testing

@testable import AWSCore

@Suite("XMLNode parsing is robust to what AWS and moto send")
struct XMLNodeTests {
    @Test(
        "The same document reads the same whatever namespaces, prefixes and whitespace wrap it",
        arguments: [
            // AWS EC2: default namespace with a trailing slash (aws-wire.md §4.1).
            #"<R xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><keySet><item><keyName>k</keyName></item></keySet></R>"#,
            // moto: no trailing slash, XML declaration.
            #"<?xml version="1.0" encoding="utf-8"?><R xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><keySet><item><keyName>k</keyName></item></keySet></R>"#,
            // Prefixed elements.
            #"<ec2:R xmlns:ec2="urn:x"><ec2:keySet><ec2:item><ec2:keyName>k</ec2:keyName></ec2:item></ec2:keySet></ec2:R>"#,
            // Pretty-printed with tabs and CRLF, leading whitespace before the declaration.
            "\r\n  <?xml version=\"1.0\"?>\r\n<R>\r\n\t<keySet>\r\n\t\t<item>\r\n\t\t\t<keyName>k</keyName>\r\n\t\t</item>\r\n\t</keySet>\r\n</R>\r\n",
            // Comments, a processing instruction and unknown elements around the data.
            "<R><!-- note --><?pi data?><unknown a=\"1\"><deep/></unknown><keySet><item><extra>x</extra><keyName>k</keyName></item></keySet></R>",
        ])
    func equivalentDocuments(document: String) throws {
        let root = try XMLNode(parsing: document)
        #expect(root.name == "R")
        let items = root.items("keySet")
        #expect(items.count == 1)
        #expect(items.first?["keyName"]?.text == "k")
        #expect(items.first?["keyName"]?.path == "R.keySet.item[0].keyName")
    }

    @Test(
        "Entities, character references and CDATA become text",
        arguments: [
            ("<v>web &lt;1&gt; &amp; &quot;friends&quot; &apos;x&apos;</v>", #"web <1> & "friends" 'x'"#),
            ("<v>&#65;&#x42;&#x1F600;</v>", "AB😀"),
            ("<v><![CDATA[<not> & a tag]]></v>", "<not> & a tag"),
            ("<v>a<![CDATA[b]]>c&amp;d</v>", "abc&d"),
            ("<v>  spaced  </v>", "  spaced  "),
            ("<v>line1\nline2</v>", "line1\nline2"),
            ("<v/>", ""),
            ("<v>日本語</v>", "日本語"),
        ])
    func text(document: String, expected: String) throws {
        #expect(try XMLNode(parsing: document).text == expected)
    }

    @Test("List entries and repeated names are indexed in paths; single children are not")
    func paths() throws {
        let root = try XMLNode(parsing: "<A><set><item><x/></item><item><x/></item></set><m><member/></m><r/><r/><one><two/></one></A>")
        #expect(root.path == "A")
        #expect(root.items("set").map { $0["x"]?.path } == ["A.set.item[0].x", "A.set.item[1].x"])
        #expect(root["m"]?.members.first?.path == "A.m.member[0]")
        #expect(root.children(named: "r").map(\.path) == ["A.r[0]", "A.r[1]"])
        #expect(root["one"]?["two"]?.path == "A.one.two")
    }

    @Test("Lists: <xSet><item> for EC2, <member> for Query, empty when absent or self-closing")
    func lists() throws {
        let root = try XMLNode(parsing: "<A><keySet/><tagSet><item>1</item><item>2</item></tagSet><Tags><member>a</member></Tags></A>")
        #expect(root.items("keySet").isEmpty)
        #expect(root.items("missingSet").isEmpty)
        #expect(root.items("tagSet").map(\.text) == ["1", "2"])
        #expect(root["Tags"]?.members.map(\.text) == ["a"])
        #expect(root.firstDescendant(named: "member")?.text == "a")
        #expect(root.firstDescendant(named: "nothing") == nil)
    }

    @Test(
        "Lenient value readings of one node",
        arguments: [
            ("<v> 42 </v>", 42, nil, nil), ("<v>true</v>", nil, true, nil), ("<v>FALSE</v>", nil, false, nil),
            ("<v>yes</v>", nil, nil, nil), ("<v>4.5</v>", nil, nil, 4.5), ("<v/>", nil, nil, nil),
        ] as [(String, Int?, Bool?, Double?)])
    func values(document: String, int: Int?, bool: Bool?, double: Double?) throws {
        let node = try XMLNode(parsing: document)
        #expect(node.int == int)
        #expect(node.bool == bool)
        if int == nil { #expect(node.double == double) }
    }

    @Test("Dates and base64 text read as values")
    func dateAndBase64() throws {
        let node = try XMLNode(parsing: "<A><t>2012-10-16T20:00:13.000Z</t><b>\n aGVsbG8=\n</b><bad>x</bad></A>")
        #expect(node["t"]?.date == Date(timeIntervalSince1970: 1_350_417_613))
        #expect(node["b"]?.base64Bytes == Array("hello".utf8))
        #expect(node["bad"]?.date == nil)
    }

    @Test(
        "Malformed documents fail with a position, never a partial tree",
        arguments: [
            "", "   ", "not xml", "<a>", "<a></b>", "<a><b></a>", "<a>&unknown;</a>", "<a/><b/>",
            "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>",
        ])
    func malformed(document: String) {
        #expect {
            try XMLNode(parsing: document)
        } throws: { error in
            guard let error = error as? AWSDecodingError, case .malformed = error.reason else { return false }
            return true
        }
    }

    @Test(
        "Documents with a DOCTYPE are refused: no external entities (XXE), no entity expansion",
        arguments: [
            "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<a>[&x;]</a>",
            "<!DOCTYPE a [<!ENTITY y \"internal\">]><a>[&y;]</a>",
            "<!-- c --><!doctype a><a/>",
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>",
        ])
    func doctypeRefused(document: String) {
        #expect(throws: AWSDecodingError(path: "", reason: .malformed("a DOCTYPE declaration is not accepted"))) {
            try XMLNode(parsing: document)
        }
    }

    @Test("The text <!DOCTYPE inside an element or CDATA is just text")
    func doctypeAsText() throws {
        #expect(try XMLNode(parsing: "<a><![CDATA[<!DOCTYPE x>]]></a>").text == "<!DOCTYPE x>")
        #expect(try XMLNode(parsing: "<a>&lt;!DOCTYPE x&gt;</a>").text == "<!DOCTYPE x>")
    }

    @Test("A DescribeInstances page of 2,000 instances parses completely, paths and all")
    func largeDocument() throws {
        let item = "<item><instanceId>i-0123456789abcdef0</instanceId><instanceState><code>16</code><name>running</name></instanceState><tagSet><item><key>Name</key><value>web</value></item></tagSet></item>"
        let document = "<DescribeInstancesResponse><reservationSet><item><instancesSet>"
            + String(repeating: item, count: 2000) + "</instancesSet></item></reservationSet></DescribeInstancesResponse>"
        let instances = try XMLNode(parsing: document).items("reservationSet").first?.items("instancesSet") ?? []
        #expect(instances.count == 2000)
        #expect(instances.last?["instanceState"]?["name"]?.path
            == "DescribeInstancesResponse.reservationSet.item[0].instancesSet.item[1999].instanceState.name")
    }
}

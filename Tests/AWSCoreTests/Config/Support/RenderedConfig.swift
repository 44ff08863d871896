import AWSCore

/// A parsed file in the shape botocore's `raw_config_parse` returns: section header → key → text or block.
enum RenderedConfigValue: Hashable, Decodable, CustomStringConvertible {
    case text(String)
    case block([String: String])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .block(try container.decode([String: String].self))
        }
    }

    var description: String {
        switch self {
        case .text(let text): return String(reflecting: text)
        case .block(let block): return String(describing: block.sorted { $0.key < $1.key })
        }
    }
}

typealias RenderedConfigSections = [String: [String: RenderedConfigValue]]

extension AWSConfigFile {
    /// `raw_config_parse`'s view: every section (with inherited `[DEFAULT]` keys) by its header.
    var rendered: RenderedConfigSections {
        Dictionary(uniqueKeysWithValues: sections.map { ($0.header, $0.rendered) })
    }

    /// `build_profile_map`'s `profiles`, `sso_sessions` and `services` maps.
    var renderedMaps: [String: RenderedConfigSections] {
        var maps: [String: RenderedConfigSections] = ["profiles": [:], "sso_sessions": [:], "services": [:]]
        for section in sections {
            switch section.kind {
            case .profile(let name): maps["profiles"]![name] = profileSection(named: name)!.rendered
            case .ssoSession(let name): maps["sso_sessions"]![name] = ssoSessionSection(named: name)!.rendered
            case .services(let name): maps["services"]![name] = servicesSection(named: name)!.rendered
            case .other: break
            }
        }
        return maps
    }
}

extension AWSConfigSection {
    var rendered: [String: RenderedConfigValue] {
        Dictionary(uniqueKeysWithValues: entries.map { entry in
            switch entry.value {
            case .text(let text): return (entry.key, .text(text))
            case .subsection(let block):
                return (entry.key, .block(Dictionary(uniqueKeysWithValues: block.map { ($0.key, $0.value.text ?? "") })))
            }
        })
    }
}
